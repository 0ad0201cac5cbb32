package dev.weft.core.io;

import dev.weft.hdfs.avro.AvroSplitReader;
import dev.weft.hdfs.input.TextSplitReader;
import dev.weft.hdfs.parquet.ParquetScan;
import dev.weft.hdfs.parquet.ParquetSplitReader;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

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

  /** Parquet records: only the scan's columns, and only records its predicate keeps. */
  public static SplitReaderFactory<GenericRecord> parquet(ParquetScan scan) {
    return (split, conf) -> {
      ParquetSplitReader r = new ParquetSplitReader(split, scan, conf);
      return adapt(r, () -> r.metrics().bytesRead(), r);
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
