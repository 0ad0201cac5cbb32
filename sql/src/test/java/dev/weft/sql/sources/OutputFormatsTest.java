package dev.weft.sql.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.weft.core.config.WeftConfig;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.Map;
import org.junit.Test;

public class OutputFormatsTest {
  private static final StructType DATA =
      StructType.of(DataTypes.createStructField("value", DataTypes.StringType, true));

  @Test
  public void theSessionsCodecKeysApplyWhenTheWriterHasNoCompressionOption() {
    WeftConfig conf =
        WeftConfig.of(
            Map.of(
                "weft.sql.parquet.compression.codec", "zstd",
                "weft.sql.avro.compression.codec", "xz"));
    assertEquals(".zstd.parquet", OutputFormats.files("parquet", DATA, Map.of(), conf).extension());
    assertEquals(
        ".gz.parquet",
        OutputFormats.files("parquet", DATA, Map.of("compression", "GZIP"), conf).extension());
    assertEquals(
        ".parquet",
        OutputFormats.files(
                "parquet",
                DATA,
                Map.of(),
                WeftConfig.of(Map.of("weft.sql.parquet.compression.codec", "none")))
            .extension());
    assertEquals(
        ".snappy.parquet",
        OutputFormats.files("parquet", DATA, Map.of(), WeftConfig.of(Map.of())).extension());
    assertEquals(
        ".txt.bz2",
        OutputFormats.files("text", DATA, Map.of("compression", "bzip2"), conf).extension());
  }

  @Test
  public void anUnknownFormatOrCodecFailsInOneLineNamingWhereItCameFrom() {
    WeftConfig conf = WeftConfig.of(Map.of());
    IllegalArgumentException format =
        assertThrows(
            IllegalArgumentException.class, () -> OutputFormats.files("orc", DATA, Map.of(), conf));
    assertEquals(
        "Unknown or unsupported output format 'orc'; expected parquet, avro or text",
        format.getMessage());
    IllegalArgumentException avro =
        assertThrows(
            IllegalArgumentException.class,
            () -> OutputFormats.files("avro", DATA, Map.of("compression", "gzip"), conf));
    assertEquals(
        "Unknown Avro compression 'gzip' (option compression); expected one of uncompressed,"
            + " snappy, deflate, bzip2, xz, zstandard",
        avro.getMessage());
  }
}
