package dev.weft.core.runtime;

import dev.weft.api.Accumulator;
import dev.weft.api.TaskContext;
import dev.weft.core.plan.Unchecked;
import java.util.ArrayList;
import java.util.List;

/** The runtime's side of {@link TaskContext}: the task's runtime, metrics and accumulators. */
public final class TaskContextImpl extends TaskContext {
  private final int stageId;
  private final int stageAttempt;
  private final int partitionId;
  private final int attemptNumber;
  private final long taskAttemptId;
  private final TaskRuntime runtime;
  private final TaskMetrics metrics = new TaskMetrics();
  private final List<Runnable> completionListeners = new ArrayList<>();
  private final List<Accumulator<?, ?>> accumulators = new ArrayList<>();
  private volatile boolean interrupted;

  public TaskContextImpl(
      int stageId,
      int stageAttempt,
      int partitionId,
      int attemptNumber,
      long taskAttemptId,
      TaskRuntime runtime) {
    this.stageId = stageId;
    this.stageAttempt = stageAttempt;
    this.partitionId = partitionId;
    this.attemptNumber = attemptNumber;
    this.taskAttemptId = taskAttemptId;
    this.runtime = runtime;
  }

  /** The context of the task on this thread, or null on the driver. */
  public static TaskContextImpl current() {
    return (TaskContextImpl) TaskContext.get();
  }

  /** Makes this the current task context of the calling thread (null clears it). */
  public static void setCurrent(TaskContextImpl context) {
    TaskContext.setCurrent(context);
  }

  public TaskRuntime runtime() {
    return runtime;
  }

  public TaskMetrics metrics() {
    return metrics;
  }

  @Override
  public int partitionId() {
    return partitionId;
  }

  @Override
  public int stageId() {
    return stageId;
  }

  @Override
  public int stageAttemptNumber() {
    return stageAttempt;
  }

  @Override
  public int attemptNumber() {
    return attemptNumber;
  }

  @Override
  public long taskAttemptId() {
    return taskAttemptId;
  }

  @Override
  public boolean isInterrupted() {
    return interrupted;
  }

  /** Asks the task to stop; code that loops over records checks {@link #isInterrupted}. */
  public void markInterrupted() {
    interrupted = true;
  }

  /** Throws {@link TaskKilledException} when the task was asked to stop. */
  public void checkInterrupted() {
    if (interrupted) {
      throw new TaskKilledException("task " + taskAttemptId + " was killed");
    }
  }

  @Override
  public void addTaskCompletionListener(Runnable listener) {
    completionListeners.add(listener);
  }

  /** Registers an accumulator deserialized into this task, so its updates go to the driver. */
  public void registerAccumulator(Accumulator<?, ?> accumulator) {
    accumulators.add(accumulator);
  }

  public List<Accumulator<?, ?>> accumulators() {
    return accumulators;
  }

  /**
   * Runs the completion listeners, last registered first, so resources are released in reverse
   * order of acquisition. Every listener runs; the first failure is then rethrown (a listener may
   * find a problem only at the end, e.g. a shuffle block's checksum), later ones are suppressed.
   */
  public void markCompleted() {
    // Taken out first, so a second call (from a failure path) never runs a listener twice.
    List<Runnable> listeners = new ArrayList<>(completionListeners);
    completionListeners.clear();
    Throwable first = null;
    for (int i = listeners.size() - 1; i >= 0; i--) {
      try {
        listeners.get(i).run();
      } catch (Throwable t) {
        if (first == null) {
          first = t;
        } else {
          first.addSuppressed(t);
        }
      }
    }
    if (first != null) {
      throw Unchecked.rethrow(first);
    }
  }
}
