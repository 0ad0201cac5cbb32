package dev.weft.spi.cluster;

import dev.weft.spi.scheduler.Backlog;
import java.util.concurrent.CompletableFuture;

/**
 * Starts and stops executor processes for the driver's cluster backend. The backend owns the RPC
 * endpoint the executors register with; the provisioner decides how many executors run and where,
 * launches them with the endpoint's address, and reports when their processes end.
 *
 * <p>Every executor the provisioner launches runs {@code dev.weft.executor.ExecutorMain} with the
 * arguments of {@link ExecutorLaunch#arguments}, and the application's secret where {@code
 * ExecutorMain} looks for it (the container's credentials on YARN).
 */
public interface ExecutorProvisioner {

  /**
   * Called once, after the driver endpoint listens and before any other method.
   *
   * @param driver where executors register
   * @param callbacks where the provisioner reports executors whose process ended
   */
  void start(DriverAddress driver, ProvisionerCallbacks callbacks);

  /**
   * The scheduler's backlog changed. Called on the scheduler's thread at most once per revive
   * interval; must not block.
   */
  void backlogChanged(Backlog backlog);

  /**
   * The port of the shuffle service on the node that runs {@code executorId}. The backend asks it
   * when the executor registers and answers the registration once the future completes; the future
   * fails when the node has no shuffle service.
   */
  CompletableFuture<Integer> shufflePort(String executorId);

  /**
   * How many executors the provisioner is trying to keep running now; 0 when it does not say. The
   * backend is ready for the first tasks once a share of them has registered.
   */
  default int targetExecutors() {
    return 0;
  }

  /**
   * Whether the provisioner follows {@link #requestTotalExecutors} (YARN does), so that the driver
   * can run dynamic allocation.
   */
  default boolean supportsDynamicAllocation() {
    return false;
  }

  /**
   * Keeps {@code total} executors, running and starting, from now on: asks for more, or withdraws
   * the requests a lower total no longer needs. Running executors stay until {@link #killExecutor}.
   * Called on the scheduler's thread; must not block.
   *
   * @throws UnsupportedOperationException unless {@link #supportsDynamicAllocation}
   */
  default void requestTotalExecutors(int total) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " runs a fixed set of executors");
  }

  /**
   * Where a person reads the logs of {@code executorId} (e.g. its NodeManager's container log
   * page), or null when the provisioner cannot say; shown by the web UI.
   */
  default String executorLogUrl(String executorId) {
    return null;
  }

  /**
   * Stops one executor and gives its resources back (e.g. releases its container). Its end is not
   * an executor failure. It is replaced only when the target ({@link #targetExecutors}) still
   * counts it: the driver lowers the target first when it releases an executor for good.
   */
  void killExecutor(String executorId, String reason);

  /** Stops every executor and forgets every pending request; idempotent. */
  void stop();
}
