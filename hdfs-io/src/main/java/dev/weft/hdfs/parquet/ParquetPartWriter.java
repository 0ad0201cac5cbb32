package dev.weft.hdfs.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes Avro {@link GenericRecord}s to one Parquet file, typically a task attempt's part file: the
 * engine gets the path from the output commit protocol, writes, closes, then commits the attempt.
 *
 * <p>Lists are written in the standard 3-level form ({@code list}/{@code element}) that Spark, Hive
 * and Trino read as arrays, unless {@code parquet.avro.write-old-list-structure} is set in the
 * configuration; maps as {@code MAP} with {@code key_value}/{@code key}/{@code value}; Avro's
 * logical types as Parquet's ({@code decimal} as {@code DECIMAL} on the Avro type's {@code fixed}
 * or {@code bytes}, {@code date}, {@code timestamp-*} as {@code TIMESTAMP(unit, true)}, {@code
 * local-timestamp-*} as {@code TIMESTAMP(unit, false)}). The Avro schema is stored in the footer,
 * so that Avro readers read the records back exactly.
 *
 * <p>The file is created (replacing a file left at the same path by an earlier try) when the writer
 * is opened, and is complete only once {@link #close()} has written the footer. Not thread-safe.
 *
 * <pre>{@code
 * try (ParquetPartWriter writer = ParquetPartWriter.open(attemptPath, schema, options, conf)) {
 *   for (GenericRecord record : records) writer.write(record);
 * }
 * }</pre>
 */
public final class ParquetPartWriter implements Closeable {
  private final Path path;
  private final Configuration conf;
  private final ParquetWriter<GenericRecord> writer;
  private long recordsWritten;
  private long bytesWritten = -1;
  private boolean closed;

  private ParquetPartWriter(Path path, Configuration conf, ParquetWriter<GenericRecord> writer) {
    this.path = path;
    this.conf = conf;
    this.writer = writer;
  }

  /**
   * Creates the file and opens a writer on it.
   *
   * @param path the file to write
   * @param schema the Avro schema of the records, a record schema
   * @param options codec and sizes
   * @param conf the Hadoop configuration used to reach the file system
   */
  public static ParquetPartWriter open(
      Path path, Schema schema, ParquetWriteOptions options, Configuration conf)
      throws IOException {
    Objects.requireNonNull(options, "options");
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "Parquet files hold records; cannot write " + path + " with schema " + schema);
    }
    checkWritable(schema, schema.getName(), path);
    Configuration writeConf = new Configuration(conf);
    if (writeConf.get(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE) == null) {
      writeConf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
    }
    ParquetWriter<GenericRecord> writer =
        new Builder(HadoopOutputFile.fromPath(path, conf), schema)
            .withConf(writeConf)
            .withCompressionCodec(options.codecName())
            .withRowGroupSize(options.rowGroupSize())
            .withPageSize(options.pageSize())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build();
    return new ParquetPartWriter(path, conf, writer);
  }

  /**
   * Refuses the Avro types that Parquet would store without their logical type, so that no value
   * silently changes type on the way out: nanosecond timestamps (parquet-avro writes them as bare
   * {@code INT64}).
   */
  private static void checkWritable(Schema schema, String path, Path file) {
    switch (schema.getType()) {
      case RECORD:
        for (Schema.Field field : schema.getFields()) {
          checkWritable(field.schema(), path + "." + field.name(), file);
        }
        break;
      case UNION:
        for (Schema member : schema.getTypes()) {
          checkWritable(member, path, file);
        }
        break;
      case ARRAY:
        checkWritable(schema.getElementType(), path, file);
        break;
      case MAP:
        checkWritable(schema.getValueType(), path, file);
        break;
      default:
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampNanos
            || logical instanceof LogicalTypes.LocalTimestampNanos) {
          throw new IllegalArgumentException(
              "Cannot write "
                  + file
                  + ": field "
                  + path
                  + " is a "
                  + logical.getName()
                  + " timestamp, which Parquet files written by Weft cannot hold; convert it to"
                  + " timestamp-micros first");
        }
    }
  }

  /** Parquet's writer of Avro records, in the schema of {@link ParquetWriteSchemas}. */
  private static final class Builder extends ParquetWriter.Builder<GenericRecord, Builder> {
    private final Schema schema;

    Builder(OutputFile file, Schema schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
      return new AvroWriteSupport<>(
          ParquetWriteSchemas.of(schema, conf), schema, GenericData.get());
    }
  }

  /** Writes one record, which must conform to the writer's schema. */
  public void write(GenericRecord record) throws IOException {
    if (closed) {
      throw new IllegalStateException("Parquet writer of " + path + " is closed");
    }
    writer.write(record);
    recordsWritten++;
  }

  /** The file being written. */
  public Path path() {
    return path;
  }

  /** The records written so far. */
  public long recordsWritten() {
    return recordsWritten;
  }

  /**
   * The bytes written: before {@link #close()}, Parquet's estimate of the data written and
   * buffered; after, the length of the complete file.
   */
  public long bytesWritten() {
    return closed ? bytesWritten : writer.getDataSize();
  }

  /** Writes the last row group and the footer and closes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    writer.close();
    bytesWritten = path.getFileSystem(conf).getFileStatus(path).getLen();
  }
}
