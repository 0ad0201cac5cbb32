package dev.weft.core.scheduler;

/**
 * One task attempt as the scheduler saw it.
 *
 * @param index the position of the task in its task set
 * @param attempt the attempt number of this partition within the stage attempt
 * @param finishMillis 0 while running
 * @param speculative whether this attempt is a speculative copy of a slow running one
 */
public record TaskInfo(
    long taskId,
    int stageId,
    int stageAttempt,
    int index,
    int partition,
    int attempt,
    String executorId,
    String host,
    Locality locality,
    long launchMillis,
    long finishMillis,
    boolean speculative) {

  /** A regular (not speculative) attempt. */
  public TaskInfo(
      long taskId,
      int stageId,
      int stageAttempt,
      int index,
      int partition,
      int attempt,
      String executorId,
      String host,
      Locality locality,
      long launchMillis,
      long finishMillis) {
    this(
        taskId,
        stageId,
        stageAttempt,
        index,
        partition,
        attempt,
        executorId,
        host,
        locality,
        launchMillis,
        finishMillis,
        false);
  }

  TaskInfo finished(long at) {
    return new TaskInfo(
        taskId,
        stageId,
        stageAttempt,
        index,
        partition,
        attempt,
        executorId,
        host,
        locality,
        launchMillis,
        at,
        speculative);
  }
}
