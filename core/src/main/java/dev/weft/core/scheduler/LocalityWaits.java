package dev.weft.core.scheduler;

import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import java.time.Duration;

/**
 * How long a task set waits at each locality level before it accepts a worse one.
 *
 * @param processMillis wait at PROCESS_LOCAL
 * @param nodeMillis wait at NODE_LOCAL
 * @param rackMillis wait at RACK_LOCAL
 */
public record LocalityWaits(long processMillis, long nodeMillis, long rackMillis) {

  public static LocalityWaits from(WeftConfig config) {
    Duration base = config.get(CoreConfig.LOCALITY_WAIT);
    return new LocalityWaits(
        orDefault(config.get(CoreConfig.LOCALITY_WAIT_PROCESS), base),
        orDefault(config.get(CoreConfig.LOCALITY_WAIT_NODE), base),
        orDefault(config.get(CoreConfig.LOCALITY_WAIT_RACK), base));
  }

  private static long orDefault(Duration d, Duration base) {
    return (d != null ? d : base).toMillis();
  }

  long waitFor(Locality level) {
    return switch (level) {
      case PROCESS_LOCAL -> processMillis;
      case NODE_LOCAL -> nodeMillis;
      case RACK_LOCAL -> rackMillis;
      case NO_PREF, ANY -> 0;
    };
  }
}
