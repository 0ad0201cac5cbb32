package dev.weft.sql.sources.parquet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Dataset;
import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.RowFactory;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of {@code mode("overwrite")} with {@code partitionOverwriteMode=dynamic}: only the
 * partitions present in the new data are replaced, the others kept, as Spark's dynamic partition
 * overwrite; a failed job leaves the previous contents.
 */
public class DynamicPartitionOverwriteTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  private static final StructType SCHEMA =
      StructType.of(
          DataTypes.createStructField("id", DataTypes.IntegerType, true),
          DataTypes.createStructField("day", DataTypes.StringType, true));

  private DataFrame rows(Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return session.createDataFrame(list, SCHEMA);
  }

  private static Object[] row(int id, String day) {
    return new Object[] {id, day};
  }

  private void overwriteDynamic(DataFrame df, String out) {
    df.write()
        .mode("overwrite")
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy("day")
        .parquet(out);
  }

  private String contents(String out) {
    List<Row> all = new ArrayList<>(session.read().parquet(out).collect());
    all.sort(Comparator.comparing(r -> (Integer) r.get(0)));
    return all.toString();
  }

  @Test
  public void replacesThePartitionsInTheNewDataKeepsTheOthersAndAddsNewOnes() {
    String out = tmp.getRoot() + "/t";
    rows(row(1, "a"), row(2, "b"), row(3, "b"), row(4, "c"))
        .write()
        .partitionBy("day")
        .parquet(out);

    overwriteDynamic(rows(row(20, "b"), row(50, "d")), out);

    assertEquals("[[1,a], [4,c], [20,b], [50,d]]", contents(out));
    assertTrue(new File(out, "_SUCCESS").isFile());
    assertFalse(new File(out, "_temporary").exists());
  }

  @Test
  public void withTwoPartitionColumnsOnlyTheLeafDirectoriesWrittenAreReplaced() {
    StructType schema =
        StructType.of(
            DataTypes.createStructField("id", DataTypes.IntegerType, true),
            DataTypes.createStructField("year", DataTypes.IntegerType, true),
            DataTypes.createStructField("day", DataTypes.StringType, true));
    String out = tmp.getRoot() + "/t";
    session
        .createDataFrame(
            List.of(
                RowFactory.create(1, 2024, "a"),
                RowFactory.create(2, 2024, "b"),
                RowFactory.create(3, 2025, "a")),
            schema)
        .write()
        .partitionBy("year", "day")
        .parquet(out);

    session
        .createDataFrame(List.of(RowFactory.create(4, 2024, "a")), schema)
        .write()
        .mode("overwrite")
        .option("PARTITIONOVERWRITEMODE", "dynamic") // option names ignore case, as in Spark
        .partitionBy("year", "day")
        .parquet(out);

    List<Row> all = new ArrayList<>(session.read().parquet(out).collect());
    all.sort(Comparator.comparing(r -> (Integer) r.get(0)));
    assertEquals("[[2,2024,b], [3,2025,a], [4,2024,a]]", all.toString());
  }

  @Test
  public void theNullPartitionIsReplacedLikeAnyOther() {
    String out = tmp.getRoot() + "/t";
    rows(row(1, "a"), row(2, null)).write().partitionBy("day").parquet(out);
    assertTrue(new File(out, "day=__HIVE_DEFAULT_PARTITION__").isDirectory());

    overwriteDynamic(rows(row(3, null)), out);
    assertEquals("[[1,a], [3,null]]", contents(out));

    overwriteDynamic(rows(row(4, "a")), out);
    assertEquals("[[3,null], [4,a]]", contents(out));
  }

  @Test
  public void staticOverwriteStillReplacesEverythingAndTheOptionIsChecked() {
    String out = tmp.getRoot() + "/t";
    rows(row(1, "a"), row(2, "b")).write().partitionBy("day").parquet(out);
    rows(row(3, "b"))
        .write()
        .mode("overwrite")
        .option("partitionOverwriteMode", "static")
        .partitionBy("day")
        .parquet(out);
    assertEquals("[[3,b]]", contents(out));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                rows(row(4, "b"))
                    .write()
                    .mode("overwrite")
                    .option("partitionOverwriteMode", "sometimes")
                    .partitionBy("day")
                    .parquet(out));
    assertEquals(
        "Unknown partitionOverwriteMode 'sometimes'; expected static or dynamic", e.getMessage());
    assertEquals("[[3,b]]", contents(out));
  }

  @Test
  public void withoutPartitionColumnsDynamicOverwriteReplacesEverythingAsInSpark() {
    String out = tmp.getRoot() + "/t";
    rows(row(1, "a")).write().parquet(out);
    rows(row(2, "b"))
        .write()
        .mode("overwrite")
        .option("partitionOverwriteMode", "dynamic")
        .parquet(out);
    assertEquals("[[2,b]]", contents(out));
  }

  @Test
  public void aJobThatFailsWhileWritingLeavesThePreviousContents() {
    String out = tmp.getRoot() + "/t";
    rows(row(1, "a"), row(2, "b")).write().partitionBy("day").parquet(out);

    // Partition 0 writes day=b; partition 1 fails on its second row, after writing a file.
    Dataset<Row> failing =
        session
            .context()
            .parallelize(
                Arrays.asList(
                    RowFactory.create(10, "b"),
                    RowFactory.create(11, "c"),
                    RowFactory.create(-1, "c")),
                2)
            .map(
                r -> {
                  if ((Integer) r.get(0) < 0) {
                    throw new IllegalStateException("bad row");
                  }
                  return r;
                });
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () -> overwriteDynamic(session.createDataFrame(failing, SCHEMA), out));
    assertTrue(e.toString(), e.toString().contains("bad row"));

    assertEquals("[[1,a], [2,b]]", contents(out));
    assertFalse(new File(out, "day=c").exists());
    assertFalse(new File(out, "_temporary").exists());
  }
}
