package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Value conversions between types, with Spark's default (non-ANSI) semantics.
 *
 * <p>This first version covers numbers, booleans and strings among themselves; the full matrix
 * (dates, timestamps, binary, nested types) is completed with the function library.
 */
public final class Casts {
  private Casts() {}

  /** Whether a value of {@code from} can be cast to {@code to} at all. */
  public static boolean canCast(DataType from, DataType to) {
    if (from.equals(to) || from.kind() == DataType.Kind.NULL) {
      return true;
    }
    boolean fromSimple = from.isNumeric() || from.kind() == DataType.Kind.BOOLEAN;
    boolean toSimple = to.isNumeric() || to.kind() == DataType.Kind.BOOLEAN;
    if (fromSimple && toSimple) {
      return true;
    }
    return (from.kind() == DataType.Kind.STRING && (toSimple || to.kind() == DataType.Kind.STRING))
        || (to.kind() == DataType.Kind.STRING && fromSimple);
  }

  /** Whether the cast can yield NULL for a non-null input. */
  public static boolean mayFail(DataType from, DataType to) {
    if (from.equals(to)) {
      return false;
    }
    return from.kind() == DataType.Kind.STRING || to.kind() == DataType.Kind.DECIMAL;
  }

  /** Converts a non-null value; null when it cannot be represented in {@code to}. */
  public static Object cast(Object v, DataType from, DataType to) {
    if (from.equals(to)) {
      return v;
    }
    if (to.kind() == DataType.Kind.STRING) {
      return toText(v, from);
    }
    if (from.kind() == DataType.Kind.STRING) {
      String s = ((String) v).trim();
      if (to.kind() == DataType.Kind.BOOLEAN) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
          case "t", "true", "y", "yes", "1" -> true;
          case "f", "false", "n", "no", "0" -> false;
          default -> null;
        };
      }
      try {
        return fromDecimal(new BigDecimal(s), to, true);
      } catch (NumberFormatException e) {
        if (to.kind() == DataType.Kind.DOUBLE || to.kind() == DataType.Kind.FLOAT) {
          Double d = specialDouble(s);
          return d == null ? null : to.kind() == DataType.Kind.FLOAT ? (Object) d.floatValue() : d;
        }
        return null;
      }
    }
    if (from.kind() == DataType.Kind.BOOLEAN) {
      return fromLong((Boolean) v ? 1 : 0, to);
    }
    if (from.isIntegral()) {
      return fromLong(((Number) v).longValue(), to);
    }
    if (from.kind() == DataType.Kind.DECIMAL) {
      return fromDecimal((BigDecimal) v, to, false);
    }
    double d = ((Number) v).doubleValue();
    return fromDouble(d, to);
  }

  private static Double specialDouble(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "nan" -> Double.NaN;
      case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }

  private static Object fromLong(long x, DataType to) {
    return switch (to.kind()) {
      case BOOLEAN -> x != 0;
      case BYTE -> (byte) x;
      case SHORT -> (short) x;
      case INT -> (int) x;
      case LONG -> x;
      case FLOAT -> (float) x;
      case DOUBLE -> (double) x;
      case DECIMAL -> toDecimal(BigDecimal.valueOf(x), (DecimalType) to);
      default -> throw new IllegalArgumentException("cannot cast to " + to.simpleString());
    };
  }

  private static Object fromDouble(double d, DataType to) {
    if (to.kind() == DataType.Kind.DECIMAL) {
      return Double.isNaN(d) || Double.isInfinite(d)
          ? null
          : toDecimal(new BigDecimal(Double.toString(d)), (DecimalType) to);
    }
    return switch (to.kind()) {
      case BOOLEAN -> d != 0;
      case BYTE -> (byte) (int) d;
      case SHORT -> (short) (int) d;
      case INT -> (int) d;
      case LONG -> (long) d;
      case FLOAT -> (float) d;
      case DOUBLE -> d;
      default -> throw new IllegalArgumentException("cannot cast to " + to.simpleString());
    };
  }

  private static Object fromDecimal(BigDecimal d, DataType to, boolean fromString) {
    return switch (to.kind()) {
      case DECIMAL -> toDecimal(d, (DecimalType) to);
      case FLOAT -> d.floatValue();
      case DOUBLE -> d.doubleValue();
      case BOOLEAN -> d.signum() != 0;
      default -> {
        if (fromString) {
          // A string that is not a whole number in range is NULL, as in Spark.
          try {
            long x = d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : d.longValue();
            if (d.stripTrailingZeros().scale() > 0) {
              x = d.setScale(0, RoundingMode.DOWN).longValueExact();
            }
            Object r = fromLong(x, to);
            yield ((Number) r).longValue() == x ? r : null;
          } catch (ArithmeticException e) {
            yield null;
          }
        }
        yield fromLong(d.setScale(0, RoundingMode.DOWN).longValue(), to);
      }
    };
  }

  /** {@code d} rounded half-up to the type's scale, or null when it needs more digits. */
  public static BigDecimal toDecimal(BigDecimal d, DecimalType type) {
    BigDecimal scaled = d.setScale(type.scale(), RoundingMode.HALF_UP);
    return scaled.precision() - scaled.scale() > type.precision() - type.scale() ? null : scaled;
  }

  private static String toText(Object v, DataType from) {
    return switch (from.kind()) {
      case DECIMAL -> ((BigDecimal) v).toPlainString();
      case FLOAT -> floatText((Float) v);
      case DOUBLE -> doubleText((Double) v);
      default -> String.valueOf(v);
    };
  }

  private static String floatText(float f) {
    return Float.isNaN(f)
        ? "NaN"
        : Float.isInfinite(f) ? (f > 0 ? "Infinity" : "-Infinity") : Float.toString(f);
  }

  private static String doubleText(double d) {
    return Double.isNaN(d)
        ? "NaN"
        : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Double.toString(d);
  }
}
