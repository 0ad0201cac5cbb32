package dev.weft.sql.sources.parquet;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.lit;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.parquet.example.data.Group;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * DataFrame scans of Parquet with the vectorized reader: filters and projections fused with the
 * scan give what the row reader gives; partition columns come as constants; nested columns and
 * {@code weft.sql.parquet.enableVectorizedReader=false} use the row reader; explain tells which.
 */
public class VectorizedScanTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final String SCHEMA =
      "message spark_schema {\n"
          + "  optional int32 id;\n"
          + "  optional binary name (STRING);\n"
          + "  optional double score;\n"
          + "  optional group tags (LIST) { repeated group list { optional binary element (STRING); } }\n"
          + "}";

  private String table() throws Exception {
    String root = tmp.getRoot() + "/people";
    for (int p = 0; p < 2; p++) {
      String dir = root + "/region=r" + p;
      new File(dir).mkdirs();
      List<Consumer<Group>> rows = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        int id = p * 3000 + i;
        rows.add(
            g -> {
              g.append("id", id);
              if (id % 7 != 0) {
                g.append("name", "n" + (id % 13));
              }
              if (id % 5 != 0) {
                g.append("score", id / 10.0);
              }
              g.addGroup("tags").addGroup("list").append("element", "t" + (id % 3));
            });
      }
      SparkLayoutFiles.write(dir + "/part-00000.parquet", SCHEMA, 64 * 1024, rows);
    }
    return root;
  }

  private static List<String> sorted(DataFrame df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collect()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  private static final List<Function<DataFrame, DataFrame>> QUERIES =
      List.of(
          df ->
              df.filter(col("id").gt(lit(2990)).and(col("name").isNotNull()))
                  .select("id", "name", "region"),
          df -> df.filter(col("score").geq(lit(100.0)).or(col("name").equalTo(lit("n3")))),
          df -> df.select(col("id").plus(lit(1)), col("score").multiply(lit(2.0)), col("region")),
          df -> df.filter(col("region").equalTo(lit("r1")).and(col("id").lt(lit(3003)))),
          df -> df.select("id", "tags").filter(col("id").lt(lit(3))));

  @Test
  public void fusedBatchedScansReturnWhatTheRowReaderReturns() throws Exception {
    String path = table();
    WeftSession vectorized = TestSessions.shared();
    List<List<String>> expectedResults = new ArrayList<>();
    WeftContext rowContext =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[2]")
                .setAppName("row-reader")
                .set("weft.sql.shuffle.partitions", "2")
                .set("weft.sql.parquet.enableVectorizedReader", "false"));
    try {
      WeftSession rows = WeftSession.of(rowContext);
      DataFrame df = rows.read().parquet(path);
      String plan = QUERIES.get(0).apply(df).explainString("simple");
      assertTrue(plan, plan.contains("Batched: false") && !plan.contains("BatchFilterProject"));
      for (Function<DataFrame, DataFrame> q : QUERIES) {
        expectedResults.add(sorted(q.apply(df)));
      }
    } finally {
      rowContext.stop();
    }
    DataFrame df = vectorized.read().parquet(path);
    String plan = QUERIES.get(0).apply(df).explainString("simple");
    assertTrue(plan, plan.contains("Batched: true") && plan.contains("BatchFilterProject"));
    String nested = QUERIES.get(4).apply(df).explainString("simple");
    assertTrue(nested, nested.contains("Batched: false"));
    // No data column read at all: row counts come from the row groups.
    assertEquals(6000L, df.count());
    assertEquals(3000L, df.filter(col("region").equalTo(lit("r1"))).count());
    assertEquals(List.of("[r0]", "[r1]"), sorted(df.select("region").distinct()));
    for (int i = 0; i < QUERIES.size(); i++) {
      List<String> actual = sorted(QUERIES.get(i).apply(df));
      assertTrue("query " + i + " returns rows", !actual.isEmpty());
      assertEquals("query " + i, expectedResults.get(i), actual);
    }
  }
}
