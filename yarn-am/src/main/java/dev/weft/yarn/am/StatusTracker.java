package dev.weft.yarn.am;

import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Keeps the driver's {@link DriverStatus} up to date: the application's state (set by the
 * ApplicationMaster), registered executors (set by the provisioner), the progress of running
 * stages, the totals of the run and its latest state changes (from scheduler events, on the
 * listener bus's thread). Thread-safe; {@link #snapshot} and {@link #poll} are called by the status
 * server's threads.
 */
public final class StatusTracker implements SchedulerListener {

  /** The driver's states, as the status document names them. */
  public enum State {
    STARTING,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /** The state changes kept for readers that poll; older ones are dropped. */
  static final int MAX_EVENTS = 1000;

  private static final class Stage {
    final int stageId;
    final int attempt;
    final String name;
    final int tasks;
    final long submittedMillis;
    int succeeded;
    int running;
    int failed;

    Stage(StageInfo info, long submittedMillis) {
      this.stageId = info.stageId();
      this.attempt = info.attempt();
      this.name = info.name();
      this.tasks = info.numTasks();
      this.submittedMillis = submittedMillis;
    }
  }

  private final LongSupplier clock;
  private final Map<Long, Stage> stages = new TreeMap<>();
  private final Map<Integer, Long> jobStarts = new HashMap<>();
  private final Map<Integer, Integer> jobTasks = new HashMap<>();
  private final Map<Integer, Integer> stageJobs = new HashMap<>();
  private final RunTotals totals = new RunTotals();
  private final Deque<DriverStatus.Event> events = new ArrayDeque<>();
  private long nextSeq = 1;
  private boolean polled;
  private boolean finalPolled;
  private Duration finalReadWait = Duration.ZERO;
  private String appName = "weft-app";
  private State state = State.STARTING;
  private int executors;
  private String diagnostics;
  private long tasksSucceeded;
  private long tasksTotal;

  public StatusTracker() {
    this(System::currentTimeMillis);
  }

  /**
   * @param clock the time of events, in milliseconds
   */
  public StatusTracker(LongSupplier clock) {
    this.clock = clock;
  }

  /** Sets the application's name in the status document. */
  public synchronized void setAppName(String name) {
    this.appName = name;
  }

  /** The application's name. */
  public synchronized String appName() {
    return appName;
  }

  /** Moves the driver to {@code state}; {@code diagnostics} says why it failed, else null. */
  public synchronized void setState(State state, String diagnostics) {
    this.state = state;
    this.diagnostics = diagnostics;
    finalPolled = false;
  }

  /**
   * How long {@link #awaitFinalRead} waits for a reader; the ApplicationMaster sets a little more
   * than {@code yarn-submit}'s polling interval.
   */
  public synchronized void setFinalReadWait(Duration wait) {
    this.finalReadWait = wait;
  }

  /**
   * When a reader (an attached {@code yarn-submit}) has polled the status document, waits until it
   * has read it once more after the final state was set, at most {@link #setFinalReadWait}: the
   * document's last totals are the run's summary, and the status server stops with the AM.
   *
   * @return whether the final document was read, or nobody polls
   */
  public synchronized boolean awaitFinalRead() throws InterruptedException {
    if (!polled) {
      return true;
    }
    long deadline = System.nanoTime() + finalReadWait.toNanos();
    while (!finalPolled) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Sets the number of registered executors. */
  public synchronized void setExecutors(int executors) {
    this.executors = executors;
  }

  /** The status document now, with every event kept. */
  /**
   * The {@code since} parameter of a status query (events after that number); 0 when absent or
   * malformed, so a reader that sends garbage gets every event kept.
   */
  public static long sinceParameter(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public synchronized DriverStatus snapshot() {
    return document(0);
  }

  /**
   * The status document for a reader that polls: only the events after {@code sinceSeq}. Records
   * the read for {@link #awaitFinalRead}.
   */
  public synchronized DriverStatus poll(long sinceSeq) {
    polled = true;
    if (state == State.SUCCEEDED || state == State.FAILED) {
      finalPolled = true;
      notifyAll();
    }
    return document(sinceSeq);
  }

  private DriverStatus document(long sinceSeq) {
    List<DriverStatus.StageProgress> list = new ArrayList<>();
    for (Stage s : stages.values()) {
      list.add(
          new DriverStatus.StageProgress(
              s.stageId, s.attempt, s.name, s.tasks, s.succeeded, s.running, s.failed));
    }
    List<DriverStatus.Event> newer = new ArrayList<>();
    for (DriverStatus.Event e : events) {
      if (e.seq() > sinceSeq) {
        newer.add(e);
      }
    }
    return new DriverStatus(state.name(), executors, list, diagnostics, totals.snapshot(), newer);
  }

  /**
   * The share of the tasks of the stages seen so far that succeeded, 0 to 1, for the
   * ResourceManager's progress bar.
   */
  public synchronized float progress() {
    return tasksTotal == 0 ? 0f : Math.min(1f, (float) tasksSucceeded / tasksTotal);
  }

  @Override
  public synchronized void onJobStart(int jobId, List<Integer> stageIds) {
    jobStarts.put(jobId, clock.getAsLong());
    jobTasks.put(jobId, 0);
    for (int stageId : stageIds) {
      stageJobs.put(stageId, jobId);
    }
  }

  @Override
  public synchronized void onJobEnd(int jobId, String failure) {
    Long start = jobStarts.remove(jobId);
    Integer tasks = jobTasks.remove(jobId);
    stageJobs.values().removeIf(j -> j == jobId);
    totals.jobEnded(failure != null);
    addEvent(
        DriverStatus.EventKind.JOB_ENDED,
        jobId,
        -1,
        0,
        null,
        tasks == null ? 0 : tasks,
        start == null ? 0 : clock.getAsLong() - start,
        failure);
  }

  @Override
  public synchronized void onStageSubmitted(StageInfo stage) {
    stages.put(key(stage.stageId(), stage.attempt()), new Stage(stage, clock.getAsLong()));
    tasksTotal += stage.numTasks();
    addEvent(
        DriverStatus.EventKind.STAGE_SUBMITTED,
        -1,
        stage.stageId(),
        stage.attempt(),
        stage.name(),
        stage.numTasks(),
        0,
        null);
  }

  @Override
  public synchronized void onStageCompleted(StageInfo stage, String failure) {
    Stage s = stages.remove(key(stage.stageId(), stage.attempt()));
    totals.stageCompleted(failure != null);
    addEvent(
        DriverStatus.EventKind.STAGE_COMPLETED,
        -1,
        stage.stageId(),
        stage.attempt(),
        stage.name(),
        s == null ? stage.numTasks() : s.succeeded,
        s == null ? 0 : clock.getAsLong() - s.submittedMillis,
        failure);
  }

  private void addEvent(
      DriverStatus.EventKind kind,
      int jobId,
      int stageId,
      int attempt,
      String name,
      int tasks,
      long durationMillis,
      String failure) {
    events.addLast(
        new DriverStatus.Event(
            nextSeq++, kind, jobId, stageId, attempt, name, tasks, durationMillis, failure));
    while (events.size() > MAX_EVENTS) {
      events.removeFirst();
    }
  }

  @Override
  public synchronized void onTaskStart(TaskInfo task) {
    Stage s = stages.get(key(task.stageId(), task.stageAttempt()));
    if (s != null) {
      s.running++;
    }
  }

  @Override
  public synchronized void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
    totals.taskEnded(task.locality(), reason, metrics);
    if (reason instanceof TaskEndReason.Success) {
      Integer job = stageJobs.get(task.stageId());
      if (job != null) {
        jobTasks.merge(job, 1, Integer::sum);
      }
    }
    Stage s = stages.get(key(task.stageId(), task.stageAttempt()));
    if (s == null) {
      return;
    }
    s.running = Math.max(0, s.running - 1);
    if (reason instanceof TaskEndReason.Success) {
      s.succeeded++;
      tasksSucceeded++;
    } else if (reason instanceof TaskEndReason.ExceptionFailure
        || reason instanceof TaskEndReason.FetchFailed) {
      s.failed++;
    }
  }

  private static long key(int stageId, int attempt) {
    return ((long) stageId << 20) | attempt;
  }
}
