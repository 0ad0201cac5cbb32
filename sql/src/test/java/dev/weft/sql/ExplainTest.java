package dev.weft.sql;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static org.junit.Assert.assertEquals;

import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.List;
import org.junit.Test;

/** explain() prints stable, indented plans; column ids are shown as #N here. */
public class ExplainTest {
  private final WeftSession session = TestSessions.shared();

  private DataFrame people() {
    return session.createDataFrame(
        List.of(RowFactory.create(1, "ann", 30), RowFactory.create(2, "bob", 40)),
        StructType.of(
            DataTypes.createStructField("id", DataTypes.IntegerType, false),
            DataTypes.createStructField("name", DataTypes.StringType, true),
            DataTypes.createStructField("age", DataTypes.IntegerType, true)));
  }

  private static String ids(String plan) {
    return plan.replaceAll("#\\d+", "#N");
  }

  @Test
  public void extendedExplainShowsTheFourPlans() {
    DataFrame df = people().where(col("age").gt(18)).groupBy("name").agg(count("*").as("n"));
    assertEquals(
        "== Parsed Logical Plan ==\n"
            + "Aggregate ['name], ['name, count(1) AS n#N]\n"
            + "+- Filter (age#N > 18)\n"
            + "   +- LocalRelation [id#N, name#N, age#N], 2 rows\n"
            + "\n== Analyzed Logical Plan ==\n"
            + "name: string, n: bigint\n"
            + "Aggregate [name#N], [name#N, count(1) AS n#N]\n"
            + "+- Filter (age#N > 18)\n"
            + "   +- LocalRelation [id#N, name#N, age#N], 2 rows\n"
            + "\n== Optimized Logical Plan ==\n"
            + "Aggregate [name#N], [name#N, count(1) AS n#N]\n"
            + "+- Filter (age#N > 18)\n"
            + "   +- LocalRelation [id#N, name#N, age#N], 2 rows\n"
            + "\n== Physical Plan ==\n"
            + "HashAggregate (keys=[name#N], functions=[count(1)], output=[name#N, n#N])\n"
            + "+- Exchange hashpartitioning(name#N, 4)\n"
            + "   +- HashAggregate (keys=[name#N], functions=[partial_count(1)])\n"
            + "      +- Filter (age#N > 18)\n"
            + "         +- LocalTableScan [id#N, name#N, age#N]\n",
        ids(df.explainString("extended")));
  }

  @Test
  public void simpleExplainShowsThePhysicalPlan() {
    DataFrame df = people().select("name").orderBy(col("name").desc()).limit(1);
    assertEquals(
        "== Physical Plan ==\n"
            + "TakeOrdered (limit=1, orderBy=[name#N DESC NULLS LAST])\n"
            + "+- Project [name#N]\n"
            + "   +- LocalTableScan [id#N, name#N, age#N]\n",
        ids(df.explainString("simple")));
  }
}
