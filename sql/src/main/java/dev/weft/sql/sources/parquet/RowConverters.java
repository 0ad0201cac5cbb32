package dev.weft.sql.sources.parquet;

import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.ListLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet converters that assemble internal values ({@link InternalRow}, {@code List}, {@code Map},
 * boxed primitives, {@code BigDecimal}, days and microseconds) straight from the column readers,
 * with no intermediate record model.
 */
final class RowConverters {
  private RowConverters() {}

  private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** Where a converter puts the value it assembled. */
  interface Sink {
    void set(Object value);
  }

  static Converter converter(Type t, DataType type, Sink sink) {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      // A bare repeated field: the parent collects its values into a list.
      throw new IllegalStateException("repeated field " + t.getName() + " outside a collector");
    }
    return nonRepeated(t, type, sink);
  }

  private static Converter nonRepeated(Type t, DataType type, Sink sink) {
    if (t.isPrimitive()) {
      return new Primitive(t.asPrimitiveType(), sink);
    }
    GroupType g = t.asGroupType();
    return switch (type.kind()) {
      case ARRAY ->
          g.getLogicalTypeAnnotation() instanceof ListLogicalTypeAnnotation
              ? new ListConverter(g, (ArrayType) type, sink)
              : new StructConverter(
                  g, (StructType) ((ArrayType) type).elementType(), null, 0, sink);
      case MAP -> new MapConverter(g, (MapType) type, sink);
      default -> new StructConverter(g, (StructType) type, null, 0, sink);
    };
  }

  /**
   * A group read as a row. {@code target} maps the group's fields to positions of a row of {@code
   * width} values (the top level places the file's columns among the requested ones); null means
   * the identity.
   */
  static final class StructConverter extends GroupConverter {
    private final Converter[] fields;
    private final int[] target;
    private final int width;
    private final boolean[] repeated;
    private final Sink sink;
    private Object[] current;
    private List<Object>[] lists;

    @SuppressWarnings("unchecked")
    StructConverter(GroupType group, StructType type, int[] target, int width, Sink sink) {
      int n = group.getFieldCount();
      this.target = target;
      this.width = target == null ? n : width;
      this.sink = sink;
      this.fields = new Converter[n];
      this.repeated = new boolean[n];
      this.lists = new List[n];
      for (int i = 0; i < n; i++) {
        Type f = group.getType(i);
        int at = target == null ? i : target[i];
        DataType ft = type.field(at).dataType();
        if (f.isRepetition(Type.Repetition.REPEATED)) {
          repeated[i] = true;
          int slot = i;
          fields[i] = nonRepeated(f, ((ArrayType) ft).elementType(), v -> lists[slot].add(v));
        } else {
          fields[i] = nonRepeated(f, ft, v -> current[at] = v);
        }
      }
    }

    @Override
    public Converter getConverter(int i) {
      return fields[i];
    }

    @Override
    public void start() {
      current = new Object[width];
      for (int i = 0; i < repeated.length; i++) {
        if (repeated[i]) {
          lists[i] = new ArrayList<>();
        }
      }
    }

    @Override
    public void end() {
      for (int i = 0; i < repeated.length; i++) {
        if (repeated[i]) {
          current[target == null ? i : target[i]] = lists[i];
        }
      }
      sink.set(new InternalRow(current));
    }

    /** The row last assembled at the top level (its sink is not used there). */
    Object[] current() {
      return current;
    }
  }

  /** A LIST group, in the 3-level standard layout or one of the legacy 2-level ones. */
  static final class ListConverter extends GroupConverter {
    private final Converter repeated;
    private final Sink sink;
    private List<Object> values;

    ListConverter(GroupType group, ArrayType type, Sink sink) {
      this.sink = sink;
      Type r = group.getType(0);
      if (ParquetTypes.isElement(r, group.getName())) {
        this.repeated = nonRepeated(r, type.elementType(), v -> values.add(v));
      } else {
        this.repeated = new ElementConverter(r.asGroupType(), type.elementType());
      }
    }

    @Override
    public Converter getConverter(int i) {
      return repeated;
    }

    @Override
    public void start() {
      values = new ArrayList<>();
    }

    @Override
    public void end() {
      sink.set(values);
    }

    /** The repeated group around one element of a 3-level list; an absent element is null. */
    private final class ElementConverter extends GroupConverter {
      private final Converter element;
      private Object value;

      ElementConverter(GroupType group, DataType elementType) {
        this.element = converter(group.getType(0), elementType, v -> value = v);
      }

      @Override
      public Converter getConverter(int i) {
        return element;
      }

      @Override
      public void start() {
        value = null;
      }

      @Override
      public void end() {
        values.add(value);
      }
    }
  }

  /** A MAP group: a repeated group of a key and a value. */
  static final class MapConverter extends GroupConverter {
    private final KeyValue keyValue;
    private final Sink sink;
    private Map<Object, Object> map;

    MapConverter(GroupType group, MapType type, Sink sink) {
      this.sink = sink;
      this.keyValue = new KeyValue(group.getType(0).asGroupType(), type);
    }

    @Override
    public Converter getConverter(int i) {
      return keyValue;
    }

    @Override
    public void start() {
      map = new LinkedHashMap<>();
    }

    @Override
    public void end() {
      sink.set(map);
    }

    private final class KeyValue extends GroupConverter {
      private final Converter key;
      private final Converter value;
      private Object k;
      private Object v;

      KeyValue(GroupType group, MapType type) {
        this.key = converter(group.getType(0), type.keyType(), x -> k = x);
        this.value = converter(group.getType(1), type.valueType(), x -> v = x);
      }

      @Override
      public Converter getConverter(int i) {
        return i == 0 ? key : value;
      }

      @Override
      public void start() {
        k = null;
        v = null;
      }

      @Override
      public void end() {
        map.put(k, v);
      }
    }
  }

  /** A primitive column, converted to the internal value of the type Spark maps it to. */
  static final class Primitive extends PrimitiveConverter {
    private final PrimitiveType type;
    private final LogicalTypeAnnotation annotation;
    private final Sink sink;
    private Object[] dictionary;

    Primitive(PrimitiveType type, Sink sink) {
      this.type = type;
      this.annotation = type.getLogicalTypeAnnotation();
      this.sink = sink;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary d) {
      dictionary = new Object[d.getMaxId() + 1];
      for (int i = 0; i <= d.getMaxId(); i++) {
        dictionary[i] =
            switch (type.getPrimitiveTypeName()) {
              case INT32 -> int32(d.decodeToInt(i));
              case INT64 -> int64(d.decodeToLong(i));
              case FLOAT -> d.decodeToFloat(i);
              case DOUBLE -> d.decodeToDouble(i);
              case BOOLEAN -> d.decodeToBoolean(i);
              default -> binary(d.decodeToBinary(i));
            };
      }
    }

    @Override
    public void addValueFromDictionary(int id) {
      sink.set(dictionary[id]);
    }

    @Override
    public void addBoolean(boolean v) {
      sink.set(v);
    }

    @Override
    public void addFloat(float v) {
      sink.set(v);
    }

    @Override
    public void addDouble(double v) {
      sink.set(v);
    }

    @Override
    public void addInt(int v) {
      sink.set(int32(v));
    }

    @Override
    public void addLong(long v) {
      sink.set(int64(v));
    }

    @Override
    public void addBinary(Binary v) {
      sink.set(binary(v));
    }

    private Object int32(int v) {
      if (annotation instanceof DecimalLogicalTypeAnnotation d) {
        return BigDecimal.valueOf(v, d.getScale());
      }
      if (annotation instanceof IntLogicalTypeAnnotation i) {
        if (!i.isSigned()) {
          return switch (i.getBitWidth()) {
            case 8 -> (short) (v & 0xFF);
            case 16 -> v & 0xFFFF;
            default -> Integer.toUnsignedLong(v);
          };
        }
        return switch (i.getBitWidth()) {
          case 8 -> (byte) v;
          case 16 -> (short) v;
          default -> v;
        };
      }
      return v;
    }

    private Object int64(long v) {
      if (annotation instanceof DecimalLogicalTypeAnnotation d) {
        return BigDecimal.valueOf(v, d.getScale());
      }
      if (annotation instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
        return new BigDecimal(Long.toUnsignedString(v));
      }
      if (annotation instanceof TimestampLogicalTypeAnnotation ts) {
        return switch (ts.getUnit()) {
          case MILLIS -> Math.multiplyExact(v, 1000L);
          case MICROS -> v;
          case NANOS -> Math.floorDiv(v, 1000L);
        };
      }
      return v;
    }

    private Object binary(Binary v) {
      if (annotation instanceof DecimalLogicalTypeAnnotation d) {
        return new BigDecimal(new BigInteger(v.getBytes()), d.getScale());
      }
      switch (type.getPrimitiveTypeName()) {
        case INT96:
          {
            // Impala's layout: nanoseconds of the day, then the Julian day, little-endian.
            ByteBuffer b = v.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanos = b.getLong();
            long julian = b.getInt();
            return (julian - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + nanos / 1000;
          }
        case BINARY:
          if (annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
              || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
              || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
            return v.toStringUsingUTF8();
          }
          return v.getBytes();
        default:
          return v.getBytes();
      }
    }
  }
}
