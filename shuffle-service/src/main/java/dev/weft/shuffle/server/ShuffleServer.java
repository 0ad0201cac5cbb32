package dev.weft.shuffle.server;

import dev.weft.shuffle.internal.ByteLimiter;
import dev.weft.shuffle.internal.FrameDecoder;
import dev.weft.shuffle.internal.MessageDecoder;
import dev.weft.shuffle.protocol.ShuffleProtocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The shuffle service's network server: authenticates executors per application, records their
 * local dirs, and serves blocks of map outputs zero-copy from the data files. It is built to live
 * inside a NodeManager: its threads are daemon threads it owns and stops, its buffers come from a
 * pool of its own, and the bytes it has handed to the network are bounded.
 *
 * <p>Lifecycle: construct, register state (applications and, on recovery, executors), {@link
 * #start()}, then {@link #close()}. State can be registered before and after start. Logging goes to
 * {@link System.Logger} (the JDK's platform logging; no logging library is needed), one line per
 * state change.
 */
public final class ShuffleServer implements AutoCloseable {
  private static final Logger LOG = System.getLogger(ShuffleServer.class.getName());

  /**
   * Disk tasks (opens of map outputs, registrations) waiting per disk thread before requests are
   * refused as the server being busy; each is one request of one connection, and a connection has
   * at most one at a time. One application runs on at most half the disk threads (at least one).
   */
  private static final int DISK_QUEUE_PER_THREAD = 1024;

  private enum State {
    NEW,
    RUNNING,
    STOPPED
  }

  private final ShuffleServerConfig config;
  private final ApplicationRegistry registry;
  private final IndexCache indexCache;
  private final ServerContext context;
  private final PooledByteBufAllocator allocator;
  private final ServerCounters counters;
  private final ExecutorService cleaner;
  private final ThreadPoolExecutor disk;
  private State state = State.NEW;
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private ChannelGroup channels;
  private Channel serverChannel;
  private int port = -1;

  /** A server that reports executor registrations to nobody. */
  public ShuffleServer(ShuffleServerConfig config) {
    this(config, RegistrationListener.NONE);
  }

  /**
   * @param config the settings
   * @param listener told of every executor registering over the protocol (the recovery store)
   */
  public ShuffleServer(ShuffleServerConfig config, RegistrationListener listener) {
    this.config = config;
    this.registry = new ApplicationRegistry(config.allowedLocalDirs());
    this.indexCache = new IndexCache(config.indexCacheBytes());
    this.allocator =
        new PooledByteBufAllocator(
            true, config.ioThreads(), config.ioThreads(), 8192, 9, 0, 0, false);
    ByteLimiter limiter = new ByteLimiter(config.maxBytesInFlight());
    this.counters =
        new ServerCounters(
            limiter::used,
            registry::applicationCount,
            registry::executorCount,
            indexCache::weightBytes,
            allocator.metric());
    this.disk =
        new ThreadPoolExecutor(
            config.diskThreads(),
            config.diskThreads(),
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new DefaultThreadFactory("weft-shuffle-disk", true));
    disk.allowCoreThreadTimeOut(true);
    DiskScheduler diskScheduler =
        new DiskScheduler(
            disk,
            Math.max(1, config.diskThreads() / 2),
            DISK_QUEUE_PER_THREAD * config.diskThreads());
    this.context =
        new ServerContext(
            config,
            registry,
            new BlockResolver(registry, indexCache, config.nodeName(), config.maxIndexFileSize()),
            limiter,
            counters,
            listener,
            diskScheduler);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            1,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new DefaultThreadFactory("weft-shuffle-cleaner", true));
    this.cleaner = pool;
  }

  /**
   * Binds the port and starts serving.
   *
   * @return the bound port (the chosen one when the configured port is 0)
   * @throws IOException when the port cannot be bound; nothing is left running then
   * @throws IllegalStateException when already started or stopped
   */
  public synchronized int start() throws IOException {
    if (state != State.NEW) {
      throw new IllegalStateException("expected a new shuffle server to start, found " + state);
    }
    checkSecureDirectories();
    bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("weft-shuffle-accept", true));
    workerGroup =
        new NioEventLoopGroup(
            config.ioThreads(), new DefaultThreadFactory("weft-shuffle-io", true));
    channels = new DefaultChannelGroup("weft-shuffle", GlobalEventExecutor.INSTANCE);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.ALLOCATOR, allocator)
            .childOption(ChannelOption.ALLOCATOR, allocator)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(new Initializer());
    InetSocketAddress address =
        config.bindHost().isEmpty()
            ? new InetSocketAddress(config.port())
            : new InetSocketAddress(config.bindHost(), config.port());
    try {
      serverChannel = bootstrap.bind(address).syncUninterruptibly().channel();
    } catch (Exception e) {
      // Netty rethrows the checked BindException undeclared, so catch everything here.
      shutDownGroups();
      state = State.STOPPED;
      throw new IOException(
          "shuffle service cannot listen on " + address + ": " + e.getMessage(), e);
    }
    port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    state = State.RUNNING;
    LOG.log(
        Logger.Level.INFO,
        "Shuffle server state NEW -> RUNNING: listening on port {0} (protocol version {1}, {2})",
        Integer.toString(port),
        ShuffleProtocol.VERSION,
        config);
    return port;
  }

  /**
   * Files are opened without following links through {@link java.nio.file.SecureDirectoryStream},
   * which the JDK offers on Linux and other Unix systems; refuse to start without it.
   */
  private static void checkSecureDirectories() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tmp)) {
      if (!(dir instanceof SecureDirectoryStream)) {
        throw new IOException(
            "shuffle service cannot start: this platform gives no secure directory handles"
                + " (SecureDirectoryStream), needed to open shuffle files without following"
                + " links");
      }
    }
  }

  /** The bound port once started; -1 before. */
  public synchronized int port() {
    return port;
  }

  /**
   * Lets clients of {@code appId} authenticate with {@code secret}. Registering again replaces the
   * secret and keeps the application's executors.
   */
  public void registerApplication(String appId, byte[] secret) {
    registerApplication(appId, secret, List.of());
  }

  /**
   * Lets clients of {@code appId} authenticate with {@code secret}, and confines the application to
   * {@code allowedRoots}: every local dir its executors register must be inside one of them as
   * written and exist and resolve there; blocks are served, and its shuffle files deleted, only
   * through paths with no symbolic link below the server's allowed local dir that holds them (or
   * below the root, when no allowed local dir holds it). With no roots, the server-wide {@link
   * ShuffleServerConfig#allowedLocalDirs()} check applies instead (lexical, for servers outside
   * YARN), and no link is followed below the allowed local dir (or, with none, below the executor's
   * local dir). Registering again replaces the secret, keeps the application's executors, and keeps
   * its roots when none are given.
   *
   * @param allowedRoots absolute directories; they need not exist yet
   */
  public void registerApplication(String appId, byte[] secret, List<Path> allowedRoots) {
    registerApplication(appId, secret, allowedRoots, false);
  }

  /**
   * As {@link #registerApplication(String, byte[], List)}; with {@code encryptionRequired} the
   * server refuses every connection of the application that does not ask for encryption (the
   * handshake's ClientHello), and registering again replaces this requirement as well.
   */
  public void registerApplication(
      String appId, byte[] secret, List<Path> allowedRoots, boolean encryptionRequired) {
    registry.register(appId, secret, allowedRoots, encryptionRequired);
    LOG.log(
        Logger.Level.INFO,
        "Registered application {0} with allowed dirs {1}, encryption {2}",
        appId,
        allowedRoots.isEmpty() ? "of the server" : allowedRoots.toString(),
        encryptionRequired ? "required" : "optional");
  }

  /**
   * Forgets an application: its secret (no new connection authenticates), its executors, and its
   * cached indexes; then deletes its shuffle files from its executors' local dirs in the
   * background.
   *
   * @return completes when the files are deleted; completes exceptionally naming a file that could
   *     not be deleted; already complete when the application was unknown
   */
  public CompletableFuture<Void> removeApplication(String appId) {
    ApplicationRegistry.App app = registry.remove(appId);
    if (app == null) {
      LOG.log(Logger.Level.INFO, "Application {0} to remove was not registered", appId);
      return CompletableFuture.completedFuture(null);
    }
    Collection<RegisteredExecutor> executors = List.copyOf(app.executors.values());
    for (RegisteredExecutor executor : executors) {
      for (File dir : executor.layout().roots()) {
        indexCache.invalidateUnder(dir);
      }
    }
    List<RegisteredExecutor> others = registry.executorsOfOtherApps(appId);
    LOG.log(
        Logger.Level.INFO,
        "Removed application {0} with {1} executors; deleting its shuffle files",
        appId,
        executors.size());
    Runnable delete =
        () -> {
          try {
            AppFileCleaner.deleteShuffleFiles(registry, app, executors, others);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    try {
      return CompletableFuture.runAsync(delete, cleaner);
    } catch (RejectedExecutionException e) {
      // Stopped: delete on the caller's thread.
      return CompletableFuture.runAsync(delete, Runnable::run);
    }
  }

  /**
   * Records an executor's local dirs without the protocol, as a recovery store replays them after a
   * restart; the {@link RegistrationListener} is not told.
   *
   * @throws IllegalArgumentException when the application is not registered or a dir is not allowed
   */
  public void registerExecutor(RegisteredExecutor executor) {
    registry.addExecutor(executor);
  }

  /** The executors registered for {@code appId}; empty when the application is unknown. */
  public List<RegisteredExecutor> executors(String appId) {
    ApplicationRegistry.App app = registry.get(appId);
    return app == null ? List.of() : new ArrayList<>(app.executors.values());
  }

  /** The live counters. */
  public ShuffleServerMetrics metrics() {
    return counters;
  }

  /**
   * Stops serving: closes the port and every connection, stops every thread and waits for them (a
   * few seconds at most). Idempotent; registered state is dropped with the server.
   */
  @Override
  public synchronized void close() {
    if (state == State.STOPPED) {
      return;
    }
    State old = state;
    state = State.STOPPED;
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
    }
    if (channels != null) {
      channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    shutDownGroups();
    disk.shutdownNow();
    cleaner.shutdown();
    try {
      cleaner.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.log(
        Logger.Level.INFO,
        "Shuffle server state {0} -> STOPPED (port {1})",
        old,
        Integer.toString(port));
  }

  private void shutDownGroups() {
    for (EventLoopGroup group : new EventLoopGroup[] {bossGroup, workerGroup}) {
      if (group != null) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
    }
  }

  /** The pipeline of an accepted connection. */
  private final class Initializer extends ChannelInitializer<SocketChannel> {
    @Override
    protected void initChannel(SocketChannel ch) {
      channels.add(ch);
      ch.pipeline()
          .addLast("gate", new ConnectionGate(context))
          .addLast(
              "idle",
              new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
          .addLast(
              "frames",
              new FrameDecoder(ShuffleProtocol.MAX_HANDSHAKE_FRAME, "before authentication"))
          .addLast("messages", new MessageDecoder())
          .addLast("handshake", new HandshakeHandler(context));
    }
  }
}
