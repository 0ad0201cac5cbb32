package dev.weft.api;

/**
 * Information about the task that runs the current code, available from inside functions passed to
 * transformations and actions through {@link #get()}.
 */
public abstract class TaskContext {
  private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

  /** The context of the task running on this thread, or null outside a task (on the driver). */
  public static TaskContext get() {
    return CURRENT.get();
  }

  /** For the runtime: sets the context of the task on this thread (null to clear). */
  protected static void setCurrent(TaskContext context) {
    if (context == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(context);
    }
  }

  /** The partition this task computes. */
  public abstract int partitionId();

  /** The stage this task belongs to. */
  public abstract int stageId();

  /** The attempt of the stage, starting at 0; greater after the stage was resubmitted. */
  public abstract int stageAttemptNumber();

  /** How many times this task was attempted before: 0 on the first attempt. */
  public abstract int attemptNumber();

  /** An id unique to this task attempt within the application. */
  public abstract long taskAttemptId();

  /** Whether the task was asked to stop (its job failed or was cancelled). */
  public abstract boolean isInterrupted();

  /** Runs {@code listener} when the task ends, successfully or not; for releasing resources. */
  public abstract void addTaskCompletionListener(Runnable listener);
}
