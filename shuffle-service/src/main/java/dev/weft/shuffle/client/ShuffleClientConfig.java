package dev.weft.shuffle.client;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;

/**
 * The fetch client's settings. Immutable; build with {@link #builder(String, byte[])}.
 *
 * <p>Bytes in flight are the block bytes being received: reserved when a block's header arrives and
 * returned when the block is complete. While they are at the limit, connections stop reading from
 * the network, so the servers slow down instead of the client's memory growing. Blocks delivered to
 * the caller are the caller's to bound. A streamed block is not reserved: its stream holds at most
 * {@link #streamBufferBytes} (capped by the bytes in flight) ahead of its reader.
 */
public final class ShuffleClientConfig {
  private final String appId;
  private final byte[] secret;
  private final EventLoopGroup eventLoopGroup;
  private final int ioThreads;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final long maxBytesInFlight;
  private final long streamBufferBytes;
  private final int maxRetries;
  private final Duration retryWait;
  private final Duration maxRetryWait;
  private final int maxFrameSize;
  private final FetchFaultInjector faultInjector;
  private final boolean encrypt;

  private ShuffleClientConfig(Builder b) {
    this.appId = b.appId;
    this.secret = b.secret;
    this.eventLoopGroup = b.eventLoopGroup;
    this.ioThreads = b.ioThreads;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxBytesInFlight = b.maxBytesInFlight;
    this.streamBufferBytes = b.streamBufferBytes;
    this.maxRetries = b.maxRetries;
    this.retryWait = b.retryWait;
    this.maxRetryWait = b.maxRetryWait;
    this.maxFrameSize = b.maxFrameSize;
    this.faultInjector = b.faultInjector;
    this.encrypt = b.encrypt;
  }

  /**
   * @param appId the application the client authenticates as
   * @param secret the application's shuffle secret
   */
  public static Builder builder(String appId, byte[] secret) {
    return new Builder(appId, secret);
  }

  public String appId() {
    return appId;
  }

  byte[] secret() {
    return secret;
  }

  /** The shared event loop group, or null when the client makes (and closes) its own. */
  public EventLoopGroup eventLoopGroup() {
    return eventLoopGroup;
  }

  public int ioThreads() {
    return ioThreads;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The most bytes of a streamed block ({@link ShuffleClient#stream}) received and not yet read by
   * its reader; past it the connection stops reading until the reader catches up.
   */
  public long streamBufferBytes() {
    return streamBufferBytes;
  }

  public long maxBytesInFlight() {
    return maxBytesInFlight;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Duration retryWait() {
    return retryWait;
  }

  public Duration maxRetryWait() {
    return maxRetryWait;
  }

  public int maxFrameSize() {
    return maxFrameSize;
  }

  /** Whether every connection is encrypted after its handshake (AES-256-GCM records). */
  public boolean encrypt() {
    return encrypt;
  }

  public FetchFaultInjector faultInjector() {
    return faultInjector;
  }

  /** Builds a {@link ShuffleClientConfig}; every setter validates its value. */
  public static final class Builder {
    private final String appId;
    private final byte[] secret;
    private EventLoopGroup eventLoopGroup;
    private int ioThreads = 2;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofMinutes(2);
    private long maxBytesInFlight = 48L << 20;
    private long streamBufferBytes = 1L << 20;
    private int maxRetries = 3;
    private boolean encrypt;
    private Duration retryWait = Duration.ofMillis(200);
    private Duration maxRetryWait = Duration.ofSeconds(10);
    private int maxFrameSize = 1 << 20;
    private FetchFaultInjector faultInjector = FetchFaultInjector.NONE;

    private Builder(String appId, byte[] secret) {
      if (appId == null || appId.isEmpty()) {
        throw new IllegalArgumentException("expected an application id, found none");
      }
      if (secret == null || secret.length == 0) {
        throw new IllegalArgumentException(
            "expected a non-empty secret for application " + appId + ", found none");
      }
      this.appId = appId;
      this.secret = secret.clone();
    }

    /** Default: none, the client makes its own group of {@link #ioThreads} threads. */
    /**
     * Encrypts and integrity-protects every connection after its handshake (default off); a service
     * refuses plaintext connections of an application registered as requiring it.
     */
    public Builder encrypt(boolean on) {
      this.encrypt = on;
      return this;
    }

    public Builder eventLoopGroup(EventLoopGroup group) {
      this.eventLoopGroup = group;
      return this;
    }

    /** Default 2; used only without a shared group. */
    public Builder ioThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("ioThreads: expected >= 1, found " + threads);
      }
      this.ioThreads = threads;
      return this;
    }

    /** Default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /** Default 2 min: a connection silent this long with requests pending is failed. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("requestTimeout", timeout);
      return this;
    }

    /** Default 48 MiB. */
    public Builder maxBytesInFlight(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBytesInFlight: expected >= 1, found " + bytes);
      }
      this.maxBytesInFlight = bytes;
      return this;
    }

    /** Default 1 MiB: the most bytes of a streamed block buffered ahead of its reader. */
    public Builder streamBufferBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("streamBufferBytes: expected >= 1024, found " + bytes);
      }
      this.streamBufferBytes = bytes;
      return this;
    }

    /** Default 3: retries after a connection error, each after a doubled wait. */
    public Builder maxRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("maxRetries: expected >= 0, found " + retries);
      }
      this.maxRetries = retries;
      return this;
    }

    /** Default 200 ms: the wait before the first retry; it doubles for each next one. */
    public Builder retryWait(Duration wait) {
      this.retryWait = positive("retryWait", wait);
      return this;
    }

    /** Default 10 s: the longest wait between retries. */
    public Builder maxRetryWait(Duration wait) {
      this.maxRetryWait = positive("maxRetryWait", wait);
      return this;
    }

    /** Default 1 MiB: the largest control frame accepted from a server. */
    public Builder maxFrameSize(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxFrameSize: expected >= 1024, found " + bytes);
      }
      this.maxFrameSize = bytes;
      return this;
    }

    /** Default {@link FetchFaultInjector#NONE}. */
    public Builder faultInjector(FetchFaultInjector injector) {
      this.faultInjector = injector;
      return this;
    }

    public ShuffleClientConfig build() {
      return new ShuffleClientConfig(this);
    }

    private static Duration positive(String name, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + ": expected a positive duration, found " + d);
      }
      return d;
    }
  }
}
