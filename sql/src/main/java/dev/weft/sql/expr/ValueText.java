package dev.weft.sql.expr;

import dev.weft.sql.expr.datetime.DateTimeUtils;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Values as text, exactly as Spark's non-ANSI cast to string writes them: doubles as Java prints
 * them ({@code 1.0E10}, {@code NaN}, {@code Infinity}), decimals as {@link BigDecimal#toString}
 * (scientific below 10^-6: {@code 1E-7}; ANSI mode would write them plain), dates {@code
 * 2026-01-02}, timestamps {@code 2026-01-02 03:04:05.123456} (trailing zeros of the fraction
 * dropped) in the session zone, binary decoded as UTF-8, arrays {@code [1, 2, null]}, maps {@code
 * {a -> 1}}, structs {@code {1, a}}.
 */
public final class ValueText {
  private ValueText() {}

  /** The text of a non-null internal value of {@code type}. */
  public static String of(Object v, DataType type, ZoneId zone) {
    StringBuilder b = new StringBuilder();
    append(b, v, type, zone);
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static void append(StringBuilder b, Object v, DataType type, ZoneId zone) {
    switch (type.kind()) {
      // BigDecimal.toString, not toPlainString: Spark non-ANSI writes 1E-7 for 0.0000001.
      case DECIMAL -> b.append(((BigDecimal) v).toString());
      case FLOAT -> b.append(Float.toString((Float) v));
      case DOUBLE -> b.append(Double.toString((Double) v));
      case DATE -> b.append(DateTimeUtils.dateToString((Integer) v));
      case TIMESTAMP -> b.append(DateTimeUtils.timestampToString((Long) v, zone));
      case BINARY -> b.append(new String((byte[]) v, StandardCharsets.UTF_8));
      case ARRAY -> {
        DataType et = ((ArrayType) type).elementType();
        b.append('[');
        List<Object> list = (List<Object>) v;
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            b.append(", ");
          }
          appendNullable(b, list.get(i), et, zone);
        }
        b.append(']');
      }
      case MAP -> {
        MapType mt = (MapType) type;
        b.append('{');
        boolean first = true;
        for (Map.Entry<Object, Object> e : ((Map<Object, Object>) v).entrySet()) {
          if (!first) {
            b.append(", ");
          }
          first = false;
          append(b, e.getKey(), mt.keyType(), zone);
          b.append(" -> ");
          appendNullable(b, e.getValue(), mt.valueType(), zone);
        }
        b.append('}');
      }
      case STRUCT -> {
        StructType st = (StructType) type;
        InternalRow row = (InternalRow) v;
        b.append('{');
        for (int i = 0; i < st.size(); i++) {
          if (i > 0) {
            b.append(", ");
          }
          appendNullable(b, row.get(i), st.field(i).dataType(), zone);
        }
        b.append('}');
      }
      default -> b.append(v);
    }
  }

  private static void appendNullable(StringBuilder b, Object v, DataType type, ZoneId zone) {
    if (v == null) {
      b.append("null");
    } else {
      append(b, v, type, zone);
    }
  }
}
