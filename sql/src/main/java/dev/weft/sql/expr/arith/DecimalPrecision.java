package dev.weft.sql.expr.arith;

import dev.weft.sql.expr.Literal;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;

/**
 * The result types of decimal arithmetic, as Spark's {@code DecimalPrecision} computes them with
 * {@code spark.sql.decimalOperations.allowPrecisionLoss=true} (the default): the exact result's
 * precision and scale, and when that needs more than 38 digits, 38 digits keeping the integral
 * digits and at least 6 (or the exact scale, if smaller) fractional digits.
 */
public final class DecimalPrecision {
  private DecimalPrecision() {}

  /** The fractional digits kept at least when a result type is cut to 38 digits. */
  public static final int MINIMUM_ADJUSTED_SCALE = 6;

  /** {@code decimal(precision, scale)}, cut to 38 digits as described above. */
  public static DecimalType adjust(int precision, int scale) {
    if (precision <= DecimalType.MAX_PRECISION) {
      return DataTypes.createDecimalType(precision, scale);
    }
    int intDigits = precision - scale;
    int minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
    int adjustedScale = Math.max(DecimalType.MAX_PRECISION - intDigits, minScale);
    return DataTypes.createDecimalType(DecimalType.MAX_PRECISION, adjustedScale);
  }

  /** {@code decimal(min(precision, 38), min(scale, 38))}. */
  public static DecimalType bounded(int precision, int scale) {
    return DataTypes.createDecimalType(
        Math.min(precision, DecimalType.MAX_PRECISION), Math.min(scale, DecimalType.MAX_PRECISION));
  }

  /** {@code a + b} and {@code a - b}: max(s1, s2) and max(p1-s1, p2-s2) + 1 integral digits. */
  public static DecimalType add(DecimalType a, DecimalType b) {
    int scale = Math.max(a.scale(), b.scale());
    int range = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
    return adjust(range + scale + 1, scale);
  }

  /** {@code a * b}: p1 + p2 + 1 digits, s1 + s2 fractional. */
  public static DecimalType multiply(DecimalType a, DecimalType b) {
    return adjust(a.precision() + b.precision() + 1, a.scale() + b.scale());
  }

  /** {@code a / b}: scale max(6, s1 + p2 + 1), p1 - s1 + s2 integral digits. */
  public static DecimalType divide(DecimalType a, DecimalType b) {
    int intDigits = a.precision() - a.scale() + b.scale();
    int scale = Math.max(MINIMUM_ADJUSTED_SCALE, a.scale() + b.precision() + 1);
    return adjust(intDigits + scale, scale);
  }

  /** {@code a % b} and {@code pmod(a, b)}: min of the integral digits, max of the scales. */
  public static DecimalType remainder(DecimalType a, DecimalType b) {
    int scale = Math.max(a.scale(), b.scale());
    int range = Math.min(a.precision() - a.scale(), b.precision() - b.scale());
    return adjust(range + scale, scale);
  }

  /** The decimal both can be widened to: max of the integral digits and of the scales. */
  public static DecimalType wider(DecimalType a, DecimalType b) {
    int scale = Math.max(a.scale(), b.scale());
    int range = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
    return bounded(range + scale, scale);
  }

  /**
   * The decimal that holds every value of a number type: tinyint decimal(3,0), smallint (5,0), int
   * (10,0), bigint (20,0), float (14,7), double (30,15); a decimal is itself; null otherwise.
   */
  public static DecimalType forType(DataType t) {
    return switch (t.kind()) {
      case BYTE -> DataTypes.createDecimalType(3, 0);
      case SHORT -> DataTypes.createDecimalType(5, 0);
      case INT -> DataTypes.createDecimalType(10, 0);
      case LONG -> DataTypes.createDecimalType(20, 0);
      case FLOAT -> DataTypes.createDecimalType(14, 7);
      case DOUBLE -> DataTypes.createDecimalType(30, 15);
      case DECIMAL -> (DecimalType) t;
      default -> null;
    };
  }

  /**
   * The smallest decimal of an integral literal's value ({@code 2} is decimal(1,0)), which Spark
   * uses for integral literals next to decimals so that {@code price * 2} keeps a small type.
   */
  public static DecimalType forLiteral(Literal l) {
    if (l.value() == null || !l.dataType().isIntegral()) {
      return forType(l.dataType());
    }
    BigDecimal d = BigDecimal.valueOf(((Number) l.value()).longValue());
    return DataTypes.createDecimalType(Math.max(d.precision(), 1), 0);
  }

  /** Whether {@code a} holds every value of {@code b} (integral digits and scale both ≥). */
  public static boolean isWiderThan(DecimalType a, DataType b) {
    DecimalType d = forType(b);
    return d != null
        && b.kind() != DataType.Kind.FLOAT
        && b.kind() != DataType.Kind.DOUBLE
        && a.precision() - a.scale() >= d.precision() - d.scale()
        && a.scale() >= d.scale();
  }
}
