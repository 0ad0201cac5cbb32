package dev.weft.hdfs.avro;

import dev.weft.hdfs.input.FileSplit;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads the records of one {@link FileSplit} of an Avro object container file.
 *
 * <p>Every record of a file belongs to exactly one split, wherever the split boundaries fall: a
 * block of records belongs to the split whose byte range contains the first byte of the sync marker
 * that precedes the block (the header ends with one, so the first block belongs to the split that
 * holds the end of the header). So a reader skips to the first sync marker at or after its split's
 * start and reads blocks until the next block's sync marker lies at or past the split's end.
 *
 * <p>Records are read either as {@link GenericRecord}s, with the file's own (writer) schema or with
 * a reader schema, or as instances of a {@link SpecificRecord} class, whose schema is then the
 * reader schema. Avro's schema resolution applies: fields added with defaults, removed fields,
 * promoted types ({@code int} to {@code long}, {@code float} or {@code double}, and so on). The
 * reader schema is checked against the file's schema when the reader opens, before any record is
 * read. Each call to {@link #next()} returns a new record, which the caller may keep.
 *
 * <p>Bad input fails with a {@link dev.weft.hdfs.CorruptFileException} whose one-line message names
 * the file and the problem: a file that is not Avro, a truncated file, a damaged block, a reader
 * schema that cannot read the file. Failures of the file system itself are thrown as {@link
 * IOException}s from the factory methods and {@link UncheckedIOException}s while iterating.
 *
 * <pre>{@code
 * try (AvroSplitReader<GenericRecord> reader = AvroSplitReader.generic(split, readerSchema, conf)) {
 *   engine.registerSchema(reader.writerSchema());
 *   while (reader.hasNext()) {
 *     process(reader.next());
 *   }
 *   metrics.add(reader.bytesRead(), reader.recordsRead());
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class AvroSplitReader<T> implements Iterator<T>, Closeable {
  private final FileSplit split;
  private final HadoopSeekableInput input;
  private final DataFileReader<T> reader;
  private final Schema readerSchema;
  private final long end;
  private long recordsRead;
  private boolean exhausted;
  private boolean closed;
  private boolean ready;
  private T next;
  private RuntimeException failure;

  /**
   * Opens a reader of generic records in the file's own schema.
   *
   * @param split the split to read
   * @param conf the Hadoop configuration used to reach the file system
   * @throws java.io.FileNotFoundException if the file does not exist, with a message naming it
   * @throws dev.weft.hdfs.CorruptFileException if the file is not Avro or its header is damaged, or
   *     (not skippable) if its schema is not a record
   */
  public static AvroSplitReader<GenericRecord> generic(FileSplit split, Configuration conf)
      throws IOException {
    AvroSplitReader<GenericRecord> reader =
        new AvroSplitReader<>(split, new GenericDatumReader<>(), null, conf);
    Schema writerSchema = reader.writerSchema();
    if (writerSchema.getType() != Schema.Type.RECORD) {
      reader.close();
      throw AvroErrors.notRecords(split.path(), writerSchema);
    }
    return reader;
  }

  /**
   * Opens a reader of generic records in {@code readerSchema}, resolved from each file's schema.
   *
   * @param split the split to read
   * @param readerSchema the schema of the records returned
   * @param conf the Hadoop configuration used to reach the file system
   * @throws java.io.FileNotFoundException if the file does not exist, with a message naming it
   * @throws dev.weft.hdfs.CorruptFileException if the file is not Avro, its header is damaged or
   *     {@code readerSchema} cannot read it ({@linkplain
   *     dev.weft.hdfs.CorruptFileException#skippable not skippable})
   */
  public static AvroSplitReader<GenericRecord> generic(
      FileSplit split, Schema readerSchema, Configuration conf) throws IOException {
    Objects.requireNonNull(readerSchema, "readerSchema");
    if (readerSchema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "Avro reader schema must be a record, not " + readerSchema.getType().getName());
    }
    GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>();
    datumReader.setExpected(readerSchema);
    return new AvroSplitReader<>(split, datumReader, readerSchema, conf);
  }

  /**
   * Opens a reader of specific records of {@code recordClass}, whose schema is the reader schema.
   *
   * @param split the split to read
   * @param recordClass a {@link SpecificRecord} class, generated by Avro or written by hand, with a
   *     public no-argument constructor and a static {@code SCHEMA$} whose full name is the class's
   * @param conf the Hadoop configuration used to reach the file system
   * @throws java.io.FileNotFoundException if the file does not exist, with a message naming it
   * @throws dev.weft.hdfs.CorruptFileException if the file is not Avro, its header is damaged or
   *     the class's schema cannot read it
   * @throws IllegalArgumentException if Avro would not make instances of {@code recordClass} for
   *     its own schema
   */
  public static <T extends SpecificRecord> AvroSplitReader<T> specific(
      FileSplit split, Class<T> recordClass, Configuration conf) throws IOException {
    SpecificData model = SpecificData.getForClass(recordClass);
    Schema schema = model.getSchema(recordClass);
    Class<?> mapped = model.getClass(schema);
    if (mapped != recordClass) {
      throw new IllegalArgumentException(
          "Avro record class "
              + recordClass.getName()
              + " has a schema named "
              + schema.getFullName()
              + ", which Avro maps to "
              + (mapped == null ? "no class" : mapped.getName())
              + "; the schema's full name must be the class's name");
    }
    return new AvroSplitReader<>(split, new SpecificDatumReader<>(recordClass), schema, conf);
  }

  private AvroSplitReader(
      FileSplit split, DatumReader<T> datumReader, Schema readerSchema, Configuration conf)
      throws IOException {
    this.split = Objects.requireNonNull(split, "split");
    this.input = HadoopSeekableInput.open(split.path(), conf);
    try {
      this.reader = AvroContainer.open(input, datumReader);
      Schema writerSchema = reader.getSchema();
      this.readerSchema = readerSchema == null ? writerSchema : readerSchema;
      if (readerSchema != null) {
        AvroErrors.checkCompatible(split.path(), readerSchema, writerSchema);
      }
      long length = input.length();
      // A whole-file split's length may be stale; what the file holds now is what is read.
      this.end = split.wholeFile() ? length : Math.min(split.end(), length);
      if (split.start() >= length) {
        exhausted = true;
      } else if (split.start() > 0) {
        reader.sync(split.start());
      }
    } catch (IOException | RuntimeException e) {
      input.close();
      throw e;
    }
    if (exhausted) {
      close();
    }
  }

  /** The split this reader reads. */
  public FileSplit split() {
    return split;
  }

  /** The schema the file was written with, as its header declares it. */
  public Schema writerSchema() {
    return reader.getSchema();
  }

  /** The schema of the records returned: the reader schema if one was given, else the writer's. */
  public Schema readerSchema() {
    return readerSchema;
  }

  /**
   * The bytes read from the file system so far: the header, the search for the first sync marker,
   * the blocks, and what was read ahead into buffers.
   */
  public long bytesRead() {
    return input.bytesRead();
  }

  /** The records returned by {@link #next()} so far. */
  public long recordsRead() {
    return recordsRead;
  }

  /**
   * Whether the split has another record.
   *
   * @throws dev.weft.hdfs.CorruptFileException if the file is truncated or a block is damaged; the
   *     same exception again on later calls
   * @throws UncheckedIOException if the file system fails
   */
  @Override
  public boolean hasNext() {
    if (failure != null) {
      throw failure;
    }
    if (!ready && !exhausted) {
      try {
        ready = readOwnedRecord();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
      if (!ready) {
        exhausted = true;
        closeQuietlyAtEnd();
      }
    }
    return ready;
  }

  /**
   * The next record of the split, a new object the caller may keep.
   *
   * @throws NoSuchElementException if there is none
   * @throws dev.weft.hdfs.CorruptFileException as {@link #hasNext()} does
   */
  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more records in split " + split);
    }
    T record = next;
    next = null;
    ready = false;
    recordsRead++;
    return record;
  }

  /**
   * Reads the next record that belongs to this split into {@link #next}.
   *
   * @return false if there is none
   */
  private boolean readOwnedRecord() {
    if (closed) {
      return false;
    }
    long blockStart = reader.previousSync();
    try {
      if (reader.pastSync(end)) {
        return false;
      }
      if (reader.hasNext()) {
        next = reader.next();
        return true;
      }
    } catch (IOException | RuntimeException e) {
      throw AvroErrors.readFailure(split.path(), blockStart, e, input.fileSystemFailure());
    }
    if (input.fileSystemFailure() != null) {
      throw AvroErrors.readFailure(
          split.path(), blockStart, input.fileSystemFailure(), input.fileSystemFailure());
    }
    // Not past the end of the file, yet Avro found no complete block: Avro stops quietly where a
    // file ends inside a block, whereas a whole file ends right after one.
    throw AvroErrors.truncatedBlock(split.path(), reader.previousSync(), input.length());
  }

  private void closeQuietlyAtEnd() {
    try {
      close();
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to close " + split.path() + ": " + e.getMessage(), e);
    }
  }

  /** Closes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      reader.close();
    }
  }
}
