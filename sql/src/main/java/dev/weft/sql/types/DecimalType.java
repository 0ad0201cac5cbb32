package dev.weft.sql.types;

/**
 * A fixed-point decimal with {@code precision} digits in all, {@code scale} of them after the
 * point; values are {@link java.math.BigDecimal}s of exactly that scale. Precision is at most 38,
 * as in Spark; arithmetic on decimals is exact and fails or yields null (as Spark's non-ANSI mode
 * does) when a result does not fit.
 */
public final class DecimalType extends DataType {
  private static final long serialVersionUID = 1L;

  /** The largest precision. */
  public static final int MAX_PRECISION = 38;

  private final int precision;
  private final int scale;

  DecimalType(int precision, int scale) {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException(
          "decimal precision must be between 1 and " + MAX_PRECISION + ", got " + precision);
    }
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "decimal scale must be between 0 and the precision " + precision + ", got " + scale);
    }
    this.precision = precision;
    this.scale = scale;
  }

  public int precision() {
    return precision;
  }

  public int scale() {
    return scale;
  }

  @Override
  public Kind kind() {
    return Kind.DECIMAL;
  }

  @Override
  public String simpleString() {
    return "decimal(" + precision + "," + scale + ")";
  }

  @Override
  public int defaultSize() {
    return precision <= 18 ? 8 : 16;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecimalType d && d.precision == precision && d.scale == scale;
  }

  @Override
  public int hashCode() {
    return precision * 31 + scale;
  }
}
