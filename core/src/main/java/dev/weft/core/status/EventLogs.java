package dev.weft.core.status;

import dev.weft.core.config.WeftConfig;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Where event logs go. */
public final class EventLogs {
  private EventLogs() {}

  /**
   * {@code weft.eventLog.dir}, or {@code .weft/history} in the user's home directory on the default
   * file system.
   */
  public static Path dir(WeftConfig config, Configuration conf) throws IOException {
    String dir = config.get(StatusConfig.EVENT_LOG_DIR);
    if (dir != null) {
      return new Path(dir);
    }
    return new Path(FileSystem.get(conf).getHomeDirectory(), ".weft/history");
  }

  /** Whether the driver writes an event log under {@code master}. */
  public static boolean enabled(WeftConfig config, String master) {
    Boolean set = config.get(StatusConfig.EVENT_LOG_ENABLED);
    return set != null ? set : "yarn".equals(master) || "embedded".equals(master);
  }
}
