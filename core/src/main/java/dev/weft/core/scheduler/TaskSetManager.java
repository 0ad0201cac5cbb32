package dev.weft.core.scheduler;

import dev.weft.core.plan.TaskLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Schedules the tasks of one task set with delay scheduling: a task is launched at the best
 * locality level that has pending tasks; the set accepts the next worse level only after it has
 * launched nothing for that level's wait. Launching at a better level resets the clock and the
 * level. Tracks attempts and failures per task, and speculative copies of slow tasks: a task is
 * pending again only when no attempt of it runs. Not thread-safe: the scheduler thread owns it.
 */
final class TaskSetManager {
  private static final Logger LOG = LogManager.getLogger(TaskSetManager.class);

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
  private final int[] runningAttempts;
  private int succeededCount;

  // Speculation: tasks judged slow and waiting for a copy, tasks that got their one copy, and the
  // durations of successful attempts (for the median).
  private final Set<Integer> speculatable = new LinkedHashSet<>();
  private final boolean[] speculated;
  private long[] successMillis = new long[16];
  private int successCount;
  private int medianOfCount = -1;
  private long median;

  /** Running attempts already asked to stop (so they are asked once). */
  private final Set<Long> killRequested = new java.util.HashSet<>();

  /** Task index of each partition (-1: not in this set), built when first needed. */
  private int[] indexByPartition;

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
    this.runningAttempts = new int[n];
    this.speculated = new boolean[n];
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
    runningAttempts[index]++;
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
    // A slow task waiting for its copy needs a slot too, anywhere.
    int count = hasSpeculatable() ? speculatable.size() : 0;
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
    if (!killRequested.isEmpty()) {
      killRequested.remove(taskId); // boxes the id
    }
    if (info == null) {
      return null;
    }
    int index = info.index();
    runningAttempts[index]--;
    if (succeeded[index]) {
      return null;
    }
    markSucceeded(index);
    recordDuration(nowMillis - info.launchMillis());
    return info.finished(nowMillis);
  }

  private void markSucceeded(int index) {
    succeeded[index] = true;
    succeededCount++;
    pending[index] = false;
    if (!speculatable.isEmpty()) {
      speculatable.remove(index); // boxes the index
    }
  }

  /**
   * Another attempt of the partition, in another task set of the stage, succeeded: this set does
   * not run it any more.
   *
   * @return the attempts of it still running here, to kill
   */
  List<TaskInfo> partitionCompleted(int partition) {
    if (indexByPartition == null) {
      indexByPartition = indexByPartition(taskSet.partitions());
    }
    int i =
        partition >= 0 && partition < indexByPartition.length ? indexByPartition[partition] : -1;
    if (i < 0) {
      return List.of();
    }
    if (!succeeded[i]) {
      markSucceeded(i);
    }
    return attemptsToKill(i, -1);
  }

  /**
   * The task index of each partition id of {@code partitions} (an array as long as the largest id
   * plus one; -1 for ids not among them). Partition ids are dense, so this beats a boxed map.
   */
  static int[] indexByPartition(int[] partitions) {
    int max = -1;
    for (int p : partitions) {
      max = Math.max(max, p);
    }
    int[] index = new int[max + 1];
    Arrays.fill(index, -1);
    for (int i = 0; i < partitions.length; i++) {
      index[partitions[i]] = i;
    }
    return index;
  }

  /**
   * The running attempts of task {@code index} other than {@code exceptTaskId} that were not asked
   * to stop yet; they count as asked from now on.
   */
  List<TaskInfo> attemptsToKill(int index, long exceptTaskId) {
    List<TaskInfo> others = attemptsOf(index, exceptTaskId);
    if (others.isEmpty()) {
      return others; // the usual case, without garbage
    }
    List<TaskInfo> attempts = new ArrayList<>(others);
    attempts.removeIf(t -> !killRequested.add(t.taskId()));
    return attempts;
  }

  /** The running attempts of task {@code index} other than {@code exceptTaskId}. */
  List<TaskInfo> attemptsOf(int index, long exceptTaskId) {
    if (runningAttempts[index] == 0) {
      return List.of();
    }
    List<TaskInfo> found = new ArrayList<>();
    for (TaskInfo t : running.values()) {
      if (t.index() == index && t.taskId() != exceptTaskId) {
        found.add(t);
      }
    }
    return found;
  }

  private void recordDuration(long millis) {
    if (successCount == successMillis.length) {
      successMillis = Arrays.copyOf(successMillis, successCount * 2);
    }
    successMillis[successCount++] = millis;
  }

  /** The median duration of this set's successful attempts, recomputed only when more ended. */
  private long medianMillis() {
    if (medianOfCount != successCount) {
      long[] sorted = Arrays.copyOf(successMillis, successCount);
      Arrays.sort(sorted);
      median = sorted[sorted.length / 2];
      medianOfCount = successCount;
    }
    return median;
  }

  /**
   * Marks the running tasks that are slow enough for a speculative copy: once {@code quantile} of
   * the set succeeded, a task with a single running attempt that has run longer than {@code
   * multiplier} times the median success (and at least the minimum runtime). Each task gets at most
   * one copy.
   *
   * @return whether a task was newly marked
   */
  boolean checkSpeculatable(long nowMillis, Speculation speculation) {
    int n = pending.length;
    if (zombie || succeededCount == n || succeededCount < speculation.successesNeeded(n)) {
      return false;
    }
    long threshold = speculation.thresholdMillis(medianMillis());
    boolean found = false;
    for (TaskInfo t : running.values()) {
      int i = t.index();
      long runtime = nowMillis - t.launchMillis();
      if (!succeeded[i]
          && !speculated[i]
          && runningAttempts[i] == 1
          && runtime > threshold
          && speculatable.add(i)) {
        LOG.info(
            "Task {} (partition {}) of {} is slow: running {} ms on {}, over {} ms; it will get a"
                + " speculative copy",
            t.taskId(),
            t.partition(),
            taskSet.name(),
            runtime,
            t.executorId(),
            threshold);
        found = true;
      }
    }
    return found;
  }

  /** Whether a slow task waits for its copy; drops marks that no longer hold. */
  boolean hasSpeculatable() {
    for (Iterator<Integer> it = speculatable.iterator(); it.hasNext(); ) {
      int i = it.next();
      if (zombie || succeeded[i] || speculated[i] || runningAttempts[i] != 1) {
        it.remove();
      }
    }
    return !speculatable.isEmpty();
  }

  /** How close a speculative copy may run to the attempt it copies, most preferred first. */
  enum Placement {
    OTHER_HOST,
    OTHER_EXECUTOR,
    /** Only for tasks that write no map output (their attempts' files cannot collide). */
    SAME_EXECUTOR
  }

  /**
   * Offers one free slot to a speculative copy of a slow task.
   *
   * @return the launched copy, or null when no slow task may be copied there at {@code placement}
   */
  TaskInfo speculativeOffer(
      String executorId, String host, Placement placement, long nowMillis, long taskId) {
    if (placement == Placement.SAME_EXECUTOR && taskSet.shuffleMap()) {
      return null;
    }
    if (!hasSpeculatable()) {
      return null;
    }
    for (int index : speculatable) {
      TaskInfo original = attemptsOf(index, -1).get(0);
      boolean allowed =
          switch (placement) {
            case OTHER_HOST -> !original.host().equals(host);
            case OTHER_EXECUTOR -> !original.executorId().equals(executorId);
            case SAME_EXECUTOR -> true;
          };
      if (!allowed) {
        continue;
      }
      speculatable.remove(index);
      speculated[index] = true;
      TaskInfo copy =
          new TaskInfo(
              taskId,
              taskSet.stageId(),
              taskSet.stageAttempt(),
              index,
              taskSet.partitions()[index],
              attempts[index]++,
              executorId,
              host,
              localityOf(index, executorId, host),
              nowMillis,
              0,
              true);
      running.put(taskId, copy);
      runningAttempts[index]++;
      LOG.info(
          "Launching speculative copy {} of task {} (partition {}) of {} on {} ({})",
          taskId,
          original.taskId(),
          copy.partition(),
          taskSet.name(),
          executorId,
          host);
      return copy;
    }
    return null;
  }

  private Locality localityOf(int index, String executorId, String host) {
    List<TaskLocation> prefs = taskSet.preferences().get(index);
    if (prefs.isEmpty()) {
      return Locality.NO_PREF;
    }
    Locality best = Locality.ANY;
    for (TaskLocation loc : prefs) {
      if (executorId.equals(loc.executorId())) {
        return Locality.PROCESS_LOCAL;
      }
      if (host.equals(loc.host())) {
        best = Locality.NODE_LOCAL;
      }
    }
    return best;
  }

  /**
   * Records a failed attempt and queues the task again.
   *
   * @param countsAsFailure whether it counts against {@code weft.task.maxFailures}
   * @param countsIfRetried whether it counts against it when the task is queued again (no other
   *     attempt of it runs in this set)
   * @return the attempt (null when unknown), and whether the set must now abort
   */
  Failure handleFailure(
      long taskId,
      boolean countsAsFailure,
      boolean countsIfRetried,
      long nowMillis,
      ExecutorView executors) {
    TaskInfo info = running.remove(taskId);
    if (!killRequested.isEmpty()) {
      killRequested.remove(taskId); // boxes the id
    }
    if (info == null) {
      return new Failure(null, false);
    }
    int index = info.index();
    runningAttempts[index]--;
    boolean abort = false;
    boolean retried = !zombie && !succeeded[index] && runningAttempts[index] == 0;
    if (countsAsFailure || (countsIfRetried && retried)) {
      failures[index]++;
      abort = failures[index] >= maxFailures;
    }
    // While another attempt of the task runs (the original or its copy), that one carries on.
    if (!zombie && !succeeded[index] && !abort && runningAttempts[index] == 0 && !pending[index]) {
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
