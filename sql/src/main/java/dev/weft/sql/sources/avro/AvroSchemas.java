package dev.weft.sql.sources.avro;

import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DecimalType;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * The Avro schema of a DataFrame schema and the Avro values of its rows, as Spark's {@code avro}
 * source writes them: a nullable column is a union of its type and {@code null}; tinyint, smallint
 * and int are {@code int}; date is {@code int} of logical type {@code date}; timestamp is {@code
 * long} of logical type {@code timestamp-micros}; decimal is a {@code fixed} of the fewest bytes
 * for its precision with logical type {@code decimal}; binary is {@code bytes}; structs are records
 * named after their column, in a namespace of the enclosing records' names; maps must have string
 * keys. The top-level record is {@code topLevelRecord} unless the writer's {@code recordName} and
 * {@code recordNamespace} options say otherwise.
 */
public final class AvroSchemas {
  private AvroSchemas() {}

  /** The record schema of rows of {@code schema}. */
  public static Schema toAvroSchema(StructType schema, String recordName, String namespace) {
    return record(schema, recordName, namespace);
  }

  private static Schema record(StructType struct, String name, String namespace) {
    String childNamespace = namespace.isEmpty() ? name : namespace + "." + name;
    List<Schema.Field> fields = new ArrayList<>();
    for (StructField f : struct.fields()) {
      try {
        fields.add(
            new Schema.Field(
                f.name(), type(f.dataType(), f.nullable(), f.name(), childNamespace), null, null));
      } catch (SchemaParseException e) {
        throw new IllegalArgumentException(
            "Column '"
                + f.name()
                + "' cannot be written to Avro: an Avro name is letters, digits and _, not"
                + " starting with a digit ("
                + e.getMessage()
                + ")");
      }
    }
    return Schema.createRecord(name, null, namespace.isEmpty() ? null : namespace, false, fields);
  }

  private static Schema type(DataType type, boolean nullable, String name, String namespace) {
    Schema s =
        switch (type.kind()) {
          case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
          case BYTE, SHORT, INT -> Schema.create(Schema.Type.INT);
          case LONG -> Schema.create(Schema.Type.LONG);
          case FLOAT -> Schema.create(Schema.Type.FLOAT);
          case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
          case STRING -> Schema.create(Schema.Type.STRING);
          case BINARY -> Schema.create(Schema.Type.BYTES);
          case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
          case TIMESTAMP ->
              LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
          case DECIMAL -> {
            DecimalType d = (DecimalType) type;
            String fullName = (namespace.isEmpty() ? "" : namespace + ".") + name + ".fixed";
            Schema fixed = Schema.createFixed(fullName, null, null, fixedSize(d.precision()));
            yield LogicalTypes.decimal(d.precision(), d.scale()).addToSchema(fixed);
          }
          case ARRAY -> {
            ArrayType a = (ArrayType) type;
            yield Schema.createArray(type(a.elementType(), a.containsNull(), name, namespace));
          }
          case MAP -> {
            MapType m = (MapType) type;
            if (m.keyType().kind() != DataType.Kind.STRING) {
              throw new IllegalArgumentException(
                  "Column "
                      + name
                      + " of type "
                      + type.simpleString()
                      + " cannot be written to Avro: map keys must be strings");
            }
            yield Schema.createMap(type(m.valueType(), m.valueContainsNull(), name, namespace));
          }
          case STRUCT -> record((StructType) type, name, namespace);
          case NULL -> Schema.create(Schema.Type.NULL);
          default ->
              throw new IllegalArgumentException(
                  "Column "
                      + name
                      + " of type "
                      + type.simpleString()
                      + " cannot be written to Avro");
        };
    if (nullable && s.getType() != Schema.Type.NULL) {
      return Schema.createUnion(s, Schema.create(Schema.Type.NULL));
    }
    return s;
  }

  /** The fewest bytes whose two's complement holds every unscaled value of {@code precision}. */
  static int fixedSize(int precision) {
    int bytes = 1;
    while (BigDecimal.TEN.pow(precision).compareTo(BigDecimal.valueOf(2).pow(8 * bytes - 1)) > 0) {
      bytes++;
    }
    return bytes;
  }

  /** The generic record of a row of {@code type} in {@code schema} (from {@link #toAvroSchema}). */
  public static GenericRecord toRecord(InternalRow row, StructType type, Schema schema) {
    GenericData.Record record = new GenericData.Record(schema);
    for (int i = 0; i < type.size(); i++) {
      Object v = row.get(i);
      StructField f = type.field(i);
      if (v == null && !f.nullable()) {
        throw new IllegalArgumentException(
            "Column " + f.name() + " is not nullable but holds a null");
      }
      record.put(i, value(v, f.dataType(), schema.getFields().get(i).schema()));
    }
    return record;
  }

  private static Object value(Object v, DataType type, Schema s) {
    if (v == null) {
      return null;
    }
    if (s.getType() == Schema.Type.UNION) {
      s = s.getTypes().get(0);
    }
    return switch (type.kind()) {
      case BYTE -> ((Byte) v).intValue();
      case SHORT -> ((Short) v).intValue();
      case STRING -> new Utf8((String) v);
      case BINARY -> ByteBuffer.wrap((byte[]) v);
      case DECIMAL -> decimal((BigDecimal) v, (DecimalType) type, s);
      case ARRAY -> {
        ArrayType a = (ArrayType) type;
        List<Object> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
          out.add(value(e, a.elementType(), s.getElementType()));
        }
        yield out;
      }
      case MAP -> {
        MapType m = (MapType) type;
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          out.put(
              new Utf8((String) e.getKey()), value(e.getValue(), m.valueType(), s.getValueType()));
        }
        yield out;
      }
      case STRUCT -> toRecord((InternalRow) v, (StructType) type, s);
      default -> v; // boolean, int, long, float, double, date (days), timestamp (micros)
    };
  }

  private static GenericData.Fixed decimal(BigDecimal d, DecimalType type, Schema fixed) {
    byte[] b = d.setScale(type.scale()).unscaledValue().toByteArray();
    int n = fixed.getFixedSize();
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, 0, n - b.length, (byte) (b[0] < 0 ? -1 : 0));
    System.arraycopy(b, 0, out, n - b.length, b.length);
    return new GenericData.Fixed(fixed, out);
  }
}
