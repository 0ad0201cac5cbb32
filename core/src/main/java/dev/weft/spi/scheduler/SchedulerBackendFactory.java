package dev.weft.spi.scheduler;

import dev.weft.core.config.WeftConfig;

/** Creates the backend for a master URL; registered with {@link java.util.ServiceLoader}. */
public interface SchedulerBackendFactory {
  /** Whether this factory serves {@code master} (e.g. {@code local[4]}). */
  boolean accepts(String master);

  SchedulerBackend create(String master, WeftConfig config, DriverServices services);
}
