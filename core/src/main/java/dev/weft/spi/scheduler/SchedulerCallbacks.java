package dev.weft.spi.scheduler;

/**
 * What a backend tells the scheduler. Thread-safe: backends call it from their own threads; the
 * scheduler queues each call as an event for its single scheduling thread.
 */
public interface SchedulerCallbacks {
  void executorAdded(ExecutorDescriptor executor);

  /** The executor is gone; its running tasks are lost and rescheduled elsewhere. */
  void executorRemoved(String executorId, String reason);

  /** A task attempt ended. */
  void taskEnded(long taskId, TaskEndReason reason);
}
