package dev.weft.sql.expr;

import dev.weft.sql.Row;
import dev.weft.sql.RowFactory;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DecimalType;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between user-facing values ({@link Row}) and internal ones ({@link InternalRow}). */
public final class InternalValues {
  private InternalValues() {}

  /** Microseconds since the epoch of an instant (truncating nanoseconds below a microsecond). */
  public static long toMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  public static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /**
   * The internal value of a user value of {@code type}.
   *
   * @throws IllegalArgumentException naming the type and the value's class when they do not fit
   */
  public static Object toInternal(Object v, DataType type) {
    if (v == null) {
      return null;
    }
    switch (type.kind()) {
      case DATE:
        if (v instanceof LocalDate d) {
          return (int) d.toEpochDay();
        }
        if (v instanceof java.sql.Date d) {
          return (int) d.toLocalDate().toEpochDay();
        }
        break;
      case TIMESTAMP:
        if (v instanceof Instant t) {
          return toMicros(t);
        }
        if (v instanceof java.sql.Timestamp t) {
          return toMicros(t.toInstant());
        }
        break;
      case DECIMAL:
        if (v instanceof BigDecimal d) {
          DecimalType dt = (DecimalType) type;
          BigDecimal scaled = d.setScale(dt.scale(), java.math.RoundingMode.HALF_UP);
          if (scaled.precision() - scaled.scale() > dt.precision() - dt.scale()) {
            throw new IllegalArgumentException(
                "Value " + d + " does not fit " + type.simpleString());
          }
          return scaled;
        }
        break;
      case ARRAY:
        if (v instanceof List<?> list) {
          DataType et = ((ArrayType) type).elementType();
          List<Object> out = new ArrayList<>(list.size());
          for (Object e : list) {
            out.add(toInternal(e, et));
          }
          // Not wrapped: Kryo, which ships rows to tasks, cannot rebuild unmodifiable wrappers.
          return out;
        }
        break;
      case MAP:
        if (v instanceof Map<?, ?> map) {
          MapType mt = (MapType) type;
          Map<Object, Object> out = new LinkedHashMap<>();
          for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(toInternal(e.getKey(), mt.keyType()), toInternal(e.getValue(), mt.valueType()));
          }
          return out;
        }
        break;
      case STRUCT:
        if (v instanceof Row row) {
          return toInternalRow(row, (StructType) type);
        }
        break;
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        }
        break;
      case BYTE:
        if (v instanceof Byte) {
          return v;
        }
        break;
      case SHORT:
        if (v instanceof Short) {
          return v;
        }
        break;
      case INT:
        if (v instanceof Integer) {
          return v;
        }
        break;
      case LONG:
        if (v instanceof Long) {
          return v;
        }
        break;
      case FLOAT:
        if (v instanceof Float) {
          return v;
        }
        break;
      case DOUBLE:
        if (v instanceof Double) {
          return v;
        }
        break;
      case STRING:
        if (v instanceof String) {
          return v;
        }
        break;
      case BINARY:
        if (v instanceof byte[]) {
          return v;
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "A value of type "
            + type.simpleString()
            + " cannot be "
            + v.getClass().getName()
            + " ("
            + v
            + ")");
  }

  /** The internal row of a user row of {@code schema}. */
  public static InternalRow toInternalRow(Row row, StructType schema) {
    if (row.size() != schema.size()) {
      throw new IllegalArgumentException(
          "Row "
              + row
              + " has "
              + row.size()
              + " values; schema "
              + schema.simpleString()
              + " has "
              + schema.size()
              + " fields");
    }
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = toInternal(row.get(i), schema.field(i).dataType());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Field " + schema.field(i).name() + ": " + e.getMessage(), e);
      }
    }
    return new InternalRow(values);
  }

  /** The user value of an internal value of {@code type}. */
  public static Object toExternal(Object v, DataType type) {
    if (v == null) {
      return null;
    }
    return switch (type.kind()) {
      case DATE -> LocalDate.ofEpochDay((Integer) v);
      case TIMESTAMP -> fromMicros((Long) v);
      case ARRAY -> {
        DataType et = ((ArrayType) type).elementType();
        List<Object> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
          out.add(toExternal(e, et));
        }
        yield Collections.unmodifiableList(out);
      }
      case MAP -> {
        MapType mt = (MapType) type;
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          out.put(toExternal(e.getKey(), mt.keyType()), toExternal(e.getValue(), mt.valueType()));
        }
        yield Collections.unmodifiableMap(out);
      }
      case STRUCT -> toRow((InternalRow) v, (StructType) type);
      default -> v;
    };
  }

  /** The user row of an internal row of {@code schema}. */
  public static Row toRow(InternalRow row, StructType schema) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = toExternal(row.get(i), schema.field(i).dataType());
    }
    return RowFactory.create(schema, values);
  }

  /** A value as a SQL literal, for plans: {@code 1}, {@code 'a'}, {@code DATE '2026-01-02'}. */
  public static String toSqlLiteral(Object v, DataType type) {
    if (v == null) {
      return "NULL";
    }
    return switch (type.kind()) {
      case STRING -> "'" + ((String) v).replace("'", "\\'") + "'";
      case DATE -> "DATE '" + LocalDate.ofEpochDay((Integer) v) + "'";
      case TIMESTAMP -> "TIMESTAMP '" + fromMicros((Long) v) + "'";
      case LONG -> v + "L";
      case BINARY -> "X'" + java.util.HexFormat.of().withUpperCase().formatHex((byte[]) v) + "'";
      case DECIMAL -> ((BigDecimal) v).toPlainString() + "BD";
      default -> String.valueOf(v);
    };
  }
}
