package dev.weft.sql.sources.parquet;

import static dev.weft.sql.functions.col;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.parquet.ParquetReadMetrics;
import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.RowFactory;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.FileTable;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * StringStartsWith, EqualNullSafe and In reach Parquet's row-group statistics and dictionaries and
 * partition pruning. The file: ids 0..1999 in order, names {@code n0000..n1999} in order, and a
 * fruit alternating {@code apple}/{@code cherry} (so its statistics never exclude {@code b...}, but
 * its dictionary does), in many row groups.
 */
public class PushdownTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  private static final StructType REQUIRED =
      StructType.of(
          DataTypes.createStructField("id", DataTypes.LongType, true),
          DataTypes.createStructField("name", DataTypes.StringType, true),
          DataTypes.createStructField("fruit", DataTypes.StringType, true));

  private String file() throws Exception {
    String file = tmp.getRoot() + "/names.parquet";
    List<Consumer<Group>> rows = new ArrayList<>();
    for (long i = 0; i < 2000; i++) {
      long id = i;
      rows.add(
          g -> {
            g.append("id", id);
            g.append("name", String.format("n%04d", id));
            g.append("fruit", id % 2 == 0 ? "apple" : "cherry");
          });
    }
    SparkLayoutFiles.write(
        file,
        "message spark_schema { optional int64 id; optional binary name (STRING);"
            + " optional binary fruit (STRING); }",
        2048,
        rows);
    return file;
  }

  private record Scan(List<InternalRow> rows, ParquetReadMetrics metrics) {}

  private static Scan scan(String file, SourceFilter filter) throws Exception {
    List<InternalRow> rows = new ArrayList<>();
    try (ParquetRowReader r =
        new ParquetRowReader(
            ParquetReadTest.wholeFile(file), REQUIRED, List.of(filter), new Configuration())) {
      r.forEachRemaining(rows::add);
      return new Scan(rows, r.metrics());
    }
  }

  /**
   * The row groups whose fruit column is not dictionary-encoded (the writer keeps a tiny last row
   * group plain): no dictionary can rule them out.
   */
  private static int plainFruitGroups(String file) throws Exception {
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), new Configuration()))) {
      int plain = 0;
      for (BlockMetaData b : r.getFooter().getBlocks()) {
        if (!b.getColumns().get(2).getEncodings().contains(Encoding.PLAIN_DICTIONARY)) {
          plain++;
        }
      }
      return plain;
    }
  }

  @Test
  public void stringStartsWithSkipsRowGroupsByStatistics() throws Exception {
    Scan s = scan(file(), new SourceFilter.StringStartsWith("name", "n199"));
    assertEquals(10, s.rows().size());
    for (int i = 0; i < 10; i++) {
      assertEquals("n199" + i, s.rows().get(i).get(1));
    }
    assertTrue("several row groups: " + s.metrics(), s.metrics().rowGroupsInSplit() > 3);
    assertTrue(
        "only the row groups of n1990..n1999 are read: " + s.metrics(),
        s.metrics().rowGroupsRead() <= 2);
  }

  @Test
  public void notStringStartsWithSkipsRowGroupsWhoseValuesAllStartWithIt() throws Exception {
    Scan s = scan(file(), new SourceFilter.Not(new SourceFilter.StringStartsWith("name", "n")));
    assertEquals(0, s.rows().size());
    assertEquals(s.metrics().toString(), 0, s.metrics().rowGroupsRead());
  }

  @Test
  public void stringStartsWithSkipsRowGroupsByDictionary() throws Exception {
    String file = file();
    Scan s = scan(file, new SourceFilter.StringStartsWith("fruit", "b"));
    assertEquals(0, s.rows().size());
    assertEquals(s.metrics().toString(), plainFruitGroups(file), s.metrics().rowGroupsRead());
    assertTrue(s.metrics().rowGroupsSkipped() > 10);
    assertEquals(1000, scan(file, new SourceFilter.StringStartsWith("fruit", "ch")).rows().size());
  }

  @Test
  public void equalNullSafeSkipsRowGroupsByStatisticsAndDictionary() throws Exception {
    Scan s = scan(file(), new SourceFilter.EqualNullSafe("id", 1995L));
    assertEquals(List.of(new InternalRow(1995L, "n1995", "cherry")), s.rows());
    assertEquals(s.metrics().toString(), 1, s.metrics().rowGroupsRead());
    String file = tmp.getRoot() + "/names.parquet";
    Scan banana = scan(file, new SourceFilter.EqualNullSafe("fruit", "banana"));
    assertEquals(0, banana.rows().size());
    assertEquals(
        banana.metrics().toString(), plainFruitGroups(file), banana.metrics().rowGroupsRead());
  }

  @Test
  public void inSkipsRowGroupsHoldingNoneOfTheValues() throws Exception {
    Scan s = scan(file(), new SourceFilter.In("id", List.of(3L, 1998L)));
    assertEquals(
        List.of(new InternalRow(3L, "n0003", "cherry"), new InternalRow(1998L, "n1998", "apple")),
        s.rows());
    assertEquals(s.metrics().toString(), 2, s.metrics().rowGroupsRead());
  }

  @Test
  public void dataFrameFiltersArePushedListedByExplainAndExact() throws Exception {
    String file = file();
    DataFrame names = session.read().parquet(file);
    DataFrame starts = names.where(col("name").startsWith("n199"));
    assertTrue(
        starts.explainString("simple"),
        starts.explainString("simple").contains("StringStartsWith(name,n199)"));
    assertEquals(10, starts.count());
    DataFrame like = names.where(col("name").like("n198%"));
    assertTrue(
        like.explainString("simple"),
        like.explainString("simple").contains("StringStartsWith(name,n198)"));
    assertEquals(10, like.count());
    DataFrame nullSafe = names.where(col("id").eqNullSafe(7L));
    assertTrue(
        nullSafe.explainString("simple"),
        nullSafe.explainString("simple").contains("EqualNullSafe(id,7)"));
    assertEquals("[[7,n0007,cherry]]", nullSafe.collect().toString());
    DataFrame in = names.where(col("id").isin(1L, 2L, 3000L));
    assertTrue(
        in.explainString("simple"), in.explainString("simple").contains("In(id,[1, 2, 3000])"));
    assertEquals(2, in.count());
  }

  @Test
  public void theNewFiltersPrunePartitions() throws Exception {
    String out = tmp.getRoot() + "/sales";
    StructType schema =
        StructType.of(
            DataTypes.createStructField("id", DataTypes.IntegerType, true),
            DataTypes.createStructField("country", DataTypes.StringType, true));
    List<Row> rows =
        List.of(
            RowFactory.create(1, "DE"),
            RowFactory.create(2, "DK"),
            RowFactory.create(3, "FR"),
            RowFactory.create(4, null));
    session.createDataFrame(rows, schema).write().partitionBy("country").parquet(out);
    FileTable table =
        new FileTable(
            new ParquetFormat(), new Configuration(), List.of(out), java.util.Map.of(), null, true);
    assertEquals(4, table.filesToScan(List.of()).size());
    assertEquals(
        2, table.filesToScan(List.of(new SourceFilter.StringStartsWith("country", "D"))).size());
    assertEquals(
        1, table.filesToScan(List.of(new SourceFilter.EqualNullSafe("country", "FR"))).size());
    assertEquals(
        List.of(true),
        table.filesToScan(List.of(new SourceFilter.IsNull("country"))).stream()
            .map(p -> p.contains("__HIVE_DEFAULT_PARTITION__"))
            .toList());
    assertEquals(
        2, table.filesToScan(List.of(new SourceFilter.In("country", List.of("DE", "FR")))).size());

    DataFrame df = session.read().parquet(out);
    assertEquals(2, df.where(col("country").startsWith("D")).count());
    assertEquals("[[4,null]]", df.where(col("country").eqNullSafe(null)).collect().toString());
    assertEquals(2, df.where(col("country").isin("DE", "FR")).count());
  }
}
