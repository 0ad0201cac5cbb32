package dev.weft.yarn.am;

import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the driver's {@link DriverStatus} up to date: the application's state (set by the
 * ApplicationMaster), registered executors (set by the provisioner) and the progress of running
 * stages (from scheduler events, on the listener bus's thread). Thread-safe; {@link #snapshot} is
 * read by the status server's threads.
 */
public final class StatusTracker implements SchedulerListener {

  /** The driver's states, as the status document names them. */
  public enum State {
    STARTING,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  private static final class Stage {
    final int stageId;
    final int attempt;
    final String name;
    final int tasks;
    int succeeded;
    int running;
    int failed;

    Stage(StageInfo info) {
      this.stageId = info.stageId();
      this.attempt = info.attempt();
      this.name = info.name();
      this.tasks = info.numTasks();
    }
  }

  private final Map<Long, Stage> stages = new TreeMap<>();
  private String appName = "weft-app";
  private State state = State.STARTING;
  private int executors;
  private String diagnostics;
  private long tasksSucceeded;
  private long tasksTotal;

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
  }

  /** Sets the number of registered executors. */
  public synchronized void setExecutors(int executors) {
    this.executors = executors;
  }

  /** The status document now. */
  public synchronized DriverStatus snapshot() {
    List<DriverStatus.StageProgress> list = new ArrayList<>();
    for (Stage s : stages.values()) {
      list.add(
          new DriverStatus.StageProgress(
              s.stageId, s.attempt, s.name, s.tasks, s.succeeded, s.running, s.failed));
    }
    return new DriverStatus(state.name(), executors, list, diagnostics);
  }

  /**
   * The share of the tasks of the stages seen so far that succeeded, 0 to 1, for the
   * ResourceManager's progress bar.
   */
  public synchronized float progress() {
    return tasksTotal == 0 ? 0f : Math.min(1f, (float) tasksSucceeded / tasksTotal);
  }

  @Override
  public synchronized void onStageSubmitted(StageInfo stage) {
    stages.put(key(stage.stageId(), stage.attempt()), new Stage(stage));
    tasksTotal += stage.numTasks();
  }

  @Override
  public synchronized void onStageCompleted(StageInfo stage, String failure) {
    stages.remove(key(stage.stageId(), stage.attempt()));
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
