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

  /**
   * Whether the driver may change the executor count ({@link #requestTotalExecutors}, {@link
   * #releaseExecutor}), which dynamic allocation needs. False for a fixed set of executors ({@code
   * local[N]}).
   */
  default boolean supportsDynamicAllocation() {
    return false;
  }

  /**
   * The executor count the backend is trying to keep now (running and starting); 0 when it does not
   * say. With dynamic allocation its value at start is the initial executor count.
   */
  default int targetExecutors() {
    return 0;
  }

  /**
   * Asks the backend to keep {@code total} executors, running and starting: it asks for more, or
   * withdraws requests no longer needed; it does not stop running executors for a lower total.
   * Called on the scheduler's thread; must not block.
   *
   * @throws UnsupportedOperationException unless {@link #supportsDynamicAllocation}
   */
  default void requestTotalExecutors(int total) {
    throw new UnsupportedOperationException("this backend has a fixed set of executors");
  }

  /**
   * Stops an executor the driver no longer needs (idle under dynamic allocation). The scheduler has
   * already forgotten it, so the backend does not report it through {@link
   * SchedulerCallbacks#executorRemoved}; its end is no failure and, with the target lowered first,
   * it is not replaced. Outputs its node's shuffle service serves stay readable. Called on the
   * scheduler's thread; must not block.
   *
   * @throws UnsupportedOperationException unless {@link #supportsDynamicAllocation}
   */
  default void releaseExecutor(String executorId, String reason) {
    throw new UnsupportedOperationException("this backend has a fixed set of executors");
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
