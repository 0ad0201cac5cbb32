package dev.weft.sql;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.exec.ExecContext;
import dev.weft.sql.exec.Planner;
import dev.weft.sql.optimizer.Optimizer;
import dev.weft.sql.sources.InMemoryFileSource;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The physical planner's choices: join strategies by estimated size, and needed exchanges only. */
public class PhysicalPlanningTest {
  private final WeftSession session = TestSessions.shared();

  private static final StructType FACT =
      StructType.of(
          DataTypes.createStructField("k", DataTypes.IntegerType, true),
          DataTypes.createStructField("v", DataTypes.LongType, true));

  private DataFrame small() {
    return session.createDataFrame(
        List.of(RowFactory.create(1, 10L), RowFactory.create(2, 20L)), FACT);
  }

  private DataFrame unknownSize() {
    return session.createDataFrame(
        session
            .context()
            .parallelize(List.of(RowFactory.create(1, 1L), RowFactory.create(2, 2L)), 2),
        FACT);
  }

  private String physical(DataFrame df, long threshold) {
    ExecContext ctx = new ExecContext(session.context(), 4, threshold);
    return new Planner(ctx).plan(new Optimizer().execute(df.plan())).treeString();
  }

  private static int occurrences(String text, String what) {
    return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
  }

  @Test
  public void aSmallSideIsBroadcast() {
    DataFrame big = unknownSize();
    DataFrame dim = small();
    String plan = physical(big.join(dim, big.col("k").equalTo(dim.col("k")), "left"), 10 << 20);
    assertTrue(plan, plan.startsWith("BroadcastHashJoin [k#"));
    assertTrue(plan, plan.contains("LeftOuter, BuildRight"));
    assertEquals(plan, 0, occurrences(plan, "Exchange"));
  }

  @Test
  public void sidesOverTheThresholdOrOfUnknownSizeAreShuffled() {
    DataFrame big = unknownSize();
    DataFrame dim = small();
    String plan = physical(big.join(dim, big.col("k").equalTo(dim.col("k"))), 0);
    assertTrue(plan, plan.startsWith("SortMergeJoin"));
    assertEquals(plan, 2, occurrences(plan, "Exchange hashpartitioning"));
    DataFrame other = unknownSize();
    String both = physical(big.join(other, big.col("k").equalTo(other.col("k"))), 10 << 20);
    assertTrue(both, both.startsWith("SortMergeJoin"));
  }

  @Test
  public void aFilteredFileSourceIsSizedAfterPartitionPruning() {
    List<InMemoryFileSource.Partition> parts = new ArrayList<>();
    for (int p = 0; p < 10; p++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        rows.add(RowFactory.create(i, (long) i, p));
      }
      parts.add(new InMemoryFileSource.Partition(Map.of("p", p), rows));
    }
    InMemoryFileSource source =
        new InMemoryFileSource(FACT.add("p", DataTypes.IntegerType), List.of("p"), parts);
    DataFrame files = session.fromSource(source);
    DataFrame big = unknownSize();
    long oneAndAHalfPartitions = (long) (1.5 * 1000 * (8 + FACT.defaultSize() + 4));
    String all =
        physical(big.join(files, big.col("k").equalTo(files.col("k"))), oneAndAHalfPartitions);
    assertTrue(all, all.startsWith("SortMergeJoin"));
    DataFrame onePartition = files.where(col("p").equalTo(3));
    String pruned =
        physical(
            big.join(onePartition, big.col("k").equalTo(onePartition.col("k"))),
            oneAndAHalfPartitions);
    assertTrue(pruned, pruned.startsWith("BroadcastHashJoin"));
    assertTrue(pruned, pruned.contains("PartitionFilters: [EqualTo(p,3)], PushedFilters: []"));

    assertEquals(1000, onePartition.count());
    assertEquals(1, source.lastPartitionsRead);
    assertEquals(List.of("p"), source.lastColumns); // only the filtered column is read
  }

  @Test
  public void anAggregationOverDataPartitionedByItsKeysNeedsNoExchange() {
    DataFrame df = unknownSize().repartition(3, col("k")).groupBy("k").agg(count("*"));
    String plan = physical(df, 0);
    assertEquals(plan, 1, occurrences(plan, "Exchange"));
    assertTrue(plan, plan.contains("Exchange hashpartitioning(k#"));
    DataFrame twice =
        unknownSize().groupBy("k").agg(count("*").as("n")).groupBy("k").agg(count("*"));
    String twicePlan = physical(twice, 0);
    assertEquals(twicePlan, 1, occurrences(twicePlan, "Exchange"));
    assertEquals(2, twice.count());
  }

  @Test
  public void aGlobalAggregateGathersToOnePartition() {
    String plan = physical(unknownSize().agg(count("*")), 0);
    assertTrue(plan, plan.contains("Exchange SinglePartition"));
    assertFalse(plan, plan.contains("hashpartitioning"));
  }
}
