package dev.weft.hdfs.parquet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The Avro schema of a Parquet file that carries no Avro schema of its own (written by Spark, Hive,
 * Impala, Trino or parquet-mr directly), chosen so that every value keeps its type:
 *
 * <ul>
 *   <li>{@code DECIMAL(p,s)} of any physical type is an Avro {@code decimal(p,s)}: on {@code fixed}
 *       of the column's length for {@code FIXED_LEN_BYTE_ARRAY}, on {@code bytes} for {@code
 *       BINARY}, and on {@code fixed} of the fewest bytes that hold {@code p} digits for {@code
 *       INT32} and {@code INT64} (Avro has no integer-backed decimal). Unsigned 64-bit integers are
 *       {@code decimal(20,0)}, as in Spark.
 *   <li>{@code DATE} is {@code date}; {@code TIMESTAMP(unit, true)} is {@code timestamp-millis},
 *       {@code -micros} or {@code -nanos}; {@code TIMESTAMP(unit, false)} (Spark's {@code
 *       timestamp_ntz}) is {@code local-timestamp-*}; {@code INT96} (the legacy timestamps of
 *       Spark, Hive and Impala) is {@code timestamp-micros}, the instant it encodes.
 *   <li>{@code LIST} groups are arrays, in the standard 3-level form and in the legacy 2-level
 *       forms the Parquet format's backward-compatibility rules name; a repeated field outside a
 *       list is an array of non-null elements. {@code MAP} groups with string keys are Avro maps.
 *   <li>Signed 8- and 16-bit integers (Spark's {@code tinyint}, {@code smallint}) are {@code int}s
 *       that remember their width in {@link ParquetWriteSchemas#INT_BIT_WIDTH}; unsigned 32-bit
 *       integers are {@code long}s.
 *   <li>Optional fields are unions with null, defaulting to null.
 * </ul>
 *
 * A top-level column that has no Avro equivalent (a map whose keys are not strings, a name Avro
 * refuses) is left out of the schema and listed in the schema property {@link #UNREADABLE_PROP}, so
 * that the other columns stay readable and a scan of that column fails with the reason.
 */
final class ParquetToAvro {
  /** The schema property that maps each top-level column left out to why it was. */
  static final String UNREADABLE_PROP = "weft.parquet.unreadable";

  private final Set<String> usedNames = new HashSet<>();

  private ParquetToAvro() {}

  /** The Avro record schema of a file's message type. */
  static Schema convert(MessageType message) {
    return new ParquetToAvro().message(message);
  }

  /** The bytes of the smallest two's complement integer that holds every {@code digits} number. */
  static int decimalBytes(int digits) {
    int bytes = 1;
    while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, digits)) {
      bytes++;
    }
    return bytes;
  }

  private Schema message(MessageType message) {
    String name = uniqueName(sanitize(message.getName()));
    List<Schema.Field> fields = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    for (Type field : message.getFields()) {
      try {
        fields.add(field(field, name));
      } catch (UnreadableType e) {
        unreadable.put(field.getName(), e.getMessage());
      } catch (SchemaParseException e) {
        unreadable.put(
            field.getName(),
            "column "
                + field.getName()
                + " has a name Avro does not allow (names start with a letter or _ and hold only"
                + " letters, digits and _): "
                + e.getMessage());
      } catch (IllegalArgumentException e) {
        unreadable.put(field.getName(), "column " + field.getName() + ": " + e.getMessage());
      }
    }
    Schema record = Schema.createRecord(name, null, null, false, fields);
    if (!unreadable.isEmpty()) {
      record.addProp(UNREADABLE_PROP, unreadable);
    }
    return record;
  }

  private Schema.Field field(Type field, String parent) {
    Schema schema = value(field, parent + "_" + field.getName());
    if (field.isRepetition(Type.Repetition.OPTIONAL)) {
      return new Schema.Field(field.getName(), nullable(schema), null, JsonProperties.NULL_VALUE);
    }
    return new Schema.Field(field.getName(), schema, null, (Object) null);
  }

  /** The schema of a field's values: an array for a repeated field outside a list. */
  private Schema value(Type type, String path) {
    Schema element =
        type.isPrimitive() ? primitive(type.asPrimitiveType(), path) : group(type, path);
    return type.isRepetition(Type.Repetition.REPEATED) ? Schema.createArray(element) : element;
  }

  private Schema group(Type type, String path) {
    GroupType group = type.asGroupType();
    LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
    if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      return list(group, path);
    }
    if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      return map(group, path);
    }
    String name = uniqueName(sanitize(path));
    List<Schema.Field> fields = new ArrayList<>();
    for (Type field : group.getFields()) {
      fields.add(field(field, path));
    }
    return Schema.createRecord(name, null, null, false, fields);
  }

  private Schema list(GroupType list, String path) {
    Type repeated = NestedTypes.repeatedField(list);
    Type element = NestedTypes.listElement(list);
    if (element == repeated) {
      // 2-level: the repeated field is the element, never null.
      return Schema.createArray(
          element.isPrimitive()
              ? primitive(element.asPrimitiveType(), path)
              : group(element, path + "_element"));
    }
    Schema schema = valueOfNonRepeated(element, path + "_element");
    return Schema.createArray(
        element.isRepetition(Type.Repetition.OPTIONAL) ? nullable(schema) : schema);
  }

  private Schema map(GroupType map, String path) {
    GroupType keyValue = NestedTypes.keyValue(map);
    Type key = keyValue.getType(0);
    if (!NestedTypes.hasStringKeys(keyValue)) {
      throw new UnreadableType(
          "column "
              + map.getName()
              + " is a map with "
              + ParquetSchemas.describe(key)
              + " keys; Weft reads maps whose keys are strings, as Avro maps have string keys");
    }
    if (keyValue.getFieldCount() < 2) {
      return Schema.createMap(Schema.create(Schema.Type.NULL));
    }
    Type value = keyValue.getType(1);
    Schema schema = valueOfNonRepeated(value, path + "_value");
    return Schema.createMap(
        value.isRepetition(Type.Repetition.OPTIONAL) ? nullable(schema) : schema);
  }

  private Schema valueOfNonRepeated(Type type, String path) {
    if (type.isRepetition(Type.Repetition.REPEATED)) {
      throw new UnreadableType(
          "field " + type.getName() + " of a list or map is repeated: " + type);
    }
    return type.isPrimitive() ? primitive(type.asPrimitiveType(), path) : group(type, path);
  }

  private Schema primitive(PrimitiveType type, String path) {
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return Schema.create(Schema.Type.BOOLEAN);
      case FLOAT:
        return Schema.create(Schema.Type.FLOAT);
      case DOUBLE:
        return Schema.create(Schema.Type.DOUBLE);
      case INT96:
        return logical(Schema.Type.LONG, LogicalTypes.timestampMicros());
      case INT32:
        if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
          return fixedDecimal(decimal.getPrecision(), decimal.getScale(), path);
        }
        if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return logical(Schema.Type.INT, LogicalTypes.date());
        }
        if (annotation instanceof TimeLogicalTypeAnnotation time
            && time.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS) {
          return logical(Schema.Type.INT, LogicalTypes.timeMillis());
        }
        if (annotation instanceof IntLogicalTypeAnnotation ints) {
          if (!ints.isSigned() && ints.getBitWidth() == 32) {
            return Schema.create(Schema.Type.LONG);
          }
          if (ints.isSigned() && ints.getBitWidth() < 32) {
            Schema small = Schema.create(Schema.Type.INT);
            small.addProp(ParquetWriteSchemas.INT_BIT_WIDTH, ints.getBitWidth());
            return small;
          }
        }
        return Schema.create(Schema.Type.INT);
      case INT64:
        if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
          return fixedDecimal(decimal.getPrecision(), decimal.getScale(), path);
        }
        if (annotation instanceof TimestampLogicalTypeAnnotation timestamp) {
          return logical(Schema.Type.LONG, timestamp(timestamp));
        }
        if (annotation instanceof TimeLogicalTypeAnnotation time
            && time.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS) {
          return logical(Schema.Type.LONG, LogicalTypes.timeMicros());
        }
        if (annotation instanceof IntLogicalTypeAnnotation ints && !ints.isSigned()) {
          return fixedDecimal(20, 0, path);
        }
        return Schema.create(Schema.Type.LONG);
      case BINARY:
        if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
          return logical(
              Schema.Type.BYTES, LogicalTypes.decimal(decimal.getPrecision(), decimal.getScale()));
        }
        return isText(annotation)
            ? Schema.create(Schema.Type.STRING)
            : Schema.create(Schema.Type.BYTES);
      case FIXED_LEN_BYTE_ARRAY:
        if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
          Schema fixed = fixed(path, type.getTypeLength());
          return LogicalTypes.decimal(decimal.getPrecision(), decimal.getScale())
              .addToSchema(fixed);
        }
        if (annotation instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
          return logical(Schema.Type.STRING, LogicalTypes.uuid());
        }
        return fixed(path, type.getTypeLength());
      default:
        throw new UnreadableType("column type " + ParquetSchemas.describe(type) + " is unknown");
    }
  }

  /** Whether a BINARY column holds text: strings, enums and JSON, as Spark reads them. */
  static boolean isText(LogicalTypeAnnotation annotation) {
    return annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
  }

  private static LogicalType timestamp(TimestampLogicalTypeAnnotation timestamp) {
    boolean utc = timestamp.isAdjustedToUTC();
    switch (timestamp.getUnit()) {
      case MILLIS:
        return utc ? LogicalTypes.timestampMillis() : LogicalTypes.localTimestampMillis();
      case MICROS:
        return utc ? LogicalTypes.timestampMicros() : LogicalTypes.localTimestampMicros();
      default:
        return utc ? LogicalTypes.timestampNanos() : LogicalTypes.localTimestampNanos();
    }
  }

  private Schema fixedDecimal(int precision, int scale, String path) {
    return LogicalTypes.decimal(precision, scale).addToSchema(fixed(path, decimalBytes(precision)));
  }

  private Schema fixed(String path, int length) {
    return Schema.createFixed(uniqueName(sanitize(path)), null, null, length);
  }

  private static Schema logical(Schema.Type type, LogicalType logicalType) {
    return logicalType.addToSchema(Schema.create(type));
  }

  private static Schema nullable(Schema schema) {
    return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
  }

  /** A valid Avro name for a path of Parquet names, which may hold any character. */
  private static String sanitize(String path) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      name.append(letter || (i > 0 && c >= '0' && c <= '9') ? c : '_');
    }
    return name.length() == 0 ? "_" : name.toString();
  }

  /** Avro's named types must have distinct names within a schema. */
  private String uniqueName(String name) {
    String unique = name;
    for (int i = 2; !usedNames.add(unique); i++) {
      unique = name + "_" + i;
    }
    return unique;
  }

  /** A Parquet type that has no Avro equivalent. */
  static final class UnreadableType extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableType(String message) {
      super(message, null, false, false);
    }
  }
}
