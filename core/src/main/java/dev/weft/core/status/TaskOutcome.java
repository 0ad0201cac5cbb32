package dev.weft.core.status;

import dev.weft.spi.scheduler.TaskEndReason;

/** How a task attempt ended, as the UI shows it. */
public enum TaskOutcome {
  SUCCESS,
  FAILED,
  FETCH_FAILED,
  KILLED,
  EXECUTOR_LOST;

  /** The outcome of {@code reason}. */
  public static TaskOutcome of(TaskEndReason reason) {
    if (reason instanceof TaskEndReason.Success) {
      return SUCCESS;
    } else if (reason instanceof TaskEndReason.ExceptionFailure) {
      return FAILED;
    } else if (reason instanceof TaskEndReason.FetchFailed) {
      return FETCH_FAILED;
    } else if (reason instanceof TaskEndReason.Killed) {
      return KILLED;
    }
    return EXECUTOR_LOST;
  }

  /** Whether the attempt counts as a failure on the pages (kills and lost executors do not). */
  public boolean isFailure() {
    return this == FAILED || this == FETCH_FAILED;
  }
}
