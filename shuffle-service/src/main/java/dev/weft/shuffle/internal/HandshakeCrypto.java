package dev.weft.shuffle.internal;

import dev.weft.auth.ChallengeResponse;
import dev.weft.auth.FrameCipher;
import java.nio.charset.StandardCharsets;

/**
 * The challenge-response of the shuffle handshake: {@link ChallengeResponse} (module {@code auth},
 * shared with the driver RPC) with the label {@code "weft-shuffle"}. Each side proves it knows the
 * application's secret with HMAC-SHA256 over the role, the protocol version, the application id and
 * both nonces; the secret itself never crosses the wire. When the client asks for encryption the
 * transcript also binds the cipher's name, so the request cannot be stripped unnoticed, and both
 * sides derive the connection's {@link FrameCipher} keys from it.
 */
public final class HandshakeCrypto {
  /** Bytes in each side's nonce. */
  public static final int NONCE_BYTES = ChallengeResponse.NONCE_BYTES;

  private static final ChallengeResponse SHUFFLE = new ChallengeResponse("weft-shuffle");
  private static final byte[] CIPHER = "aes-256-gcm".getBytes(StandardCharsets.US_ASCII);

  private HandshakeCrypto() {}

  /** A fresh random nonce. */
  public static byte[] newNonce() {
    return ChallengeResponse.newNonce();
  }

  /** The client's proof of knowing {@code secret} on a plaintext connection. */
  public static byte[] clientProof(
      byte[] secret, int version, String appId, byte[] clientNonce, byte[] serverNonce) {
    return clientProof(secret, version, appId, clientNonce, serverNonce, false);
  }

  /** The server's proof of knowing {@code secret} on a plaintext connection. */
  public static byte[] serverProof(
      byte[] secret, int version, String appId, byte[] clientNonce, byte[] serverNonce) {
    return serverProof(secret, version, appId, clientNonce, serverNonce, false);
  }

  /** The client's proof of knowing {@code secret}; {@code encrypt} as the client asked. */
  public static byte[] clientProof(
      byte[] secret,
      int version,
      String appId,
      byte[] clientNonce,
      byte[] serverNonce,
      boolean encrypt) {
    return SHUFFLE.clientProof(exchange(secret, version, appId, clientNonce, serverNonce, encrypt));
  }

  /** The server's proof of knowing {@code secret}; {@code encrypt} as the client asked. */
  public static byte[] serverProof(
      byte[] secret,
      int version,
      String appId,
      byte[] clientNonce,
      byte[] serverNonce,
      boolean encrypt) {
    return SHUFFLE.serverProof(exchange(secret, version, appId, clientNonce, serverNonce, encrypt));
  }

  /** The session key of an encrypted connection, from which each direction's key is derived. */
  public static byte[] sessionKey(
      byte[] secret, int version, String appId, byte[] clientNonce, byte[] serverNonce) {
    return SHUFFLE.sessionKey(exchange(secret, version, appId, clientNonce, serverNonce, true));
  }

  /** Compares two proofs in time independent of where they differ. */
  public static boolean matches(byte[] expected, byte[] actual) {
    return ChallengeResponse.matches(expected, actual);
  }

  private static ChallengeResponse.Exchange exchange(
      byte[] secret,
      int version,
      String appId,
      byte[] clientNonce,
      byte[] serverNonce,
      boolean encrypt) {
    return encrypt
        ? new ChallengeResponse.Exchange(secret, version, appId, clientNonce, serverNonce, CIPHER)
        : new ChallengeResponse.Exchange(secret, version, appId, clientNonce, serverNonce);
  }
}
