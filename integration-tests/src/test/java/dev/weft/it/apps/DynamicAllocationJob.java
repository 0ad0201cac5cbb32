package dev.weft.it.apps;

import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.Internals;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A job for dynamic allocation: a long map stage ({@code maps} tasks that each sleep {@code
 * sleepMillis}) and a short reduce stage; then it waits while the test watches its idle executors
 * go, and reads the shuffle again, which must come from the shuffle services, its writers being
 * gone.
 *
 * <p>Args: a local directory shared with the test, the number of map tasks, their sleep in ms. The
 * job writes {@code maps-done} there after the first action, waits for {@code go}, and writes
 * {@code result}: the second action's sum and key count, the map tasks that ran during it, and the
 * executors that ran map tasks first and tasks of the second action.
 */
public final class DynamicAllocationJob {
  private DynamicAllocationJob() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int maps = Integer.parseInt(args[1]);
    long sleepMillis = Long.parseLong(args[2]);
    Map<Integer, Boolean> mapStages = new ConcurrentHashMap<>();
    Set<String> mapExecutors = ConcurrentHashMap.newKeySet();
    Set<String> laterExecutors = ConcurrentHashMap.newKeySet();
    AtomicInteger mapTasksLater = new AtomicInteger();
    AtomicInteger phase = new AtomicInteger();
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("DynamicAllocation"))) {
      Internals.of(weft)
          .addSchedulerListener(
              new SchedulerListener() {
                @Override
                public void onStageSubmitted(StageInfo stage) {
                  mapStages.put(stage.stageId(), stage.shuffleMap());
                }

                @Override
                public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
                  boolean map = mapStages.getOrDefault(task.stageId(), false);
                  if (phase.get() == 0 && map) {
                    mapExecutors.add(task.executorId());
                  } else if (phase.get() == 1) {
                    laterExecutors.add(task.executorId());
                    if (map) {
                      mapTasksLater.incrementAndGet();
                    }
                  }
                }
              });
      PairDataset<Integer, Long> sums =
          weft.parallelize(IntStream.range(0, maps * 1000).boxed().toList(), maps)
              .mapPartitions(
                  records -> {
                    Thread.sleep(sleepMillis);
                    return records;
                  })
              .mapToPair(i -> new Tuple2<>(i % 10, (long) i))
              .reduceByKey(Long::sum, 3);
      long first = sums.values().reduce(Long::sum);
      Internals.of(weft).listenerBus().waitUntilEmpty(java.time.Duration.ofSeconds(10));
      Files.writeString(dir.resolve("maps-done"), Long.toString(first));
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (!Files.exists(dir.resolve("go")) && System.nanoTime() < deadline) {
        Thread.sleep(100); // waiting for the test to see the executors released
      }
      phase.set(1);
      List<Tuple2<Integer, Long>> second = sums.collect();
      Internals.of(weft).listenerBus().waitUntilEmpty(java.time.Duration.ofSeconds(10));
      long total = second.stream().mapToLong(Tuple2::_2).sum();
      Files.writeString(
          dir.resolve("result"),
          "sum="
              + total
              + "\nkeys="
              + second.size()
              + "\nmapTasks="
              + mapTasksLater.get()
              + "\nmapExecutors="
              + String.join(",", new TreeSet<>(mapExecutors))
              + "\nlaterExecutors="
              + String.join(",", new TreeSet<>(laterExecutors))
              + "\n",
          StandardCharsets.UTF_8);
    }
  }
}
