package dev.weft.core.scheduler;

import dev.weft.spi.scheduler.Backlog;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Places the tasks of the active task sets on free executor cores. Earlier jobs and stages go
 * first; within a set, delay scheduling ({@link TaskSetManager}) trades a short wait for locality.
 * Not thread-safe: owned by the scheduler thread, which calls {@link #reviveOffers} whenever cores
 * free up and periodically so that locality waits can expire.
 */
public final class TaskScheduler implements TaskSetManager.ExecutorView {
  private static final Logger LOG = LogManager.getLogger(TaskScheduler.class);

  /** The id of the in-process executor of {@code local[N]}, whose heap is the driver's. */
  static final String DRIVER_EXECUTOR_ID = "driver";

  private final SchedulerBackend backend;
  private final LongSupplier clockMillis;
  private final LocalityWaits waits;
  private final int maxFailures;
  private final TaskSchedulerListener listener;

  private final Map<String, ExecutorDescriptor> executors = new LinkedHashMap<>();
  private final FreeCores freeCores = new FreeCores();
  // When each executor registered or last finished a task (for dynamic allocation's idle time).
  private final Map<String, Long> lastTaskEnd = new HashMap<>();
  private final Map<String, Set<String>> executorsByHost = new HashMap<>();
  private final Map<String, Integer> executorsByRack = new HashMap<>();
  private final Map<String, String> rackByHost = new HashMap<>();
  // Hosts of draining or gone nodes: no task is offered to their executors.
  private final Set<String> unusableHosts = new HashSet<>();
  private final List<TaskSetManager> sets = new ArrayList<>();
  // The same sets by stage id, so that per-task calls about a stage do not walk every set.
  private final Map<Integer, List<TaskSetManager>> setsByStage = new HashMap<>();
  private final Map<Long, TaskSetManager> setByTask = new HashMap<>();
  private long nextTaskId;
  private int offerRotation;
  private Backlog lastBacklog = Backlog.EMPTY;

  /** How long the first tasks wait for the backend to be ready. */
  private final long maxRegisteredWaitMillis;

  /** When the first task set came, or -1; the wait for executors counts from there. */
  private long firstSubmitMillis = -1;

  private boolean backendReady;

  private final Speculation speculation;

  /** The executors' heap as users write it ({@code --executor-memory}), for the OOM hint. */
  private String executorMemory = "1g";

  TaskScheduler(
      SchedulerBackend backend,
      LongSupplier clockMillis,
      LocalityWaits waits,
      int maxFailures,
      long maxRegisteredWaitMillis,
      TaskSchedulerListener listener) {
    this(
        backend,
        clockMillis,
        waits,
        maxFailures,
        maxRegisteredWaitMillis,
        Speculation.OFF,
        listener);
  }

  TaskScheduler(
      SchedulerBackend backend,
      LongSupplier clockMillis,
      LocalityWaits waits,
      int maxFailures,
      long maxRegisteredWaitMillis,
      Speculation speculation,
      TaskSchedulerListener listener) {
    this.speculation = speculation;
    this.backend = backend;
    this.maxRegisteredWaitMillis = maxRegisteredWaitMillis;
    this.clockMillis = clockMillis;
    this.waits = waits;
    this.maxFailures = maxFailures;
    this.listener = listener;
  }

  /** Sets the executors' heap as named in the hint of an out-of-memory failure, e.g. {@code 1g}. */
  void executorMemory(String text) {
    this.executorMemory = text;
  }

  /** Adds the tasks of a stage attempt and offers free cores to them. */
  void submit(TaskSet taskSet) {
    long now = clockMillis.getAsLong();
    if (firstSubmitMillis < 0) {
      firstSubmitMillis = now;
    }
    TaskSetManager m = new TaskSetManager(taskSet, waits, maxFailures, now, this);
    sets.add(m);
    setsByStage.computeIfAbsent(taskSet.stageId(), id -> new ArrayList<>(2)).add(m);
    sets.sort(
        Comparator.comparingInt((TaskSetManager s) -> s.taskSet().jobId())
            .thenComparingInt(s -> s.taskSet().stageId()));
    LOG.info(
        "Submitted {} with {} tasks, locality levels {}",
        taskSet.name(),
        taskSet.partitions().length,
        List.of(m.levels()));
    reviveOffers();
  }

  void executorAdded(ExecutorDescriptor e) {
    executors.put(e.executorId(), e);
    freeCores.add(e.executorId(), e.cores());
    lastTaskEnd.put(e.executorId(), clockMillis.getAsLong());
    executorsByHost.computeIfAbsent(e.host(), h -> new HashSet<>()).add(e.executorId());
    if (e.rack() != null) {
      rackByHost.put(e.host(), e.rack());
      executorsByRack.merge(e.rack(), 1, Integer::sum);
    }
    for (TaskSetManager m : sets) {
      m.recomputeLevels(this);
    }
    reviveOffers();
  }

  /** Forgets an executor; its running tasks end as lost (not counted as failures). */
  void executorRemoved(String executorId, String reason) {
    ExecutorDescriptor e = executors.remove(executorId);
    if (e == null) {
      return;
    }
    freeCores.remove(executorId);
    lastTaskEnd.remove(executorId);
    Set<String> onHost = executorsByHost.get(e.host());
    if (onHost != null) {
      onHost.remove(executorId);
      if (onHost.isEmpty()) {
        executorsByHost.remove(e.host());
      }
    }
    if (e.rack() != null) {
      executorsByRack.merge(e.rack(), -1, Integer::sum);
    }
    for (TaskSetManager m : new ArrayList<>(sets)) {
      for (long taskId : m.runningOn(executorId)) {
        taskEnded(taskId, new TaskEndReason.ExecutorLost(executorId, reason));
      }
      m.recomputeLevels(this);
    }
  }

  /** Handles the end of a task attempt reported by the backend. */
  void taskEnded(long taskId, TaskEndReason reason) {
    TaskSetManager m = setByTask.remove(taskId);
    if (m == null) {
      LOG.debug("Ignoring the end of unknown task {}", taskId);
      return;
    }
    TaskInfo running = m.runningTask(taskId);
    if (running != null && freeCores.contains(running.executorId())) {
      freeCores.adjust(running.executorId(), 1);
      lastTaskEnd.put(running.executorId(), clockMillis.getAsLong());
    }
    long now = clockMillis.getAsLong();
    if (reason instanceof TaskEndReason.Success) {
      TaskInfo done = m.handleSuccess(taskId, now);
      if (done != null) {
        // First success wins: the other attempts of the partition are of no use any more.
        kill(m.attemptsToKill(done.index(), taskId), "another attempt of its partition succeeded");
        listener.taskEnded(done, reason);
      }
    } else {
      boolean outOfMemory = running != null && isOutOfMemory(reason);
      if (outOfMemory) {
        reason = outOfMemory((TaskEndReason.ExceptionFailure) reason, running);
      }
      boolean counts = reason instanceof TaskEndReason.ExceptionFailure;
      // A refused commit is no failure of the task, but when no other attempt of the partition
      // runs here, the holder of the right to commit is elsewhere (an older stage attempt, an
      // executor taken for lost) and the retry may be refused again: count it, so that a holder
      // that never ends cannot make the partition run for ever.
      boolean denied =
          reason instanceof TaskEndReason.Killed
              && running != null
              && listener.commitDenied(running);
      if (reason instanceof TaskEndReason.FetchFailed) {
        // The stage attempt is over: the DAG scheduler resubmits it after recomputing inputs.
        m.markZombie();
      }
      TaskSetManager.Failure f = m.handleFailure(taskId, counts, denied, now, this);
      if (f.task() != null) {
        listener.taskEnded(f.task(), reason);
      }
      if (f.abort() && reason instanceof TaskEndReason.ExceptionFailure ef) {
        abort(
            m,
            "Task "
                + f.task().partition()
                + " in "
                + m.taskSet().name()
                + " failed "
                + m.failureCount(f.task().index())
                + " times; most recent failure: "
                + ef.describe(),
            ef.exception());
      } else if (f.abort()) {
        abort(
            m,
            "Task "
                + f.task().partition()
                + " in "
                + m.taskSet().name()
                + " failed or was refused its output commit "
                + m.failureCount(f.task().index())
                + " times; another attempt of the partition holds the right to commit and has"
                + " not ended (weft.task.maxFailures)",
            null);
      }
      if (outOfMemory && !running.executorId().equals(DRIVER_EXECUTOR_ID)) {
        // The executor stops itself after the error; no task may start there meanwhile.
        executorRemoved(running.executorId(), ((TaskEndReason.ExceptionFailure) reason).message());
      }
    }
    if (m.isFinished()) {
      removeSet(m);
    }
    reviveOffers();
  }

  private static boolean isOutOfMemory(TaskEndReason reason) {
    return reason instanceof TaskEndReason.ExceptionFailure f
        && OutOfMemoryError.class.getName().equals(f.className());
  }

  /**
   * An executor's task ran out of heap: the executor stops itself (fail-stop, its state is unknown
   * after the error) and the task runs again elsewhere. The failure names the executor, the task
   * and the setting to raise.
   */
  private TaskEndReason.ExceptionFailure outOfMemory(
      TaskEndReason.ExceptionFailure f, TaskInfo task) {
    String hint =
        task.executorId().equals(DRIVER_EXECUTOR_ID)
            ? "raise --driver-memory"
            : "raise --executor-memory (now " + executorMemory + ")";
    String message =
        "executor "
            + task.executorId()
            + " ran out of memory while running task "
            + task.partition()
            + " of stage "
            + task.stageId()
            + "; "
            + hint
            + (f.message() == null ? "" : " [" + f.message() + "]");
    LOG.warn("{} (TID {}, stage attempt {})", message, task.taskId(), task.stageAttempt());
    return new TaskEndReason.ExceptionFailure(
        f.className(), message, f.stackTrace(), f.exception(), f.accumulators(), f.metrics());
  }

  private void abort(TaskSetManager m, String reason, Throwable cause) {
    m.markZombie();
    killRunning(m, "stage aborted");
    listener.taskSetFailed(m.taskSet(), reason, cause);
    if (m.isFinished()) {
      removeSet(m);
    }
  }

  /** Stops launching tasks of a stage attempt; running ones may still finish (zombie). */
  void markZombie(int stageId, int stageAttempt) {
    for (TaskSetManager m : setsOf(stageId)) {
      if (m.taskSet().stageAttempt() == stageAttempt) {
        m.markZombie();
      }
    }
    removeFinished(stageId);
  }

  /**
   * Partition {@code partition} of stage {@code stageId} is done (an attempt of one of its task
   * sets succeeded and the DAG scheduler took the result): no task set of the stage runs it any
   * more, and attempts still running elsewhere are killed.
   */
  void partitionCompleted(int stageId, int partition) {
    for (TaskSetManager m : setsOf(stageId)) {
      List<TaskInfo> toKill = m.partitionCompleted(partition);
      if (!toKill.isEmpty()) {
        kill(toKill, "partition " + partition + " completed elsewhere");
      }
    }
    removeFinished(stageId);
  }

  /** The task sets of a stage (a copy: callers may end some). */
  private List<TaskSetManager> setsOf(int stageId) {
    List<TaskSetManager> of = setsByStage.get(stageId);
    return of == null ? List.of() : List.copyOf(of);
  }

  private void removeSet(TaskSetManager m) {
    sets.remove(m);
    int stageId = m.taskSet().stageId();
    List<TaskSetManager> of = setsByStage.get(stageId);
    if (of != null && of.remove(m) && of.isEmpty()) {
      setsByStage.remove(stageId);
    }
  }

  /** Forgets the task sets of a stage that have nothing left to launch or running. */
  private void removeFinished(int stageId) {
    for (TaskSetManager m : setsOf(stageId)) {
      if (m.isFinished()) {
        removeSet(m);
      }
    }
  }

  private void kill(List<TaskInfo> attempts, String reason) {
    for (TaskInfo t : attempts) {
      LOG.info(
          "Killing task {} (partition {}) of stage {}.{} on {}: {}",
          t.taskId(),
          t.partition(),
          t.stageId(),
          t.stageAttempt(),
          t.executorId(),
          reason);
      backend.killTask(t.executorId(), t.taskId(), reason);
    }
  }

  /** The ids of the running tasks of a stage, in all its attempts. */
  List<Long> runningTasksOf(int stageId) {
    List<Long> ids = new ArrayList<>();
    for (TaskSetManager m : setsOf(stageId)) {
      ids.addAll(m.running().keySet());
    }
    return ids;
  }

  /**
   * Looks for tasks slow enough for a speculative copy (when speculation is on) and offers free
   * cores to the copies.
   */
  void checkSpeculation() {
    if (!speculation.enabled()) {
      return;
    }
    long now = clockMillis.getAsLong();
    boolean found = false;
    for (TaskSetManager m : sets) {
      found |= m.checkSpeculatable(now, speculation);
    }
    if (found) {
      reviveOffers();
    }
  }

  /** Kills every running task of a stage (all attempts) and forgets its task sets. */
  void cancelStage(int stageId, String reason) {
    for (TaskSetManager m : setsOf(stageId)) {
      m.markZombie();
      killRunning(m, reason);
    }
    removeFinished(stageId);
  }

  private void killRunning(TaskSetManager m, String reason) {
    for (TaskInfo t : m.running().values()) {
      backend.killTask(t.executorId(), t.taskId(), reason);
    }
  }

  /**
   * Stops placing tasks on the executors of {@code host} ({@code usable} false: the node is
   * decommissioning, unhealthy or gone) or places them there again. Tasks running there go on.
   */
  void hostAvailability(String host, boolean usable) {
    if (usable) {
      unusableHosts.remove(host);
    } else {
      unusableHosts.add(host);
    }
  }

  /** Offers every free core to the task sets, best locality first. */
  void reviveOffers() {
    if (sets.isEmpty() || executors.isEmpty() || !backendReady()) {
      return;
    }
    // Rotate the order so that load spreads over executors.
    List<String> order = freeCores.offerOrder(offerRotation++);
    if (!unusableHosts.isEmpty()) {
      order = new ArrayList<>(order);
      order.removeIf(id -> unusableHosts.contains(executors.get(id).host()));
    }
    if (order.isEmpty()) {
      return;
    }
    long now = clockMillis.getAsLong();
    for (TaskSetManager m : new ArrayList<>(sets)) {
      for (Locality level : m.levels()) {
        boolean launched;
        do {
          launched = false;
          for (String executorId : order) {
            if (freeCores.get(executorId) <= 0) {
              continue;
            }
            String host = executors.get(executorId).host();
            TaskInfo t = m.resourceOffer(executorId, host, level, now, nextTaskId, this);
            if (t != null) {
              nextTaskId++;
              launch(m, t);
              launched = true;
            }
          }
        } while (launched);
      }
      if (speculation.enabled()) {
        offerSpeculative(m, order, now);
      }
    }
  }

  /** Offers the cores left to copies of slow tasks: on another host first, then closer. */
  private void offerSpeculative(TaskSetManager m, List<String> order, long now) {
    for (TaskSetManager.Placement placement : TaskSetManager.Placement.values()) {
      for (String executorId : order) {
        while (m.hasSpeculatable() && freeCores.get(executorId) > 0) {
          String host = executors.get(executorId).host();
          TaskInfo t = m.speculativeOffer(executorId, host, placement, now, nextTaskId);
          if (t == null) {
            break;
          }
          nextTaskId++;
          launch(m, t);
        }
      }
    }
  }

  /**
   * Whether offers may be made: once the backend said it is ready, or the first tasks waited the
   * longest allowed for it. Delay scheduling's clocks start when the wait ends.
   */
  private boolean backendReady() {
    if (backendReady) {
      return true;
    }
    long now = clockMillis.getAsLong();
    boolean timedOut = now - firstSubmitMillis >= maxRegisteredWaitMillis;
    if (!backend.isReady() && !timedOut) {
      return false;
    }
    backendReady = true;
    if (timedOut && maxRegisteredWaitMillis > 0) {
      LOG.info(
          "Launching tasks on the {} executors registered after waiting {} ms for more"
              + " (weft.scheduler.maxRegisteredWaitingTime)",
          executors.size(),
          now - firstSubmitMillis);
    }
    for (TaskSetManager m : sets) {
      m.restartLocalityWait(now);
    }
    return true;
  }

  private void launch(TaskSetManager m, TaskInfo t) {
    freeCores.adjust(t.executorId(), -1);
    setByTask.put(t.taskId(), m);
    TaskSet ts = m.taskSet();
    listener.taskStarted(t);
    LOG.debug(
        "Launching task {} (partition {}) of {} on {} ({}{})",
        t.taskId(),
        t.partition(),
        ts.name(),
        t.executorId(),
        t.locality(),
        t.speculative() ? ", speculative" : "");
    backend.launchTask(
        new TaskDescription(
            t.taskId(),
            t.executorId(),
            ts.stageId(),
            ts.stageAttempt(),
            t.partition(),
            t.attempt(),
            ts.binary()));
  }

  /**
   * Tells the backend what is left to run when that changed since the last report: the pending
   * tasks and where they would like to run (the YARN backend sizes container requests to it).
   */
  void reportBacklog() {
    Map<String, Integer> byHost = new HashMap<>();
    int pendingTasks = 0;
    int runningTasks = 0;
    for (TaskSetManager m : sets) {
      pendingTasks += m.addPendingTo(byHost);
      runningTasks += m.runningCount();
    }
    Backlog backlog = new Backlog(pendingTasks, runningTasks, byHost);
    if (!backlog.equals(lastBacklog)) {
      lastBacklog = backlog;
      backend.backlogChanged(backlog);
    }
  }

  /** Tasks waiting to be launched, in every task set that may still launch some. */
  int pendingTaskCount() {
    int n = 0;
    for (TaskSetManager m : sets) {
      n += m.pendingCount();
    }
    return n;
  }

  /** Tasks running now, those of zombie task sets included. */
  int runningTaskCount() {
    int n = 0;
    for (TaskSetManager m : sets) {
      n += m.runningCount();
    }
    return n;
  }

  /**
   * Every executor with the time it last became idle (registered or finished its last task), or
   * {@link ExecutorAllocationManager#BUSY} while it runs a task.
   */
  Map<String, Long> executorIdleSince() {
    Map<String, Long> result = new HashMap<>();
    for (ExecutorDescriptor e : executors.values()) {
      boolean idle = freeCores.get(e.executorId()) >= e.cores();
      result.put(
          e.executorId(), idle ? lastTaskEnd.get(e.executorId()) : ExecutorAllocationManager.BUSY);
    }
    return result;
  }

  /** Whether any task set still has tasks to launch or running. */
  boolean hasActiveSets() {
    return !sets.isEmpty();
  }

  int freeCores(String executorId) {
    return freeCores.get(executorId);
  }

  @Override
  public boolean isExecutorAlive(String executorId) {
    return executors.containsKey(executorId);
  }

  @Override
  public boolean hasExecutorsOnHost(String host) {
    return executorsByHost.containsKey(host);
  }

  @Override
  public boolean hasExecutorsOnRack(String rack) {
    return executorsByRack.getOrDefault(rack, 0) > 0;
  }

  @Override
  public String rackOf(String host) {
    return rackByHost.get(host);
  }
}
