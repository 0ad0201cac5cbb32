package dev.weft.executor.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.api.TaskContext;
import dev.weft.api.Tuple2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Jobs on two executors that talk to the driver over gRPC and shuffle through a server. */
public class RemoteExecutorsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private InProcessCluster cluster;

  @Before
  public void startCluster() throws Exception {
    cluster = new InProcessCluster(tmp.getRoot(), 2, Map.of());
  }

  @After
  public void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static List<String> lines(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add("w" + (i % 7) + " w" + (i % 13) + " common");
    }
    return lines;
  }

  private static Map<String, Integer> expectedCounts(List<String> lines) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : lines) {
      for (String w : line.split(" ")) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    return counts;
  }

  @Test
  public void wordCountIsExactAndReducersFetchOtherExecutorsOutputsThroughTheShuffleServer() {
    List<String> lines = lines(500);
    Map<String, Integer> counts =
        cluster
            .context
            .parallelize(lines, 8)
            .flatMap(l -> Arrays.asList(l.split(" ")).iterator())
            .mapToPair(w -> new Tuple2<>(w, 1))
            .reduceByKey(Integer::sum, 6)
            .collectAsMap();

    assertEquals(expectedCounts(lines), new TreeMap<>(counts));
    long remote =
        cluster.executor("exec-1").remoteBlocksFetched()
            + cluster.executor("exec-2").remoteBlocksFetched();
    assertTrue("blocks fetched over the network: " + remote, remote > 0);
    assertTrue(cluster.shuffle.metrics().snapshot().blocksServed() >= remote);
    assertTrue(cluster.executor("exec-1").tasksLaunched() > 0);
    assertTrue(cluster.executor("exec-2").tasksLaunched() > 0);
  }

  @Test
  public void twoShuffleJobIsExact() {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      numbers.add(i);
    }
    // Sum by residue mod 10, then regroup the sums by their parity and sort.
    List<Tuple2<Integer, Long>> result =
        cluster
            .context
            .parallelize(numbers, 6)
            .mapToPair(i -> new Tuple2<>(i % 10, (long) i))
            .reduceByKey(Long::sum, 4)
            .mapToPair(t -> new Tuple2<>(t._1() % 2, t._2()))
            .reduceByKey(Long::sum, 3)
            .sortByKey()
            .collect();

    long even = 0;
    long odd = 0;
    for (int i : numbers) {
      if (i % 2 == 0) {
        even += i;
      } else {
        odd += i;
      }
    }
    assertEquals(List.of(new Tuple2<>(0, even), new Tuple2<>(1, odd)), result);
  }

  @Test
  public void eachExecutorReceivesAStageBinaryOncePerStageAttempt() {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      numbers.add(i);
    }
    List<Integer> doubled =
        cluster
            .context
            .parallelize(numbers, 12)
            .map(
                i -> {
                  Thread.sleep(20);
                  return i * 2;
                })
            .collect();

    assertEquals(24, doubled.size());
    assertEquals(Integer.valueOf(46), doubled.get(23));
    ExecutorRuntime one = cluster.executor("exec-1");
    ExecutorRuntime two = cluster.executor("exec-2");
    assertEquals(12, one.tasksLaunched() + two.tasksLaunched());
    for (ExecutorRuntime e : List.of(one, two)) {
      assertEquals(e.tasksLaunched() > 0 ? 1 : 0, e.binariesReceived());
    }
  }

  @Test
  public void lostExecutorIsRemovedAndItsTasksRerunElsewhere() throws Exception {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      numbers.add(i);
    }
    CompletableFuture<Map<Integer, Integer>> job =
        CompletableFuture.supplyAsync(
            () ->
                cluster
                    .context
                    .parallelize(numbers, 8)
                    .mapToPair(
                        i -> {
                          Thread.sleep(2);
                          return new Tuple2<>(i % 5, 1);
                        })
                    .reduceByKey(Integer::sum, 3)
                    .collectAsMap());
    ExecutorRuntime victim = cluster.executor("exec-2");
    InProcessCluster.await(() -> victim.runningTasks() > 0, "exec-2 to run a task");
    victim.crash();

    Map<Integer, Integer> counts = job.get(30, TimeUnit.SECONDS);
    Map<Integer, Integer> expected = new HashMap<>();
    for (int r = 0; r < 5; r++) {
      expected.put(r, 80);
    }
    assertEquals(expected, counts);
    InProcessCluster.await(
        () -> !cluster.backend.liveExecutors().contains("exec-2"), "exec-2 to be removed");
    assertTrue(cluster.provisioner.killed.contains("exec-2"));
    assertFalse(cluster.provisioner.killed.contains("exec-1"));
    assertEquals(
        Integer.valueOf(ExecutorRuntime.EXIT_DRIVER_LOST),
        victim.exitCode().get(10, TimeUnit.SECONDS));
  }

  @Test
  public void anExecutorWhoseTaskRanOutOfMemoryStopsAndTheTaskRunsAgainElsewhere()
      throws Exception {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      numbers.add(i);
    }
    long sum =
        cluster
            .context
            .parallelize(numbers, 4)
            .map(
                i -> {
                  TaskContext t = TaskContext.get();
                  if (t.partitionId() == 2 && t.attemptNumber() == 0) {
                    throw new OutOfMemoryError("Java heap space");
                  }
                  return (long) i;
                })
            .reduce(Long::sum);

    assertEquals(780L, sum);
    ExecutorRuntime one = cluster.executor("exec-1");
    ExecutorRuntime two = cluster.executor("exec-2");
    InProcessCluster.await(
        () -> one.exitCode().isDone() || two.exitCode().isDone(), "an executor to stop");
    ExecutorRuntime stopped = one.exitCode().isDone() ? one : two;
    String stoppedId = stopped == one ? "exec-1" : "exec-2";
    assertEquals(
        Integer.valueOf(ExecutorRuntime.EXIT_OUT_OF_MEMORY),
        stopped.exitCode().get(10, TimeUnit.SECONDS));
    InProcessCluster.await(
        () -> !cluster.backend.liveExecutors().contains(stoppedId), stoppedId + " to be removed");
    assertEquals(1, cluster.backend.liveExecutors().size());
  }

  @Test
  public void executorsExitCleanlyWhenTheDriverStops() throws Exception {
    ExecutorRuntime one = cluster.executor("exec-1");
    ExecutorRuntime two = cluster.executor("exec-2");
    cluster.context.close();

    assertEquals(Integer.valueOf(0), one.exitCode().get(10, TimeUnit.SECONDS));
    assertEquals(Integer.valueOf(0), two.exitCode().get(10, TimeUnit.SECONDS));
    assertTrue(cluster.provisioner.stopped);
  }
}
