package dev.weft.api;

import dev.weft.core.io.Formats;
import dev.weft.hdfs.avro.AvroWriteOptions;
import dev.weft.hdfs.parquet.ParquetWriteOptions;
import java.util.List;

/**
 * Writes a dataset to files through the output commit protocol: every task writes under a temporary
 * attempt directory, one attempt per partition commits, and the job commit publishes the files and
 * {@code _SUCCESS}. A failed job leaves the destination as it was.
 *
 * <pre>{@code
 * lines.write().mode(SaveMode.OVERWRITE).text("hdfs:///out/report");
 * customers.write().partitionBy("country").codec("zstd").parquet("hdfs:///out/customers");
 * }</pre>
 *
 * @param <T> the record type
 */
public final class DataWriter<T> {
  private final Dataset<T> dataset;
  private SaveMode mode = SaveMode.ERROR_IF_EXISTS;
  private String codec;
  private List<String> partitionBy = List.of();

  DataWriter(Dataset<T> dataset) {
    this.dataset = dataset;
  }

  /** What to do when the destination exists; {@link SaveMode#ERROR_IF_EXISTS} by default. */
  public DataWriter<T> mode(SaveMode mode) {
    this.mode = mode;
    return this;
  }

  /** {@link #mode(SaveMode)} by name: {@code error}, {@code overwrite} or {@code append}. */
  public DataWriter<T> mode(String mode) {
    return mode(SaveMode.parse(mode));
  }

  /**
   * The compression of the files: for Avro and Parquet {@code snappy} (their default), {@code
   * zstd}, {@code gzip} (Avro: {@code deflate}) or {@code none}; for text any codec Hadoop knows,
   * e.g. {@code gzip} or {@code bzip2} (default: none).
   */
  public DataWriter<T> codec(String codec) {
    this.codec = codec;
    return this;
  }

  /**
   * Writes Avro or Parquet records into one directory per value of these fields, in order ({@code
   * country=DE/year=2026/...}); null values go to {@code __HIVE_DEFAULT_PARTITION__}. The fields
   * stay in the records too.
   */
  public DataWriter<T> partitionBy(String... columns) {
    this.partitionBy = List.of(columns);
    return this;
  }

  /**
   * Writes each record's {@code toString()} as a line, one {@code part-NNNNN} file per partition.
   */
  public void text(String path) {
    if (!partitionBy.isEmpty()) {
      throw new IllegalArgumentException(
          "partitionBy applies to Avro and Parquet output, not text");
    }
    String textCodec = codec == null || codec.equalsIgnoreCase("none") ? null : codec;
    dataset
        .context
        .runtime()
        .output()
        .saveAsText(dataset.node, path, mode.toOutputMode(), textCodec);
  }

  /**
   * Writes the records, which must be Avro {@code GenericRecord}s, as Parquet files.
   *
   * @throws IllegalArgumentException for an unknown codec, before anything runs
   */
  public void parquet(String path) {
    ParquetWriteOptions options = ParquetWriteOptions.defaults();
    if (codec != null) {
      options = options.withCodec(codec);
    }
    dataset
        .context
        .runtime()
        .output()
        .saveRecords(
            dataset.node, path, mode.toOutputMode(), Formats.parquetFiles(options), partitionBy);
  }

  /**
   * Writes the records, which must be Avro {@code GenericRecord}s, as Avro container files.
   *
   * @throws IllegalArgumentException for an unknown codec, before anything runs
   */
  public void avro(String path) {
    AvroWriteOptions options = AvroWriteOptions.defaults();
    if (codec != null) {
      options = options.withCodec(codec);
    }
    dataset
        .context
        .runtime()
        .output()
        .saveRecords(
            dataset.node, path, mode.toOutputMode(), Formats.avroFiles(options), partitionBy);
  }
}
