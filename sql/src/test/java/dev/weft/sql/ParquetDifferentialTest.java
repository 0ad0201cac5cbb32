package dev.weft.sql;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * The differential tests over Parquet files: t1 and t2 are written as Parquet and scanned with the
 * vectorized reader, so filters and projections run fused with the scan over column batches
 * (generated code). Every third query shape of {@link QueryShapes} must agree with DuckDB.
 */
@RunWith(Parameterized.class)
public class ParquetDifferentialTest {
  private static DifferentialTables tables;
  private static Connection duck;
  private static Path dir;

  @Parameterized.Parameters(name = "{0}")
  public static Collection<Object[]> shapes() {
    List<Object[]> out = new ArrayList<>();
    List<QueryShapes.Shape> all = QueryShapes.all();
    for (int i = 0; i < all.size(); i += 3) {
      out.add(new Object[] {all.get(i)});
    }
    return out;
  }

  private final QueryShapes.Shape shape;

  public ParquetDifferentialTest(QueryShapes.Shape shape) {
    this.shape = shape;
  }

  @BeforeClass
  public static void load() throws Exception {
    dir = Files.createTempDirectory("weft-parquet-differential");
    tables = new DifferentialTables(TestSessions.shared(), 20261207L, dir.toString());
    duck = DriverManager.getConnection("jdbc:duckdb:");
    tables.load(duck);
    String plan =
        tables.t1.filter(functions.col("k").gt(3)).select("id", "g").explainString("simple");
    assertTrue(plan, plan.contains("Batched: true") && plan.contains("BatchFilterProject"));
  }

  @AfterClass
  public static void close() throws Exception {
    if (duck != null) {
      duck.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  public void weftOverParquetAgreesWithDuckDb() throws Exception {
    DifferentialTest.check(shape, tables, duck);
  }
}
