package dev.weft.sql.exec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import dev.weft.core.runtime.MemoryReservation;
import dev.weft.core.runtime.SpillCallback;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.sql.expr.And;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.BoundReference;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.LessThan;
import dev.weft.sql.expr.agg.Sum;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.types.DataTypes;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The sort-merge join and the final aggregation under a small memory budget: they spill while
 * taking input, give their memory back when a later consumer of the task asks for it while they are
 * being read, give exactly the in-memory result, and release all memory and files at the end.
 */
public class SpillingOperatorsTest {
  private static final long SMALL_BUDGET = 48 * 1024;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private FakeTaskRuntime runtime;
  private TaskContextImpl task;
  private File spillDir;

  private void startTask(long budget) throws Exception {
    spillDir = tmp.newFolder();
    runtime = new FakeTaskRuntime(budget, spillDir);
    task = runtime.enter();
  }

  @After
  public void endTask() {
    task.markCompleted();
    TaskContextImpl.setCurrent(null);
  }

  /**
   * Reads {@code it} out while, every {@code every} elements, a later consumer of the task (like
   * the writer of the next shuffle) takes all but 4 KiB of the budget and gives it back.
   */
  private <T> List<T> readWithMemoryPressure(Iterator<T> it, int every, long budget) {
    MemoryReservation downstream = runtime.reserveMemory("downstream", SpillCallback.NONE);
    List<T> out = new ArrayList<>();
    while (it.hasNext()) {
      out.add(it.next());
      if (out.size() % every == 0) {
        long got = downstream.acquire(budget - 4096);
        assertEquals("memory the operator gave back", budget - 4096, got);
        downstream.release(got);
      }
    }
    downstream.close();
    return out;
  }

  private void assertAllReleased() {
    assertEquals("execution memory still held", 0, runtime.used());
    assertEquals("spill files left", 0, spillDir.list().length);
  }

  // ---- sort-merge join ----

  private static final List<AttributeReference> LEFT =
      List.of(
          AttributeReference.create("id", DataTypes.LongType, false),
          AttributeReference.create("k", DataTypes.LongType, true));
  private static final List<AttributeReference> RIGHT =
      List.of(
          AttributeReference.create("rid", DataTypes.LongType, false),
          AttributeReference.create("rk", DataTypes.LongType, true),
          AttributeReference.create("payload", DataTypes.StringType, false));

  // left.id < right.rid, over the left row followed by the right row
  private static final Expression RESIDUAL =
      new LessThan(
          new BoundReference(0, DataTypes.LongType, false),
          new BoundReference(2, DataTypes.LongType, false));

  @Test
  public void innerJoin() throws Exception {
    assertJoinMatchesNestedLoops(JoinType.INNER);
  }

  @Test
  public void leftOuterJoin() throws Exception {
    assertJoinMatchesNestedLoops(JoinType.LEFT_OUTER);
  }

  @Test
  public void rightOuterJoin() throws Exception {
    assertJoinMatchesNestedLoops(JoinType.RIGHT_OUTER);
  }

  @Test
  public void fullOuterJoin() throws Exception {
    assertJoinMatchesNestedLoops(JoinType.FULL_OUTER);
  }

  @Test
  public void leftSemiJoin() throws Exception {
    assertJoinMatchesNestedLoops(JoinType.LEFT_SEMI);
  }

  @Test
  public void leftAntiJoin() throws Exception {
    assertJoinMatchesNestedLoops(JoinType.LEFT_ANTI);
  }

  private void assertJoinMatchesNestedLoops(JoinType type) throws Exception {
    startTask(SMALL_BUDGET);
    Random random = new Random(13);
    // 400 left rows over keys 0..49, 3000 right rows (about 300 a key, more than the budget)
    // over keys 20..29, 5% NULL keys on each side
    List<InternalRow> lefts = new ArrayList<>();
    for (long i = 0; i < 400; i++) {
      lefts.add(new InternalRow(i * 7, random.nextInt(20) == 0 ? null : (long) random.nextInt(50)));
    }
    List<InternalRow> rights = new ArrayList<>();
    for (long i = 0; i < 3000; i++) {
      Long k = random.nextInt(20) == 0 ? null : 20L + random.nextInt(10);
      rights.add(new InternalRow(i, k, "payload-" + "p".repeat(30) + i));
    }

    RowCodec lc = new RowCodec(types(LEFT));
    RowCodec rc = new RowCodec(types(RIGHT));
    KeyEncoder lk = new KeyEncoder(List.of(LEFT.get(1)), LEFT);
    KeyEncoder rk = new KeyEncoder(List.of(RIGHT.get(1)), RIGHT);
    boolean keepLeftNulls = type.keepsUnmatchedLeft() || type == JoinType.LEFT_ANTI;
    List<Tuple2<BinaryRow, byte[]>> input = new ArrayList<>();
    for (InternalRow l : lefts) {
      if (keepLeftNulls || l.get(1) != null) {
        input.add(SortMergeJoin.tag(l, lk, lc, SortMergeJoin.LEFT, SortMergeJoin.NULL_LEFT));
      }
    }
    for (InternalRow r : rights) {
      if (type.keepsUnmatchedRight() || r.get(1) != null) {
        input.add(SortMergeJoin.tag(r, rk, rc, SortMergeJoin.RIGHT, SortMergeJoin.NULL_RIGHT));
      }
    }
    Collections.shuffle(input, random); // as a shuffle delivers them

    List<InternalRow> joined =
        readWithMemoryPressure(
            SortMergeJoin.join(input.iterator(), lc, rc, type, RESIDUAL, 2, 3), 100, SMALL_BUDGET);

    Expression equiAndResidual =
        new And(
            new EqualTo(
                new BoundReference(1, DataTypes.LongType, true),
                new BoundReference(3, DataTypes.LongType, true)),
            RESIDUAL);
    List<InternalRow> expected = JoinRows.join(lefts, rights, type, equiAndResidual, 2, 3);
    assertTrue("the test joins something", !expected.isEmpty());
    assertEquals(type + " rows", sorted(expected), sorted(joined));
    assertTrue("spills: " + task.metrics().spillCount, task.metrics().spillCount > 0);
    assertTrue(task.metrics().diskBytesSpilled > 0);
    assertAllReleased();
  }

  private static List<dev.weft.sql.types.DataType> types(List<AttributeReference> attrs) {
    return attrs.stream().map(AttributeReference::dataType).toList();
  }

  private static List<String> sorted(List<InternalRow> rows) {
    List<String> out = new ArrayList<>();
    for (InternalRow r : rows) {
      out.add(r.toString());
    }
    Collections.sort(out);
    return out;
  }

  // ---- final aggregation ----

  private static final AggregateSpec SUM =
      new AggregateSpec(List.of(new Sum(new BoundReference(0, DataTypes.LongType, false))));

  @Test
  public void aggregationLargerThanMemorySpillsSortedRunsAndMergesThem() throws Exception {
    startTask(SMALL_BUDGET);
    assertSumsAreExact(20_000, 2_000, SMALL_BUDGET);
    // more runs than are merged at once: some are merged into one before the final merge
    assertTrue(
        "spills: " + task.metrics().spillCount,
        task.metrics().spillCount > ExternalPairSorter.MAX_MERGE_WIDTH);
    assertAllReleased();
  }

  @Test
  public void aggregationThatFitsGivesItsMemoryBackWhileBeingRead() throws Exception {
    long budget = 4L << 20;
    startTask(budget);
    assertSumsAreExact(20_000, 2_000, budget);
    assertEquals("spilled only once asked", 1, task.metrics().spillCount);
    assertAllReleased();
  }

  /** Sums of {@code rows} values i over groups i % {@code groups}, merged as partial buffers. */
  private void assertSumsAreExact(int rows, int groups, long budget) {
    RowCodec keyCodec = new RowCodec(List.of(DataTypes.LongType));
    RowCodec bufferCodec = new RowCodec(SUM.bufferTypes());
    SpillableAggregation table = new SpillableAggregation(SUM, bufferCodec);
    for (long i = 0; i < rows; i++) {
      Object[] buffer = SUM.newBuffer();
      SUM.update(buffer, new InternalRow(i));
      table.merge(
          new BinaryRow(keyCodec.encode(new InternalRow(i % groups))),
          buffer,
          bufferCodec.encode(new InternalRow(buffer)).length);
    }
    List<Map.Entry<byte[], Object[]>> result =
        readWithMemoryPressure(table.groups(), groups / 4, budget);
    Map<Long, Long> sums = new HashMap<>();
    for (Map.Entry<byte[], Object[]> e : result) {
      long key = (Long) keyCodec.decode(e.getKey()).get(0);
      Object sum = SUM.result(new Object[0], e.getValue()).get(0);
      assertEquals("group " + key + " appears once", null, sums.put(key, (Long) sum));
    }
    assertEquals(groups, sums.size());
    int perGroup = rows / groups;
    for (long k = 0; k < groups; k++) {
      long expected = perGroup * k + (long) groups * perGroup * (perGroup - 1) / 2;
      assertEquals("sum of group " + k, expected, (long) sums.get(k));
    }
  }
}
