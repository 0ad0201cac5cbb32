package dev.weft.hdfs.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** Schema helpers shared by the Parquet readers: Avro schemas of files, names for messages. */
final class ParquetSchemas {
  /** The key-value metadata key under which parquet-avro stores the writer's Avro schema. */
  static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  /** The key older parquet-avro versions used for the writer's Avro schema. */
  static final String OLD_AVRO_SCHEMA_KEY = "avro.schema";

  private ParquetSchemas() {}

  /**
   * The Avro schema of a file's records: the one its writer stored, if it was written by
   * parquet-avro (as Weft writes), else the one {@link ParquetToAvro} derives from its Parquet
   * schema so that every value keeps its type.
   */
  static Schema avroSchema(FileMetaData meta) {
    String stored = storedAvroSchema(meta);
    return stored != null
        ? new Schema.Parser().parse(stored)
        : ParquetToAvro.convert(meta.getSchema());
  }

  /** The Avro schema parquet-avro stored in a file's metadata, or null for other writers. */
  static String storedAvroSchema(FileMetaData meta) {
    Map<String, String> keyValues = meta.getKeyValueMetaData();
    return keyValues.getOrDefault(AVRO_SCHEMA_KEY, keyValues.get(OLD_AVRO_SCHEMA_KEY));
  }

  /** The dotted paths of a schema's primitive columns, in schema order. */
  static List<String> columnPaths(MessageType schema) {
    List<String> paths = new ArrayList<>();
    for (String[] path : schema.getPaths()) {
      paths.add(String.join(".", path));
    }
    return paths;
  }

  /** The top-level field names of a schema, in schema order. */
  static List<String> fieldNames(GroupType schema) {
    List<String> names = new ArrayList<>();
    for (Type field : schema.getFields()) {
      names.add(field.getName());
    }
    return names;
  }

  /** A type as error messages show it, e.g. {@code INT64} or {@code BINARY (STRING)}. */
  static String describe(Type type) {
    String name =
        type.isPrimitive() ? type.asPrimitiveType().getPrimitiveTypeName().name() : "group";
    return type.getLogicalTypeAnnotation() == null
        ? name
        : name + " (" + type.getLogicalTypeAnnotation() + ")";
  }
}
