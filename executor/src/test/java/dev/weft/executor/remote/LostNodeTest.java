package dev.weft.executor.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.core.driver.Internals;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A node that is lost with its shuffle service (its executor dies and its service stops answering)
 * loses all the map outputs it served: one fetch failure tells the driver, which recomputes exactly
 * those map partitions in one go.
 */
public class LostNodeTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private InProcessCluster cluster;

  @After
  public void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  public void allMapOutputsOfANodeWhoseShuffleServiceIsUnreachableAreRecomputedInOneStageAttempt()
      throws Exception {
    cluster =
        InProcessCluster.withNodePerExecutor(
            tmp.getRoot(),
            2,
            Map.of(
                "weft.shuffle.fetch.maxRetries", "0",
                // One stage attempt per lost output would abort the job.
                "weft.stage.maxConsecutiveAttempts", "2"));
    Map<Integer, Boolean> mapStages = new ConcurrentHashMap<>();
    List<TaskInfo> mapSuccesses = new ArrayList<>();
    List<SchedulerListener.StageInfo> submitted = new ArrayList<>();
    Internals.of(cluster.context)
        .addSchedulerListener(
            new SchedulerListener() {
              @Override
              public void onStageSubmitted(StageInfo stage) {
                mapStages.put(stage.stageId(), stage.shuffleMap());
                synchronized (submitted) {
                  submitted.add(stage);
                }
              }

              @Override
              public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
                if (reason instanceof TaskEndReason.Success && mapStages.get(task.stageId())) {
                  synchronized (mapSuccesses) {
                    mapSuccesses.add(task);
                  }
                }
              }
            });
    PairDataset<Integer, Long> sums =
        cluster
            .context
            .parallelize(IntStream.range(0, 6000).boxed().toList(), 8)
            .mapToPair(i -> new Tuple2<>(i % 10, (long) i))
            .reduceByKey(Long::sum, 3);
    Map<Integer, Long> first = sums.collectAsMap();
    Internals.of(cluster.context).listenerBus().waitUntilEmpty(Duration.ofSeconds(10));
    Set<Integer> onLostNode = new TreeSet<>();
    synchronized (mapSuccesses) {
      mapSuccesses.stream()
          .filter(t -> t.executorId().equals("exec-2"))
          .forEach(t -> onLostNode.add(t.partition()));
      mapSuccesses.clear();
    }
    assertTrue("both executors ran map tasks: " + onLostNode, onLostNode.size() > 1);
    assertTrue(onLostNode.size() < 8);
    int submittedBefore = submitted.size();

    cluster.executor("exec-2").crash();
    cluster.nodeServers.get("exec-2").close();
    InProcessCluster.await(
        () -> cluster.backend.liveExecutors().equals(Set.of("exec-1")), "exec-2 to be removed");
    Map<Integer, Long> second = sums.collectAsMap();
    Internals.of(cluster.context).listenerBus().waitUntilEmpty(Duration.ofSeconds(10));

    assertEquals(first, second);
    Set<Integer> recomputed = new TreeSet<>();
    mapSuccesses.forEach(t -> recomputed.add(t.partition()));
    assertEquals("the map outputs the lost node served, and no other", onLostNode, recomputed);
    assertEquals("each once", onLostNode.size(), mapSuccesses.size());
    List<SchedulerListener.StageInfo> after = submitted.subList(submittedBefore, submitted.size());
    assertEquals(
        "map stage attempts after the loss: " + after,
        1,
        after.stream().filter(SchedulerListener.StageInfo::shuffleMap).count());
    assertFalse(cluster.backend.liveExecutors().contains("exec-2"));
  }
}
