package dev.weft.core.scheduler;

import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;

/**
 * When a running task is slow enough to get a speculative copy ({@code weft.speculation.*}).
 *
 * @param multiplier a task is slow past this many times the median duration of its set's successes
 * @param quantile share of the set's tasks that must have succeeded first
 * @param minRuntimeMillis no task is slow before it ran this long
 */
record Speculation(boolean enabled, double multiplier, double quantile, long minRuntimeMillis) {

  /** No speculation. */
  static final Speculation OFF = new Speculation(false, 1.5, 0.75, 1000);

  static Speculation from(WeftConfig config) {
    return new Speculation(
        config.get(CoreConfig.SPECULATION_ENABLED),
        config.get(CoreConfig.SPECULATION_MULTIPLIER),
        config.get(CoreConfig.SPECULATION_QUANTILE),
        config.get(CoreConfig.SPECULATION_MIN_TASK_RUNTIME).toMillis());
  }

  /** How many of {@code numTasks} must have succeeded before any is judged slow (at least 1). */
  int successesNeeded(int numTasks) {
    return Math.max(1, (int) Math.floor(quantile * numTasks));
  }

  /** The runtime past which a task is slow, given the median duration of the successes. */
  long thresholdMillis(long medianMillis) {
    return Math.max(minRuntimeMillis, (long) Math.ceil(multiplier * medianMillis));
  }
}
