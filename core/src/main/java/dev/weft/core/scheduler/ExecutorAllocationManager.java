package dev.weft.core.scheduler;

import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.spi.scheduler.SchedulerBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Dynamic allocation: moves the executor target with the scheduler's backlog and releases idle
 * executors. Runs on the scheduler thread, which calls {@link #tick} periodically; it reads and
 * acts on the scheduler and the backend only through {@link Cluster}, so it needs no locks.
 *
 * <p>Growing: once tasks have been waiting for {@code schedulerBacklogTimeout}, the target rises by
 * one executor, then, every {@code sustainedSchedulerBacklogTimeout} while tasks keep waiting, by
 * twice the previous step (1, 2, 4, ...), never past {@code maxExecutors} nor past what the work
 * needs: pending plus running tasks over the cores of an executor. Shrinking: when the work needs
 * fewer executors than the target, the target drops at once (the backend withdraws the container
 * requests no longer needed), never below {@code minExecutors}.
 *
 * <p>Releasing: an executor that has run no task for {@code executorIdleTimeout} ({@code
 * cachedExecutorIdleTimeout} when it holds cached partitions) is released, as long as the executors
 * left are not fewer than the target and the minimum. Nothing is released while any task is
 * pending: every pending task may still run on any executor (a task set that waits for locality
 * falls back to ANY after its waits), so an executor that is idle while tasks are pending is idle
 * only because delay scheduling holds them for a while. Releasing it then would shrink the cluster
 * exactly when work is queued and make the next round ask for it again.
 *
 * <p>Until the first tasks are pending (or {@code executorIdleTimeout} has passed since start), the
 * target stays at the initial count, so the initial executors are not given back before the first
 * job.
 */
final class ExecutorAllocationManager {
  private static final Logger LOG = LogManager.getLogger(ExecutorAllocationManager.class);

  /** {@link Cluster#executorIdleSince} of an executor that runs a task. */
  static final long BUSY = -1;

  private static final long NOT_SET = Long.MIN_VALUE;

  /** The scheduler as the manager sees it, and what it asks of the backend. */
  interface Cluster {
    /** Tasks waiting to be launched, in every active task set. */
    int pendingTasks();

    /** Tasks running now. */
    int runningTasks();

    /**
     * Every registered executor with the time it last became idle, or {@link #BUSY} while it runs a
     * task.
     */
    Map<String, Long> executorIdleSince();

    /** The executors holding cached partitions. */
    Set<String> executorsWithCachedBlocks();

    /** Asks the backend to keep {@code total} executors, running and starting. */
    void requestTotalExecutors(int total);

    /**
     * Releases an idle executor: the scheduler forgets it (its map outputs stay with the shuffle
     * service) and the backend stops it without counting a failure.
     */
    void releaseExecutor(String executorId, String reason);
  }

  private final DynamicAllocationSettings settings;
  private final Cluster cluster;
  private final long startMillis;
  private int target;
  private boolean initializing = true;
  private long addAtMillis = NOT_SET;
  private int toAdd = 1;

  /**
   * @param initialTarget the backend's target at start (the initial executors), kept within the
   *     settings' bounds
   */
  ExecutorAllocationManager(
      DynamicAllocationSettings settings, Cluster cluster, int initialTarget, long nowMillis) {
    this.settings = settings;
    this.cluster = cluster;
    this.startMillis = nowMillis;
    this.target =
        Math.min(settings.maxExecutors(), Math.max(settings.minExecutors(), initialTarget));
    LOG.info(
        "Dynamic allocation on: {} initial executors (min {}, max {})",
        target,
        settings.minExecutors(),
        settings.maxExecutors() == Integer.MAX_VALUE ? "none" : settings.maxExecutors());
    if (target != initialTarget) {
      cluster.requestTotalExecutors(target);
    }
  }

  /**
   * The manager of an application, or null when dynamic allocation is off or the backend's
   * executors are fixed ({@code local[N]}: logged and ignored).
   *
   * @throws dev.weft.core.config.ConfigException when the settings do not fit together (the backend
   *     is stopped first)
   */
  static ExecutorAllocationManager create(
      WeftConfig config, SchedulerBackend backend, Cluster cluster, long nowMillis) {
    if (!DynamicAllocationSettings.enabled(config)) {
      return null;
    }
    if (!backend.supportsDynamicAllocation()) {
      LOG.warn(
          "weft.dynamicAllocation.enabled is ignored: master {} runs a fixed set of executors",
          config.get(CoreConfig.MASTER));
      return null;
    }
    DynamicAllocationSettings settings;
    try {
      settings = DynamicAllocationSettings.of(config, null);
    } catch (RuntimeException e) {
      backend.stop();
      throw e;
    }
    return new ExecutorAllocationManager(settings, cluster, backend.targetExecutors(), nowMillis);
  }

  /** The executor count the manager last asked for. */
  int target() {
    return target;
  }

  /** Adjusts the target to the backlog and releases executors idle past their timeout. */
  void tick(long nowMillis) {
    int pending = cluster.pendingTasks();
    int running = cluster.runningTasks();
    if (pending > 0) {
      initializing = false;
      if (addAtMillis == NOT_SET) {
        addAtMillis = nowMillis + settings.backlogTimeout().toMillis();
      }
    } else {
      addAtMillis = NOT_SET;
      toAdd = 1;
    }
    if (initializing && nowMillis - startMillis >= settings.idleTimeout().toMillis()) {
      initializing = false;
    }
    if (!initializing) {
      updateTarget(pending, running, nowMillis);
    }
    if (pending == 0) {
      releaseIdle(nowMillis);
    }
  }

  private void updateTarget(int pending, int running, long nowMillis) {
    int needed = executorsNeeded(pending, running);
    if (needed < target) {
      toAdd = 1;
      int lowered = Math.max(needed, settings.minExecutors());
      if (lowered != target) {
        setTarget(lowered, pending, running);
      }
    } else if (addAtMillis != NOT_SET && nowMillis >= addAtMillis) {
      addExecutors(needed, pending, running);
      addAtMillis = nowMillis + settings.sustainedBacklogTimeout().toMillis();
    }
  }

  /** Executors that would run every pending and running task at once. */
  private int executorsNeeded(int pending, int running) {
    long tasks = (long) pending + running;
    int cores = settings.coresPerExecutor();
    return (int) Math.min(Integer.MAX_VALUE, (tasks + cores - 1) / cores);
  }

  private void addExecutors(int needed, int pending, int running) {
    if (target >= settings.maxExecutors()) {
      toAdd = 1;
      return;
    }
    // Executors beyond the target (it dropped while they were still busy) count as a base.
    long base = Math.max(target, cluster.executorIdleSince().size());
    long wanted = Math.min(base + toAdd, Math.min(needed, settings.maxExecutors()));
    int next = (int) Math.max(wanted, settings.minExecutors());
    int added = next - target;
    if (added <= 0) {
      toAdd = 1;
      return;
    }
    setTarget(next, pending, running);
    // Double the step while each round got all it asked for; start again from 1 otherwise.
    toAdd = added == toAdd ? toAdd * 2 : 1;
  }

  private void setTarget(int next, int pending, int running) {
    LOG.info(
        "Executor target {} -> {} ({} tasks pending, {} running)", target, next, pending, running);
    target = next;
    cluster.requestTotalExecutors(next);
  }

  private void releaseIdle(long nowMillis) {
    Map<String, Long> executors = cluster.executorIdleSince();
    int floor = Math.max(target, settings.minExecutors());
    int left = executors.size();
    if (left <= floor) {
      return;
    }
    List<Map.Entry<String, Long>> idle = new ArrayList<>();
    for (Map.Entry<String, Long> e : executors.entrySet()) {
      if (e.getValue() != BUSY) {
        idle.add(e);
      }
    }
    // The longest idle go first.
    idle.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    long shortest = settings.idleTimeout().toMillis();
    if (settings.cachedIdleTimeout() != null) {
      shortest = Math.min(shortest, settings.cachedIdleTimeout().toMillis());
    }
    Set<String> cachedOn = null;
    for (Map.Entry<String, Long> e : idle) {
      long idleMillis = nowMillis - e.getValue();
      if (left <= floor) {
        return;
      }
      if (idleMillis < shortest) {
        return; // the rest have been idle for less time still
      }
      if (cachedOn == null) {
        cachedOn = cluster.executorsWithCachedBlocks();
      }
      String id = e.getKey();
      boolean cached = cachedOn.contains(id);
      Duration timeout = cached ? settings.cachedIdleTimeout() : settings.idleTimeout();
      if (timeout == null || idleMillis < timeout.toMillis()) {
        continue;
      }
      String reason =
          cached
              ? "idle for "
                  + idleMillis
                  + " ms with cached partitions (weft.dynamicAllocation.cachedExecutorIdleTimeout)"
              : "idle for " + idleMillis + " ms (weft.dynamicAllocation.executorIdleTimeout)";
      LOG.info("Releasing executor {}: {}", id, reason);
      cluster.releaseExecutor(id, reason);
      left--;
    }
  }
}
