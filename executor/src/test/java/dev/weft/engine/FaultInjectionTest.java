package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.JobFailedException;
import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.config.ConfigException;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/**
 * The faults of {@code weft.faults.*} on the {@code local[N]} master: each hits exactly the task
 * attempts it names, and the engine recovers as it would from the real failure. In a job's first
 * context, the first job's result stage is stage 0 and its map stages follow from 1.
 */
public class FaultInjectionTest {
  private WeftContext weft;

  private WeftContext start(String... keyValues) {
    return startOn("local[2]", keyValues);
  }

  private WeftContext startOn(String master, String... keyValues) {
    WeftConf conf = new WeftConf(false).setMaster(master).set("weft.memory.reserved", "0");
    for (int i = 0; i < keyValues.length; i += 2) {
      conf.set(keyValues[i], keyValues[i + 1]);
    }
    weft = new WeftContext(conf);
    return weft;
  }

  @After
  public void stop() {
    if (weft != null) {
      weft.stop();
    }
  }

  /** range(0, 1000) in 5 partitions, summed by x % 7 over 3 reduce partitions. */
  private static PairDataset<Long, Long> sums(WeftContext weft) {
    return weft.range(0, 1000, 1, 5)
        .mapToPair(x -> new Tuple2<>(x % 7, x))
        .reduceByKey(Long::sum, 3);
  }

  private static Map<Long, Long> expectedSums() {
    Map<Long, Long> expected = new HashMap<>();
    for (long x = 0; x < 1000; x++) {
      expected.merge(x % 7, x, Long::sum);
    }
    return expected;
  }

  @Test
  public void aTaskFailedOnceIsRetriedAndTheJobSucceeds() {
    TaskLog log = TaskLog.of(start("weft.faults.failTask", "0:1:0"));

    List<Long> values = weft.range(0, 40, 1, 4).collect();

    assertEquals(40, values.size());
    List<TaskLog.End> failed = log.ends(e -> !e.succeeded());
    assertEquals(1, failed.size());
    assertEquals(1, failed.get(0).task().partition());
    TaskEndReason.ExceptionFailure f = (TaskEndReason.ExceptionFailure) failed.get(0).reason();
    assertTrue(f.describe(), f.describe().contains("Injected failure of task"));
    assertTrue(f.describe(), f.describe().contains("(weft.faults.failTask)"));
  }

  @Test
  public void aTaskFailedInEveryAttemptFailsTheJobWithTheInjectedError() {
    start("weft.faults.failTask", "0:1", "weft.task.maxFailures", "2");

    JobFailedException e =
        assertThrows(JobFailedException.class, () -> weft.range(0, 40, 1, 4).collect());

    assertTrue(e.getMessage(), e.getMessage().contains("failed 2 times"));
    assertTrue(e.getMessage(), e.getMessage().contains("Injected failure of task"));
  }

  @Test
  public void aCorruptedMapOutputIsAFetchFailureAndOnlyThatMapPartitionIsRecomputed() {
    TaskLog log = TaskLog.of(start("weft.faults.corruptMapOutput", "1.0:2:0"));

    Map<Long, Long> result = sums(weft).collectAsMap();

    assertEquals(expectedSums(), result);
    assertTrue(log.count(TaskEndReason.FetchFailed.class) >= 1);
    TaskEndReason.FetchFailed f =
        (TaskEndReason.FetchFailed)
            log.ends(e -> e.reason() instanceof TaskEndReason.FetchFailed).get(0).reason();
    assertEquals(2, f.mapId());
    assertTrue(f.message(), f.message().contains("is corrupt: CRC32C"));
    assertEquals(
        "map 2 twice, the others once", List.of(0, 1, 2, 2, 3, 4), log.succeededPartitions(1));
  }

  @Test
  public void aDroppedMapOutputIsAFetchFailureAndOnlyThatMapPartitionIsRecomputed() {
    TaskLog log = TaskLog.of(start("weft.faults.dropMapOutput", "1.0:4:0"));

    Map<Long, Long> result = sums(weft).collectAsMap();

    assertEquals(expectedSums(), result);
    assertTrue(log.count(TaskEndReason.FetchFailed.class) >= 1);
    assertEquals(List.of(0, 1, 2, 3, 4, 4), log.succeededPartitions(1));
  }

  @Test
  public void aMapOutputCorruptedInEveryAttemptAbortsTheJobAfterMaxConsecutiveStageAttempts() {
    TaskLog log =
        TaskLog.of(
            start("weft.faults.corruptMapOutput", "1:0", "weft.stage.maxConsecutiveAttempts", "3"));

    JobFailedException e = assertThrows(JobFailedException.class, () -> sums(weft).collect());

    String message = e.getMessage();
    assertTrue(message, message.startsWith("Job aborted due to stage failure: ResultStage 0 ("));
    assertTrue(
        message, message.contains("consecutive attempts (3, weft.stage.maxConsecutiveAttempts)"));
    assertTrue(message, message.contains("is corrupt: CRC32C"));
    assertEquals(
        "the first run and one before each of two more attempts",
        3,
        log.succeededPartitions(1).stream().filter(p -> p == 0).count());
  }

  @Test
  public void killingTheExecutorIsRefusedUnderLocalWhereItIsTheDriversProcess() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> start("weft.faults.killExecutor", "0:0:0"));

    assertTrue(e.getMessage(), e.getMessage().startsWith("weft.faults.killExecutor needs"));
    weft = null;
  }

  // ---- determinism ----

  /**
   * Pairs whose keys all differ, 0 being the only multiple of 4: reduce partition 0 of a 4-way hash
   * shuffle holds one record.
   */
  private static List<Tuple2<Integer, Integer>> pairsWithOneKeyInPartition0() {
    List<Tuple2<Integer, Integer>> pairs = new ArrayList<>();
    for (int k = 0; pairs.size() < 60; k++) {
      if (k == 0 || k % 4 != 0) {
        pairs.add(new Tuple2<>(k, k * 10));
      }
    }
    return pairs;
  }

  private static List<Integer> sorted(List<Integer> values) {
    List<Integer> copy = new ArrayList<>(values);
    copy.sort(null);
    return copy;
  }

  @Test
  public void aLostOutputOfARepartitionOfShuffledDataIsRecomputedWholeAndTheRowsAreExact() {
    // Stages: 0 collects the repartition, 1 is the reduceByKey's map side, 2 the repartition's.
    TaskLog log = TaskLog.of(start("weft.faults.corruptMapOutput", "2.0:0:0"));
    List<Tuple2<Integer, Integer>> pairs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      pairs.add(new Tuple2<>(i % 50, i));
    }

    List<Integer> rows =
        weft.parallelizePairs(pairs, 4)
            .reduceByKey(Integer::sum, 4)
            .values()
            .repartition(3)
            .collect();

    List<Integer> expected = new ArrayList<>();
    Map<Integer, Integer> sums = new HashMap<>();
    pairs.forEach(p -> sums.merge(p._1(), p._2(), Integer::sum));
    expected.addAll(sums.values());
    assertEquals(sorted(expected), sorted(rows));
    assertEquals(
        "every repartition map ran again",
        List.of(0, 0, 1, 1, 2, 2, 3, 3),
        log.succeededPartitions(2));
    assertEquals("its determinate parent did not", List.of(0, 1, 2, 3), log.succeededPartitions(1));
  }

  @Test
  public void aJobThatReturnedRowsFailsClearlyRatherThanMixThemWithARecomputedRepartition() {
    // One task at a time, in partition order. The one record of the repartition's map 0 goes to
    // partition 1 (where its round robin starts): reducer 0 reads nothing of the corrupted output
    // and returns its rows, then reducer 1 cannot read it.
    startOn("local[1]", "weft.faults.corruptMapOutput", "2.0:0:0");

    JobFailedException e =
        assertThrows(
            JobFailedException.class,
            () ->
                weft.parallelizePairs(pairsWithOneKeyInPartition0(), 4)
                    .reduceByKey(Integer::sum, 4)
                    .values()
                    .repartition(2)
                    .collect());

    String message = e.getMessage();
    assertTrue(message, message.startsWith("Job aborted: ResultStage 0 ("));
    assertTrue(message, message.contains("already returned or committed 1 of its 2 partitions"));
    assertTrue(
        message, message.contains("ShuffleMapStage 2 (repartition at FaultInjectionTest.java:"));
    assertTrue(message, message.contains("indeterminate"));
  }
}
