package dev.weft.sql;

import dev.weft.core.driver.DriverRuntime;
import dev.weft.core.driver.Internals;
import dev.weft.hdfs.output.SaveMode;
import dev.weft.sql.sources.OutputFormats;
import dev.weft.sql.sources.PartitionedTaskWriter;
import dev.weft.sql.sources.RowFileWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a DataFrame as files, like Spark's {@code DataFrameWriter}: {@code
 * df.write().mode("overwrite").partitionBy("year").parquet(path)}, as one job committed through the
 * output commit protocol (all of the output or none of it).
 *
 * <p>Modes: {@code error}/{@code errorifexists} (the default; fail if the path exists), {@code
 * overwrite}, {@code append}, {@code ignore} (do nothing if the path exists). Formats: {@code
 * parquet} (the default), {@code avro}, {@code text}. With {@code partitionBy}, option {@code
 * partitionOverwriteMode} {@code dynamic} (or the session's {@code
 * weft.sql.sources.partitionOverwriteMode}) makes an overwrite replace only the partitions present
 * in the new data and keep the others, as Spark's dynamic partition overwrite; the job commit
 * replaces exactly those directories, so a failed job leaves the previous contents. Option {@code
 * compression}, Spark's codec names per format: Parquet {@code none}, {@code uncompressed}, {@code
 * snappy}, {@code gzip}, {@code lz4_raw}, {@code zstd} (default {@code
 * weft.sql.parquet.compression.codec}); Avro {@code uncompressed}, {@code snappy}, {@code deflate},
 * {@code bzip2}, {@code xz}, {@code zstandard} (default {@code weft.sql.avro.compression.codec});
 * text {@code none}, {@code bzip2}, {@code deflate}, {@code gzip}, {@code snappy} (Spark's {@code
 * lz4} is not offered: it needs lz4-java, which Weft does not ship). Files are named like Spark's
 * ({@code part-00000-...snappy.parquet}); partition columns become {@code col=value} directories
 * and are left out of the files.
 */
public final class DataFrameWriter {
  private final DataFrame df;
  private final Map<String, String> options = new LinkedHashMap<>();
  private final List<String> partitionBy = new ArrayList<>();
  private String format = "parquet";
  private String mode = "errorifexists";

  DataFrameWriter(DataFrame df) {
    this.df = df;
  }

  public DataFrameWriter format(String source) {
    this.format = source.toLowerCase(Locale.ROOT);
    return this;
  }

  /** {@code error}, {@code errorifexists}, {@code overwrite}, {@code append} or {@code ignore}. */
  public DataFrameWriter mode(String saveMode) {
    String m = saveMode.toLowerCase(Locale.ROOT);
    if (!List.of("error", "errorifexists", "default", "overwrite", "append", "ignore")
        .contains(m)) {
      throw new IllegalArgumentException(
          "Unknown save mode '"
              + saveMode
              + "'; expected error, errorifexists, overwrite, append or ignore");
    }
    this.mode = m;
    return this;
  }

  public DataFrameWriter option(String key, String value) {
    options.put(key, value);
    return this;
  }

  /** The columns whose values name the output's {@code col=value} directories, in this order. */
  public DataFrameWriter partitionBy(String... columns) {
    partitionBy.clear();
    partitionBy.addAll(List.of(columns));
    return this;
  }

  public void parquet(String path) {
    format("parquet").save(path);
  }

  /** Writes the DataFrame as Avro files (Spark's {@code avro} format) under {@code path}. */
  public void avro(String path) {
    format("avro").save(path);
  }

  /**
   * Writes the DataFrame as text files under {@code path}: it must have exactly one string column
   * besides the {@link #partitionBy} columns; each row is one line.
   */
  public void text(String path) {
    format("text").save(path);
  }

  /** Writes the DataFrame under {@code path} in the format of {@link #format}. */
  public void save(String path) {
    DriverRuntime driver = Internals.of(df.session().context());
    var schema = df.schema();
    List<String> parts = List.copyOf(partitionBy);
    RowFileWriter.Factory files =
        OutputFormats.files(
            format, PartitionedTaskWriter.dataSchema(schema, parts), options, driver.config());
    if (mode.equals("ignore") && exists(driver, path)) {
      return;
    }
    SaveMode saveMode =
        switch (mode) {
          case "overwrite" ->
              dynamicOverwrite(driver) ? SaveMode.OVERWRITE_PARTITIONS : SaveMode.OVERWRITE;
          case "append" -> SaveMode.APPEND;
          default -> SaveMode.ERROR_IF_EXISTS;
        };
    var data = df.execution().toInternalDataset();
    var node = Internals.node(data);
    var overrides = driver.hadoopOverrides();
    driver
        .output()
        .save(
            node,
            path,
            saveMode,
            job -> PartitionedTaskWriter.writer(job, schema, parts, files, overrides));
  }

  /**
   * Whether an overwrite replaces only the partitions written (Spark's dynamic partition
   * overwrite): with {@code partitionBy} columns and mode {@code dynamic}, from the option {@code
   * partitionOverwriteMode} or else the session's {@link SqlConfig#PARTITION_OVERWRITE_MODE}.
   * Without partition columns an overwrite replaces everything, as in Spark.
   */
  private boolean dynamicOverwrite(DriverRuntime driver) {
    String chosen = null;
    for (Map.Entry<String, String> option : options.entrySet()) {
      if (option.getKey().equalsIgnoreCase("partitionOverwriteMode")) {
        chosen = option.getValue(); // option names are case-insensitive, as in Spark
      }
    }
    if (chosen == null) {
      chosen = driver.config().get(SqlConfig.PARTITION_OVERWRITE_MODE);
    } else if (!SqlConfig.isOverwriteMode(chosen)) {
      throw new IllegalArgumentException(
          "Unknown partitionOverwriteMode '" + chosen + "'; expected static or dynamic");
    }
    return !partitionBy.isEmpty() && chosen.equalsIgnoreCase("dynamic");
  }

  private static boolean exists(DriverRuntime driver, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(driver.hadoopConfiguration());
      return fs.exists(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot check output " + path, e);
    }
  }
}
