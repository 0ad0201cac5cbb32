package dev.weft.core.scheduler;

import dev.weft.core.plan.TaskLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Schedules the tasks of one task set with delay scheduling: a task is launched at the best
 * locality level that has pending tasks; the set accepts the next worse level only after it has
 * launched nothing for that level's wait. Launching at a better level resets the clock and the
 * level. Tracks attempts and failures per task. Not thread-safe: the scheduler thread owns it.
 */
final class TaskSetManager {
  private final TaskSet taskSet;
  private final LocalityWaits waits;
  private final int maxFailures;

  // Pending task indexes by where they would like to run; a task appears in several lists and is
  // dropped lazily from the others once it is launched.
  private final Map<String, ArrayDeque<Integer>> byExecutor = new HashMap<>();
  private final Map<String, ArrayDeque<Integer>> byHost = new HashMap<>();
  private final Map<String, ArrayDeque<Integer>> byRack = new HashMap<>();
  private final ArrayDeque<Integer> noPrefs = new ArrayDeque<>();
  private final ArrayDeque<Integer> all = new ArrayDeque<>();

  private final boolean[] pending;
  private final boolean[] succeeded;
  private final int[] attempts;
  private final int[] failures;
  private final Map<Long, TaskInfo> running = new HashMap<>();
  private int succeededCount;
  private boolean zombie;

  private Locality[] levels;
  private int levelIndex;
  private long lastLaunchMillis;

  TaskSetManager(
      TaskSet taskSet,
      LocalityWaits waits,
      int maxFailures,
      long nowMillis,
      ExecutorView executors) {
    this.taskSet = taskSet;
    this.waits = waits;
    this.maxFailures = maxFailures;
    int n = taskSet.partitions().length;
    this.pending = new boolean[n];
    this.succeeded = new boolean[n];
    this.attempts = new int[n];
    this.failures = new int[n];
    for (int i = 0; i < n; i++) {
      addPending(i, executors);
    }
    this.lastLaunchMillis = nowMillis;
    recomputeLevels(executors);
  }

  /** The executors alive right now, as the task scheduler knows them. */
  interface ExecutorView {
    boolean isExecutorAlive(String executorId);

    boolean hasExecutorsOnHost(String host);

    boolean hasExecutorsOnRack(String rack);

    /** The rack of a host, or null. */
    String rackOf(String host);
  }

  TaskSet taskSet() {
    return taskSet;
  }

  boolean isZombie() {
    return zombie;
  }

  /** Launches no more tasks; running ones finish or are killed. */
  void markZombie() {
    zombie = true;
  }

  boolean isFinished() {
    return zombie ? running.isEmpty() : succeededCount == pending.length;
  }

  Map<Long, TaskInfo> running() {
    return running;
  }

  int runningCount() {
    return running.size();
  }

  private void addPending(int index, ExecutorView executors) {
    pending[index] = true;
    List<TaskLocation> prefs = taskSet.preferences().get(index);
    for (TaskLocation loc : prefs) {
      if (loc.executorId() != null) {
        byExecutor.computeIfAbsent(loc.executorId(), k -> new ArrayDeque<>()).add(index);
      }
      byHost.computeIfAbsent(loc.host(), k -> new ArrayDeque<>()).add(index);
      String rack = executors.rackOf(loc.host());
      if (rack != null) {
        byRack.computeIfAbsent(rack, k -> new ArrayDeque<>()).add(index);
      }
    }
    if (prefs.isEmpty()) {
      noPrefs.add(index);
    }
    all.add(index);
  }

  /** Recomputes the levels this set can use, after executors came or went. */
  void recomputeLevels(ExecutorView executors) {
    Locality previous = levels == null ? null : levels[levelIndex];
    List<Locality> valid = new ArrayList<>();
    if (anyKey(byExecutor, executors::isExecutorAlive)) {
      valid.add(Locality.PROCESS_LOCAL);
    }
    if (anyKey(byHost, executors::hasExecutorsOnHost)) {
      valid.add(Locality.NODE_LOCAL);
    }
    if (hasPending(noPrefs)) {
      valid.add(Locality.NO_PREF);
    }
    if (anyKey(byRack, executors::hasExecutorsOnRack)) {
      valid.add(Locality.RACK_LOCAL);
    }
    valid.add(Locality.ANY);
    levels = valid.toArray(new Locality[0]);
    levelIndex = 0;
    if (previous != null) {
      // Keep the progress already made through the waits.
      for (int i = 0; i < levels.length; i++) {
        if (levels[i].atLeastAsGoodAs(previous)) {
          levelIndex = i;
        }
      }
    }
  }

  private boolean anyKey(
      Map<String, ArrayDeque<Integer>> map, java.util.function.Predicate<String> alive) {
    for (Map.Entry<String, ArrayDeque<Integer>> e : map.entrySet()) {
      if (alive.test(e.getKey()) && hasPending(e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** Starts the wait at the current locality level again from {@code nowMillis}. */
  void restartLocalityWait(long nowMillis) {
    lastLaunchMillis = nowMillis;
  }

  /** The levels this set uses, best first; ANY is always last. */
  Locality[] levels() {
    return levels.clone();
  }

  /**
   * The worst level a task may be launched at now: advances past levels with nothing pending, and
   * past levels whose wait ran out since the last launch.
   */
  Locality allowedLevel(long nowMillis, ExecutorView executors) {
    while (levelIndex < levels.length - 1) {
      Locality level = levels[levelIndex];
      if (!hasPendingAt(level, executors)) {
        lastLaunchMillis = nowMillis;
        levelIndex++;
      } else if (nowMillis - lastLaunchMillis >= waits.waitFor(level)) {
        lastLaunchMillis += waits.waitFor(level);
        levelIndex++;
      } else {
        break;
      }
    }
    return levels[levelIndex];
  }

  private boolean hasPendingAt(Locality level, ExecutorView executors) {
    return switch (level) {
      case PROCESS_LOCAL -> anyKey(byExecutor, executors::isExecutorAlive);
      case NODE_LOCAL -> anyKey(byHost, executors::hasExecutorsOnHost);
      case NO_PREF -> hasPending(noPrefs);
      case RACK_LOCAL -> anyKey(byRack, executors::hasExecutorsOnRack);
      case ANY -> hasPending(all);
    };
  }

  /** Drops launched tasks from the front of {@code queue}; whether a pending one is left. */
  private boolean hasPending(ArrayDeque<Integer> queue) {
    while (!queue.isEmpty() && !pending[queue.peekFirst()]) {
      queue.pollFirst();
    }
    return !queue.isEmpty();
  }

  /**
   * Offers one free slot of {@code executorId} on {@code host}. Returns the launched attempt, or
   * null when no task may run there now at {@code maxLocality} or better.
   */
  TaskInfo resourceOffer(
      String executorId,
      String host,
      Locality maxLocality,
      long nowMillis,
      long taskId,
      ExecutorView executors) {
    if (zombie) {
      return null;
    }
    Locality allowed = maxLocality;
    if (maxLocality != Locality.NO_PREF) {
      allowed = allowedLevel(nowMillis, executors);
      if (!allowed.atLeastAsGoodAs(maxLocality)) {
        allowed = maxLocality;
      }
    }
    int index = -1;
    Locality launchedAt = null;
    for (Locality level : Locality.values()) {
      if (!level.atLeastAsGoodAs(allowed)) {
        break;
      }
      index = poll(queueFor(level, executorId, host, executors));
      if (index >= 0) {
        launchedAt = level;
        break;
      }
    }
    if (index < 0) {
      return null;
    }
    pending[index] = false;
    TaskInfo info =
        new TaskInfo(
            taskId,
            taskSet.stageId(),
            taskSet.stageAttempt(),
            index,
            taskSet.partitions()[index],
            attempts[index]++,
            executorId,
            host,
            launchedAt,
            nowMillis,
            0);
    running.put(taskId, info);
    if (maxLocality != Locality.NO_PREF) {
      // A launch at a level resets the delay from there (Spark-style delay scheduling).
      for (int i = 0; i < levels.length; i++) {
        if (levels[i] == launchedAt) {
          levelIndex = i;
        }
      }
      lastLaunchMillis = nowMillis;
    }
    return info;
  }

  private ArrayDeque<Integer> queueFor(
      Locality level, String executorId, String host, ExecutorView executors) {
    return switch (level) {
      case PROCESS_LOCAL -> byExecutor.get(executorId);
      case NODE_LOCAL -> byHost.get(host);
      case NO_PREF -> noPrefs;
      case RACK_LOCAL -> {
        String rack = executors.rackOf(host);
        yield rack == null ? null : byRack.get(rack);
      }
      case ANY -> all;
    };
  }

  /**
   * Adds this set's pending tasks to a backlog: for each host, the pending tasks that would like to
   * run there.
   *
   * @return how many tasks are pending (0 for a zombie set, which launches nothing more)
   */
  int addPendingTo(Map<String, Integer> byHost) {
    if (zombie) {
      return 0;
    }
    int count = 0;
    for (int i = 0; i < pending.length; i++) {
      if (pending[i]) {
        count++;
        for (TaskLocation loc : taskSet.preferences().get(i)) {
          byHost.merge(loc.host(), 1, Integer::sum);
        }
      }
    }
    return count;
  }

  /** Tasks waiting to be launched (0 for a zombie set, which launches nothing more). */
  int pendingCount() {
    if (zombie) {
      return 0;
    }
    int count = 0;
    for (boolean p : pending) {
      if (p) {
        count++;
      }
    }
    return count;
  }

  private int poll(ArrayDeque<Integer> queue) {
    if (queue == null) {
      return -1;
    }
    while (!queue.isEmpty()) {
      int i = queue.pollFirst();
      if (pending[i]) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Records a successful attempt.
   *
   * @return the attempt, or null when another attempt of the partition had already succeeded
   */
  TaskInfo handleSuccess(long taskId, long nowMillis) {
    TaskInfo info = running.remove(taskId);
    if (info == null || succeeded[info.index()]) {
      return null;
    }
    succeeded[info.index()] = true;
    succeededCount++;
    return info.finished(nowMillis);
  }

  /**
   * Records a failed attempt and queues the task again.
   *
   * @param countsAsFailure whether it counts against {@code weft.task.maxFailures}
   * @return the attempt (null when unknown), and whether the set must now abort
   */
  Failure handleFailure(
      long taskId, boolean countsAsFailure, long nowMillis, ExecutorView executors) {
    TaskInfo info = running.remove(taskId);
    if (info == null) {
      return new Failure(null, false);
    }
    int index = info.index();
    boolean abort = false;
    if (countsAsFailure) {
      failures[index]++;
      abort = failures[index] >= maxFailures;
    }
    if (!zombie && !succeeded[index] && !abort) {
      addPending(index, executors);
    }
    return new Failure(info.finished(nowMillis), abort);
  }

  /** Lookup of a running attempt. */
  TaskInfo runningTask(long taskId) {
    return running.get(taskId);
  }

  int failureCount(int index) {
    return failures[index];
  }

  /** The outcome of {@link #handleFailure}. */
  record Failure(TaskInfo task, boolean abort) {}

  /** Running attempts on an executor, e.g. to report them lost. */
  List<Long> runningOn(String executorId) {
    List<Long> ids = new ArrayList<>();
    for (TaskInfo t : running.values()) {
      if (t.executorId().equals(executorId)) {
        ids.add(t.taskId());
      }
    }
    return ids;
  }
}
