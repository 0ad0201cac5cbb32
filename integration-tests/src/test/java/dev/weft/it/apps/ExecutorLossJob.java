package dev.weft.it.apps;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A job with two shuffles whose middle stage is slow (each record takes {@value #SLOW_MILLIS} ms),
 * so that a test can kill an executor while its tasks run: the sums of {@code i} for {@code i} in
 * {@code 0 until} {@value #NUMBERS}, by {@code i % 10}, saved as {@code key<TAB>sum} lines.
 *
 * <p>Args: the output path (HDFS) and a local directory shared with the test. The driver writes
 * {@code middle-stage-running} there when the first task of the middle stage starts, and at the end
 * {@code report}: {@code lostTasks=N}, the tasks that ended because their executor was lost.
 */
public final class ExecutorLossJob {
  public static final int NUMBERS = 20_000;
  static final int SLOW_MILLIS = 250;

  private ExecutorLossJob() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args[1]);
    Map<Integer, SchedulerListener.StageInfo> stages = new ConcurrentHashMap<>();
    AtomicBoolean marked = new AtomicBoolean();
    AtomicInteger lostTasks = new AtomicInteger();
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("ExecutorLossJob"))) {
      Internals.of(weft)
          .addSchedulerListener(
              new SchedulerListener() {
                @Override
                public void onStageSubmitted(StageInfo stage) {
                  stages.put(stage.stageId(), stage);
                }

                @Override
                public void onTaskStart(TaskInfo task) {
                  SchedulerListener.StageInfo stage = stages.get(task.stageId());
                  boolean middle =
                      stage != null && stage.shuffleMap() && !stage.parentIds().isEmpty();
                  if (middle && marked.compareAndSet(false, true)) {
                    write(shared.resolve("middle-stage-running"), "task " + task.taskId());
                  }
                }

                @Override
                public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
                  if (reason instanceof TaskEndReason.ExecutorLost) {
                    lostTasks.incrementAndGet();
                  }
                }
              });
      weft.parallelize(IntStream.range(0, NUMBERS).boxed().toList(), 6)
          .mapToPair(i -> new Tuple2<>(i % 100, (long) i))
          .reduceByKey(Long::sum, 6)
          .mapToPair(
              t -> {
                Thread.sleep(SLOW_MILLIS);
                return new Tuple2<>(t._1() % 10, t._2());
              })
          .reduceByKey(Long::sum, 2)
          .map(t -> t._1() + "\t" + t._2())
          .saveAsTextFile(args[0]);
      Internals.of(weft).listenerBus().waitUntilEmpty(java.time.Duration.ofSeconds(10));
      write(shared.resolve("report"), "lostTasks=" + lostTasks.get() + "\n");
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
