package dev.weft.sql;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Aggregations, sorts and joins over about ten times the executor's memory budget complete with
 * exact results by spilling to disk.
 */
public class SpillTest {
  private static final int ROWS = 60_000;
  private static final int KEYS = 30_000;
  private static final StructType SCHEMA =
      StructType.of(
          DataTypes.createStructField("id", DataTypes.LongType, false),
          DataTypes.createStructField("k", DataTypes.LongType, false),
          DataTypes.createStructField("s", DataTypes.StringType, false));

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private WeftSession session;
  private final AtomicLong spilledBytes = new AtomicLong();

  @Before
  public void start() throws Exception {
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
                .set("weft.sql.autoBroadcastJoinThreshold", "0")
                .set("weft.local.dirs", tmp.newFolder("local").getPath()));
    dev.weft.core.driver.Internals.of(weft)
        .addSchedulerListener(
            new SchedulerListener() {
              @Override
              public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics m) {
                if (m != null) {
                  spilledBytes.addAndGet(m.diskBytesSpilled);
                }
              }
            });
    session = WeftSession.of(weft);
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

  private void awaitMetrics() throws InterruptedException {
    assertTrue(
        dev.weft.core.driver.Internals.of(session.context())
            .listenerBus()
            .waitUntilEmpty(java.time.Duration.ofSeconds(30)));
  }

  @Test
  public void aggregationSpillsAndIsExact() throws Exception {
    List<Row> groups = rows().groupBy("k").agg(count("*").as("n")).collect();
    assertEquals(KEYS, groups.size());
    for (Row r : groups) {
      assertEquals(ROWS / KEYS, r.getLong(1));
    }
    awaitMetrics();
    assertTrue("spilled " + spilledBytes.get(), spilledBytes.get() > 0);
  }

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
    awaitMetrics();
    assertTrue("spilled " + spilledBytes.get(), spilledBytes.get() > 0);
  }

  @Test
  public void shuffledJoinSpillsAndIsExact() throws Exception {
    DataFrame left = rows();
    DataFrame right = rows().select(col("k").as("k2"), col("s").as("s2"));
    // collected rather than counted: a shuffle written in the task that reads the cogroup hits an
    // executor defect (SerializedPartitionBuffers reserves memory before it can spill itself)
    List<Row> joined =
        left.join(right, left.col("k").equalTo(right.col("k2"))).select("id", "k2").collect();
    assertEquals((long) KEYS * (ROWS / KEYS) * (ROWS / KEYS), joined.size());
    for (Row r : joined) {
      assertEquals(r.getLong(0) % KEYS, r.getLong(1));
    }
    awaitMetrics();
    assertTrue("spilled " + spilledBytes.get(), spilledBytes.get() > 0);
  }
}
