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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Runs a shuffle's map stage, then waits while the test stops every executor, then reads the
 * shuffle again: the reduce side must get the map outputs from the nodes' shuffle services without
 * running a map task again.
 *
 * <p>Args: a local directory shared with the test. The job writes {@code maps-done} there after the
 * first action, waits for {@code go}, and writes {@code result}: the second action's sum and the
 * count of map tasks that ran during it.
 */
public final class ShuffleAfterExecutorsExitJob {
  private ShuffleAfterExecutorsExitJob() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Map<Integer, Boolean> mapStages = new ConcurrentHashMap<>();
    AtomicInteger mapTasksAfterGo = new AtomicInteger();
    AtomicInteger phase = new AtomicInteger();
    try (WeftContext weft =
        new WeftContext(new WeftConf().setAppName("ShuffleAfterExecutorsExit"))) {
      Internals.of(weft)
          .addSchedulerListener(
              new SchedulerListener() {
                @Override
                public void onStageSubmitted(StageInfo stage) {
                  mapStages.put(stage.stageId(), stage.shuffleMap());
                }

                @Override
                public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
                  if (phase.get() == 1 && mapStages.getOrDefault(task.stageId(), false)) {
                    mapTasksAfterGo.incrementAndGet();
                  }
                }
              });
      PairDataset<Integer, Long> sums =
          weft.parallelize(IntStream.range(0, 10_000).boxed().toList(), 4)
              .mapToPair(i -> new Tuple2<>(i % 10, (long) i))
              .reduceByKey(Long::sum, 3);
      long first = sums.values().reduce(Long::sum);
      Files.writeString(dir.resolve("maps-done"), Long.toString(first));
      long deadline = System.nanoTime() + 180_000_000_000L;
      while (!Files.exists(dir.resolve("go")) && System.nanoTime() < deadline) {
        Thread.sleep(100); // waiting for the test to stop the executors
      }
      phase.set(1);
      List<Tuple2<Integer, Long>> second = sums.collect();
      Internals.of(weft).listenerBus().waitUntilEmpty(java.time.Duration.ofSeconds(10));
      long total = second.stream().mapToLong(Tuple2::_2).sum();
      Files.writeString(
          dir.resolve("result"),
          "sum=" + total + "\nkeys=" + second.size() + "\nmapTasks=" + mapTasksAfterGo.get() + "\n",
          StandardCharsets.UTF_8);
    }
  }
}
