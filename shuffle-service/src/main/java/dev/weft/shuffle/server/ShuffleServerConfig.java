package dev.weft.shuffle.server;

import dev.weft.shuffle.internal.ConfigValues;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The shuffle server's settings. Every key is declared here once, with its type, default and
 * meaning; {@link #fromProperties} reads them from any key-value source (a Hadoop {@code
 * Configuration}'s {@code get}, a {@code Properties}' {@code getProperty}). Instances are
 * immutable; build them with {@link #builder()}.
 */
public final class ShuffleServerConfig {
  /** Port to listen on; 0 picks a free port ({@link ShuffleServer#port()} reports it). */
  public static final String PORT = "weft.shuffle.port";

  /** Address to bind; empty means every interface. */
  public static final String BIND_HOST = "weft.shuffle.bind.host";

  /** This node's name in error messages; empty means the local host name. */
  public static final String NODE_NAME = "weft.shuffle.node.name";

  /** Netty I/O threads; 0 means the number of cores, at most 8. */
  public static final String IO_THREADS = "weft.shuffle.io.threads";

  /** Open connections at most; more are refused with an error frame. */
  public static final String MAX_CONNECTIONS = "weft.shuffle.max.connections";

  /** Block bytes handed to the network and not yet sent, over all connections (a size). */
  public static final String MAX_BYTES_IN_FLIGHT = "weft.shuffle.max.bytes.in.flight";

  /** Memory the cache of parsed index files may use (a size; 0 disables the cache). */
  public static final String INDEX_CACHE_SIZE = "weft.shuffle.index.cache.size";

  /** Time a new connection has to authenticate before it is closed (a duration). */
  public static final String HANDSHAKE_TIMEOUT = "weft.shuffle.handshake.timeout";

  /** Time without reads or writes after which a connection is closed (a duration). */
  public static final String IDLE_TIMEOUT = "weft.shuffle.idle.timeout";

  /** Largest request frame accepted (a size). */
  public static final String MAX_FRAME_SIZE = "weft.shuffle.max.frame.size";

  /**
   * Comma-separated directories under which executors' local dirs must lie; empty accepts any
   * absolute path. The YARN aux service sets it to the NodeManager's local dirs.
   */
  public static final String ALLOWED_LOCAL_DIRS = "weft.shuffle.allowed.local.dirs";

  private final int port;
  private final String bindHost;
  private final String nodeName;
  private final int ioThreads;
  private final int maxConnections;
  private final long maxBytesInFlight;
  private final long indexCacheBytes;
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
    this.maxConnections = b.maxConnections;
    this.maxBytesInFlight = b.maxBytesInFlight;
    this.indexCacheBytes = b.indexCacheBytes;
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
   * Reads every key above from {@code lookup}, which returns null for an absent key; absent keys
   * keep their defaults.
   *
   * @throws IllegalArgumentException naming the key and the value when a value is malformed
   */
  public static ShuffleServerConfig fromProperties(Function<String, String> lookup) {
    Builder b = builder();
    String v;
    if ((v = lookup.apply(PORT)) != null) {
      b.port(ConfigValues.parseNonNegativeInt(PORT, v));
    }
    if ((v = lookup.apply(BIND_HOST)) != null) {
      b.bindHost(v.trim());
    }
    if ((v = lookup.apply(NODE_NAME)) != null) {
      b.nodeName(v.trim());
    }
    if ((v = lookup.apply(IO_THREADS)) != null) {
      b.ioThreads(ConfigValues.parseNonNegativeInt(IO_THREADS, v));
    }
    if ((v = lookup.apply(MAX_CONNECTIONS)) != null) {
      b.maxConnections(ConfigValues.parseNonNegativeInt(MAX_CONNECTIONS, v));
    }
    if ((v = lookup.apply(MAX_BYTES_IN_FLIGHT)) != null) {
      b.maxBytesInFlight(ConfigValues.parseBytes(MAX_BYTES_IN_FLIGHT, v));
    }
    if ((v = lookup.apply(INDEX_CACHE_SIZE)) != null) {
      b.indexCacheBytes(ConfigValues.parseBytes(INDEX_CACHE_SIZE, v));
    }
    if ((v = lookup.apply(HANDSHAKE_TIMEOUT)) != null) {
      b.handshakeTimeout(ConfigValues.parseDuration(HANDSHAKE_TIMEOUT, v));
    }
    if ((v = lookup.apply(IDLE_TIMEOUT)) != null) {
      b.idleTimeout(ConfigValues.parseDuration(IDLE_TIMEOUT, v));
    }
    if ((v = lookup.apply(MAX_FRAME_SIZE)) != null) {
      long size = ConfigValues.parseBytes(MAX_FRAME_SIZE, v);
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            MAX_FRAME_SIZE + ": expected at most 2g, found '" + v + "'");
      }
      b.maxFrameSize((int) size);
    }
    if ((v = lookup.apply(ALLOWED_LOCAL_DIRS)) != null) {
      List<File> dirs = new ArrayList<>();
      for (String dir : v.split(",")) {
        if (!dir.isBlank()) {
          dirs.add(new File(dir.trim()));
        }
      }
      b.allowedLocalDirs(dirs);
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

  public int maxConnections() {
    return maxConnections;
  }

  public long maxBytesInFlight() {
    return maxBytesInFlight;
  }

  public long indexCacheBytes() {
    return indexCacheBytes;
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
        + ", maxConnections="
        + maxConnections
        + ", maxBytesInFlight="
        + maxBytesInFlight
        + ", indexCacheBytes="
        + indexCacheBytes
        + ")";
  }

  /** Builds a {@link ShuffleServerConfig}; every setter validates its value. */
  public static final class Builder {
    private int port = 7337;
    private String bindHost = "";
    private String nodeName = "";
    private int ioThreads = 0;
    private int maxConnections = 10_000;
    private long maxBytesInFlight = 256L << 20;
    private long indexCacheBytes = 64L << 20;
    private Duration handshakeTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofMinutes(10);
    private int maxFrameSize = 1 << 20;
    private List<File> allowedLocalDirs = List.of();

    private Builder() {}

    /** Default 7337; 0 picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(PORT + ": expected 0 to 65535, found " + port);
      }
      this.port = port;
      return this;
    }

    /** Default: every interface. */
    public Builder bindHost(String bindHost) {
      this.bindHost = bindHost;
      return this;
    }

    /** Default: the local host name. */
    public Builder nodeName(String nodeName) {
      this.nodeName = nodeName;
      return this;
    }

    /** Default 0: the number of cores, at most 8. */
    public Builder ioThreads(int ioThreads) {
      if (ioThreads < 0) {
        throw new IllegalArgumentException(IO_THREADS + ": expected >= 0, found " + ioThreads);
      }
      this.ioThreads = ioThreads;
      return this;
    }

    /** Default 10000. */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            MAX_CONNECTIONS + ": expected >= 1, found " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /** Default 256 MiB. */
    public Builder maxBytesInFlight(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException(MAX_BYTES_IN_FLIGHT + ": expected >= 1, found " + bytes);
      }
      this.maxBytesInFlight = bytes;
      return this;
    }

    /** Default 64 MiB; 0 disables caching. */
    public Builder indexCacheBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException(INDEX_CACHE_SIZE + ": expected >= 0, found " + bytes);
      }
      this.indexCacheBytes = bytes;
      return this;
    }

    /** Default 30 s. */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(HANDSHAKE_TIMEOUT, timeout);
      return this;
    }

    /** Default 10 min. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(IDLE_TIMEOUT, timeout);
      return this;
    }

    /** Default 1 MiB; at least 1 KiB. */
    public Builder maxFrameSize(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(MAX_FRAME_SIZE + ": expected >= 1k, found " + bytes);
      }
      this.maxFrameSize = bytes;
      return this;
    }

    /** Default: none, any absolute dir is accepted. */
    public Builder allowedLocalDirs(List<File> dirs) {
      for (File dir : dirs) {
        if (!dir.isAbsolute()) {
          throw new IllegalArgumentException(
              ALLOWED_LOCAL_DIRS + ": expected absolute paths, found '" + dir + "'");
        }
      }
      this.allowedLocalDirs = List.copyOf(dirs);
      return this;
    }

    public ShuffleServerConfig build() {
      return new ShuffleServerConfig(this);
    }

    private static Duration positive(String key, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(key + ": expected a positive duration, found " + d);
      }
      return d;
    }
  }
}
