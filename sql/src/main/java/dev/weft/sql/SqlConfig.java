package dev.weft.sql;

import dev.weft.core.config.ConfigDeclarations;
import dev.weft.core.config.ConfigKey;
import dev.weft.sql.sources.avro.AvroTaskWriter;
import dev.weft.sql.sources.parquet.ParquetTaskWriter;

/** Keys of the structured layer ({@code weft.sql.*}). */
public final class SqlConfig implements ConfigDeclarations {

  public static final ConfigKey<Long> AUTO_BROADCAST_JOIN_THRESHOLD =
      ConfigKey.size("weft.sql.autoBroadcastJoinThreshold")
          .defaultValue("10m")
          .doc(
              "Largest estimated size of a join side that is broadcast to every task of the other"
                  + " side (a broadcast hash join) instead of shuffling both; 0 disables broadcast"
                  + " joins. Estimates come from local data, file sizes after partition pruning,"
                  + " and limits; a side of unknown size is never broadcast.")
          .build();

  public static final ConfigKey<Integer> SHUFFLE_PARTITIONS =
      ConfigKey.integer("weft.sql.shuffle.partitions")
          .defaultValue("200")
          .doc(
              "Partitions of the exchanges DataFrame queries insert for aggregations, joins and"
                  + " sorts (Spark's spark.sql.shuffle.partitions).")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<String> SESSION_TIME_ZONE =
      ConfigKey.string("weft.sql.session.timeZone")
          .doc(
              "The time zone of the session: casts between strings, dates and timestamps,"
                  + " date_format, to_date and the other zone-aware functions use it (Spark's"
                  + " spark.sql.session.timeZone). A zone id such as UTC or Europe/Berlin; unset,"
                  + " the driver JVM's default zone, as in Spark.")
          .check(SqlConfig::isZone, "a time zone id such as UTC or Europe/Berlin")
          .build();

  public static final ConfigKey<String> PARTITION_OVERWRITE_MODE =
      ConfigKey.string("weft.sql.sources.partitionOverwriteMode")
          .defaultValue("static")
          .doc(
              "What df.write().mode(\"overwrite\").partitionBy(...) replaces (Spark's"
                  + " spark.sql.sources.partitionOverwriteMode): static replaces the whole"
                  + " destination; dynamic replaces only the partition directories the new data"
                  + " writes into and keeps the others. The writer's option partitionOverwriteMode"
                  + " takes precedence.")
          .check(SqlConfig::isOverwriteMode, "static or dynamic")
          .build();

  /** Whether {@code mode} is a partition overwrite mode, {@code static} or {@code dynamic}. */
  static boolean isOverwriteMode(String mode) {
    String m = mode.toLowerCase(java.util.Locale.ROOT);
    return m.equals("static") || m.equals("dynamic");
  }

  private static boolean isZone(String zone) {
    try {
      java.time.ZoneId.of(zone);
      return true;
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  public static final ConfigKey<Boolean> PARTITION_COLUMN_TYPE_INFERENCE =
      ConfigKey.bool("weft.sql.sources.partitionColumnTypeInference.enabled")
          .defaultValue("true")
          .doc(
              "Whether the types of partition columns read from col=value directories are inferred"
                  + " (int, bigint, date, else string), as Spark's"
                  + " spark.sql.sources.partitionColumnTypeInference.enabled; when false they are"
                  + " strings.")
          .build();

  public static final ConfigKey<String> PARQUET_COMPRESSION_CODEC =
      ConfigKey.string("weft.sql.parquet.compression.codec")
          .defaultValue("snappy")
          .doc(
              "Compression of the Parquet files DataFrames write when the writer has no"
                  + " compression option (Spark's spark.sql.parquet.compression.codec): none,"
                  + " uncompressed, snappy, gzip, lz4_raw or zstd.")
          .check(
              c -> ParquetTaskWriter.CODECS.contains(c.toLowerCase(java.util.Locale.ROOT)),
              "one of " + String.join(", ", ParquetTaskWriter.CODECS))
          .build();

  public static final ConfigKey<String> AVRO_COMPRESSION_CODEC =
      ConfigKey.string("weft.sql.avro.compression.codec")
          .defaultValue("snappy")
          .doc(
              "Compression of the Avro files DataFrames write when the writer has no compression"
                  + " option (Spark's spark.sql.avro.compression.codec): uncompressed, snappy,"
                  + " deflate, bzip2, xz or zstandard.")
          .check(
              c -> AvroTaskWriter.CODECS.contains(c.toLowerCase(java.util.Locale.ROOT)),
              "one of " + String.join(", ", AvroTaskWriter.CODECS))
          .build();

  public static final ConfigKey<Boolean> PARQUET_VECTORIZED_READER =
      ConfigKey.bool("weft.sql.parquet.enableVectorizedReader")
          .defaultValue("true")
          .doc(
              "Whether DataFrame scans of Parquet files read column chunks into column batches"
                  + " (primitive vectors of about 4096 rows) and evaluate filters and projections"
                  + " directly above the scan over them, instead of assembling one row of boxed"
                  + " values per record (Spark's spark.sql.parquet.enableVectorizedReader)."
                  + " Scans of nested columns (array, map, struct) always use the row reader;"
                  + " explain() shows Batched: true where the vectorized reader is used.")
          .build();

  public static final ConfigKey<Boolean> CODEGEN_WHOLE_STAGE =
      ConfigKey.bool("weft.sql.codegen.wholeStage")
          .defaultValue("true")
          .doc(
              "Whether filters and projections over column batches (vectorized Parquet scans) run"
                  + " as Java code generated for the query's expressions and compiled once per"
                  + " executor JVM, as Spark's spark.sql.codegen.wholeStage; expressions the"
                  + " generator does not cover, or all when false, are interpreted row by row.")
          .build();
}
