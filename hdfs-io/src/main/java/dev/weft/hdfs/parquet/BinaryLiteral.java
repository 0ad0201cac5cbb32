package dev.weft.hdfs.parquet;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A byte-string literal for comparisons with binary columns; immutable, unlike the array it is made
 * of.
 */
public final class BinaryLiteral implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;

  /** A literal holding a copy of {@code bytes}. */
  public BinaryLiteral(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /** A copy of the literal's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BinaryLiteral that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The bytes in SQL's hexadecimal literal form, e.g. {@code X'0aff'}. */
  @Override
  public String toString() {
    return "X'" + HexFormat.of().formatHex(bytes) + "'";
  }
}
