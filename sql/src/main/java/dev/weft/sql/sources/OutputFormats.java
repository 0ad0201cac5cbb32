package dev.weft.sql.sources;

import dev.weft.core.config.WeftConfig;
import dev.weft.sql.SqlConfig;
import dev.weft.sql.sources.avro.AvroTaskWriter;
import dev.weft.sql.sources.parquet.ParquetTaskWriter;
import dev.weft.sql.sources.text.TextTaskWriter;
import dev.weft.sql.types.StructType;
import java.util.Map;

/**
 * The file formats a DataFrame can be written as ({@code parquet}, {@code avro}, {@code text}) and
 * their writer options, checked on the driver before any task runs or any output is touched.
 */
public final class OutputFormats {
  private OutputFormats() {}

  /**
   * The files of {@code format} for rows of {@code dataSchema} (partition columns excluded).
   *
   * @param options the writer's options: {@code compression} (Spark's codec names per format); for
   *     Avro {@code recordName} and {@code recordNamespace}
   * @throws IllegalArgumentException in one line for an unknown format or codec, or a schema the
   *     format cannot write
   */
  public static RowFileWriter.Factory files(
      String format, StructType dataSchema, Map<String, String> options, WeftConfig conf) {
    String compression = options.get("compression");
    String origin = "option compression";
    switch (format) {
      case "parquet":
        if (compression == null) {
          compression = conf.get(SqlConfig.PARQUET_COMPRESSION_CODEC);
          origin = SqlConfig.PARQUET_COMPRESSION_CODEC.name();
        }
        return ParquetTaskWriter.files(dataSchema, ParquetTaskWriter.codec(compression, origin));
      case "avro":
        if (compression == null) {
          compression = conf.get(SqlConfig.AVRO_COMPRESSION_CODEC);
          origin = SqlConfig.AVRO_COMPRESSION_CODEC.name();
        }
        return new AvroTaskWriter(
            dataSchema,
            AvroTaskWriter.codec(compression, origin),
            options.getOrDefault("recordName", "topLevelRecord"),
            options.getOrDefault("recordNamespace", ""));
      case "text":
        TextTaskWriter.checkSchema(dataSchema);
        return new TextTaskWriter(
            TextTaskWriter.codec(compression == null ? "none" : compression, origin));
      default:
        throw new IllegalArgumentException(
            "Unknown or unsupported output format '"
                + format
                + "'; expected parquet, avro or text");
    }
  }
}
