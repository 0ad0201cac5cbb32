package dev.weft.sql;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static dev.weft.sql.functions.countDistinct;
import static dev.weft.sql.functions.sum;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Aggregations, sorts and joins over about ten times the executor's memory budget (1 MiB of
 * execution memory shared by two tasks) complete with exact results by spilling to disk, and leave
 * no spill files behind.
 */
public class SpillTest {
  private static final int ROWS = 60_000;
  private static final int KEYS = 30_000;
  private static final StructType SCHEMA =
      StructType.of(
          DataTypes.createStructField("id", DataTypes.LongType, false),
          DataTypes.createStructField("k", DataTypes.LongType, false),
          DataTypes.createStructField("s", DataTypes.StringType, false));

  // The join sides: a few left rows per key against 10,000 right rows per key (about 1 MiB each),
  // some NULL keys on both sides, and left keys 6 and 7 that no right row has.
  private static final int LEFT_ROWS = 120;
  private static final int RIGHT_ROWS = 60_000;
  private static final String PADDING = "x".repeat(40);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private WeftSession session;
  private java.io.File localDir;
  private final AtomicLong spills = new AtomicLong();
  private final AtomicLong spilledBytes = new AtomicLong();

  @Before
  public void start() throws Exception {
    localDir = tmp.newFolder("local");
    session = open("0");
  }

  private WeftSession open(String broadcastThreshold) {
    WeftContext weft =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[2]")
                .set("weft.executor.memory", "2m") // a 1 MiB unified memory budget
                .set("weft.memory.reserved", "0")
                .set("weft.memory.fraction", "0.5")
                .set("weft.sql.shuffle.partitions", "2")
                // small shuffle buffers: the writer reserves 3 of them up front
                .set("weft.shuffle.file.buffer", "8k")
                .set("weft.sql.autoBroadcastJoinThreshold", broadcastThreshold)
                .set("weft.local.dirs", localDir.getPath()));
    dev.weft.core.driver.Internals.of(weft)
        .addSchedulerListener(
            new SchedulerListener() {
              @Override
              public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics m) {
                if (m != null) {
                  spills.addAndGet(m.spillCount);
                  spilledBytes.addAndGet(m.diskBytesSpilled);
                }
              }
            });
    return WeftSession.of(weft);
  }

  @After
  public void stop() {
    session.stop();
  }

  private DataFrame rows() {
    return session.createDataFrame(
        session
            .context()
            .range(0, ROWS, 1, 4)
            .map(i -> RowFactory.create(i, i % KEYS, "value-" + i)),
        SCHEMA);
  }

  private void assertSpilledAndCleanedUp() throws Exception {
    assertTrue(
        dev.weft.core.driver.Internals.of(session.context())
            .listenerBus()
            .waitUntilEmpty(java.time.Duration.ofSeconds(30)));
    assertTrue("spills " + spills.get(), spills.get() > 0);
    assertTrue("spilled bytes " + spilledBytes.get(), spilledBytes.get() > 0);
    try (Stream<Path> files = Files.walk(localDir.toPath())) {
      List<String> left =
          files
              .filter(Files::isRegularFile)
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("spill"))
              .toList();
      assertEquals("spill files left behind", List.of(), left);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  // ---- aggregation ----

  @Test
  public void aggregationSpillsAndIsExact() throws Exception {
    List<Row> groups = rows().groupBy("k").agg(count("*").as("n"), sum("id").as("total")).collect();
    assertEquals(KEYS, groups.size());
    for (Row r : groups) {
      long k = r.getLong(0);
      assertEquals("rows of group " + k, ROWS / KEYS, r.getLong(1));
      assertEquals("sum of group " + k, k + (k + KEYS), r.getLong(2));
    }
    assertSpilledAndCleanedUp();
  }

  @Test
  public void distinctAndCountDistinctSpillAndAreExact() throws Exception {
    assertEquals(KEYS, rows().select("k").distinct().count());
    List<Row> groups =
        rows()
            .select(col("k").mod(1000).as("m"), col("s"))
            .groupBy("m")
            .agg(countDistinct("s"))
            .collect();
    assertEquals(1000, groups.size());
    for (Row r : groups) {
      assertEquals("distinct values of group " + r.getLong(0), ROWS / 1000, r.getLong(1));
    }
    assertSpilledAndCleanedUp();
  }

  // ---- sort ----

  @Test
  public void sortSpillsAndIsOrdered() throws Exception {
    List<Row> sorted = rows().orderBy(col("k").desc(), col("id")).collect();
    assertEquals(ROWS, sorted.size());
    for (int i = 1; i < sorted.size(); i++) {
      long pk = sorted.get(i - 1).getLong(1);
      long k = sorted.get(i).getLong(1);
      assertTrue(
          "row " + i,
          pk > k || (pk == k && sorted.get(i - 1).getLong(0) < sorted.get(i).getLong(0)));
    }
    assertSpilledAndCleanedUp();
  }

  // ---- shuffled (sort-merge) joins ----

  @Test
  public void shuffledJoinSpillsAndIsExactWhenCollectedAndCounted() throws Exception {
    DataFrame left = rows();
    DataFrame right = rows().select(col("k").as("k2"), col("s").as("s2"));
    DataFrame joined = left.join(right, left.col("k").equalTo(right.col("k2"))).select("id", "k2");
    long expected = (long) KEYS * (ROWS / KEYS) * (ROWS / KEYS);
    // counting shuffles the join's output from the task that merges it
    assertEquals(expected, joined.count());
    List<Row> rows = joined.collect();
    assertEquals(expected, rows.size());
    for (Row r : rows) {
      assertEquals(r.getLong(0) % KEYS, r.getLong(1));
    }
    assertSpilledAndCleanedUp();
  }

  @Test
  public void innerJoinWithManyRowsPerKeySpillsAndIsExact() throws Exception {
    assertJoinIsExact(JoinType.INNER, "inner");
  }

  @Test
  public void leftOuterJoinWithManyRowsPerKeySpillsAndIsExact() throws Exception {
    assertJoinIsExact(JoinType.LEFT_OUTER, "left_outer");
  }

  @Test
  public void rightOuterJoinWithManyRowsPerKeySpillsAndIsExact() throws Exception {
    assertJoinIsExact(JoinType.RIGHT_OUTER, "right_outer");
  }

  @Test
  public void fullOuterJoinWithManyRowsPerKeySpillsAndIsExact() throws Exception {
    assertJoinIsExact(JoinType.FULL_OUTER, "full_outer");
  }

  @Test
  public void leftSemiJoinWithManyRowsPerKeySpillsAndIsExact() throws Exception {
    assertJoinIsExact(JoinType.LEFT_SEMI, "left_semi");
  }

  @Test
  public void leftAntiJoinWithManyRowsPerKeySpillsAndIsExact() throws Exception {
    assertJoinIsExact(JoinType.LEFT_ANTI, "left_anti");
  }

  private static Long leftKey(long id) {
    return id % 30 == 29 ? null : id % 8;
  }

  private static Long rightKey(long id) {
    return id % 997 == 996 ? null : id % 6;
  }

  /** The residual (non-equi) part of the join condition. */
  private static boolean residual(long leftId, long rightId) {
    return (leftId + rightId) % 3 != 0;
  }

  private void assertJoinIsExact(JoinType type, String name) throws Exception {
    DataFrame left =
        session.createDataFrame(
            session.context().range(0, LEFT_ROWS, 1, 2).map(i -> RowFactory.create(i, leftKey(i))),
            StructType.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("k", DataTypes.LongType, true)));
    DataFrame right =
        session.createDataFrame(
            session
                .context()
                .range(0, RIGHT_ROWS, 1, 4)
                .map(i -> RowFactory.create(i, rightKey(i), PADDING + i)),
            StructType.of(
                DataTypes.createStructField("rid", DataTypes.LongType, false),
                DataTypes.createStructField("rk", DataTypes.LongType, true),
                DataTypes.createStructField("payload", DataTypes.StringType, false)));
    DataFrame joined =
        left.join(
            right,
            left.col("k")
                .equalTo(right.col("rk"))
                .and(left.col("id").plus(right.col("rid")).mod(3).notEqual(0)),
            name);

    long[] expected = expectedJoin(type);
    assertEquals(name + " rows", expected[0], joined.count());
    List<Column> sums = new ArrayList<>(List.of(count("*"), sum("id")));
    if (type.outputsRight()) {
      sums.add(sum("rid"));
    }
    Row r = joined.agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0])).first();
    assertEquals(name + " rows", expected[0], r.getLong(0));
    assertEquals(name + " sum of left ids", expected[1], r.isNullAt(1) ? 0 : r.getLong(1));
    if (type.outputsRight()) {
      assertEquals(name + " sum of right ids", expected[2], r.isNullAt(2) ? 0 : r.getLong(2));
    }
    assertSpilledAndCleanedUp();
  }

  /** Rows, sum of left ids and sum of right ids of the join, by nested loops over each key. */
  private static long[] expectedJoin(JoinType type) {
    Map<Long, List<Long>> rightByKey = new HashMap<>();
    for (long r = 0; r < RIGHT_ROWS; r++) {
      Long k = rightKey(r);
      if (k != null) {
        rightByKey.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
      }
    }
    boolean[] rightMatched = new boolean[RIGHT_ROWS];
    long rows = 0;
    long leftSum = 0;
    long rightSum = 0;
    for (long l = 0; l < LEFT_ROWS; l++) {
      Long k = leftKey(l);
      List<Long> candidates = k == null ? List.of() : rightByKey.getOrDefault(k, List.of());
      boolean matched = false;
      for (long r : candidates) {
        if (residual(l, r)) {
          matched = true;
          rightMatched[(int) r] = true;
          if (type.outputsRight()) {
            rows++;
            leftSum += l;
            rightSum += r;
          }
        }
      }
      boolean keep =
          (type == JoinType.LEFT_SEMI && matched)
              || (!matched && (type == JoinType.LEFT_ANTI || type.keepsUnmatchedLeft()));
      if (keep) {
        rows++;
        leftSum += l;
      }
    }
    if (type.keepsUnmatchedRight()) {
      for (int r = 0; r < RIGHT_ROWS; r++) {
        if (!rightMatched[r]) {
          rows++;
          rightSum += r;
        }
      }
    }
    return new long[] {rows, leftSum, rightSum};
  }

  // ---- broadcast joins ----

  @Test
  public void broadcastSideLargerThanMemoryFailsNamingTheThreshold() throws Exception {
    session.stop();
    session = open("1g");
    DataFrame probe = session.range(1_000);
    DataFrame build = session.range(200_000).select(col("id").as("k"));
    // a left outer join can only build its right side
    Exception e =
        assertThrows(
            Exception.class,
            () -> probe.join(build, probe.col("id").equalTo(build.col("k")), "left_outer").count());
    String message = String.valueOf(e.getMessage());
    assertTrue(message, message.contains("broadcast side of a join (200000 rows"));
    assertTrue(message, message.contains("weft.sql.autoBroadcastJoinThreshold"));
  }
}
