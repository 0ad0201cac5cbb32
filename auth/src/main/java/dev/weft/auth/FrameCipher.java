package dev.weft.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM records for a connection that a {@link ChallengeResponse} authenticated. Each
 * direction has its own key, derived from the exchange's session key with HKDF-Expand (HMAC-SHA256)
 * and a label naming the direction, so the keys are fresh for every connection (both nonces are in
 * the transcript) and never sent. Each record's 96-bit nonce is four zero bytes and the record's
 * 64-bit sequence number in its direction, counted from 0; the receiver expects the next number, so
 * a replayed, reordered, dropped, truncated or altered record fails its authentication tag.
 *
 * <p>A record on the wire is its length (4 bytes, big-endian: ciphertext plus tag) followed by the
 * ciphertext and the 16-byte tag; it carries at most {@link #MAX_PLAINTEXT} bytes of plaintext.
 * Instances are not thread-safe: one per connection and direction.
 */
public final class FrameCipher {
  /** Plaintext bytes in one record at most. */
  public static final int MAX_PLAINTEXT = 64 * 1024;

  /** Bytes of the authentication tag after each record's ciphertext. */
  public static final int TAG_BYTES = 16;

  /** Bytes of the length before each record. */
  public static final int LENGTH_BYTES = 4;

  /** Bytes a record adds to its plaintext: its length and its tag. */
  public static final int OVERHEAD = LENGTH_BYTES + TAG_BYTES;

  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec key;
  private final Cipher cipher;
  private final int mode;
  private final byte[] iv = new byte[12];
  private long sequence;

  private FrameCipher(byte[] key, int mode) {
    this.key = new SecretKeySpec(key, "AES");
    this.mode = mode;
    try {
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available in this JVM", e);
    }
  }

  /**
   * The cipher that seals what {@code role} sends.
   *
   * @param sessionKey {@link ChallengeResponse#sessionKey} of the connection's exchange
   * @param role {@code "client"} or {@code "server"}: the side that sends
   */
  public static FrameCipher sealing(byte[] sessionKey, String role) {
    return new FrameCipher(directionKey(sessionKey, role), Cipher.ENCRYPT_MODE);
  }

  /**
   * The cipher that opens what {@code role} sent.
   *
   * @param sessionKey {@link ChallengeResponse#sessionKey} of the connection's exchange
   * @param role {@code "client"} or {@code "server"}: the side that sent
   */
  public static FrameCipher opening(byte[] sessionKey, String role) {
    return new FrameCipher(directionKey(sessionKey, role), Cipher.DECRYPT_MODE);
  }

  /** The bytes on the wire of {@code plaintext} bytes sealed into records. */
  public static long sealedLength(long plaintext) {
    return plaintext + records(plaintext) * OVERHEAD;
  }

  /** The number of records {@code plaintext} bytes are sealed into (at least one). */
  public static long records(long plaintext) {
    return Math.max(1, (plaintext + MAX_PLAINTEXT - 1) / MAX_PLAINTEXT);
  }

  /** The sequence number the next record is sealed or opened with. */
  public long sequence() {
    return sequence;
  }

  /**
   * Reserves {@code n} sequence numbers for records sealed later with {@link #seal(long,
   * ByteBuffer, ByteBuffer)} (so records can be sealed lazily yet numbered in the order they are
   * queued).
   *
   * @return the first of them
   */
  public long reserve(long n) {
    long first = sequence;
    sequence += n;
    return first;
  }

  /**
   * Seals the remaining bytes of {@code plaintext} (at most {@link #MAX_PLAINTEXT}) as the next
   * record into {@code out}: its length, ciphertext and tag.
   */
  public void seal(ByteBuffer plaintext, ByteBuffer out) {
    seal(reserve(1), plaintext, out);
  }

  /** Seals a record under a sequence number reserved with {@link #reserve}. */
  public void seal(long sequenceNumber, ByteBuffer plaintext, ByteBuffer out) {
    if (mode != Cipher.ENCRYPT_MODE) {
      throw new IllegalStateException("this cipher opens records, it does not seal them");
    }
    int length = plaintext.remaining();
    if (length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException(
          "expected at most " + MAX_PLAINTEXT + " bytes in a record, found " + length);
    }
    out.putInt(length + TAG_BYTES);
    try {
      cipher.init(mode, key, nonce(sequenceNumber));
      cipher.doFinal(plaintext, out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a record: " + e, e);
    }
  }

  /**
   * Opens the next record: {@code record} holds its ciphertext and tag (its length removed); the
   * plaintext is written to {@code out}.
   *
   * @throws AEADBadTagException when the record is not the next one sealed with the peer's key
   *     (altered, replayed, reordered, or sealed with another key)
   */
  public void open(ByteBuffer record, ByteBuffer out) throws AEADBadTagException {
    if (mode != Cipher.DECRYPT_MODE) {
      throw new IllegalStateException("this cipher seals records, it does not open them");
    }
    if (record.remaining() < TAG_BYTES) {
      throw new AEADBadTagException(
          "expected a record of at least " + TAG_BYTES + " bytes, found " + record.remaining());
    }
    try {
      cipher.init(mode, key, nonce(sequence));
      cipher.doFinal(record, out);
      sequence++;
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open a record: " + e, e);
    }
  }

  private GCMParameterSpec nonce(long sequenceNumber) {
    ByteBuffer.wrap(iv).putInt(0).putLong(sequenceNumber);
    return new GCMParameterSpec(TAG_BYTES * 8, iv);
  }

  /** HKDF-Expand (RFC 5869) of one 32-byte block: the session key is already a uniform PRK. */
  private static byte[] directionKey(byte[] sessionKey, String role) {
    if (!role.equals("client") && !role.equals("server")) {
      throw new IllegalArgumentException("expected role client or server, found " + role);
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(sessionKey, HMAC));
      mac.update(("weft aes-256-gcm " + role + " to peer").getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC + " is not available in this JVM", e);
    }
  }
}
