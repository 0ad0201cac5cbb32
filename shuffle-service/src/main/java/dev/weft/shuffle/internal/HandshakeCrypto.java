package dev.weft.shuffle.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge-response of the shuffle handshake. Each side proves it knows the application's
 * secret with HMAC-SHA256 over a transcript of the role, the protocol version, the application id
 * and both nonces; the secret itself never crosses the wire. Distinct roles keep a server proof
 * from being replayed as a client proof.
 */
public final class HandshakeCrypto {
  /** Bytes in each side's nonce. */
  public static final int NONCE_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private HandshakeCrypto() {}

  /** A fresh random nonce. */
  public static byte[] newNonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  /** The client's proof of knowing {@code secret}. */
  public static byte[] clientProof(
      byte[] secret, int version, String appId, byte[] clientNonce, byte[] serverNonce) {
    return proof("client", secret, version, appId, clientNonce, serverNonce);
  }

  /** The server's proof of knowing {@code secret}. */
  public static byte[] serverProof(
      byte[] secret, int version, String appId, byte[] clientNonce, byte[] serverNonce) {
    return proof("server", secret, version, appId, clientNonce, serverNonce);
  }

  /** Compares two proofs in time independent of where they differ. */
  public static boolean matches(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] proof(
      String role,
      byte[] secret,
      int version,
      String appId,
      byte[] clientNonce,
      byte[] serverNonce) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("expected a non-empty application secret, found none");
    }
    byte[] app = appId.getBytes(StandardCharsets.UTF_8);
    byte[] r = role.getBytes(StandardCharsets.UTF_8);
    ByteBuffer transcript =
        ByteBuffer.allocate(
            "weft-shuffle".length()
                + 4 * 5
                + r.length
                + app.length
                + clientNonce.length
                + serverNonce.length);
    transcript.put("weft-shuffle".getBytes(StandardCharsets.US_ASCII)).putInt(version);
    for (byte[] field : new byte[][] {r, app, clientNonce, serverNonce}) {
      transcript.putInt(field.length).put(field);
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac.doFinal(transcript.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
    }
  }
}
