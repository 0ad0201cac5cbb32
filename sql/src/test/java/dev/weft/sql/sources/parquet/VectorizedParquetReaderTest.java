package dev.weft.sql.sources.parquet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.parquet.ParquetReadMetrics;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import dev.weft.sql.vector.ColumnBatch;
import dev.weft.sql.vector.HeapColumnVector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The vectorized reader returns exactly what the row reader returns, for every flat type. */
public class VectorizedParquetReaderTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final String FLAT =
      "message spark_schema {\n"
          + "  optional boolean flag;\n"
          + "  optional int32 small (INT_8);\n"
          + "  optional int32 short16 (INT_16);\n"
          + "  optional int32 i;\n"
          + "  required int64 id;\n"
          + "  optional int64 l;\n"
          + "  optional float f;\n"
          + "  optional double d;\n"
          + "  optional int32 ubyte (UINT_8);\n"
          + "  optional int32 ushort (UINT_16);\n"
          + "  optional int32 uint (UINT_32);\n"
          + "  optional int64 ulong (UINT_64);\n"
          + "  optional int32 d32 (DECIMAL(9,2));\n"
          + "  optional int64 d64 (DECIMAL(18,3));\n"
          + "  optional fixed_len_byte_array(8) dfixed (DECIMAL(16,4));\n"
          + "  optional fixed_len_byte_array(13) d128 (DECIMAL(30,4));\n"
          + "  optional binary dbin (DECIMAL(12,1));\n"
          + "  optional int32 day (DATE);\n"
          + "  optional int64 millis (TIMESTAMP(MILLIS,true));\n"
          + "  optional int64 micros (TIMESTAMP(MICROS,false));\n"
          + "  optional int64 nanos (TIMESTAMP(NANOS,true));\n"
          + "  optional int96 legacy;\n"
          + "  optional binary name (STRING);\n"
          + "  optional binary word (STRING);\n"
          + "  optional binary bytes;\n"
          + "  optional fixed_len_byte_array(3) code;\n"
          + "}";

  /**
   * Random values; every optional column is null in about one row in seven. {@code word} has few
   * distinct values (dictionary pages throughout), {@code name} many (the writer falls back to
   * plain pages once the small dictionary page is full).
   */
  private static void fill(Group g, Random r, long id) {
    g.append("id", id);
    if (r.nextInt(7) == 0) {
      return; // every optional column null
    }
    maybe(r, () -> g.append("flag", r.nextBoolean()));
    maybe(r, () -> g.append("small", r.nextInt(256) - 128));
    maybe(r, () -> g.append("short16", r.nextInt(65536) - 32768));
    maybe(r, () -> g.append("i", r.nextInt()));
    maybe(r, () -> g.append("l", r.nextLong()));
    maybe(r, () -> g.append("f", r.nextFloat() * 1000 - 500));
    maybe(r, () -> g.append("d", r.nextGaussian() * 1e6));
    maybe(r, () -> g.append("ubyte", r.nextInt(256)));
    maybe(r, () -> g.append("ushort", r.nextInt(65536)));
    maybe(r, () -> g.append("uint", r.nextInt()));
    maybe(r, () -> g.append("ulong", r.nextLong()));
    maybe(r, () -> g.append("d32", r.nextInt(2_000_000_000) - 1_000_000_000));
    maybe(r, () -> g.append("d64", r.nextLong() % 999_999_999_999_999_999L));
    maybe(
        r,
        () ->
            g.append(
                "dfixed", fixed(BigInteger.valueOf(r.nextLong() % 9_999_999_999_999_999L), 8)));
    maybe(
        r,
        () ->
            g.append(
                "d128", fixed(new BigInteger(96, r).subtract(BigInteger.ONE.shiftLeft(95)), 13)));
    maybe(
        r,
        () ->
            g.append(
                "dbin",
                Binary.fromConstantByteArray(
                    BigInteger.valueOf(r.nextLong() % 99_999_999_999L).toByteArray())));
    maybe(r, () -> g.append("day", r.nextInt(40_000) - 10_000));
    maybe(r, () -> g.append("millis", r.nextLong() % 4_000_000_000_000L));
    maybe(r, () -> g.append("micros", r.nextLong() % 4_000_000_000_000_000L));
    maybe(r, () -> g.append("nanos", r.nextLong()));
    maybe(
        r, () -> g.append("legacy", SparkLayoutFiles.int96(r.nextLong() % 4_000_000_000_000_000L)));
    maybe(r, () -> g.append("name", "name-" + r.nextInt(1_000_000) + "-\u00e9\u4e2d"));
    maybe(r, () -> g.append("word", "w" + r.nextInt(5)));
    maybe(
        r,
        () -> {
          byte[] b = new byte[r.nextInt(6)];
          r.nextBytes(b);
          g.append("bytes", Binary.fromConstantByteArray(b));
        });
    maybe(
        r,
        () -> {
          byte[] b = new byte[3];
          r.nextBytes(b);
          g.append("code", Binary.fromConstantByteArray(b));
        });
  }

  private static void maybe(Random r, Runnable append) {
    if (r.nextInt(7) != 0) {
      append.run();
    }
  }

  private static Binary fixed(BigInteger unscaled, int length) {
    byte[] raw = unscaled.toByteArray();
    byte[] out = new byte[length];
    Arrays.fill(out, unscaled.signum() < 0 ? (byte) -1 : 0);
    System.arraycopy(raw, 0, out, length - raw.length, raw.length);
    return Binary.fromConstantByteArray(out);
  }

  private String writeFile(int rows, long rowGroupBytes, boolean dictionary) throws Exception {
    String file = tmp.getRoot() + "/flat-" + rows + "-" + dictionary + ".parquet";
    MessageType type = MessageTypeParser.parseMessageType(FLAT);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    Random r = new Random(rows);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new Path(file))
            .withConf(new Configuration())
            .withType(type)
            .withRowGroupSize(rowGroupBytes)
            .withPageSize(2048)
            .withDictionaryPageSize(512)
            .withDictionaryEncoding(dictionary)
            .build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup();
        fill(g, r, i);
        w.write(g);
      }
    }
    return file;
  }

  private static List<InternalRow> rowReader(
      String file, StructType required, List<SourceFilter> filters) throws Exception {
    List<InternalRow> out = new ArrayList<>();
    try (ParquetRowReader r =
        new ParquetRowReader(
            ParquetReadTest.wholeFile(file), required, filters, new Configuration())) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  private static List<InternalRow> vectorized(
      String file, StructType required, List<SourceFilter> filters, int batchSize)
      throws Exception {
    List<InternalRow> out = new ArrayList<>();
    try (VectorizedParquetReader r =
        new VectorizedParquetReader(
            ParquetReadTest.wholeFile(file), required, filters, new Configuration(), batchSize)) {
      while (r.hasNext()) {
        ColumnBatch b = r.next();
        assertTrue(b.numRows() <= batchSize);
        ColumnBatch.rows(List.of(b).iterator()).forEachRemaining(out::add);
      }
    }
    return out;
  }

  @Test
  public void everyFlatTypeReadsAsTheRowReaderReadsItOverSeveralRowGroups() throws Exception {
    String file = writeFile(20_000, 64 * 1024, true);
    StructType schema = ParquetFormat.schemaOf(file, new Configuration());
    assertTrue(
        "several row groups",
        new org.apache.parquet.hadoop.ParquetFileReader(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                        new Path(file), new Configuration()),
                    org.apache.parquet.ParquetReadOptions.builder().build())
                .getRowGroups()
                .size()
            > 2);
    List<InternalRow> expected = rowReader(file, schema, List.of());
    assertEquals(20_000, expected.size());
    assertEquals(expected, vectorized(file, schema, List.of(), 4096));
    assertEquals(expected, vectorized(file, schema, List.of(), 1000));
  }

  @Test
  public void dictionaryEncodedStringsKeepTheirDictionaryInTheVector() throws Exception {
    String file = writeFile(3_000, 1 << 20, true);
    StructType required =
        StructType.of().add("word", DataTypes.StringType).add("name", DataTypes.StringType);
    try (VectorizedParquetReader r =
        new VectorizedParquetReader(
            ParquetReadTest.wholeFile(file), required, List.of(), new Configuration(), 4096)) {
      ColumnBatch b = r.next();
      HeapColumnVector words = (HeapColumnVector) b.column(0);
      assertTrue(words.hasDictionary());
      int row = 0;
      while (words.isNullAt(row)) {
        row++;
      }
      // Rows of one dictionary id share one decoded string.
      int same = row + 1;
      while (words.isNullAt(same) || !words.getString(same).equals(words.getString(row))) {
        same++;
      }
      assertTrue(words.getString(row) == words.getString(same));
    }
  }

  @Test
  public void plainPagesWithoutDictionaryReadTheSame() throws Exception {
    String file = writeFile(5_000, 1 << 20, false);
    StructType schema = ParquetFormat.schemaOf(file, new Configuration());
    assertEquals(rowReader(file, schema, List.of()), vectorized(file, schema, List.of(), 4096));
  }

  @Test
  public void prunedAndReorderedColumnsAndAColumnTheFileLacks() throws Exception {
    String file = writeFile(3_000, 1 << 20, true);
    StructType required =
        StructType.of()
            .add("word", DataTypes.StringType)
            .add("missing", DataTypes.IntegerType)
            .add("d64", DataTypes.createDecimalType(18, 3))
            .add("id", DataTypes.LongType);
    List<InternalRow> rows = vectorized(file, required, List.of(), 4096);
    assertEquals(rowReader(file, required, List.of()), rows);
    for (InternalRow r : rows) {
      assertNull(r.get(1));
    }
  }

  @Test
  public void rowGroupsPrunedByStatisticsAreSkippedAsByTheRowReader() throws Exception {
    String file = writeFile(8_000, 32 * 1024, true);
    StructType required = StructType.of().add("id", DataTypes.LongType);
    List<SourceFilter> filters = List.of(new SourceFilter.LessThan("id", 100L));
    List<InternalRow> rows;
    ParquetReadMetrics metrics;
    try (VectorizedParquetReader r =
        new VectorizedParquetReader(
            ParquetReadTest.wholeFile(file), required, filters, new Configuration(), 4096)) {
      rows = new ArrayList<>();
      while (r.hasNext()) {
        ColumnBatch.rows(List.of(r.next()).iterator()).forEachRemaining(rows::add);
      }
      metrics = r.metrics();
    }
    assertTrue("some row groups skipped: " + metrics, metrics.rowGroupsSkipped() > 0);
    assertEquals(1, metrics.rowGroupsRead());
    // Records of the kept row group are not filtered: the engine filters above the scan.
    assertTrue(rows.size() >= 100);
    for (int i = 0; i < 100; i++) {
      assertEquals((long) i, rows.get(i).get(0));
    }
  }

  @Test
  public void nestedColumnsAreNotSupported() {
    assertFalse(
        VectorizedParquetReader.supports(
            StructType.of()
                .add("a", DataTypes.IntegerType)
                .add("t", DataTypes.createArrayType(DataTypes.StringType))));
    assertTrue(VectorizedParquetReader.supports(StructType.of().add("a", DataTypes.IntegerType)));
  }

  @Test
  public void decimalsHoldTheirValueInVectors() {
    HeapColumnVector v = new HeapColumnVector(DataTypes.createDecimalType(10, 2), 2);
    v.putDecimal(0, new BigDecimal("-3.5"));
    v.putNull(1);
    assertEquals(new BigDecimal("-3.50"), v.get(0));
    assertEquals(-350L, v.getLong(0));
    assertNull(v.get(1));
  }
}
