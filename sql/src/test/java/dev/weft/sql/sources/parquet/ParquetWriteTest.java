package dev.weft.sql.sources.parquet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.RowFactory;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.io.File;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ParquetWriteTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  private static final StructType ALL =
      StructType.of(
          DataTypes.createStructField("b", DataTypes.BooleanType, true),
          DataTypes.createStructField("t", DataTypes.ByteType, true),
          DataTypes.createStructField("s", DataTypes.ShortType, true),
          DataTypes.createStructField("i", DataTypes.IntegerType, false),
          DataTypes.createStructField("l", DataTypes.LongType, true),
          DataTypes.createStructField("f", DataTypes.FloatType, true),
          DataTypes.createStructField("d", DataTypes.DoubleType, true),
          DataTypes.createStructField("d9", DataTypes.createDecimalType(9, 2), true),
          DataTypes.createStructField("d18", DataTypes.createDecimalType(12, 2), true),
          DataTypes.createStructField("d38", DataTypes.createDecimalType(30, 4), true),
          DataTypes.createStructField("str", DataTypes.StringType, true),
          DataTypes.createStructField("bin", DataTypes.BinaryType, true),
          DataTypes.createStructField("day", DataTypes.DateType, true),
          DataTypes.createStructField("ts", DataTypes.TimestampType, true),
          DataTypes.createStructField(
              "arr", DataTypes.createArrayType(DataTypes.StringType, true), true),
          DataTypes.createStructField(
              "m", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType), true),
          DataTypes.createStructField(
              "st",
              StructType.of(DataTypes.createStructField("x", DataTypes.IntegerType, true)),
              true));

  @Test
  public void everyTypeRoundTripsInSparksLayout() throws Exception {
    Row full =
        RowFactory.create(
            true,
            (byte) 1,
            (short) 2,
            3,
            4L,
            1.5f,
            2.5,
            new BigDecimal("1.25"),
            new BigDecimal("1234567890.12"),
            new BigDecimal("-12345678901234567890.1234"),
            "héllo",
            new byte[] {9},
            LocalDate.of(2024, 2, 29),
            Instant.parse("1969-12-31T23:59:59.000001Z"),
            Arrays.asList("a", null),
            Map.of("k", 1),
            RowFactory.create(5));
    Row empty =
        RowFactory.create(
            (Object[])
                new Object[] {
                  null, null, null, 0, null, null, null, null, null, null, null, null, null, null,
                  null, null, null
                });
    String out = tmp.getRoot() + "/all";
    session.createDataFrame(List.of(full, empty), ALL).write().parquet(out);

    File[] parts = new File(out).listFiles((d, n) -> n.endsWith(".parquet"));
    assertTrue(parts.length >= 1);
    assertTrue(parts[0].getName(), parts[0].getName().matches("part-\\d{5}-.*\\.snappy\\.parquet"));
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(new Path(parts[0].getPath()), new Configuration()))) {
      String schema = r.getFooter().getFileMetaData().getSchema().toString();
      assertTrue(schema, schema.contains("optional int32 d9 (DECIMAL(9,2))"));
      assertTrue(schema, schema.contains("optional int64 d18 (DECIMAL(12,2))"));
      assertTrue(schema, schema.contains("optional fixed_len_byte_array(13) d38 (DECIMAL(30,4))"));
      assertTrue(schema, schema.contains("optional int96 ts"));
      assertTrue(schema, schema.contains("optional int32 day (DATE)"));
      assertTrue(schema, schema.contains("optional int32 t (INTEGER(8,true))"));
      assertTrue(schema, schema.contains("required int32 i;"));
      assertTrue(
          schema,
          schema.contains(
              "optional group arr (LIST) {\n    repeated group list {\n"
                  + "      optional binary element (STRING);"));
      assertTrue(schema, schema.contains("optional group m (MAP) {\n    repeated group key_value"));
    }
    List<Row> back = new ArrayList<>(session.read().parquet(out).collect());
    back.sort(Comparator.comparing(r -> r.get(0) == null ? 1 : 0));
    assertEquals(
        ALL.simpleString().replace("i:int", "i:int"),
        session.read().parquet(out).schema().simpleString());
    for (int i = 0; i < ALL.size(); i++) {
      Object expected = full.get(i);
      Object actual = back.get(0).get(i);
      if (expected instanceof byte[] e) {
        assertTrue(Arrays.equals(e, (byte[]) actual));
      } else {
        assertEquals(ALL.field(i).name(), String.valueOf(expected), String.valueOf(actual));
      }
    }
    assertEquals(null, back.get(1).get(0));
    assertEquals(null, back.get(1).get(16));
  }

  private DataFrame sales(Object[]... rows) {
    StructType schema =
        StructType.of(
            DataTypes.createStructField("id", DataTypes.IntegerType, true),
            DataTypes.createStructField("country", DataTypes.StringType, true));
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return session.createDataFrame(list, schema);
  }

  @Test
  public void partitionByWritesColDirectoriesAndModesBehaveAsSparks() throws Exception {
    String out = tmp.getRoot() + "/sales";
    sales(new Object[] {1, "DE"}, new Object[] {2, "a/b"}, new Object[] {3, null})
        .write()
        .partitionBy("country")
        .parquet(out);
    assertTrue(new File(out, "country=DE").isDirectory());
    assertTrue(new File(out, "country=a%2Fb").isDirectory());
    assertTrue(new File(out, "country=__HIVE_DEFAULT_PARTITION__").isDirectory());
    assertEquals("[[1,DE], [2,a/b], [3,null]]", sorted(session.read().parquet(out).collect()));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> sales(new Object[] {9, "X"}).write().parquet(out));
    assertTrue(e.getMessage(), e.getMessage().contains(out));
    sales(new Object[] {9, "X"}).write().mode("ignore").parquet(out);
    assertEquals(3, session.read().parquet(out).count());
    sales(new Object[] {4, "DE"}).write().mode("append").partitionBy("country").parquet(out);
    assertEquals(4, session.read().parquet(out).count());
    sales(new Object[] {5, "FR"}).write().mode("overwrite").partitionBy("country").parquet(out);
    assertEquals("[[5,FR]]", sorted(session.read().parquet(out).collect()));
  }

  @Test
  public void everySparkCodecIsStoredInTheFilesAndNamesThem() throws Exception {
    for (String codec : ParquetTaskWriter.CODECS) {
      String out = tmp.getRoot() + "/" + codec;
      sales(new Object[] {1, "DE"}).write().option("compression", codec).parquet(out);
      File part = new File(out).listFiles((d, n) -> n.endsWith(".parquet"))[0];
      String expected =
          switch (codec) {
            case "none", "uncompressed" -> "UNCOMPRESSED";
            default -> codec.toUpperCase(java.util.Locale.ROOT);
          };
      assertEquals(codec, expected, codecOf(part));
      assertEquals(codec, "[[1,DE]]", sorted(session.read().parquet(out).collect()));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                sales(new Object[] {1, "DE"})
                    .write()
                    .option("compression", "brotli")
                    .parquet(tmp.getRoot() + "/brotli"));
    assertEquals(
        "Unknown Parquet compression 'brotli' (option compression); expected one of none,"
            + " uncompressed, snappy, gzip, lz4_raw, zstd",
        e.getMessage());
  }

  @Test
  public void theDefaultCodecIsSnappyAsSparksConfigKeySays() throws Exception {
    assertEquals("snappy", dev.weft.sql.SqlConfig.PARQUET_COMPRESSION_CODEC.defaultValue());
    String out = tmp.getRoot() + "/default";
    sales(new Object[] {1, "DE"}).write().parquet(out);
    assertEquals("SNAPPY", codecOf(new File(out).listFiles((d, n) -> n.endsWith(".parquet"))[0]));
  }

  private static String codecOf(File part) throws Exception {
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(new Path(part.getPath()), new Configuration()))) {
      return r.getFooter().getBlocks().get(0).getColumns().get(0).getCodec().name();
    }
  }

  private static String sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(r -> (Integer) r.get(0)));
    return copy.toString();
  }
}
