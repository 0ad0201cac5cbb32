/**
 * The scheduler-backend SPI: how the driver's scheduler reaches executors. A backend (the
 * in-process {@code local[N]} one, the YARN one) reports executors and task results through {@link
 * dev.weft.spi.scheduler.SchedulerCallbacks} and launches what the scheduler decides. Backends are
 * found with {@link java.util.ServiceLoader} through {@link
 * dev.weft.spi.scheduler.SchedulerBackendFactory}.
 */
package dev.weft.spi.scheduler;
