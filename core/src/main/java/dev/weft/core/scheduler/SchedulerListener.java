package dev.weft.core.scheduler;

import dev.weft.api.StorageLevel;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.List;
import java.util.Map;

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

  /**
   * The application started (posted by the context once its backend is up).
   *
   * @param user the user the driver runs as
   * @param config the application's {@code weft.*} configuration
   */
  record AppInfo(
      String appId, String attemptId, String name, String user, Map<String, String> config) {}

  /**
   * A job as listeners see it: every stage it needs (also those whose output already exists and
   * that will be skipped), the result stage first.
   */
  record JobInfo(int jobId, String name, List<StageInfo> stages) {}

  default void onApplicationStart(AppInfo app) {}

  /**
   * @param failure why the application failed, else null
   */
  default void onApplicationEnd(String failure) {}

  /** A job was submitted; calls {@link #onJobStart(int, List)} unless overridden. */
  default void onJobStart(JobInfo job) {
    onJobStart(job.jobId(), job.stages().stream().map(StageInfo::stageId).toList());
  }

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

  /** An executor registered and can run tasks. */
  default void onExecutorAdded(ExecutorDescriptor executor) {}

  default void onExecutorRemoved(String executorId, String reason) {}

  /**
   * A dataset was computed into the cache for the first time: the storage page's row.
   *
   * @param nodeId the dataset's plan node
   */
  default void onDatasetCached(int nodeId, String name, int numPartitions, StorageLevel level) {}

  /** The driver dropped a cached dataset everywhere. */
  default void onDatasetUnpersisted(int nodeId) {}

  /** A block appeared, moved or went on an executor ({@link StorageLevel#NONE} when it went). */
  default void onBlockUpdated(
      String executorId, BlockId block, StorageLevel level, long memoryBytes, long diskBytes) {}
}
