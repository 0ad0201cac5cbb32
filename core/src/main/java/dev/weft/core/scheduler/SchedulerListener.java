package dev.weft.core.scheduler;

import dev.weft.core.runtime.TaskMetrics;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.List;

/**
 * Receives the scheduler's events, in order, on the listener bus's thread (never the scheduler
 * thread, so a slow listener cannot stall scheduling). For the UI, the event log and tests.
 */
public interface SchedulerListener {

  /** A stage attempt as listeners see it. */
  record StageInfo(
      int stageId,
      int attempt,
      String name,
      int numTasks,
      boolean shuffleMap,
      List<Integer> parentIds) {}

  default void onJobStart(int jobId, List<Integer> stageIds) {}

  /**
   * @param failure the reason when the job failed, else null
   */
  default void onJobEnd(int jobId, String failure) {}

  default void onStageSubmitted(StageInfo stage) {}

  /**
   * @param failure the reason when the attempt failed, else null
   */
  default void onStageCompleted(StageInfo stage, String failure) {}

  default void onTaskStart(TaskInfo task) {}

  /**
   * @param metrics what the task reported, or null when it reported nothing (lost executor)
   */
  default void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {}
}
