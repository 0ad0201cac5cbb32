package dev.weft.hdfs.parquet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Assembles Avro generic records from the columns of a file that carries no Avro schema, in the
 * schema {@link ParquetToAvro} gives it: values keep their Avro representation (decimals as {@code
 * fixed} or {@code bytes} of the unscaled value, dates as days, timestamps as longs, strings as
 * {@link Utf8}), as Avro's own readers produce them, so records serialize and write back unchanged.
 */
final class GenericRecordMaterializer extends RecordMaterializer<GenericRecord> {
  private final RecordConverter root;
  private GenericRecord current;

  /**
   * @param requested the Parquet schema of the columns read
   * @param avro the Avro record schema of the records to build, with a field of the same name for
   *     every field of {@code requested}
   */
  GenericRecordMaterializer(MessageType requested, Schema avro) {
    this.root = new RecordConverter(requested, avro, value -> current = (GenericRecord) value);
  }

  @Override
  public GenericRecord getCurrentRecord() {
    return current;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  /** Receives one assembled value. */
  interface Sink {
    void add(Object value);
  }

  /** The converter of one value of {@code type} (its repetition aside) into {@code schema}. */
  static Converter converter(Type type, Schema schema, Sink sink) {
    Schema avro = nonNull(schema);
    if (type.isPrimitive()) {
      return ValueConverters.of(type.asPrimitiveType(), avro, sink);
    }
    GroupType group = type.asGroupType();
    LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
    if (avro.getType() == Schema.Type.ARRAY
        && annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      return new ListConverter(group, avro, sink);
    }
    if (avro.getType() == Schema.Type.MAP) {
      return new MapConverter(group, avro, sink);
    }
    return new RecordConverter(group, avro, sink);
  }

  /** The schema of the non-null values of a nullable union, or the schema itself. */
  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    for (Schema member : schema.getTypes()) {
      if (member.getType() != Schema.Type.NULL) {
        return member;
      }
    }
    return schema;
  }

  /** A group as a record; a repeated field outside a list is an array, empty when absent. */
  private static final class RecordConverter extends GroupConverter {
    private final Schema schema;
    private final Sink sink;
    private final Converter[] converters;
    private final List<Integer> repeatedPositions = new ArrayList<>();
    private GenericData.Record current;

    RecordConverter(GroupType group, Schema schema, Sink sink) {
      this.schema = schema;
      this.sink = sink;
      this.converters = new Converter[group.getFieldCount()];
      for (int i = 0; i < converters.length; i++) {
        Type field = group.getType(i);
        Schema.Field avroField = schema.getField(field.getName());
        int pos = avroField.pos();
        if (field.isRepetition(Type.Repetition.REPEATED)) {
          repeatedPositions.add(pos);
          Schema array = nonNull(avroField.schema());
          converters[i] =
              converter(
                  field,
                  array.getElementType(),
                  value -> ((GenericData.Array<Object>) current.get(pos)).add(value));
        } else {
          converters[i] = converter(field, avroField.schema(), value -> current.put(pos, value));
        }
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      current = new GenericData.Record(schema);
      for (int pos : repeatedPositions) {
        current.put(pos, new GenericData.Array<>(0, nonNull(schema.getFields().get(pos).schema())));
      }
    }

    @Override
    public void end() {
      sink.add(current);
    }
  }

  /** A {@code LIST} group in the standard 3-level form or a legacy 2-level form. */
  private static final class ListConverter extends GroupConverter {
    private final Schema schema;
    private final Sink sink;
    private final Converter repeated;
    private GenericData.Array<Object> values;

    ListConverter(GroupType list, Schema schema, Sink sink) {
      this.schema = schema;
      this.sink = sink;
      Type repeatedField = NestedTypes.repeatedField(list);
      Type element = NestedTypes.listElement(list);
      Schema elementSchema = schema.getElementType();
      this.repeated =
          element == repeatedField
              ? converter(element, elementSchema, value -> values.add(value))
              : new ElementConverter(element, elementSchema, value -> values.add(value));
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return repeated;
    }

    @Override
    public void start() {
      values = new GenericData.Array<>(8, schema);
    }

    @Override
    public void end() {
      sink.add(values);
    }
  }

  /** The repeated group of a 3-level list: one element, null when the element is absent. */
  private static final class ElementConverter extends GroupConverter {
    private final Converter element;
    private final Sink sink;
    private Object value;

    ElementConverter(Type element, Schema schema, Sink sink) {
      this.element = converter(element, schema, v -> value = v);
      this.sink = sink;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return element;
    }

    @Override
    public void start() {
      value = null;
    }

    @Override
    public void end() {
      sink.add(value);
    }
  }

  /** A {@code MAP} group with string keys, as a map with {@link Utf8} keys. */
  private static final class MapConverter extends GroupConverter {
    private final Sink sink;
    private final KeyValueConverter keyValue;
    private Map<Utf8, Object> map;

    MapConverter(GroupType group, Schema schema, Sink sink) {
      this.sink = sink;
      this.keyValue =
          new KeyValueConverter(
              NestedTypes.keyValue(group), schema.getValueType(), (k, v) -> map.put(k, v));
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return keyValue;
    }

    @Override
    public void start() {
      map = new LinkedHashMap<>();
    }

    @Override
    public void end() {
      sink.add(map);
    }
  }

  /** Receives one key and its value. */
  private interface EntrySink {
    void add(Utf8 key, Object value);
  }

  private static final class KeyValueConverter extends GroupConverter {
    private final Converter[] converters;
    private final EntrySink sink;
    private Utf8 key;
    private Object value;

    KeyValueConverter(GroupType keyValue, Schema valueSchema, EntrySink sink) {
      this.sink = sink;
      this.converters = new Converter[keyValue.getFieldCount()];
      converters[0] =
          converter(keyValue.getType(0), Schema.create(Schema.Type.STRING), k -> key = (Utf8) k);
      if (converters.length > 1) {
        converters[1] = converter(keyValue.getType(1), valueSchema, v -> value = v);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      key = null;
      value = null;
    }

    @Override
    public void end() {
      sink.add(key, value);
    }
  }
}
