package dev.weft.shuffle.server;

import static dev.weft.shuffle.config.ShuffleServiceKeys.ALLOWED_LOCAL_DIRS;
import static dev.weft.shuffle.config.ShuffleServiceKeys.BIND_HOST;
import static dev.weft.shuffle.config.ShuffleServiceKeys.DISK_THREADS;
import static dev.weft.shuffle.config.ShuffleServiceKeys.HANDSHAKE_TIMEOUT;
import static dev.weft.shuffle.config.ShuffleServiceKeys.IDLE_TIMEOUT;
import static dev.weft.shuffle.config.ShuffleServiceKeys.INDEX_CACHE_SIZE;
import static dev.weft.shuffle.config.ShuffleServiceKeys.IO_THREADS;
import static dev.weft.shuffle.config.ShuffleServiceKeys.MAX_BYTES_IN_FLIGHT;
import static dev.weft.shuffle.config.ShuffleServiceKeys.MAX_CONNECTIONS;
import static dev.weft.shuffle.config.ShuffleServiceKeys.MAX_CONNECTIONS_PER_APP;
import static dev.weft.shuffle.config.ShuffleServiceKeys.MAX_FRAME_SIZE;
import static dev.weft.shuffle.config.ShuffleServiceKeys.MAX_INDEX_FILE_SIZE;
import static dev.weft.shuffle.config.ShuffleServiceKeys.MAX_PENDING_HANDSHAKES;
import static dev.weft.shuffle.config.ShuffleServiceKeys.MAX_PENDING_HANDSHAKES_PER_ADDRESS;
import static dev.weft.shuffle.config.ShuffleServiceKeys.NODE_NAME;
import static dev.weft.shuffle.config.ShuffleServiceKeys.PORT;

import dev.weft.shuffle.config.ShuffleServiceKeys;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The shuffle server's settings. Each is declared once as a key of {@link ShuffleServiceKeys}
 * (name, type, default, constraint, doc); {@link #fromProperties} reads them all from any key-value
 * source (a Hadoop {@code Configuration}'s {@code getTrimmed}, a {@code Properties}' {@code
 * getProperty}), and the builder's setters apply the same checks. Instances are immutable.
 */
public final class ShuffleServerConfig {
  private final int port;
  private final String bindHost;
  private final String nodeName;
  private final int ioThreads;
  private final int diskThreads;
  private final int maxConnections;
  private final int maxConnectionsPerApp;
  private final int maxPendingHandshakes;
  private final int maxPendingHandshakesPerAddress;
  private final long maxBytesInFlight;
  private final long indexCacheBytes;
  private final long maxIndexFileSize;
  private final Duration handshakeTimeout;
  private final Duration idleTimeout;
  private final int maxFrameSize;
  private final List<File> allowedLocalDirs;

  private ShuffleServerConfig(Builder b) {
    this.port = b.port;
    this.bindHost = b.bindHost;
    this.nodeName = b.nodeName.isEmpty() ? localHostName() : b.nodeName;
    this.ioThreads =
        b.ioThreads > 0 ? b.ioThreads : Math.min(8, Runtime.getRuntime().availableProcessors());
    this.diskThreads = b.diskThreads;
    this.maxConnections = b.maxConnections;
    this.maxConnectionsPerApp = b.maxConnectionsPerApp;
    this.maxPendingHandshakes = b.maxPendingHandshakes;
    this.maxPendingHandshakesPerAddress = b.maxPendingHandshakesPerAddress;
    this.maxBytesInFlight = b.maxBytesInFlight;
    this.indexCacheBytes = b.indexCacheBytes;
    this.maxIndexFileSize = b.maxIndexFileSize;
    this.handshakeTimeout = b.handshakeTimeout;
    this.idleTimeout = b.idleTimeout;
    this.maxFrameSize = b.maxFrameSize;
    this.allowedLocalDirs = List.copyOf(b.allowedLocalDirs);
  }

  /** A builder holding every default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads every key of {@link ShuffleServiceKeys} from {@code lookup}, which returns null for an
   * absent key; absent keys keep their defaults, and a key's older names are read when it is
   * absent.
   *
   * @param defaultAllowedLocalDirs the allowed local dirs when {@code
   *     weft.shuffle.service.allowedLocalDirs} is empty (a NodeManager's local dirs)
   * @throws IllegalArgumentException in one line naming the key, the value and what was expected
   */
  public static ShuffleServerConfig fromProperties(
      Function<String, String> lookup, List<File> defaultAllowedLocalDirs) {
    Builder b =
        builder()
            .port(PORT.read(lookup))
            .bindHost(BIND_HOST.read(lookup))
            .nodeName(NODE_NAME.read(lookup))
            .ioThreads(IO_THREADS.read(lookup))
            .diskThreads(DISK_THREADS.read(lookup))
            .maxConnections(MAX_CONNECTIONS.read(lookup))
            .maxConnectionsPerApp(MAX_CONNECTIONS_PER_APP.read(lookup))
            .maxPendingHandshakes(MAX_PENDING_HANDSHAKES.read(lookup))
            .maxPendingHandshakesPerAddress(MAX_PENDING_HANDSHAKES_PER_ADDRESS.read(lookup))
            .maxBytesInFlight(MAX_BYTES_IN_FLIGHT.read(lookup))
            .indexCacheBytes(INDEX_CACHE_SIZE.read(lookup))
            .maxIndexFileSize(MAX_INDEX_FILE_SIZE.read(lookup))
            .handshakeTimeout(HANDSHAKE_TIMEOUT.read(lookup))
            .idleTimeout(IDLE_TIMEOUT.read(lookup))
            .maxFrameSize((int) (long) MAX_FRAME_SIZE.read(lookup));
    String dirs = ALLOWED_LOCAL_DIRS.read(lookup);
    if (dirs.isEmpty()) {
      b.allowedLocalDirs(defaultAllowedLocalDirs);
    } else {
      List<File> list = new ArrayList<>();
      for (String dir : dirs.split(",")) {
        if (!dir.isBlank()) {
          list.add(new File(dir.trim()));
        }
      }
      b.allowedLocalDirs(list);
    }
    return b.build();
  }

  public int port() {
    return port;
  }

  public String bindHost() {
    return bindHost;
  }

  public String nodeName() {
    return nodeName;
  }

  public int ioThreads() {
    return ioThreads;
  }

  public int diskThreads() {
    return diskThreads;
  }

  public int maxConnections() {
    return maxConnections;
  }

  public int maxConnectionsPerApp() {
    return maxConnectionsPerApp;
  }

  public int maxPendingHandshakes() {
    return maxPendingHandshakes;
  }

  public int maxPendingHandshakesPerAddress() {
    return maxPendingHandshakesPerAddress;
  }

  public long maxBytesInFlight() {
    return maxBytesInFlight;
  }

  public long indexCacheBytes() {
    return indexCacheBytes;
  }

  public long maxIndexFileSize() {
    return maxIndexFileSize;
  }

  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public int maxFrameSize() {
    return maxFrameSize;
  }

  public List<File> allowedLocalDirs() {
    return allowedLocalDirs;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  @Override
  public String toString() {
    return "ShuffleServerConfig(port="
        + port
        + ", node="
        + nodeName
        + ", ioThreads="
        + ioThreads
        + ", diskThreads="
        + diskThreads
        + ", maxConnections="
        + maxConnections
        + ", maxConnectionsPerApp="
        + maxConnectionsPerApp
        + ", maxPendingHandshakes="
        + maxPendingHandshakes
        + "/"
        + maxPendingHandshakesPerAddress
        + " per address, maxBytesInFlight="
        + maxBytesInFlight
        + ", indexCacheBytes="
        + indexCacheBytes
        + ", maxIndexFileSize="
        + maxIndexFileSize
        + ")";
  }

  /** Builds a {@link ShuffleServerConfig}; every setter applies its key's check. */
  public static final class Builder {
    private int port = PORT.defaultParsed();
    private String bindHost = BIND_HOST.defaultParsed();
    private String nodeName = NODE_NAME.defaultParsed();
    private int ioThreads = IO_THREADS.defaultParsed();
    private int diskThreads = DISK_THREADS.defaultParsed();
    private int maxConnections = MAX_CONNECTIONS.defaultParsed();
    private int maxConnectionsPerApp = MAX_CONNECTIONS_PER_APP.defaultParsed();
    private int maxPendingHandshakes = MAX_PENDING_HANDSHAKES.defaultParsed();
    private int maxPendingHandshakesPerAddress = MAX_PENDING_HANDSHAKES_PER_ADDRESS.defaultParsed();
    private long maxBytesInFlight = MAX_BYTES_IN_FLIGHT.defaultParsed();
    private long indexCacheBytes = INDEX_CACHE_SIZE.defaultParsed();
    private long maxIndexFileSize = MAX_INDEX_FILE_SIZE.defaultParsed();
    private Duration handshakeTimeout = HANDSHAKE_TIMEOUT.defaultParsed();
    private Duration idleTimeout = IDLE_TIMEOUT.defaultParsed();
    private int maxFrameSize = (int) (long) MAX_FRAME_SIZE.defaultParsed();
    private List<File> allowedLocalDirs = List.of();

    private Builder() {}

    /** {@link ShuffleServiceKeys#PORT}; 0 picks a free port. */
    public Builder port(int port) {
      this.port = PORT.validate(port);
      return this;
    }

    /** {@link ShuffleServiceKeys#BIND_HOST}; empty: every interface. */
    public Builder bindHost(String bindHost) {
      this.bindHost = bindHost;
      return this;
    }

    /** {@link ShuffleServiceKeys#NODE_NAME}; empty: the local host name. */
    public Builder nodeName(String nodeName) {
      this.nodeName = nodeName;
      return this;
    }

    /** {@link ShuffleServiceKeys#IO_THREADS}; 0: the number of cores, at most 8. */
    public Builder ioThreads(int ioThreads) {
      this.ioThreads = IO_THREADS.validate(ioThreads);
      return this;
    }

    /** {@link ShuffleServiceKeys#DISK_THREADS}. */
    public Builder diskThreads(int diskThreads) {
      this.diskThreads = DISK_THREADS.validate(diskThreads);
      return this;
    }

    /** {@link ShuffleServiceKeys#MAX_CONNECTIONS}. */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = MAX_CONNECTIONS.validate(maxConnections);
      return this;
    }

    /** {@link ShuffleServiceKeys#MAX_CONNECTIONS_PER_APP}. */
    public Builder maxConnectionsPerApp(int max) {
      this.maxConnectionsPerApp = MAX_CONNECTIONS_PER_APP.validate(max);
      return this;
    }

    /** {@link ShuffleServiceKeys#MAX_PENDING_HANDSHAKES}. */
    public Builder maxPendingHandshakes(int max) {
      this.maxPendingHandshakes = MAX_PENDING_HANDSHAKES.validate(max);
      return this;
    }

    /** {@link ShuffleServiceKeys#MAX_PENDING_HANDSHAKES_PER_ADDRESS}. */
    public Builder maxPendingHandshakesPerAddress(int max) {
      this.maxPendingHandshakesPerAddress = MAX_PENDING_HANDSHAKES_PER_ADDRESS.validate(max);
      return this;
    }

    /** {@link ShuffleServiceKeys#MAX_BYTES_IN_FLIGHT}. */
    public Builder maxBytesInFlight(long bytes) {
      this.maxBytesInFlight = MAX_BYTES_IN_FLIGHT.validate(bytes);
      return this;
    }

    /** {@link ShuffleServiceKeys#INDEX_CACHE_SIZE}; 0 disables caching. */
    public Builder indexCacheBytes(long bytes) {
      this.indexCacheBytes = INDEX_CACHE_SIZE.validate(bytes);
      return this;
    }

    /** {@link ShuffleServiceKeys#MAX_INDEX_FILE_SIZE}. */
    public Builder maxIndexFileSize(long bytes) {
      this.maxIndexFileSize = MAX_INDEX_FILE_SIZE.validate(bytes);
      return this;
    }

    /** {@link ShuffleServiceKeys#HANDSHAKE_TIMEOUT}. */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = HANDSHAKE_TIMEOUT.validate(timeout);
      return this;
    }

    /** {@link ShuffleServiceKeys#IDLE_TIMEOUT}. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = IDLE_TIMEOUT.validate(timeout);
      return this;
    }

    /** {@link ShuffleServiceKeys#MAX_FRAME_SIZE}. */
    public Builder maxFrameSize(int bytes) {
      this.maxFrameSize = (int) (long) MAX_FRAME_SIZE.validate((long) bytes);
      return this;
    }

    /** {@link ShuffleServiceKeys#ALLOWED_LOCAL_DIRS}; default none: any absolute dir. */
    public Builder allowedLocalDirs(List<File> dirs) {
      for (File dir : dirs) {
        if (!dir.isAbsolute()) {
          throw new IllegalArgumentException(
              "Invalid value '"
                  + dir
                  + "' in "
                  + ALLOWED_LOCAL_DIRS.name()
                  + ": expected absolute paths");
        }
      }
      this.allowedLocalDirs = List.copyOf(dirs);
      return this;
    }

    public ShuffleServerConfig build() {
      return new ShuffleServerConfig(this);
    }
  }
}
