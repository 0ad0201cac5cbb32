package dev.weft.core.scheduler;

import dev.weft.spi.scheduler.TaskEndReason;

/** What the task scheduler reports to the DAG scheduler; called on the scheduler thread. */
interface TaskSchedulerListener {
  void taskStarted(TaskInfo task);

  /** A task attempt ended; a duplicate success of a finished partition is not reported. */
  void taskEnded(TaskInfo task, TaskEndReason reason);

  /**
   * Whether the attempt, which ended as killed, had been refused its output commit because another
   * attempt holds the partition's right to commit.
   */
  default boolean commitDenied(TaskInfo task) {
    return false;
  }

  /** The task set gave up (a task failed too often, or its binary could not be launched). */
  void taskSetFailed(TaskSet taskSet, String reason, Throwable cause);
}
