package dev.weft.shuffle.yarn;

import dev.weft.shuffle.server.ShuffleServerConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Builds the shuffle server's settings inside a NodeManager. The service's own keys ({@link
 * ShuffleServiceConfig}) give the port and limits; the server's other keys (bind host, I/O threads,
 * timeouts, frame size) are read from the NodeManager's configuration under the server's names;
 * executors may register only local dirs under the NodeManager's {@code
 * yarn.nodemanager.local-dirs}, unless {@value ShuffleServerConfig#ALLOWED_LOCAL_DIRS} says
 * otherwise.
 */
final class ServerConfigFactory {
  /** The server's keys that the service sets from its own keys, with the key to use instead. */
  private static final Map<String, String> REPLACED_KEYS =
      Map.of(
          ShuffleServerConfig.PORT, ShuffleServiceConfig.PORT.name(),
          ShuffleServerConfig.MAX_CONNECTIONS, ShuffleServiceConfig.MAX_CONNECTIONS.name(),
          ShuffleServerConfig.MAX_BYTES_IN_FLIGHT, ShuffleServiceConfig.MAX_BYTES_IN_FLIGHT.name(),
          ShuffleServerConfig.INDEX_CACHE_SIZE, ShuffleServiceConfig.INDEX_CACHE_SIZE.name());

  private ServerConfigFactory() {}

  /**
   * The server's settings for a service configured with {@code service} in a NodeManager configured
   * with {@code conf}.
   *
   * @throws IllegalArgumentException when {@code conf} sets a server key the service replaces
   *     (naming the key to use instead), or a server key to an invalid value
   */
  static ShuffleServerConfig create(ShuffleServiceConfig service, Configuration conf) {
    REPLACED_KEYS.forEach(
        (serverKey, serviceKey) -> {
          if (conf.get(serverKey) != null) {
            throw new IllegalArgumentException(
                serverKey
                    + " is not read by the NodeManager's shuffle service; set "
                    + serviceKey
                    + " instead");
          }
        });
    String allowedDirs = String.join(",", nodeManagerLocalDirs(conf));
    return ShuffleServerConfig.fromProperties(
        key ->
            switch (key) {
              case ShuffleServerConfig.PORT -> Integer.toString(service.port());
              case ShuffleServerConfig.MAX_CONNECTIONS ->
                  Integer.toString(service.maxConnections());
              case ShuffleServerConfig.MAX_BYTES_IN_FLIGHT ->
                  Long.toString(service.maxBytesInFlight());
              case ShuffleServerConfig.INDEX_CACHE_SIZE -> Long.toString(service.indexCacheSize());
              case ShuffleServerConfig.ALLOWED_LOCAL_DIRS -> conf.get(key, allowedDirs);
              default -> conf.get(key);
            });
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
