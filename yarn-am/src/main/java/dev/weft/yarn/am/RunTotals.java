package dev.weft.yarn.am;

import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.Locality;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums what an application's jobs, stages and tasks did, for {@link DriverStatus.Totals}. Not
 * thread-safe: {@link StatusTracker} calls it under its lock.
 */
final class RunTotals {
  private int jobsSucceeded;
  private int jobsFailed;
  private int stagesSucceeded;
  private int stagesFailed;
  private long tasksSucceeded;
  private long tasksFailed;
  private final TaskMetrics metrics = new TaskMetrics();
  private final Map<Locality, Long> byLocality = new EnumMap<>(Locality.class);

  void jobEnded(boolean failed) {
    if (failed) {
      jobsFailed++;
    } else {
      jobsSucceeded++;
    }
  }

  void stageCompleted(boolean failed) {
    if (failed) {
      stagesFailed++;
    } else {
      stagesSucceeded++;
    }
  }

  /**
   * Counts a task attempt's end. A killed attempt (a stage that ended, speculation) is not a
   * failure; the metrics of any attempt that reported them are added, since their reads happened.
   */
  void taskEnded(Locality locality, TaskEndReason reason, TaskMetrics reported) {
    if (reason instanceof TaskEndReason.Success) {
      tasksSucceeded++;
      if (locality != null) {
        byLocality.merge(locality, 1L, Long::sum);
      }
    } else if (!(reason instanceof TaskEndReason.Killed)) {
      tasksFailed++;
    }
    if (reported != null) {
      metrics.add(reported);
    }
  }

  DriverStatus.Totals snapshot() {
    Map<String, Long> locality = new LinkedHashMap<>();
    byLocality.forEach((level, n) -> locality.put(level.name(), n));
    return new DriverStatus.Totals(
        jobsSucceeded,
        jobsFailed,
        stagesSucceeded,
        stagesFailed,
        tasksSucceeded,
        tasksFailed,
        metrics.inputBytes,
        metrics.inputRecords,
        metrics.outputBytes,
        metrics.outputRecords,
        metrics.shuffleReadBytes,
        metrics.shuffleWriteBytes,
        metrics.memoryBytesSpilled,
        metrics.diskBytesSpilled,
        locality);
  }
}
