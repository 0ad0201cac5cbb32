package dev.weft.core.status;

import java.util.List;
import java.util.Map;

/**
 * Immutable snapshots of the status model: what the pages show and what the REST API ({@code
 * /api/v1}) returns as JSON. Times are epoch milliseconds, 0 when not reached yet; durations and
 * sizes are milliseconds and bytes.
 */
public final class Views {
  private Views() {}

  /** A point of the executor count over time. */
  public record ExecutorCount(long time, int executors) {}

  /**
   * @param state {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
   */
  public record Application(
      String id,
      String attemptId,
      String name,
      String user,
      String state,
      long startTime,
      long endTime,
      long duration,
      String failure,
      int activeExecutors,
      int completedJobs,
      int failedJobs,
      int activeJobs,
      Map<String, String> config,
      List<ExecutorCount> executorCounts) {}

  /**
   * @param status {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
   */
  public record Job(
      int jobId,
      String name,
      String status,
      long submissionTime,
      long completionTime,
      long duration,
      String failure,
      List<Integer> stageIds,
      int numTasks,
      int numActiveTasks,
      int numCompletedTasks,
      int numFailedTasks,
      int numActiveStages,
      int numCompletedStages,
      int numSkippedStages,
      int numFailedStages) {}

  /**
   * One stage of a job's DAG.
   *
   * @param status {@code PENDING}, {@code ACTIVE}, {@code COMPLETE}, {@code FAILED} or {@code
   *     SKIPPED} (its output existed already)
   */
  public record DagNode(
      int stageId,
      int attempt,
      String name,
      int numTasks,
      boolean shuffleMap,
      List<Integer> parentIds,
      String status) {}

  /**
   * @param status {@code ACTIVE}, {@code COMPLETE} or {@code FAILED}
   * @param totals the sum of the figures of its ended tasks
   */
  public record Stage(
      int stageId,
      int attempt,
      String name,
      String status,
      boolean shuffleMap,
      List<Integer> parentIds,
      List<Integer> jobIds,
      long submissionTime,
      long completionTime,
      long duration,
      String failure,
      int numTasks,
      int numActiveTasks,
      int numCompleteTasks,
      int numFailedTasks,
      int numKilledTasks,
      TaskFigures totals) {}

  /**
   * @param status {@code RUNNING} or the {@link TaskOutcome}
   * @param duration run time so far for a running task
   */
  public record Task(
      long taskId,
      int index,
      int partition,
      int attempt,
      String executorId,
      String host,
      String locality,
      String status,
      long launchTime,
      long finishTime,
      long duration,
      String error,
      TaskFigures metrics) {}

  /**
   * @param storageMemoryUsed bytes of cached blocks in its memory
   * @param storageDiskUsed bytes of cached blocks on its disks
   */
  public record Executor(
      String id,
      String host,
      int cores,
      long maxMemory,
      boolean active,
      long addTime,
      long removeTime,
      String removeReason,
      String logUrl,
      long storageMemoryUsed,
      long storageDiskUsed,
      int cachedBlocks,
      int activeTasks,
      int completedTasks,
      int failedTasks,
      long totalDuration,
      long totalGcTime,
      long inputBytes,
      long shuffleRead,
      long shuffleWrite) {}

  /** Where one cached partition is. */
  public record Block(int partition, String executorId, long memoryBytes, long diskBytes) {}

  /**
   * @param fractionCached cached partitions over all partitions, 0 to 1
   */
  public record Dataset(
      int id,
      String name,
      String storageLevel,
      int numPartitions,
      int numCachedPartitions,
      double fractionCached,
      long memoryUsed,
      long diskUsed,
      List<Block> blocks) {}
}
