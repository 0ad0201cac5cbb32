package dev.weft.core.io;

import dev.weft.hdfs.avro.AvroPartWriter;
import dev.weft.hdfs.avro.AvroSplitReader;
import dev.weft.hdfs.avro.AvroWriteOptions;
import dev.weft.hdfs.input.TextSplitReader;
import dev.weft.hdfs.parquet.ParquetPartWriter;
import dev.weft.hdfs.parquet.ParquetScan;
import dev.weft.hdfs.parquet.ParquetSplitReader;
import dev.weft.hdfs.parquet.ParquetWriteOptions;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The split readers of the formats Weft reads. */
public final class Formats {
  private Formats() {}

  /** Lines of text. */
  public static SplitReaderFactory<String> text() {
    return (split, conf) -> {
      TextSplitReader r = new TextSplitReader(split, conf);
      return adapt(r, r::bytesRead, r);
    };
  }

  /**
   * Avro records, read with {@code readerSchemaJson} when given (schema evolution), else with each
   * file's own schema.
   */
  public static SplitReaderFactory<GenericRecord> avro(String readerSchemaJson) {
    return (split, conf) -> {
      AvroSplitReader<GenericRecord> r =
          readerSchemaJson == null
              ? AvroSplitReader.generic(split, conf)
              : AvroSplitReader.generic(split, new Schema.Parser().parse(readerSchemaJson), conf);
      return adapt(r, r::bytesRead, r);
    };
  }

  /** Avro records as instances of a generated (specific) record class. */
  public static <T extends org.apache.avro.specific.SpecificRecord> SplitReaderFactory<T> avro(
      Class<T> recordClass) {
    return (split, conf) -> {
      AvroSplitReader<T> r = AvroSplitReader.specific(split, recordClass, conf);
      return adapt(r, r::bytesRead, r);
    };
  }

  /** Parquet records: only the scan's columns, and only records its predicate keeps. */
  public static SplitReaderFactory<GenericRecord> parquet(ParquetScan scan) {
    return (split, conf) -> {
      ParquetSplitReader r = new ParquetSplitReader(split, scan, conf);
      return adapt(r, () -> r.metrics().bytesRead(), r);
    };
  }

  /** Writes Parquet files with {@code options} (codec, row group size). */
  public static PartWriterFactory parquetFiles(ParquetWriteOptions options) {
    return new PartWriterFactory() {
      @Override
      public String extension() {
        return ".parquet";
      }

      @Override
      public PartWriter open(Path file, Schema schema, Configuration conf) throws IOException {
        ParquetPartWriter w = ParquetPartWriter.open(file, schema, options, conf);
        return partWriter(w::write, w::bytesWritten, w);
      }
    };
  }

  /** Writes Avro container files with {@code options} (codec, sync interval). */
  public static PartWriterFactory avroFiles(AvroWriteOptions options) {
    return new PartWriterFactory() {
      @Override
      public String extension() {
        return ".avro";
      }

      @Override
      public PartWriter open(Path file, Schema schema, Configuration conf) throws IOException {
        AvroPartWriter<GenericRecord> w = AvroPartWriter.generic(file, schema, options, conf);
        java.util.function.LongSupplier bytes =
            () -> {
              try {
                return w.bytesWritten();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            };
        return partWriter(w::write, bytes, w);
      }
    };
  }

  /** Writes one record; may throw I/O errors. */
  private interface RecordSink {
    void write(GenericRecord record) throws IOException;
  }

  private static PartWriterFactory.PartWriter partWriter(
      RecordSink sink, java.util.function.LongSupplier bytes, java.io.Closeable closeable) {
    return new PartWriterFactory.PartWriter() {
      @Override
      public void write(GenericRecord record) throws IOException {
        sink.write(record);
      }

      @Override
      public long bytesWritten() {
        return bytes.getAsLong();
      }

      @Override
      public void close() throws IOException {
        closeable.close();
      }
    };
  }

  static <T> SplitReader<T> adapt(
      java.util.Iterator<T> records,
      java.util.function.LongSupplier bytes,
      java.io.Closeable closeable) {
    return new SplitReader<>() {
      @Override
      public long bytesRead() {
        return bytes.getAsLong();
      }

      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public T next() {
        return records.next();
      }

      @Override
      public void close() throws IOException {
        closeable.close();
      }
    };
  }
}
