package dev.weft.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A mutual challenge-response over an application's secret. Each side sends a fresh nonce; each
 * proves that it knows the secret with HMAC-SHA256 over a transcript of the protocol's label, the
 * protocol version, its role, the application id, both nonces and any channel-binding fields the
 * protocol adds (for example the fingerprint of a TLS certificate). The secret itself never crosses
 * the wire, a proof is worthless outside the exchange it was made for (fresh nonces), distinct
 * roles keep a server's proof from being replayed as a client's, and distinct labels keep a proof
 * made for one protocol from being accepted by another.
 *
 * <p>Both sides can also derive a session key from the same transcript ({@link #sessionKey}), which
 * is never sent either.
 *
 * <p>The transcript is: the label's ASCII bytes, the version (4 bytes, big-endian), then each of
 * role, application id, client nonce, server nonce and the binding fields as a 4-byte length
 * followed by its bytes.
 */
public final class ChallengeResponse {
  /** Bytes in each side's nonce. */
  public static final int NONCE_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] label;

  /**
   * @param label names the protocol in every transcript (for example {@code "weft-shuffle"})
   */
  public ChallengeResponse(String label) {
    if (label == null || label.isEmpty()) {
      throw new IllegalArgumentException("expected a protocol label, found none");
    }
    this.label = label.getBytes(StandardCharsets.US_ASCII);
  }

  /** A fresh random nonce of {@link #NONCE_BYTES} bytes. */
  public static byte[] newNonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  /** The client's proof of knowing {@code secret} in this exchange. */
  public byte[] clientProof(Exchange exchange) {
    return mac("client", exchange);
  }

  /** The server's proof of knowing {@code secret} in this exchange. */
  public byte[] serverProof(Exchange exchange) {
    return mac("server", exchange);
  }

  /** A key both sides derive from the exchange after it succeeded; it is never sent. */
  public byte[] sessionKey(Exchange exchange) {
    return mac("session", exchange);
  }

  /** Compares two proofs in time independent of where they differ. */
  public static boolean matches(byte[] expected, byte[] actual) {
    return actual != null && MessageDigest.isEqual(expected, actual);
  }

  private byte[] mac(String role, Exchange e) {
    if (e.secret.length == 0) {
      throw new IllegalArgumentException("expected a non-empty application secret, found none");
    }
    ByteArrayOutputStream transcript = new ByteArrayOutputStream(256);
    transcript.writeBytes(label);
    transcript.writeBytes(ByteBuffer.allocate(4).putInt(e.version).array());
    field(transcript, role.getBytes(StandardCharsets.UTF_8));
    field(transcript, e.appId.getBytes(StandardCharsets.UTF_8));
    field(transcript, e.clientNonce);
    field(transcript, e.serverNonce);
    for (byte[] binding : e.binding) {
      field(transcript, binding);
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(e.secret, ALGORITHM));
      return mac.doFinal(transcript.toByteArray());
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JVM", ex);
    }
  }

  private static void field(ByteArrayOutputStream out, byte[] bytes) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  /**
   * What one exchange's proofs cover.
   *
   * @param secret the application's secret
   * @param version the protocol version both sides agreed on
   * @param appId the application's id
   * @param clientNonce the client's nonce
   * @param serverNonce the server's nonce
   * @param binding further fields both sides must agree on (channel binding); may be empty
   */
  public record Exchange(
      byte[] secret,
      int version,
      String appId,
      byte[] clientNonce,
      byte[] serverNonce,
      byte[]... binding) {}
}
