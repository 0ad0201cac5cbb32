package dev.weft.sql.expr;

import dev.weft.sql.expr.datetime.DateTimeUtils;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataType.Kind;
import dev.weft.sql.types.DecimalType;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Value conversions between types with Spark's default (non-ANSI) semantics: a value that does not
 * convert (a malformed string, a decimal out of range, NaN to a timestamp, a date to a number) is
 * NULL; narrowing integral conversions wrap; fractional to integral truncates toward zero and
 * saturates (NaN is 0), as Java's and Scala's {@code toInt} do. Strings are read as {@link
 * NumberParsing} and {@link DateTimeUtils} describe and written as {@link ValueText} does.
 */
public final class Casts {
  private Casts() {}

  /** Whether a value of {@code from} can be cast to {@code to} at all (Spark's canCast). */
  public static boolean canCast(DataType from, DataType to) {
    if (from.equals(to) || from.kind() == Kind.NULL || to.kind() == Kind.STRING) {
      return true;
    }
    Kind f = from.kind();
    Kind t = to.kind();
    if (to.isNumeric()) {
      return from.isNumeric()
          || f == Kind.STRING
          || f == Kind.BOOLEAN
          || f == Kind.DATE
          || f == Kind.TIMESTAMP;
    }
    switch (t) {
      case BOOLEAN:
        return from.isNumeric() || f == Kind.STRING || f == Kind.DATE || f == Kind.TIMESTAMP;
      case BINARY:
        return f == Kind.STRING || from.isIntegral();
      case DATE:
        return f == Kind.STRING || f == Kind.TIMESTAMP;
      case TIMESTAMP:
        return from.isNumeric() || f == Kind.STRING || f == Kind.BOOLEAN || f == Kind.DATE;
      case ARRAY:
        if (from instanceof ArrayType a) {
          ArrayType b = (ArrayType) to;
          return canCast(a.elementType(), b.elementType())
              && resolvable(
                  a.containsNull() || forceNullable(a.elementType(), b.elementType()),
                  b.containsNull());
        }
        return false;
      case MAP:
        if (from instanceof MapType a) {
          MapType b = (MapType) to;
          return canCast(a.keyType(), b.keyType())
              && !forceNullable(a.keyType(), b.keyType())
              && canCast(a.valueType(), b.valueType())
              && resolvable(
                  a.valueContainsNull() || forceNullable(a.valueType(), b.valueType()),
                  b.valueContainsNull());
        }
        return false;
      case STRUCT:
        if (from instanceof StructType a) {
          StructType b = (StructType) to;
          if (a.size() != b.size()) {
            return false;
          }
          for (int i = 0; i < a.size(); i++) {
            DataType fa = a.field(i).dataType();
            DataType fb = b.field(i).dataType();
            if (!canCast(fa, fb)
                || !resolvable(
                    a.field(i).nullable() || forceNullable(fa, fb), b.field(i).nullable())) {
              return false;
            }
          }
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  private static boolean resolvable(boolean fromNullable, boolean toNullable) {
    return !fromNullable || toNullable;
  }

  /** Whether the cast can yield NULL for a non-null input (so the result is nullable). */
  public static boolean mayFail(DataType from, DataType to) {
    return !from.equals(to) && forceNullable(from, to);
  }

  /** Spark's forceNullable: the conversions that can turn a value into NULL. */
  static boolean forceNullable(DataType from, DataType to) {
    Kind f = from.kind();
    Kind t = to.kind();
    if (f == Kind.NULL || from.equals(to)) {
      return false;
    }
    if (f == Kind.STRING) {
      return t != Kind.BINARY && t != Kind.STRING;
    }
    if (t == Kind.STRING) {
      return false;
    }
    if ((f == Kind.FLOAT || f == Kind.DOUBLE) && t == Kind.TIMESTAMP) {
      return true;
    }
    if (t == Kind.DATE) {
      return f != Kind.TIMESTAMP;
    }
    if (f == Kind.DATE) {
      return t != Kind.TIMESTAMP;
    }
    if (to instanceof DecimalType d) {
      return !fitsDecimal(from, d);
    }
    // Spark marks fractional to integral nullable (NaN, infinity), though non-ANSI casts saturate.
    return (f == Kind.FLOAT || f == Kind.DOUBLE || f == Kind.DECIMAL) && to.isIntegral();
  }

  private static boolean fitsDecimal(DataType from, DecimalType to) {
    return switch (from.kind()) {
      case BOOLEAN -> to.precision() - to.scale() >= 1;
      case BYTE -> to.precision() - to.scale() >= 3;
      case SHORT -> to.precision() - to.scale() >= 5;
      case INT -> to.precision() - to.scale() >= 10;
      case LONG -> to.precision() - to.scale() >= 20;
      case DECIMAL -> {
        DecimalType d = (DecimalType) from;
        yield to.precision() - to.scale() >= d.precision() - d.scale() && to.scale() >= d.scale();
      }
      default -> false;
    };
  }

  /** Converts a non-null value in UTC; null when it cannot be represented in {@code to}. */
  public static Object cast(Object v, DataType from, DataType to) {
    return cast(v, from, to, ZoneOffset.UTC);
  }

  /**
   * Converts a non-null value, reading and writing local dates and times in {@code zone}; null when
   * it cannot be represented in {@code to}.
   */
  public static Object cast(Object v, DataType from, DataType to, ZoneId zone) {
    if (from.equals(to)) {
      return v;
    }
    if (to.kind() == Kind.STRING) {
      return ValueText.of(v, from, zone);
    }
    return switch (from.kind()) {
      case NULL -> null;
      case STRING -> fromString((String) v, to, zone);
      case BOOLEAN -> fromBoolean((Boolean) v, to);
      case BYTE, SHORT, INT, LONG -> fromLong(((Number) v).longValue(), from, to);
      case FLOAT -> fromDouble(((Float) v).doubleValue(), (Float) v, to);
      case DOUBLE -> fromDouble((Double) v, null, to);
      case DECIMAL -> fromDecimal((BigDecimal) v, to);
      case DATE -> fromDate((Integer) v, to, zone);
      case TIMESTAMP -> fromTimestamp((Long) v, to, zone);
      case ARRAY, MAP, STRUCT -> fromNested(v, from, to, zone);
      default -> unsupported(from, to);
    };
  }

  private static Object unsupported(DataType from, DataType to) {
    throw new IllegalArgumentException(
        "cannot cast " + from.simpleString() + " to " + to.simpleString());
  }

  private static Object fromString(String s, DataType to, ZoneId zone) {
    return switch (to.kind()) {
      case BOOLEAN -> parseBoolean(s);
      case BYTE -> narrow(NumberParsing.parseIntegral(s, Byte.MIN_VALUE, Byte.MAX_VALUE), to);
      case SHORT -> narrow(NumberParsing.parseIntegral(s, Short.MIN_VALUE, Short.MAX_VALUE), to);
      case INT -> narrow(NumberParsing.parseIntegral(s, Integer.MIN_VALUE, Integer.MAX_VALUE), to);
      case LONG -> NumberParsing.parseIntegral(s, Long.MIN_VALUE, Long.MAX_VALUE);
      case FLOAT -> parseFloat(s);
      case DOUBLE -> NumberParsing.parseDouble(s);
      case DECIMAL -> {
        BigDecimal d = NumberParsing.parseDecimal(s);
        yield d == null ? null : toDecimal(d, (DecimalType) to);
      }
      case BINARY -> s.getBytes(StandardCharsets.UTF_8);
      case DATE -> DateTimeUtils.stringToDate(s);
      case TIMESTAMP -> DateTimeUtils.stringToTimestamp(s, zone);
      default -> unsupported(dev.weft.sql.types.DataTypes.StringType, to);
    };
  }

  private static Object narrow(Long x, DataType to) {
    return x == null ? null : fromLong(x, dev.weft.sql.types.DataTypes.LongType, to);
  }

  private static Float parseFloat(String s) {
    try {
      return Float.parseFloat(s);
    } catch (NumberFormatException e) {
      Double d = NumberParsing.parseDouble(s);
      return d == null ? null : d.floatValue();
    }
  }

  private static Boolean parseBoolean(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) <= ' ' || Character.isISOControl(s.charAt(start)))) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) <= ' ' || Character.isISOControl(s.charAt(end - 1)))) {
      end--;
    }
    return switch (s.substring(start, end).toLowerCase(Locale.ROOT)) {
      case "t", "true", "y", "yes", "1" -> true;
      case "f", "false", "n", "no", "0" -> false;
      default -> null;
    };
  }

  private static Object fromBoolean(boolean b, DataType to) {
    if (to.kind() == Kind.TIMESTAMP) {
      return b ? 1L : 0L; // one microsecond, as in Spark
    }
    return fromLong(b ? 1 : 0, dev.weft.sql.types.DataTypes.IntegerType, to);
  }

  private static Object fromLong(long x, DataType from, DataType to) {
    return switch (to.kind()) {
      case BOOLEAN -> x != 0;
      case BYTE -> (byte) x;
      case SHORT -> (short) x;
      case INT -> (int) x;
      case LONG -> x;
      case FLOAT -> (float) x;
      case DOUBLE -> (double) x;
      case DECIMAL -> toDecimal(BigDecimal.valueOf(x), (DecimalType) to);
      case TIMESTAMP -> java.util.concurrent.TimeUnit.SECONDS.toMicros(x);
      case BINARY -> integralBytes(x, from);
      default -> unsupported(from, to);
    };
  }

  private static byte[] integralBytes(long x, DataType from) {
    return switch (from.kind()) {
      case BYTE -> new byte[] {(byte) x};
      case SHORT -> ByteBuffer.allocate(2).putShort((short) x).array();
      case INT -> ByteBuffer.allocate(4).putInt((int) x).array();
      default -> ByteBuffer.allocate(8).putLong(x).array();
    };
  }

  /** {@code f} is the float value when the source is a float (for float to string, boolean). */
  private static Object fromDouble(double d, Float f, DataType to) {
    return switch (to.kind()) {
      case BOOLEAN -> d != 0;
      case BYTE -> (byte) (int) d;
      case SHORT -> (short) (int) d;
      case INT -> (int) d;
      case LONG -> (long) d;
      case FLOAT -> (float) d;
      case DOUBLE -> d;
      case DECIMAL ->
          Double.isNaN(d) || Double.isInfinite(d)
              ? null
              : toDecimal(new BigDecimal(Double.toString(d)), (DecimalType) to);
      case TIMESTAMP ->
          Double.isNaN(d) || Double.isInfinite(d)
              ? null
              : (long) (d * DateTimeUtils.MICROS_PER_SECOND);
      default -> unsupported(dev.weft.sql.types.DataTypes.DoubleType, to);
    };
  }

  private static Object fromDecimal(BigDecimal d, DataType to) {
    return switch (to.kind()) {
      case DECIMAL -> toDecimal(d, (DecimalType) to);
      case FLOAT -> d.floatValue();
      case DOUBLE -> d.doubleValue();
      case BOOLEAN -> d.signum() != 0;
      case TIMESTAMP -> d.multiply(BigDecimal.valueOf(DateTimeUtils.MICROS_PER_SECOND)).longValue();
      // The integral part's low 64 bits, then narrowed: Spark's Decimal.toLong/toInt.
      default -> fromLong(d.longValue(), dev.weft.sql.types.DataTypes.LongType, to);
    };
  }

  private static Object fromDate(int days, DataType to, ZoneId zone) {
    return to.kind() == Kind.TIMESTAMP ? DateTimeUtils.dateToTimestamp(days, zone) : null;
  }

  private static Object fromTimestamp(long micros, DataType to, ZoneId zone) {
    long seconds = Math.floorDiv(micros, DateTimeUtils.MICROS_PER_SECOND);
    double fractional = micros / (double) DateTimeUtils.MICROS_PER_SECOND;
    return switch (to.kind()) {
      case DATE -> DateTimeUtils.timestampToDate(micros, zone);
      case BOOLEAN -> micros != 0;
      case BYTE -> (byte) seconds;
      case SHORT -> (short) seconds;
      case INT -> (int) seconds;
      case LONG -> seconds;
      case FLOAT -> (float) fractional;
      case DOUBLE -> fractional;
      case DECIMAL -> fromDouble(fractional, null, to);
      default -> unsupported(dev.weft.sql.types.DataTypes.TimestampType, to);
    };
  }

  @SuppressWarnings("unchecked")
  private static Object fromNested(Object v, DataType from, DataType to, ZoneId zone) {
    if (from instanceof ArrayType a && to instanceof ArrayType b) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<Object>) v) {
        out.add(e == null ? null : cast(e, a.elementType(), b.elementType(), zone));
      }
      return Collections.unmodifiableList(out);
    }
    if (from instanceof MapType a && to instanceof MapType b) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<Object, Object> e : ((Map<Object, Object>) v).entrySet()) {
        Object value = e.getValue();
        out.put(
            cast(e.getKey(), a.keyType(), b.keyType(), zone),
            value == null ? null : cast(value, a.valueType(), b.valueType(), zone));
      }
      return Collections.unmodifiableMap(out);
    }
    if (from instanceof StructType a && to instanceof StructType b) {
      InternalRow row = (InternalRow) v;
      Object[] out = new Object[b.size()];
      for (int i = 0; i < out.length; i++) {
        Object f = row.get(i);
        out[i] = f == null ? null : cast(f, a.field(i).dataType(), b.field(i).dataType(), zone);
      }
      return new InternalRow(out);
    }
    return unsupported(from, to);
  }

  /** {@code d} rounded half-up to the type's scale, or null when it needs more digits. */
  public static BigDecimal toDecimal(BigDecimal d, DecimalType type) {
    if (d.precision() - d.scale() > type.precision() - type.scale()) {
      return null; // checked first: setScale of a huge number is costly and cannot fit anyway
    }
    BigDecimal scaled = d.setScale(type.scale(), RoundingMode.HALF_UP);
    return scaled.precision() - scaled.scale() > type.precision() - type.scale() ? null : scaled;
  }
}
