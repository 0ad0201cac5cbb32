package dev.weft.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What an application gives the shuffle service when it registers on a node (YARN's service data of
 * the {@code weft_shuffle} aux service): its secret and whether its shuffle connections must be
 * encrypted. Layout: the magic {@code "WEFTSD01"}, a flags byte (bit 0: encryption required), then
 * the secret. Anything without the magic is a bare secret (as applications sent before the flags
 * existed), which requires no encryption.
 *
 * @param secret the application's secret
 * @param encryptionRequired whether the service refuses plaintext shuffle connections of the app
 */
public record ShuffleServiceData(byte[] secret, boolean encryptionRequired) {
  private static final byte[] MAGIC = "WEFTSD01".getBytes(StandardCharsets.US_ASCII);
  private static final int ENCRYPTION_REQUIRED = 1;

  public ShuffleServiceData {
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  /** The bytes to hand to the service. */
  public byte[] encode() {
    byte[] out = new byte[MAGIC.length + 1 + secret.length];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[MAGIC.length] = (byte) (encryptionRequired ? ENCRYPTION_REQUIRED : 0);
    System.arraycopy(secret, 0, out, MAGIC.length + 1, secret.length);
    return out;
  }

  /**
   * Reads what {@link #encode} wrote, or a bare secret.
   *
   * @throws IllegalArgumentException when the flags byte has bits this version does not know
   */
  public static ShuffleServiceData decode(byte[] data) {
    if (data.length <= MAGIC.length
        || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return new ShuffleServiceData(data, false);
    }
    int flags = data[MAGIC.length] & 0xff;
    if ((flags & ~ENCRYPTION_REQUIRED) != 0) {
      throw new IllegalArgumentException(
          "expected shuffle service data flags 0 or 1, found " + flags);
    }
    return new ShuffleServiceData(
        Arrays.copyOfRange(data, MAGIC.length + 1, data.length), flags == ENCRYPTION_REQUIRED);
  }

  /** {@link #decode(byte[])} of the remaining bytes of {@code data}, which it leaves unchanged. */
  public static ShuffleServiceData decode(ByteBuffer data) {
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return decode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShuffleServiceData other
        && encryptionRequired == other.encryptionRequired
        && Arrays.equals(secret, other.secret);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(secret) + Boolean.hashCode(encryptionRequired);
  }

  @Override
  public String toString() {
    return "ShuffleServiceData[secret of "
        + secret.length
        + " bytes, encryption "
        + (encryptionRequired ? "required" : "not required")
        + "]";
  }
}
