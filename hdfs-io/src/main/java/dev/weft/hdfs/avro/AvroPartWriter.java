package dev.weft.hdfs.avro;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes records to one new Avro object container file, typically a part file in a task attempt's
 * directory whose {@link Path} the output committer gives. The file is complete, and readable by
 * any Avro reader, once {@link #close()} returns.
 *
 * <pre>{@code
 * try (AvroPartWriter<GenericRecord> out =
 *     AvroPartWriter.generic(attemptFile, schema, AvroWriteOptions.defaults().withCodec("zstd"), conf)) {
 *   for (GenericRecord record : records) out.write(record);
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class AvroPartWriter<T> implements Closeable {
  private final Path path;
  private final FSDataOutputStream stream;
  private final DataFileWriter<T> writer;
  private long recordsWritten;
  private long bytesWrittenAtClose;
  private boolean closed;

  /**
   * Creates {@code path} to write generic records of {@code schema}.
   *
   * @throws org.apache.hadoop.fs.FileAlreadyExistsException if the file exists
   */
  public static AvroPartWriter<GenericRecord> generic(
      Path path, Schema schema, AvroWriteOptions options, Configuration conf) throws IOException {
    return new AvroPartWriter<>(path, schema, new GenericDatumWriter<>(schema), options, conf);
  }

  /**
   * Creates {@code path} to write specific records of {@code recordClass}, in its schema.
   *
   * @throws org.apache.hadoop.fs.FileAlreadyExistsException if the file exists
   */
  public static <T extends SpecificRecord> AvroPartWriter<T> specific(
      Path path, Class<T> recordClass, AvroWriteOptions options, Configuration conf)
      throws IOException {
    SpecificData model = SpecificData.getForClass(recordClass);
    Schema schema = model.getSchema(recordClass);
    return new AvroPartWriter<>(
        path, schema, new SpecificDatumWriter<>(schema, model), options, conf);
  }

  private AvroPartWriter(
      Path path,
      Schema schema,
      DatumWriter<T> datumWriter,
      AvroWriteOptions options,
      Configuration conf)
      throws IOException {
    this.path = Objects.requireNonNull(path, "path");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(options, "options");
    FileSystem fs = path.getFileSystem(conf);
    this.stream = fs.create(path, false);
    this.writer = new DataFileWriter<>(datumWriter);
    try {
      writer.setCodec(options.codec().factory());
      writer.setSyncInterval(options.syncIntervalBytes());
      writer.create(schema, stream);
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /**
   * Appends a record.
   *
   * @throws IllegalArgumentException if the record does not fit the schema, with a message naming
   *     the file and the record's position; the file is unchanged and writing may go on
   */
  public void write(T record) throws IOException {
    if (closed) {
      throw new IOException("Avro file " + path + " is already closed");
    }
    try {
      writer.append(record);
    } catch (DataFileWriter.AppendWriteException e) {
      throw new IllegalArgumentException(
          "Record "
              + recordsWritten
              + " does not fit the Avro schema of "
              + path
              + ": "
              + AvroErrors.describe(e),
          e);
    }
    recordsWritten++;
  }

  /** The file written. */
  public Path path() {
    return path;
  }

  /**
   * The bytes handed to the file system so far; records still buffered in the current block are not
   * counted until the block is written. After {@link #close()}, the file's length.
   */
  public long bytesWritten() throws IOException {
    return closed ? bytesWrittenAtClose : stream.getPos();
  }

  /** The records written so far. */
  public long recordsWritten() {
    return recordsWritten;
  }

  /** Writes the last block and closes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      try {
        writer.flush();
        bytesWrittenAtClose = stream.getPos();
      } finally {
        writer.close();
      }
    }
  }
}
