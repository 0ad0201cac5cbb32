package dev.weft.it.apps;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.Internals;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.Locality;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the lines of an HDFS file and reports where its tasks ran. Args: the input path and a
 * local report file, which gets {@code lines=N} and one {@code LEVEL=count} line per locality level
 * of the successful tasks.
 */
public final class LocalityJob {
  private LocalityJob() {}

  public static void main(String[] args) throws Exception {
    Map<Locality, Integer> levels = new TreeMap<>();
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("LocalityJob"))) {
      Internals.of(weft)
          .addSchedulerListener(
              new SchedulerListener() {
                @Override
                public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
                  if (reason instanceof TaskEndReason.Success) {
                    synchronized (levels) {
                      levels.merge(task.locality(), 1, Integer::sum);
                    }
                  }
                }
              });
      long lines = weft.textFile(args[0]).count();
      Internals.of(weft).listenerBus().waitUntilEmpty(java.time.Duration.ofSeconds(10));
      StringBuilder report = new StringBuilder("lines=" + lines + "\n");
      synchronized (levels) {
        levels.forEach((level, n) -> report.append(level).append('=').append(n).append('\n'));
      }
      Files.writeString(Path.of(args[1]), report.toString(), StandardCharsets.UTF_8);
    }
  }
}
