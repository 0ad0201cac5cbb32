package dev.weft.shuffle.config;

import java.time.Duration;
import java.util.List;

/**
 * Every setting of the shuffle service, as read from the NodeManager's {@code yarn-site.xml} (or
 * given to a {@link dev.weft.shuffle.server.ShuffleServerConfig} in code). One prefix, {@code
 * weft.shuffle.service.}, and one style: camel case, typed sizes and durations. The older dotted
 * names of some keys ({@code weft.shuffle.io.threads}, ...) are still read, with a warning.
 */
public final class ShuffleServiceKeys {
  private static final String PREFIX = "weft.shuffle.service.";

  public static final ServiceKey<Integer> PORT =
      ServiceKey.integer(
              PREFIX + "port",
              "7447",
              0,
              65535,
              "a port between 0 and 65535",
              "TCP port the shuffle service listens on; 0 picks a free port (the executors learn"
                  + " it from the service's metadata).")
          .deprecatedNames("weft.shuffle.port");

  public static final ServiceKey<String> BIND_HOST =
      ServiceKey.string(
              PREFIX + "bindHost",
              "",
              "Address the shuffle service binds; empty means every interface.")
          .deprecatedNames("weft.shuffle.bind.host");

  public static final ServiceKey<String> NODE_NAME =
      ServiceKey.string(
              PREFIX + "nodeName",
              "",
              "This node's name in the service's error messages; empty means the local host name.")
          .deprecatedNames("weft.shuffle.node.name");

  public static final ServiceKey<Integer> IO_THREADS =
      ServiceKey.integer(
              PREFIX + "ioThreads",
              "0",
              0,
              1024,
              "an integer between 0 and 1024",
              "Network threads of the service; 0 means the number of cores, at most 8. They never"
                  + " touch the disk (see weft.shuffle.service.diskThreads).")
          .deprecatedNames("weft.shuffle.io.threads");

  public static final ServiceKey<Integer> DISK_THREADS =
      ServiceKey.integer(
          PREFIX + "diskThreads",
          "4",
          1,
          256,
          "an integer between 1 and 256",
          "Threads that open shuffle files, read index files and record registrations, off the"
              + " network threads; one application uses at most half of them, so its slow opens"
              + " delay only its own requests.");

  public static final ServiceKey<Integer> MAX_CONNECTIONS =
      ServiceKey.integer(
              PREFIX + "maxConnections",
              "4096",
              1,
              Integer.MAX_VALUE,
              "an integer of at least 1",
              "Most client connections open at once, authenticated or not; further connections"
                  + " are refused with an error.")
          .deprecatedNames("weft.shuffle.max.connections");

  public static final ServiceKey<Integer> MAX_CONNECTIONS_PER_APP =
      ServiceKey.integer(
          PREFIX + "maxConnectionsPerApp",
          "2048",
          1,
          Integer.MAX_VALUE,
          "an integer of at least 1",
          "Most authenticated connections of one application; a connection beyond it is refused"
              + " once it has authenticated, so one application cannot take every connection.");

  public static final ServiceKey<Integer> MAX_PENDING_HANDSHAKES =
      ServiceKey.integer(
          PREFIX + "maxPendingHandshakes",
          "512",
          1,
          Integer.MAX_VALUE,
          "an integer of at least 1",
          "Most connections that have not authenticated yet, over all clients; the rest of"
              + " weft.shuffle.service.maxConnections stays for authenticated ones.");

  public static final ServiceKey<Integer> MAX_PENDING_HANDSHAKES_PER_ADDRESS =
      ServiceKey.integer(
          PREFIX + "maxPendingHandshakesPerAddress",
          "64",
          1,
          Integer.MAX_VALUE,
          "an integer of at least 1",
          "Most connections from one remote address that have not authenticated yet; a host"
              + " opening more is refused, and other hosts are not affected.");

  public static final ServiceKey<Duration> HANDSHAKE_TIMEOUT =
      ServiceKey.positiveDuration(
              PREFIX + "handshakeTimeout",
              "10s",
              "Time a new connection has to authenticate before it is closed. Until then the"
                  + " service accepts only frames of the handshake's size (1k).")
          .deprecatedNames("weft.shuffle.handshake.timeout");

  public static final ServiceKey<Duration> IDLE_TIMEOUT =
      ServiceKey.positiveDuration(
              PREFIX + "idleTimeout",
              "10min",
              "Time without reads or writes after which an authenticated connection is closed.")
          .deprecatedNames("weft.shuffle.idle.timeout");

  public static final ServiceKey<Long> MAX_FRAME_SIZE =
      ServiceKey.size(
              PREFIX + "maxFrameSize",
              "1m",
              1024,
              Integer.MAX_VALUE - 8,
              "a size between 1k and 2g",
              "Largest request frame accepted from an authenticated connection.")
          .deprecatedNames("weft.shuffle.max.frame.size");

  public static final ServiceKey<Long> MAX_BYTES_IN_FLIGHT =
      ServiceKey.size(
              PREFIX + "maxBytesInFlight",
              "256m",
              1024,
              Long.MAX_VALUE,
              "a size of at least 1k",
              "Most block bytes queued for sending over all connections; past it the service"
                  + " stops reading requests until clients drain their sockets.")
          .deprecatedNames("weft.shuffle.max.bytes.in.flight");

  public static final ServiceKey<Long> INDEX_CACHE_SIZE =
      ServiceKey.size(
              PREFIX + "indexCacheSize",
              "64m",
              0,
              Long.MAX_VALUE,
              "a size of 0 or more",
              "Memory for parsed shuffle index files, least recently used evicted first; 0 reads"
                  + " the index file on every request.")
          .deprecatedNames("weft.shuffle.index.cache.size");

  public static final ServiceKey<Long> MAX_INDEX_FILE_SIZE =
      ServiceKey.size(
          PREFIX + "maxIndexFileSize",
          "16m",
          1024,
          Integer.MAX_VALUE - 8,
          "a size between 1k and 2g",
          "Largest index file the service reads (12 bytes per reduce partition, so 16m is about"
              + " 1.4 million partitions); a larger one is refused as invalid.");

  public static final ServiceKey<String> ALLOWED_LOCAL_DIRS =
      ServiceKey.string(
              PREFIX + "allowedLocalDirs",
              "",
              "Comma-separated directories under which executors' local dirs must lie. Empty"
                  + " means yarn.nodemanager.local-dirs inside a NodeManager. Symbolic links are"
                  + " followed in these paths themselves and nowhere below them.")
          .deprecatedNames("weft.shuffle.allowed.local.dirs");

  private static final List<ServiceKey<?>> ALL =
      List.of(
          PORT,
          BIND_HOST,
          NODE_NAME,
          IO_THREADS,
          DISK_THREADS,
          MAX_CONNECTIONS,
          MAX_CONNECTIONS_PER_APP,
          MAX_PENDING_HANDSHAKES,
          MAX_PENDING_HANDSHAKES_PER_ADDRESS,
          HANDSHAKE_TIMEOUT,
          IDLE_TIMEOUT,
          MAX_FRAME_SIZE,
          MAX_BYTES_IN_FLIGHT,
          INDEX_CACHE_SIZE,
          MAX_INDEX_FILE_SIZE,
          ALLOWED_LOCAL_DIRS);

  private ShuffleServiceKeys() {}

  /** Every key, in documentation order. */
  public static List<ServiceKey<?>> all() {
    return ALL;
  }
}
