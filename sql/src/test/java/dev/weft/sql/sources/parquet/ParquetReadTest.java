package dev.weft.sql.sources.parquet;

import static dev.weft.sql.functions.col;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.parquet.ParquetReadMetrics;
import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.io.File;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ParquetReadTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  private static final String SPARK_TYPES =
      "message spark_schema {\n"
          + "  optional int32 d32 (DECIMAL(9,2));\n"
          + "  optional int64 d64 (DECIMAL(12,2));\n"
          + "  optional fixed_len_byte_array(13) d128 (DECIMAL(30,4));\n"
          + "  optional int32 day (DATE);\n"
          + "  optional int64 micros (TIMESTAMP(MICROS,true));\n"
          + "  optional int64 millis (TIMESTAMP(MILLIS,false));\n"
          + "  optional int96 legacy;\n"
          + "  optional binary name (STRING);\n"
          + "  optional binary bytes;\n"
          + "  optional int32 small (INT_8);\n"
          + "  optional int32 ubyte (UINT_8);\n"
          + "  optional int64 ulong (UINT_64);\n"
          + "  optional group tags (LIST) { repeated group list { optional binary element (STRING); } }\n"
          + "  optional group legacy_list (LIST) { repeated int32 array; }\n"
          + "  optional group scores (MAP) { repeated group key_value {\n"
          + "    required binary key (STRING); optional double value; } }\n"
          + "  optional group point { optional int32 x; optional int32 y; }\n"
          + "}";

  @Test
  public void readsEveryTypeOfSparksLayoutsWithItsValue() throws Exception {
    String file = tmp.getRoot() + "/types.parquet";
    long micros = 1_700_000_000_123_456L;
    Consumer<Group> full =
        g -> {
          g.append("d32", 125);
          g.append("d64", 125L);
          g.append(
              "d128",
              Binary.fromConstantByteArray(
                  pad(new BigDecimal("-12345678901234567890.1234").unscaledValue().toByteArray())));
          g.append("day", 19_000);
          g.append("micros", micros);
          g.append("millis", 1_700_000_000_123L);
          g.append("legacy", SparkLayoutFiles.int96(micros));
          g.append("name", "ann");
          g.append("bytes", Binary.fromConstantByteArray(new byte[] {1, 2}));
          g.append("small", -5);
          g.append("ubyte", 200);
          g.append("ulong", -1L);
          Group tags = g.addGroup("tags");
          tags.addGroup("list").append("element", "a");
          tags.addGroup("list"); // a null element
          tags.addGroup("list").append("element", "b");
          Group legacy = g.addGroup("legacy_list");
          legacy.append("array", 7);
          legacy.append("array", 8);
          g.addGroup("scores").addGroup("key_value").append("key", "k").append("value", 1.5);
          g.addGroup("point").append("x", 1).append("y", 2);
        };
    Consumer<Group> empty = g -> {};
    SparkLayoutFiles.write(file, SPARK_TYPES, 1 << 20, List.of(full, empty));

    DataFrame df = session.read().parquet(file);
    assertEquals(
        "struct<d32:decimal(9,2),d64:decimal(12,2),d128:decimal(30,4),day:date,"
            + "micros:timestamp,millis:timestamp,legacy:timestamp,name:string,bytes:binary,"
            + "small:tinyint,ubyte:smallint,ulong:decimal(20,0),tags:array<string>,"
            + "legacy_list:array<int>,scores:map<string,double>,point:struct<x:int,y:int>>",
        df.schema().simpleString());
    List<Row> rows = df.collect();
    assertEquals(2, rows.size());
    Row r = rows.get(0);
    assertEquals(new BigDecimal("1.25"), r.get(0));
    assertEquals(new BigDecimal("1.25"), r.get(1));
    assertEquals(new BigDecimal("-12345678901234567890.1234"), r.get(2));
    assertEquals(LocalDate.ofEpochDay(19_000), r.get(3));
    assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"), r.get(4));
    assertEquals(Instant.parse("2023-11-14T22:13:20.123Z"), r.get(5));
    assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"), r.get(6));
    assertEquals("ann", r.get(7));
    assertEquals(List.of((byte) 1, (byte) 2), toList((byte[]) r.get(8)));
    assertEquals((byte) -5, r.get(9));
    assertEquals((short) 200, r.get(10));
    assertEquals(new BigDecimal("18446744073709551615"), r.get(11));
    assertEquals(java.util.Arrays.asList("a", null, "b"), r.get(12));
    assertEquals(List.of(7, 8), r.get(13));
    assertEquals(java.util.Map.of("k", 1.5), r.get(14));
    assertEquals("[1,2]", r.get(15).toString());
    for (int i = 0; i < 16; i++) {
      assertEquals("column " + i + " of an empty record", null, rows.get(1).get(i));
    }
  }

  @Test
  public void projectionAndFiltersReadOnlyWhatTheQueryNeeds() throws Exception {
    String file = tmp.getRoot() + "/ids.parquet";
    writeIds(file, 2000);
    DataFrame df =
        session.read().parquet(file).where(col("id").geq(1990)).select(col("id"), col("v"));
    List<Row> rows = df.collect();
    assertEquals(10, rows.size());
    assertEquals(1990L, rows.get(0).get(0));
    assertEquals("v1991", rows.get(1).get(1));
  }

  @Test
  public void countReadsNoColumnButCountsEveryRow() throws Exception {
    String file = tmp.getRoot() + "/ids.parquet";
    writeIds(file, 2000);
    assertEquals(2000, session.read().parquet(file).count());
    assertEquals(1000, session.read().parquet(file).where(col("id").lt(1000)).count());
  }

  @Test
  public void pushedFiltersSkipRowGroupsByStatistics() throws Exception {
    String file = tmp.getRoot() + "/ids.parquet";
    writeIds(file, 2000);
    StructType required =
        StructType.of(DataTypes.createStructField("id", DataTypes.LongType, true));
    List<InternalRow> rows = new ArrayList<>();
    ParquetReadMetrics m;
    try (ParquetRowReader r =
        new ParquetRowReader(
            wholeFile(file),
            required,
            List.of(new SourceFilter.GreaterThanOrEqual("id", 1990L)),
            new Configuration())) {
      r.forEachRemaining(rows::add);
      m = r.metrics();
    }
    assertEquals(10, rows.size());
    assertTrue("several row groups: " + m, m.rowGroupsInSplit() > 3);
    assertEquals("only the last row group is read: " + m, 1, m.rowGroupsRead());
    assertEquals(m.rowGroupsInSplit() - 1, m.rowGroupsSkipped());
    assertTrue(m.bytesRead() < new File(file).length());
  }

  @Test
  public void filtersFollowSqlNullSemantics() throws Exception {
    String file = tmp.getRoot() + "/ids.parquet";
    writeIds(file, 100); // v is null for every id divisible by 10
    StructType required =
        StructType.of(
            DataTypes.createStructField("id", DataTypes.LongType, true),
            DataTypes.createStructField("v", DataTypes.StringType, true));
    assertEquals(10, read(file, required, new SourceFilter.IsNull("v")).size());
    assertEquals(90, read(file, required, new SourceFilter.IsNotNull("v")).size());
    assertEquals(
        List.of(new InternalRow(1L, "v1")),
        read(file, required, new SourceFilter.EqualTo("v", "v1")));
    // v < 'v2' holds for v1, v10..v19 minus the null v10; never for nulls
    assertEquals(10, read(file, required, new SourceFilter.LessThan("v", "v2")).size());
    assertEquals(
        List.of(new InternalRow(3L, "v3"), new InternalRow(5L, "v5")),
        read(file, required, new SourceFilter.In("id", List.of(3L, 5L, 500L))));
  }

  @Test
  public void aColumnTheFileLacksReadsAsNull() throws Exception {
    String file = tmp.getRoot() + "/ids.parquet";
    writeIds(file, 3);
    StructType required =
        StructType.of(
            DataTypes.createStructField("missing", DataTypes.IntegerType, true),
            DataTypes.createStructField("id", DataTypes.LongType, true));
    assertEquals(
        List.of(new InternalRow(null, 0L), new InternalRow(null, 1L), new InternalRow(null, 2L)),
        read(file, required));
  }

  static void writeIds(String file, int n) throws Exception {
    List<Consumer<Group>> rows = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      long id = i;
      rows.add(
          g -> {
            g.append("id", id);
            if (id % 10 != 0) {
              g.append("v", "v" + id);
            }
          });
    }
    SparkLayoutFiles.write(
        file,
        "message spark_schema { optional int64 id; optional binary v (STRING); }",
        2048,
        rows);
  }

  private static List<InternalRow> read(String file, StructType required, SourceFilter... filters)
      throws Exception {
    List<InternalRow> rows = new ArrayList<>();
    try (ParquetRowReader r =
        new ParquetRowReader(wholeFile(file), required, List.of(filters), new Configuration())) {
      r.forEachRemaining(rows::add);
    }
    return rows;
  }

  static FileSplit wholeFile(String file) {
    return new FileSplit(file, 0, new File(file).length(), new String[0], true);
  }

  private static byte[] pad(byte[] b) {
    byte[] out = new byte[13];
    byte fill = (byte) (b[0] < 0 ? -1 : 0);
    java.util.Arrays.fill(out, fill);
    System.arraycopy(b, 0, out, 13 - b.length, b.length);
    return out;
  }

  private static List<Byte> toList(byte[] b) {
    List<Byte> out = new ArrayList<>();
    for (byte x : b) {
      out.add(x);
    }
    return out;
  }
}
