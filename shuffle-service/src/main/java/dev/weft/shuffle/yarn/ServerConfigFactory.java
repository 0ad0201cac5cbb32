package dev.weft.shuffle.yarn;

import dev.weft.shuffle.config.ShuffleServiceKeys;
import dev.weft.shuffle.server.ShuffleServerConfig;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Reads the shuffle service's settings from a NodeManager's configuration: every key of {@link
 * ShuffleServiceKeys}, with executors' local dirs confined to the NodeManager's {@code
 * yarn.nodemanager.local-dirs} unless {@code weft.shuffle.service.allowedLocalDirs} says otherwise,
 * and YARN's own recovery switch.
 */
final class ServerConfigFactory {
  private ServerConfigFactory() {}

  /**
   * The server's settings in a NodeManager configured with {@code conf}.
   *
   * @throws IllegalArgumentException in one line naming a key whose value is invalid
   */
  static ShuffleServerConfig create(Configuration conf) {
    List<File> localDirs = new ArrayList<>();
    for (String dir : nodeManagerLocalDirs(conf)) {
      localDirs.add(new File(dir));
    }
    return ShuffleServerConfig.fromProperties(conf::getTrimmed, localDirs);
  }

  /**
   * YARN's {@code yarn.nodemanager.recovery.enabled}: when true, the service keeps application
   * secrets and executor registrations under the recovery path the NodeManager gives it.
   *
   * @throws IllegalArgumentException when the value is neither true nor false
   */
  static boolean recoveryEnabled(Configuration conf) {
    String raw = conf.getTrimmed(YarnConfiguration.NM_RECOVERY_ENABLED);
    if (raw == null) {
      return YarnConfiguration.DEFAULT_NM_RECOVERY_ENABLED;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "Invalid value '"
                  + raw
                  + "' for "
                  + YarnConfiguration.NM_RECOVERY_ENABLED
                  + ": expected true or false");
    };
  }

  /** The NodeManager's local dirs as absolute paths ({@code file:} URIs reduced to paths). */
  static List<String> nodeManagerLocalDirs(Configuration conf) {
    List<String> dirs = new ArrayList<>();
    for (String dir :
        conf.getTrimmedStrings(
            YarnConfiguration.NM_LOCAL_DIRS, YarnConfiguration.DEFAULT_NM_LOCAL_DIRS)) {
      URI uri = new Path(dir).toUri();
      if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
        throw new IllegalArgumentException(
            "Invalid value '"
                + dir
                + "' in "
                + YarnConfiguration.NM_LOCAL_DIRS
                + ": expected a local path");
      }
      dirs.add(uri.getPath());
    }
    return dirs;
  }
}
