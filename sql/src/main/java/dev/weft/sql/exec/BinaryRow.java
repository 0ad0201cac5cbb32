package dev.weft.sql.exec;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Encoded key columns ({@link RowCodec} bytes) compared and hashed as bytes: the grouping and join
 * keys that shuffles partition by. Floating-point keys are normalized before encoding, so equal
 * values have equal bytes.
 */
public final class BinaryRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private final int hash;

  public BinaryRow(byte[] bytes) {
    this.bytes = bytes;
    int h = 0x9747b28c;
    for (byte b : bytes) {
      h = (h ^ b) * 0x5bd1e995;
      h ^= h >>> 15;
    }
    this.hash = h;
  }

  public byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryRow r && r.hash == hash && Arrays.equals(r.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "BinaryRow(" + bytes.length + " bytes)";
  }
}
