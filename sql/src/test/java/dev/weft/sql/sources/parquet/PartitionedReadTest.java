package dev.weft.sql.sources.parquet;

import static dev.weft.sql.functions.col;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import dev.weft.sql.sources.FileTable;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.types.StructType;
import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PartitionedReadTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  private String table() throws Exception {
    String root = tmp.getRoot() + "/sales";
    part(root + "/year=2024/day=2024-01-02/region=DE%2FBY", 1);
    part(root + "/year=2024/day=2024-01-03/region=FR", 2);
    part(root + "/year=2025/day=2025-05-06/region=__HIVE_DEFAULT_PARTITION__", 3);
    new File(root + "/_SUCCESS").createNewFile();
    return root;
  }

  private static void part(String dir, int id) throws Exception {
    new File(dir).mkdirs();
    Consumer<Group> row = g -> g.append("id", id);
    SparkLayoutFiles.write(
        dir + "/part-00000.parquet",
        "message spark_schema { optional int32 id; }",
        1 << 20,
        List.of(row));
  }

  @Test
  public void directoriesBecomeTypedPartitionColumnsAfterTheDataColumns() throws Exception {
    DataFrame df = session.read().parquet(table());
    assertEquals("struct<id:int,year:int,day:date,region:string>", df.schema().simpleString());
    List<Row> rows = new ArrayList<>(df.collect());
    rows.sort(Comparator.comparing(r -> (Integer) r.get(0)));
    assertEquals(3, rows.size());
    assertEquals(List.of(1, 2024, LocalDate.of(2024, 1, 2), "DE/BY"), values(rows.get(0)));
    assertEquals(List.of(2, 2024, LocalDate.of(2024, 1, 3), "FR"), values(rows.get(1)));
    assertEquals(3, rows.get(2).get(0));
    assertEquals(null, rows.get(2).get(3));
  }

  @Test
  public void filtersOnPartitionColumnsPruneDirectoriesBeforeAnySplitIsPlanned() throws Exception {
    String root = table();
    FileTable t =
        new FileTable(
            new ParquetFormat(),
            new Configuration(),
            List.of(root),
            java.util.Map.of(),
            null,
            true);
    List<String> files = t.filesToScan(List.of(new SourceFilter.EqualTo("year", 2025)));
    assertEquals(1, files.size());
    assertTrue(files.get(0), files.get(0).contains("year=2025"));
    assertEquals(2, t.filesToScan(List.of(new SourceFilter.IsNotNull("region"))).size());
    assertTrue(
        t.estimatedSizeInBytes(List.of(new SourceFilter.EqualTo("year", 2025)))
            < t.estimatedSizeInBytes(List.of()));

    List<Row> rows =
        session
            .read()
            .parquet(root)
            .where(col("year").equalTo(2024).and(col("id").gt(1)))
            .select("id", "region")
            .collect();
    assertEquals("[[2,FR]]", rows.toString());
  }

  @Test
  public void inferenceOffOrAUserSchemaKeepsTheGivenTypes() throws Exception {
    String root = table();
    StructType schema =
        StructType.of(
            dev.weft.sql.types.DataTypes.createStructField(
                "id", dev.weft.sql.types.DataTypes.LongType, true),
            dev.weft.sql.types.DataTypes.createStructField(
                "year", dev.weft.sql.types.DataTypes.StringType, true));
    DataFrame df = session.read().schema(schema).parquet(root);
    assertEquals(
        "struct<id:bigint,year:string,day:date,region:string>", df.schema().simpleString());
    // The files' own type differs from the user's: the task reading the file says so.
    Exception e = assertThrows(dev.weft.api.JobFailedException.class, df::collect);
    assertTrue(e.getMessage(), e.getMessage().contains("Parquet column id is int in file"));
  }

  @Test
  public void mergeSchemaUnitesColumnsAndReadsMissingOnesAsNull() throws Exception {
    String root = tmp.getRoot() + "/merge";
    new File(root).mkdirs();
    Consumer<Group> a = g -> g.append("id", 1).append("x", "a");
    Consumer<Group> b = g -> g.append("id", 2).append("y", 20L);
    SparkLayoutFiles.write(
        root + "/a.parquet",
        "message m { optional int32 id; optional binary x (STRING); }",
        1 << 20,
        List.of(a));
    SparkLayoutFiles.write(
        root + "/b.parquet",
        "message m { optional int32 id; optional int64 y; }",
        1 << 20,
        List.of(b));
    DataFrame df = session.read().option("mergeSchema", "true").parquet(root);
    assertEquals("struct<id:int,x:string,y:bigint>", df.schema().simpleString());
    List<Row> rows = new ArrayList<>(df.collect());
    rows.sort(Comparator.comparing(r -> (Integer) r.get(0)));
    assertEquals("[[1,a,null], [2,null,20]]", rows.toString());
    assertEquals("struct<id:int,x:string>", session.read().parquet(root).schema().simpleString());
  }

  @Test
  public void conflictingColumnTypesFailNamingBothFilesAndTheColumn() throws Exception {
    String root = tmp.getRoot() + "/conflict";
    new File(root).mkdirs();
    Consumer<Group> a = g -> g.append("id", 1);
    Consumer<Group> b = g -> g.append("id", "x");
    SparkLayoutFiles.write(
        root + "/a.parquet", "message m { optional int32 id; }", 1 << 20, List.of(a));
    SparkLayoutFiles.write(
        root + "/b.parquet", "message m { optional binary id (STRING); }", 1 << 20, List.of(b));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> session.read().option("mergeSchema", "true").parquet(root));
    assertEquals(
        "Cannot merge Parquet schemas: column id is int in file:"
            + root
            + "/a.parquet but string"
            + " in file:"
            + root
            + "/b.parquet",
        e.getMessage());
  }

  private static List<Object> values(Row r) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      out.add(r.get(i));
    }
    return out;
  }
}
