package dev.weft.executor;

import dev.weft.spi.scheduler.TaskEndReason;

/** Where an executor sends the end of each task: the driver, directly or over RPC. */
@FunctionalInterface
public interface TaskStatusReporter {
  void taskEnded(long taskId, TaskEndReason reason);
}
