package dev.weft.spi.scheduler;

/**
 * Runs tasks on executors for the driver's scheduler. Methods are called from the scheduler's
 * thread and must not block on remote work: queue it and report back through the callbacks.
 */
public interface SchedulerBackend {

  /** Starts the backend; executors and task ends are reported to {@code callbacks}. */
  void start(SchedulerCallbacks callbacks);

  /** Runs {@code task} on the executor it names. */
  void launchTask(TaskDescription task);

  /** Asks an executor to stop a running task; it ends with {@link TaskEndReason.Killed}. */
  void killTask(String executorId, long taskId, String reason);

  /** Drops every cached partition of a plan node on every executor. */
  void unpersist(int nodeId);

  /** Drops a broadcast value from every executor. */
  void removeBroadcast(long broadcastId);

  /**
   * The scheduler's backlog changed; backends that request executors (YARN) size their requests to
   * it. Called on the scheduler's thread; must not block.
   */
  default void backlogChanged(Backlog backlog) {}

  /**
   * Whether enough executors have registered for the first tasks to be launched. Until then, or
   * until {@code weft.scheduler.maxRegisteredWaitingTime} has passed since the first tasks were
   * submitted, the task scheduler holds its offers, so that tasks are not all taken by the first
   * executor up while the others are starting on the nodes that hold their data.
   */
  default boolean isReady() {
    return true;
  }

  /** The partition count used when the user gives none. */
  int defaultParallelism();

  /** The application's id (YARN's, or a generated one for local runs). */
  String applicationId();

  /**
   * Which attempt at the application this driver is: 1, or more when the cluster manager started
   * the driver again after the previous attempt died (YARN's ApplicationMaster attempts). Every
   * attempt runs the program from its start.
   */
  default int applicationAttempt() {
    return 1;
  }

  /** Stops executors and releases resources; idempotent. */
  void stop();
}
