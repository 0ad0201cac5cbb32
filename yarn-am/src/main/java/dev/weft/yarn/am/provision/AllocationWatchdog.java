package dev.weft.yarn.am.provision;

import dev.weft.core.config.ConfigType;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Fails the application when YARN grants it no executor: it had no executor at all (none launching,
 * started or registered) while container requests were outstanding, for {@code
 * weft.yarn.executorAllocationTimeout}. Without it an application whose queue is full, or whose
 * executors fit on no node, would wait forever. Warns once half-way.
 *
 * <p>Not thread-safe: called on the allocator thread only.
 */
public final class AllocationWatchdog {
  private static final Logger LOG = LogManager.getLogger(AllocationWatchdog.class);

  private final Duration timeout;
  private final String containers;
  private final String queue;
  private final LongSupplier clock;
  private final Consumer<String> failApplication;
  private long waitingSince = -1;
  private boolean warned;
  private boolean failed;

  /**
   * @param timeout how long to wait; zero never fails
   * @param containers what one executor container asks for, e.g. {@code 640 MB and 1 vcore}
   * @param queue the application's queue
   * @param clock milliseconds
   * @param failApplication called once, with the reason
   */
  public AllocationWatchdog(
      Duration timeout,
      String containers,
      String queue,
      LongSupplier clock,
      Consumer<String> failApplication) {
    this.timeout = timeout;
    this.containers = containers;
    this.queue = queue;
    this.clock = clock;
    this.failApplication = failApplication;
  }

  /**
   * Looks at the allocator's state now.
   *
   * @param liveExecutors executors launching, started or registered
   * @param outstandingRequests container requests YARN has not answered yet
   */
  public void check(int liveExecutors, int outstandingRequests) {
    if (timeout.isZero() || failed) {
      return;
    }
    if (liveExecutors > 0 || outstandingRequests == 0) {
      waitingSince = -1;
      warned = false;
      return;
    }
    long now = clock.getAsLong();
    if (waitingSince < 0) {
      waitingSince = now;
      return;
    }
    long waited = now - waitingSince;
    if (waited >= timeout.toMillis()) {
      failed = true;
      failApplication.accept(
          "YARN granted no executor container within "
              + ConfigType.DURATION.format(timeout)
              + " (weft.yarn.executorAllocationTimeout): "
              + outstandingRequests
              + " requests for containers of "
              + containers
              + " waited in queue '"
              + queue
              + "'. The queue may be at its capacity (other applications use it, or its"
              + " capacity is too small for one executor), or no node may have that much memory"
              + " and vcores (yarn.nodemanager.resource.memory-mb); ask for smaller executors"
              + " (--executor-memory, weft.executor.memoryOverhead, --executor-cores) or"
              + " another queue (--queue)");
    } else if (!warned && waited >= timeout.toMillis() / 2) {
      warned = true;
      LOG.warn(
          "No executor for {}: {} requests for containers of {} wait in queue '{}'; the"
              + " application fails if none is granted within {} (weft.yarn.executorAllocationTimeout)",
          (waited / 1000) + "s",
          outstandingRequests,
          containers,
          queue,
          ConfigType.DURATION.format(timeout));
    }
  }
}
