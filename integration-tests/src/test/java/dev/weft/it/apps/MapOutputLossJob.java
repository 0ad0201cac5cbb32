package dev.weft.it.apps;

import dev.weft.api.TaskContext;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.Internals;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One shuffle, with a pause in the middle of its map stage so that a test can damage a map output
 * file on disk: sums of {@code i} for {@code i} in {@code 0 until} {@value #NUMBERS} by {@code i %
 * 10}, from {@value #MAPS} map tasks. The last map task (partition {@value #MAPS} - 1) waits for
 * the file {@code go} before it starts; the driver writes {@code maps-written} once the other map
 * tasks succeeded.
 *
 * <p>Args: a local directory shared with the test. At the end the driver writes {@code report}
 * there: {@code sum=}, {@code keys=}, {@code mapRuns=} (successful map tasks per partition, e.g.
 * {@code 0:1,1:2,2:1,3:1}) and {@code fetchFailures=}.
 */
public final class MapOutputLossJob {
  public static final int NUMBERS = 10_000;
  public static final int MAPS = 4;

  private MapOutputLossJob() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args[0]);
    Map<Integer, Boolean> mapStages = new ConcurrentHashMap<>();
    Map<Integer, Integer> mapRuns = new TreeMap<>();
    AtomicInteger fetchFailures = new AtomicInteger();
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("MapOutputLossJob"))) {
      Internals.of(weft)
          .addSchedulerListener(
              new SchedulerListener() {
                @Override
                public void onStageSubmitted(StageInfo stage) {
                  mapStages.put(stage.stageId(), stage.shuffleMap());
                }

                @Override
                public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
                  if (reason instanceof TaskEndReason.FetchFailed) {
                    fetchFailures.incrementAndGet();
                  }
                  if (reason instanceof TaskEndReason.Success
                      && mapStages.getOrDefault(task.stageId(), false)) {
                    int succeeded;
                    synchronized (mapRuns) {
                      mapRuns.merge(task.partition(), 1, Integer::sum);
                      succeeded = mapRuns.size();
                    }
                    if (succeeded == MAPS - 1 && !mapRuns.containsKey(MAPS - 1)) {
                      write(shared.resolve("maps-written"), "maps-written");
                    }
                  }
                }
              });
      String go = shared.resolve("go").toString(); // a String: tasks capture it
      List<Tuple2<Integer, Long>> sums =
          weft.parallelize(IntStream.range(0, NUMBERS).boxed().toList(), MAPS)
              .mapToPair(
                  i -> {
                    if (TaskContext.get().partitionId() == MAPS - 1) {
                      awaitFile(go);
                    }
                    return new Tuple2<>(i % 10, (long) i);
                  })
              .reduceByKey(Long::sum, 3)
              .collect();
      Internals.of(weft).listenerBus().waitUntilEmpty(java.time.Duration.ofSeconds(10));
      String runs;
      synchronized (mapRuns) {
        runs =
            mapRuns.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
      }
      write(
          shared.resolve("report"),
          "sum="
              + sums.stream().mapToLong(Tuple2::_2).sum()
              + "\nkeys="
              + sums.size()
              + "\nmapRuns="
              + runs
              + "\nfetchFailures="
              + fetchFailures.get()
              + "\n");
    }
  }

  private static void awaitFile(String file) throws InterruptedException {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (!Files.exists(Path.of(file)) && System.nanoTime() < deadline) {
      Thread.sleep(100); // waiting for the test to damage a map output
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
