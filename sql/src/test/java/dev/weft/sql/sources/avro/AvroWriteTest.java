package dev.weft.sql.sources.avro;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AvroWriteTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  private static final StructType POINT =
      StructType.of(
          DataTypes.createStructField("x", DataTypes.IntegerType, true),
          DataTypes.createStructField("label", DataTypes.StringType, true));

  private static final StructType ALL =
      StructType.of(
          DataTypes.createStructField("b", DataTypes.BooleanType, true),
          DataTypes.createStructField("i", DataTypes.IntegerType, false),
          DataTypes.createStructField("l", DataTypes.LongType, true),
          DataTypes.createStructField("f", DataTypes.FloatType, true),
          DataTypes.createStructField("d", DataTypes.DoubleType, true),
          DataTypes.createStructField("d9", DataTypes.createDecimalType(9, 2), true),
          DataTypes.createStructField("d38", DataTypes.createDecimalType(30, 4), true),
          DataTypes.createStructField("str", DataTypes.StringType, true),
          DataTypes.createStructField("bin", DataTypes.BinaryType, true),
          DataTypes.createStructField("day", DataTypes.DateType, true),
          DataTypes.createStructField("ts", DataTypes.TimestampType, true),
          DataTypes.createStructField(
              "arr", DataTypes.createArrayType(DataTypes.StringType, true), true),
          DataTypes.createStructField(
              "m",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, false),
              true),
          DataTypes.createStructField("p", POINT, true));

  private static Row full() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("k", 1);
    m.put("z", 2);
    return RowFactory.create(
        true,
        3,
        4L,
        1.5f,
        2.5,
        new BigDecimal("1.25"),
        new BigDecimal("-12345678901234567890.1234"),
        "héllo",
        new byte[] {9, 8},
        LocalDate.of(2024, 2, 29),
        Instant.parse("1969-12-31T23:59:59.000001Z"),
        Arrays.asList("a", null),
        m,
        RowFactory.create(5, "five"));
  }

  private static Row nulls() {
    Object[] v = new Object[ALL.size()];
    v[1] = 0;
    return RowFactory.create(v);
  }

  @Test
  public void everyTypeRoundTripsThroughTheAvroReaderIdentically() throws Exception {
    String out = tmp.getRoot() + "/all";
    session.createDataFrame(List.of(full(), nulls()), ALL).write().avro(out);

    DataFrame back = session.read().avro(out);
    assertEquals(ALL.simpleString(), back.schema().simpleString());
    assertEquals(ALL, back.schema());
    List<Row> rows = new ArrayList<>(back.collect());
    rows.sort(Comparator.comparing(r -> r.get(0) == null ? 1 : 0));
    Row expected = full();
    for (int i = 0; i < ALL.size(); i++) {
      Object e = expected.get(i);
      Object a = rows.get(0).get(i);
      if (e instanceof byte[] eb) {
        assertTrue(ALL.field(i).name(), Arrays.equals(eb, (byte[]) a));
      } else if (e instanceof Map) {
        assertEquals(ALL.field(i).name(), e, a); // Avro's reader does not keep a map's order
      } else {
        assertEquals(ALL.field(i).name(), String.valueOf(e), String.valueOf(a));
      }
    }
    assertEquals(nulls().toString(), rows.get(1).toString());
  }

  @Test
  public void theAvroSchemaIsSparks() throws Exception {
    String out = tmp.getRoot() + "/all";
    session.createDataFrame(List.of(full()), ALL).write().format("avro").save(out);
    File[] parts = new File(out).listFiles((d, n) -> n.endsWith(".avro"));
    assertTrue(parts.length >= 1);
    assertTrue(parts[0].getName(), parts[0].getName().matches("part-\\d{5}-.*\\.avro"));
    try (DataFileReader<GenericRecord> r =
        new DataFileReader<>(parts[0], new GenericDatumReader<>())) {
      Schema s = r.getSchema();
      assertEquals("topLevelRecord", s.getFullName());
      assertEquals("snappy", r.getMetaString("avro.codec"));
      assertEquals("\"int\"", s.getField("i").schema().toString());
      assertEquals(
          "[{\"type\":\"int\",\"logicalType\":\"date\"},\"null\"]",
          s.getField("day").schema().toString());
      assertEquals(
          "[{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"},\"null\"]",
          s.getField("ts").schema().toString());
      assertEquals(
          "[{\"type\":\"fixed\",\"name\":\"fixed\",\"namespace\":\"topLevelRecord.d38\","
              + "\"size\":13,\"logicalType\":\"decimal\",\"precision\":30,\"scale\":4},\"null\"]",
          s.getField("d38").schema().toString());
      Schema point = s.getField("p").schema().getTypes().get(0);
      assertEquals("topLevelRecord.p", point.getFullName());
      assertEquals(
          "[{\"type\":\"array\",\"items\":[\"string\",\"null\"]},\"null\"]",
          s.getField("arr").schema().toString());
      assertEquals(
          "[{\"type\":\"map\",\"values\":\"int\"},\"null\"]", s.getField("m").schema().toString());
    }
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
  public void partitionByAndSaveModesBehaveAsForParquet() throws Exception {
    String out = tmp.getRoot() + "/sales";
    sales(new Object[] {1, "DE"}, new Object[] {2, null}).write().partitionBy("country").avro(out);
    assertTrue(new File(out, "country=DE").isDirectory());
    assertTrue(new File(out, "country=__HIVE_DEFAULT_PARTITION__").isDirectory());
    assertEquals("[[1,DE], [2,null]]", sorted(session.read().avro(out).collect()));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> sales(new Object[] {9, "X"}).write().avro(out));
    assertTrue(e.getMessage(), e.getMessage().contains(out));
    sales(new Object[] {9, "X"}).write().mode("ignore").avro(out);
    assertEquals(2, session.read().avro(out).count());
    sales(new Object[] {4, "DE"}).write().mode("append").partitionBy("country").avro(out);
    assertEquals(3, session.read().avro(out).count());
    sales(new Object[] {5, "FR"}).write().mode("overwrite").partitionBy("country").avro(out);
    assertEquals("[[5,FR]]", sorted(session.read().avro(out).collect()));
  }

  @Test
  public void everySparkCodecWritesReadableFilesAndAnUnknownOneFailsInOneLine() throws Exception {
    for (String codec : AvroTaskWriter.CODECS) {
      String out = tmp.getRoot() + "/" + codec;
      sales(new Object[] {1, "DE"}, new Object[] {2, "FR"})
          .write()
          .option("compression", codec)
          .avro(out);
      File part = new File(out).listFiles((d, n) -> n.endsWith(".avro"))[0];
      try (DataFileReader<GenericRecord> r =
          new DataFileReader<>(part, new GenericDatumReader<>())) {
        String expected = codec.equals("uncompressed") ? "null" : codec;
        assertEquals(expected, r.getMetaString("avro.codec"));
      }
      assertEquals(codec, "[[1,DE], [2,FR]]", sorted(session.read().avro(out).collect()));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                sales(new Object[] {1, "DE"})
                    .write()
                    .option("compression", "lzo")
                    .avro(tmp.getRoot() + "/lzo"));
    assertEquals(
        "Unknown Avro compression 'lzo' (option compression); expected one of uncompressed,"
            + " snappy, deflate, bzip2, xz, zstandard",
        e.getMessage());
    assertTrue(!new File(tmp.getRoot() + "/lzo").exists());
  }

  @Test
  public void aColumnNameAvroCannotHoldFailsInOneLineBeforeAnyOutput() {
    StructType schema =
        StructType.of(DataTypes.createStructField("my col", DataTypes.IntegerType, true));
    String out = tmp.getRoot() + "/bad";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> session.createDataFrame(List.of(RowFactory.create(1)), schema).write().avro(out));
    assertTrue(
        e.getMessage(), e.getMessage().startsWith("Column 'my col' cannot be written to Avro"));
    assertTrue(!new File(out).exists());
  }

  private static String sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(r -> (Integer) r.get(0)));
    return copy.toString();
  }
}
