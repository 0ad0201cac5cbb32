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

  /**
   * The cluster manager changed its view of a node: tasks are no longer placed on a draining or
   * gone node, and the map outputs of a gone node are computed again. Backends whose cluster
   * manager reports no node states never call it; the default ignores it.
   */
  default void nodeChanged(NodeStatus status) {}
}
