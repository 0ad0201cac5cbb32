package dev.weft.sql;

import dev.weft.core.driver.Internals;
import dev.weft.sql.sources.FileFormat;
import dev.weft.sql.sources.FileTable;
import dev.weft.sql.sources.parquet.ParquetFormat;
import dev.weft.sql.types.StructType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads files as a {@link DataFrame}, like Spark's {@code DataFrameReader}: {@code
 * session.read().option("mergeSchema", "true").parquet("hdfs:///warehouse/sales")}.
 *
 * <p>Options, as Spark's: {@code basePath} (the directory partition columns are read below), {@code
 * recursiveFileLookup} (read every file below the paths, inferring no partition columns), {@code
 * mergeSchema} (Parquet: merge the schemas of all files instead of taking the first's). {@code
 * col=value} directories become partition columns after the data columns, their types inferred as
 * {@code weft.sql.sources.partitionColumnTypeInference.enabled} says.
 */
public final class DataFrameReader {
  private final WeftSession session;
  private final Map<String, String> options = new LinkedHashMap<>();
  private String format = "parquet";
  private StructType schema;

  DataFrameReader(WeftSession session) {
    this.session = session;
  }

  /** The format of {@link #load}: {@code parquet} (the default), {@code avro} or {@code text}. */
  public DataFrameReader format(String source) {
    this.format = source.toLowerCase(Locale.ROOT);
    return this;
  }

  /** The schema to read the files with, instead of inferring it from them. */
  public DataFrameReader schema(StructType schema) {
    this.schema = schema;
    return this;
  }

  /** Sets a reader option. */
  public DataFrameReader option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public DataFrameReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  /** Sets several reader options. */
  public DataFrameReader options(Map<String, String> options) {
    this.options.putAll(options);
    return this;
  }

  /** Reads Parquet files, directories or globs. */
  public DataFrame parquet(String... paths) {
    return format("parquet").load(paths);
  }

  /** Reads Avro container files, with the first file's schema. */
  public DataFrame avro(String... paths) {
    return format("avro").load(paths);
  }

  /**
   * Reads text files as Spark's {@code text} format: one row per line in a column {@code value:
   * string}, after which come any partition columns.
   */
  public DataFrame text(String... paths) {
    return format("text").load(paths);
  }

  /**
   * Reads the paths in the format of {@link #format}.
   *
   * @throws IllegalArgumentException for an unknown format, a missing path, or files that cannot be
   *     read as one table
   */
  public DataFrame load(String... paths) {
    if (paths.length == 0) {
      throw new IllegalArgumentException("load() needs at least one path");
    }
    FileFormat f = fileFormat(format);
    boolean infer =
        Internals.of(session.context()).config().get(SqlConfig.PARTITION_COLUMN_TYPE_INFERENCE);
    FileTable table =
        new FileTable(
            f,
            Internals.of(session.context()).hadoopConfiguration(),
            List.of(paths),
            options,
            schema,
            infer);
    return session.fromSource(table);
  }

  static FileFormat fileFormat(String name) {
    return switch (name) {
      case "parquet" -> new ParquetFormat();
      case "text" -> new dev.weft.sql.sources.text.TextFormat();
      case "avro" -> new dev.weft.sql.sources.avro.AvroFormat();
      default ->
          throw new IllegalArgumentException(
              "Unknown data source format '" + name + "'; expected one of parquet, avro, text");
    };
  }
}
