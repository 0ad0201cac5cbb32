package dev.weft.sql.sources.avro;

import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.DecimalType;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro schemas as {@link StructType}s and Avro values as internal values, as Spark's {@code avro}
 * source maps them: a union of null and one type is that type, nullable; {@code date} is date;
 * {@code timestamp-millis/micros} and {@code local-timestamp-millis/micros} are timestamp; {@code
 * decimal} on bytes or fixed is decimal; enum is string; maps have string keys. Other unions fail
 * with a message naming the file and the field.
 */
public final class AvroTypes {
  private AvroTypes() {}

  /** The struct of a record schema. */
  public static StructType toStructType(Schema record, String file) {
    List<StructField> fields = new ArrayList<>();
    for (Schema.Field f : record.getFields()) {
      Schema s = f.schema();
      boolean nullable = false;
      if (s.getType() == Schema.Type.UNION) {
        s = nonNull(s, f.name(), file);
        nullable = true;
      }
      fields.add(DataTypes.createStructField(f.name(), type(s, f.name(), file), nullable));
    }
    return StructType.of(fields);
  }

  private static Schema nonNull(Schema union, String name, String file) {
    List<Schema> types = union.getTypes();
    List<Schema> rest = types.stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    if (rest.size() != 1) {
      throw new IllegalArgumentException(
          "Avro file "
              + file
              + ": field "
              + name
              + " is a union "
              + union
              + "; only unions of null and one type can be read");
    }
    return rest.get(0);
  }

  private static DataType type(Schema s, String name, String file) {
    LogicalType l = s.getLogicalType();
    if (l instanceof LogicalTypes.Decimal d) {
      return DataTypes.createDecimalType(d.getPrecision(), d.getScale());
    }
    switch (s.getType()) {
      case BOOLEAN:
        return DataTypes.BooleanType;
      case INT:
        return l instanceof LogicalTypes.Date ? DataTypes.DateType : DataTypes.IntegerType;
      case LONG:
        return isTimestamp(l) ? DataTypes.TimestampType : DataTypes.LongType;
      case FLOAT:
        return DataTypes.FloatType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case BYTES:
      case FIXED:
        return DataTypes.BinaryType;
      case STRING:
      case ENUM:
        return DataTypes.StringType;
      case ARRAY:
        {
          Schema e = s.getElementType();
          boolean nullable = e.getType() == Schema.Type.UNION;
          Schema et = nullable ? nonNull(e, name, file) : e;
          return DataTypes.createArrayType(type(et, name, file), nullable);
        }
      case MAP:
        {
          Schema v = s.getValueType();
          boolean nullable = v.getType() == Schema.Type.UNION;
          Schema vt = nullable ? nonNull(v, name, file) : v;
          return DataTypes.createMapType(DataTypes.StringType, type(vt, name, file), nullable);
        }
      case RECORD:
        return toStructType(s, file);
      case UNION:
        return type(nonNull(s, name, file), name, file);
      default:
        throw new IllegalArgumentException(
            "Avro file " + file + ": field " + name + " has unsupported type " + s);
    }
  }

  private static boolean isTimestamp(LogicalType l) {
    return l instanceof LogicalTypes.TimestampMillis
        || l instanceof LogicalTypes.TimestampMicros
        || l instanceof LogicalTypes.LocalTimestampMillis
        || l instanceof LogicalTypes.LocalTimestampMicros;
  }

  /** The internal value of an Avro value of schema {@code s} read as {@code type}. */
  static Object value(Object v, Schema s, DataType type) {
    if (v == null) {
      return null;
    }
    if (s.getType() == Schema.Type.UNION) {
      s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().get();
    }
    LogicalType l = s.getLogicalType();
    switch (type.kind()) {
      case STRING:
        return v.toString();
      case DECIMAL:
        {
          if (v instanceof BigDecimal b) {
            return b;
          }
          byte[] bytes = v instanceof GenericFixed f ? f.bytes() : bytes((ByteBuffer) v);
          return new BigDecimal(new BigInteger(bytes), ((DecimalType) type).scale());
        }
      case BINARY:
        return v instanceof GenericFixed f ? f.bytes().clone() : bytes((ByteBuffer) v);
      case DATE:
        return v instanceof LocalDate d ? (int) d.toEpochDay() : v;
      case TIMESTAMP:
        {
          if (v instanceof Instant i) {
            return InternalValues.toMicros(i);
          }
          long n = (Long) v;
          return l instanceof LogicalTypes.TimestampMillis
                  || l instanceof LogicalTypes.LocalTimestampMillis
              ? Math.multiplyExact(n, 1000L)
              : n;
        }
      case ARRAY:
        {
          DataType et = ((ArrayType) type).elementType();
          List<Object> out = new ArrayList<>();
          for (Object e : (List<?>) v) {
            out.add(value(e, s.getElementType(), et));
          }
          return out;
        }
      case MAP:
        {
          DataType vt = ((MapType) type).valueType();
          Map<Object, Object> out = new LinkedHashMap<>();
          for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            out.put(e.getKey().toString(), value(e.getValue(), s.getValueType(), vt));
          }
          return out;
        }
      case STRUCT:
        return row((GenericRecord) v, (StructType) type);
      default:
        return v;
    }
  }

  /** The internal row of {@code record} holding the columns of {@code type}; absent ones null. */
  static InternalRow row(GenericRecord record, StructType type) {
    Object[] values = new Object[type.size()];
    Schema schema = record.getSchema();
    for (int i = 0; i < values.length; i++) {
      Schema.Field f = schema.getField(type.field(i).name());
      if (f != null) {
        values[i] = value(record.get(f.pos()), f.schema(), type.field(i).dataType());
      }
    }
    return new InternalRow(values);
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
