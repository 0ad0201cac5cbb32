package dev.weft.sql.sources.parquet;

import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DecimalType;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes internal rows as Parquet in Spark's default layout: tinyint and smallint as annotated
 * INT32, decimals as INT32 (precision up to 9), INT64 (up to 18) or fixed-length binary, date as
 * INT32 {@code DATE}, timestamp as INT96 (Spark's {@code spark.sql.parquet.outputTimestampType}
 * default), strings as {@code STRING} binaries, arrays as standard 3-level lists, maps as {@code
 * key_value} groups; the message is named {@code spark_schema}.
 */
public final class RowWriteSupport extends WriteSupport<InternalRow> {
  private final StructType schema;
  private final MessageType message;
  private RecordConsumer out;

  public RowWriteSupport(StructType schema) {
    this.schema = schema;
    this.message = toMessageType(schema);
  }

  /** The Parquet schema Spark writes for {@code schema}. */
  public static MessageType toMessageType(StructType schema) {
    List<Type> fields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      fields.add(field(f.name(), f.dataType(), f.nullable()));
    }
    return new MessageType("spark_schema", fields);
  }

  private static Type field(String name, DataType type, boolean nullable) {
    Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    switch (type.kind()) {
      case BOOLEAN:
        return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
      case BYTE:
        return Types.primitive(PrimitiveTypeName.INT32, rep)
            .as(LogicalTypeAnnotation.intType(8, true))
            .named(name);
      case SHORT:
        return Types.primitive(PrimitiveTypeName.INT32, rep)
            .as(LogicalTypeAnnotation.intType(16, true))
            .named(name);
      case INT:
        return Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
      case LONG:
        return Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
      case FLOAT:
        return Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
      case DOUBLE:
        return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
      case STRING:
        return Types.primitive(PrimitiveTypeName.BINARY, rep)
            .as(LogicalTypeAnnotation.stringType())
            .named(name);
      case BINARY:
        return Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
      case DATE:
        return Types.primitive(PrimitiveTypeName.INT32, rep)
            .as(LogicalTypeAnnotation.dateType())
            .named(name);
      case TIMESTAMP:
        return Types.primitive(PrimitiveTypeName.INT96, rep).named(name);
      case DECIMAL:
        {
          DecimalType d = (DecimalType) type;
          LogicalTypeAnnotation a = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
          if (d.precision() <= 9) {
            return Types.primitive(PrimitiveTypeName.INT32, rep).as(a).named(name);
          }
          if (d.precision() <= 18) {
            return Types.primitive(PrimitiveTypeName.INT64, rep).as(a).named(name);
          }
          return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep)
              .length(decimalBytes(d.precision()))
              .as(a)
              .named(name);
        }
      case ARRAY:
        {
          ArrayType a = (ArrayType) type;
          return Types.buildGroup(rep)
              .as(LogicalTypeAnnotation.listType())
              .addField(
                  Types.repeatedGroup()
                      .addField(field("element", a.elementType(), a.containsNull()))
                      .named("list"))
              .named(name);
        }
      case MAP:
        {
          MapType m = (MapType) type;
          return Types.buildGroup(rep)
              .as(LogicalTypeAnnotation.mapType())
              .addField(
                  Types.repeatedGroup()
                      .addField(field("key", m.keyType(), false))
                      .addField(field("value", m.valueType(), m.valueContainsNull()))
                      .named("key_value"))
              .named(name);
        }
      case STRUCT:
        {
          Types.GroupBuilder<org.apache.parquet.schema.GroupType> g = Types.buildGroup(rep);
          for (StructField f : ((StructType) type).fields()) {
            g.addField(field(f.name(), f.dataType(), f.nullable()));
          }
          return g.named(name);
        }
      default:
        throw new IllegalArgumentException(
            "Column " + name + " of type " + type.simpleString() + " cannot be written to Parquet");
    }
  }

  /** The fewest bytes whose two's complement holds every unscaled value of {@code precision}. */
  static int decimalBytes(int precision) {
    int bytes = 1;
    while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
      bytes++;
    }
    return bytes;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(message, Map.of());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(InternalRow row) {
    out.startMessage();
    writeFields(row, schema);
    out.endMessage();
  }

  private void writeFields(InternalRow row, StructType type) {
    for (int i = 0; i < type.size(); i++) {
      Object v = row.get(i);
      if (v == null) {
        if (!type.field(i).nullable()) {
          throw new IllegalArgumentException(
              "Column " + type.field(i).name() + " is not nullable but holds a null");
        }
        continue;
      }
      out.startField(type.field(i).name(), i);
      value(v, type.field(i).dataType());
      out.endField(type.field(i).name(), i);
    }
  }

  private void value(Object v, DataType type) {
    switch (type.kind()) {
      case BOOLEAN -> out.addBoolean((Boolean) v);
      case BYTE -> out.addInteger((Byte) v);
      case SHORT -> out.addInteger((Short) v);
      case INT, DATE -> out.addInteger((Integer) v);
      case LONG -> out.addLong((Long) v);
      case FLOAT -> out.addFloat((Float) v);
      case DOUBLE -> out.addDouble((Double) v);
      case STRING -> out.addBinary(Binary.fromString((String) v));
      case BINARY -> out.addBinary(Binary.fromConstantByteArray((byte[]) v));
      case TIMESTAMP -> out.addBinary(int96((Long) v));
      case DECIMAL -> decimal((BigDecimal) v, (DecimalType) type);
      case ARRAY -> {
        ArrayType a = (ArrayType) type;
        out.startGroup();
        List<?> list = (List<?>) v;
        if (!list.isEmpty()) {
          out.startField("list", 0);
          for (Object e : list) {
            out.startGroup();
            if (e != null) {
              out.startField("element", 0);
              value(e, a.elementType());
              out.endField("element", 0);
            }
            out.endGroup();
          }
          out.endField("list", 0);
        }
        out.endGroup();
      }
      case MAP -> {
        MapType m = (MapType) type;
        out.startGroup();
        Map<?, ?> map = (Map<?, ?>) v;
        if (!map.isEmpty()) {
          out.startField("key_value", 0);
          for (Map.Entry<?, ?> e : map.entrySet()) {
            out.startGroup();
            out.startField("key", 0);
            value(e.getKey(), m.keyType());
            out.endField("key", 0);
            if (e.getValue() != null) {
              out.startField("value", 1);
              value(e.getValue(), m.valueType());
              out.endField("value", 1);
            }
            out.endGroup();
          }
          out.endField("key_value", 0);
        }
        out.endGroup();
      }
      case STRUCT -> {
        out.startGroup();
        writeFields((InternalRow) v, (StructType) type);
        out.endGroup();
      }
      default -> throw new IllegalArgumentException("Cannot write " + type.simpleString());
    }
  }

  private void decimal(BigDecimal d, DecimalType type) {
    if (type.precision() <= 9) {
      out.addInteger(d.unscaledValue().intValueExact());
    } else if (type.precision() <= 18) {
      out.addLong(d.unscaledValue().longValueExact());
    } else {
      byte[] b = d.unscaledValue().toByteArray();
      int n = decimalBytes(type.precision());
      byte[] fixed = new byte[n];
      byte fill = (byte) (b[0] < 0 ? -1 : 0);
      java.util.Arrays.fill(fixed, 0, n - b.length, fill);
      System.arraycopy(b, 0, fixed, n - b.length, b.length);
      out.addBinary(Binary.fromConstantByteArray(fixed));
    }
  }

  private static Binary int96(long micros) {
    long days = Math.floorDiv(micros, 86_400_000_000L);
    long nanos = Math.floorMod(micros, 86_400_000_000L) * 1000L;
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(nanos);
    b.putInt((int) (days + 2_440_588L));
    return Binary.fromConstantByteArray(b.array());
  }
}
