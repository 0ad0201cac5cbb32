package dev.weft.core.scheduler;

import dev.weft.spi.scheduler.SchedulerBackend;
import java.util.Map;
import java.util.Set;

/**
 * The driver as {@link ExecutorAllocationManager} sees it: the task scheduler's counts and
 * executors, the cache tracker's holders, and the backend. Scheduler thread only.
 */
final class AllocationCluster implements ExecutorAllocationManager.Cluster {
  private final TaskScheduler tasks;
  private final DagScheduler dag;
  private final CacheTracker cache;
  private final SchedulerBackend backend;

  AllocationCluster(
      TaskScheduler tasks, DagScheduler dag, CacheTracker cache, SchedulerBackend backend) {
    this.tasks = tasks;
    this.dag = dag;
    this.cache = cache;
    this.backend = backend;
  }

  @Override
  public int pendingTasks() {
    return tasks.pendingTaskCount();
  }

  @Override
  public int runningTasks() {
    return tasks.runningTaskCount();
  }

  @Override
  public Map<String, Long> executorIdleSince() {
    return tasks.executorIdleSince();
  }

  @Override
  public Set<String> executorsWithCachedBlocks() {
    return cache.executorsWithCachedPartitions();
  }

  @Override
  public void requestTotalExecutors(int total) {
    backend.requestTotalExecutors(total);
  }

  /**
   * Forgets the executor first, so no task is offered to it any more, then has the backend stop it.
   * Its cached partitions go with it; map outputs its node's shuffle service serves stay registered
   * ({@link MapOutputTracker#removeOutputsOnExecutor}).
   */
  @Override
  public void releaseExecutor(String executorId, String reason) {
    tasks.executorRemoved(executorId, reason);
    dag.executorLost(executorId);
    backend.releaseExecutor(executorId, reason);
  }
}
