package dev.weft.core.scheduler;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import java.time.Duration;

/**
 * The {@code weft.dynamicAllocation.*} settings, checked together.
 *
 * @param minExecutors executors kept when there is nothing to run
 * @param maxExecutors the most executors asked for ({@link Integer#MAX_VALUE}: no limit)
 * @param initialExecutors executors asked for at start
 * @param backlogTimeout how long tasks wait before the first request
 * @param sustainedBacklogTimeout the interval between later requests while tasks keep waiting
 * @param idleTimeout how long an executor without cached blocks may stay idle
 * @param cachedIdleTimeout how long an executor holding cached blocks may stay idle; null: forever
 * @param coresPerExecutor task slots of one executor
 */
public record DynamicAllocationSettings(
    int minExecutors,
    int maxExecutors,
    int initialExecutors,
    Duration backlogTimeout,
    Duration sustainedBacklogTimeout,
    Duration idleTimeout,
    Duration cachedIdleTimeout,
    int coresPerExecutor) {

  /** Whether {@code weft.dynamicAllocation.enabled} is on. */
  public static boolean enabled(WeftConfig config) {
    return config.get(CoreConfig.DYNAMIC_ALLOCATION_ENABLED);
  }

  /**
   * Reads and checks the settings.
   *
   * @param requestedExecutors the executor count the user asked for in the cluster's own terms
   *     ({@code weft.executor.instances}, {@code yarn-submit --num-executors}) when set explicitly,
   *     else null: without {@code weft.dynamicAllocation.initialExecutors} it is the initial count,
   *     raised to the minimum
   * @throws ConfigException naming the keys when the minimum exceeds the maximum or the initial
   *     count lies outside them
   */
  public static DynamicAllocationSettings of(WeftConfig config, Integer requestedExecutors) {
    int min = config.get(CoreConfig.DYNAMIC_ALLOCATION_MIN_EXECUTORS);
    Integer maxSet = config.get(CoreConfig.DYNAMIC_ALLOCATION_MAX_EXECUTORS);
    int max = maxSet == null ? Integer.MAX_VALUE : maxSet;
    String minKey = CoreConfig.DYNAMIC_ALLOCATION_MIN_EXECUTORS.name();
    String maxKey = CoreConfig.DYNAMIC_ALLOCATION_MAX_EXECUTORS.name();
    if (min > max) {
      throw new ConfigException(
          minKey + " (" + min + ") exceeds " + maxKey + " (" + max + "): expected min <= max");
    }
    Integer initialSet = config.get(CoreConfig.DYNAMIC_ALLOCATION_INITIAL_EXECUTORS);
    int initial;
    String initialSource;
    if (initialSet != null) {
      initial = initialSet;
      initialSource = CoreConfig.DYNAMIC_ALLOCATION_INITIAL_EXECUTORS.name();
    } else if (requestedExecutors != null) {
      initial = Math.max(min, requestedExecutors);
      initialSource = "weft.executor.instances, yarn-submit --num-executors";
    } else {
      initial = min;
      initialSource = minKey;
    }
    if (initial < min || initial > max) {
      throw new ConfigException(
          "The initial executor count "
              + initial
              + " ("
              + initialSource
              + ") is outside "
              + minKey
              + " ("
              + min
              + ") and "
              + maxKey
              + " ("
              + max
              + ")");
    }
    Duration backlog = config.get(CoreConfig.DYNAMIC_ALLOCATION_BACKLOG_TIMEOUT);
    Duration sustained = config.get(CoreConfig.DYNAMIC_ALLOCATION_SUSTAINED_BACKLOG_TIMEOUT);
    return new DynamicAllocationSettings(
        min,
        max,
        initial,
        backlog,
        sustained != null ? sustained : backlog,
        config.get(CoreConfig.DYNAMIC_ALLOCATION_IDLE_TIMEOUT),
        config.get(CoreConfig.DYNAMIC_ALLOCATION_CACHED_IDLE_TIMEOUT),
        config.get(CoreConfig.EXECUTOR_CORES));
  }
}
