package dev.weft.executor.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import dev.weft.core.driver.Internals;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Injected faults on executors that run apart from the driver and fetch through a shuffle server:
 * the first job's result stage is 0 and its map stage 1.
 */
public class RemoteFaultsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private InProcessCluster cluster;
  private final List<TaskEndReason> ends = new CopyOnWriteArrayList<>();

  private void start(String key, String value) throws Exception {
    cluster = new InProcessCluster(tmp.getRoot(), 2, Map.of(key, value));
    Internals.of(cluster.context)
        .addSchedulerListener(
            new SchedulerListener() {
              @Override
              public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
                ends.add(reason);
              }
            });
  }

  @After
  public void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private Map<Integer, Long> sumsByResidue() {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      numbers.add(i);
    }
    return cluster
        .context
        .parallelize(numbers, 6)
        .mapToPair(i -> new Tuple2<>(i % 5, (long) i))
        .reduceByKey(Long::sum, 3)
        .collectAsMap();
  }

  private static Map<Integer, Long> expectedSums() {
    Map<Integer, Long> expected = new HashMap<>();
    for (int i = 0; i < 600; i++) {
      expected.merge(i % 5, (long) i, Long::sum);
    }
    return expected;
  }

  private void awaitListeners() throws InterruptedException {
    assertTrue(Internals.of(cluster.context).listenerBus().waitUntilEmpty(Duration.ofSeconds(10)));
  }

  @Test
  public void theExecutorRunningAKilledTaskDiesAndTheJobFinishesExactlyOnTheOther()
      throws Exception {
    start("weft.faults.killExecutor", "1.0:0:0");

    Map<Integer, Long> sums = sumsByResidue();

    assertEquals(expectedSums(), sums);
    InProcessCluster.await(
        () -> cluster.backend.liveExecutors().size() == 1, "the killed executor to be removed");
    String dead = cluster.provisioner.killed.iterator().next();
    assertEquals(
        Integer.valueOf(ExecutorRuntime.EXIT_DRIVER_LOST),
        cluster.executor(dead).exitCode().get(10, TimeUnit.SECONDS));
    awaitListeners();
    assertTrue(
        ends.toString(), ends.stream().anyMatch(TaskEndReason.ExecutorLost.class::isInstance));
  }

  @Test
  public void aMapOutputCorruptedOnDiskFailsTheFetchThroughTheShuffleServerAndIsRecomputed()
      throws Exception {
    start("weft.faults.corruptMapOutput", "1.0:2:0");

    Map<Integer, Long> sums = sumsByResidue();

    assertEquals(expectedSums(), sums);
    awaitListeners();
    List<TaskEndReason.FetchFailed> fetchFailures =
        ends.stream()
            .filter(TaskEndReason.FetchFailed.class::isInstance)
            .map(TaskEndReason.FetchFailed.class::cast)
            .toList();
    assertTrue(ends.toString(), !fetchFailures.isEmpty());
    for (TaskEndReason.FetchFailed f : fetchFailures) {
      assertEquals(f.message(), 2, f.mapId());
    }
  }
}
