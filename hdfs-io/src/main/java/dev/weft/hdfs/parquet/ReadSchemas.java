package dev.weft.hdfs.parquet;

import dev.weft.hdfs.CorruptFileException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The schemas of one scan of one file: the Avro schema of the records returned (the projection),
 * and the columns actually read, which add to the projection the top-level fields the predicate
 * needs, since Parquet filters records on columns it has read.
 */
final class ReadSchemas {
  private final Schema output;
  private final Schema read;
  private final MessageType requested;

  private ReadSchemas(Schema output, Schema read, MessageType requested) {
    this.output = output;
    this.read = read;
    this.requested = requested;
  }

  /**
   * Resolves a scan against a file.
   *
   * @throws CorruptFileException if a projected column is not a top-level field of the file
   */
  static ReadSchemas of(MessageType fileSchema, Schema fileAvro, ParquetScan scan, String file) {
    List<String> projected = scan.columns().orElse(ParquetSchemas.fieldNames(fileSchema));
    for (String column : projected) {
      String unreadable = unreadable(fileAvro, column);
      if (unreadable != null) {
        throw new CorruptFileException(
            "Parquet file " + file + " has a column Weft cannot read: " + unreadable,
            file,
            false,
            null);
      }
      if (!fileSchema.containsField(column) || fileAvro.getField(column) == null) {
        throw new CorruptFileException(
            "Parquet file "
                + file
                + " has no column "
                + column
                + " to read; its columns are "
                + ParquetSchemas.fieldNames(fileSchema),
            file,
            false,
            null);
      }
    }
    Set<String> readFields = new LinkedHashSet<>(projected);
    for (String column : scan.predicate().map(ParquetPredicate::columns).orElse(Set.of())) {
      // A missing filter column is reported when the predicate is bound to the file schema.
      String topLevel = column.split("\\.")[0];
      if (fileSchema.containsField(topLevel) && fileAvro.getField(topLevel) != null) {
        readFields.add(topLevel);
      }
    }
    Schema output = scan.columns().isPresent() ? project(fileAvro, projected) : fileAvro;
    Schema read = readFields.size() == projected.size() ? output : project(fileAvro, readFields);
    List<Type> parquetFields = new ArrayList<>();
    for (Type field : fileSchema.getFields()) {
      if (readFields.contains(field.getName())) {
        parquetFields.add(field);
      }
    }
    return new ReadSchemas(output, read, new MessageType(fileSchema.getName(), parquetFields));
  }

  /** The Avro schema of the records returned. */
  Schema output() {
    return output;
  }

  /** The Avro schema of the records read: the output's fields, then the filter's. */
  Schema read() {
    return read;
  }

  /** The Parquet schema of the columns read, a subset of the file's schema. */
  MessageType requested() {
    return requested;
  }

  /** A record of the output schema with the output's fields of {@code readRecord}. */
  GenericRecord toOutput(GenericRecord readRecord) {
    if (output == read) {
      return readRecord;
    }
    GenericData.Record record = new GenericData.Record(output);
    for (Schema.Field field : output.getFields()) {
      record.put(field.pos(), readRecord.get(field.name()));
    }
    return record;
  }

  /** Why a column of the file has no Avro schema, or null if it has one or does not exist. */
  private static String unreadable(Schema fileAvro, String column) {
    Object reasons = fileAvro.getObjectProp(ParquetToAvro.UNREADABLE_PROP);
    return reasons instanceof Map<?, ?> map ? (String) map.get(column) : null;
  }

  private static Schema project(Schema record, Iterable<String> names) {
    List<Schema.Field> fields = new ArrayList<>();
    for (String name : names) {
      Schema.Field field = record.getField(name);
      fields.add(new Schema.Field(field, field.schema()));
    }
    Schema projection =
        Schema.createRecord(
            record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    record.getObjectProps().entrySet().stream()
        .filter(prop -> !prop.getKey().equals(ParquetToAvro.UNREADABLE_PROP))
        .forEach(prop -> projection.addProp(prop.getKey(), prop.getValue()));
    return projection;
  }
}
