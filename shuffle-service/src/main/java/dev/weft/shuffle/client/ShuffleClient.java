package dev.weft.shuffle.client;

import dev.weft.shuffle.internal.ByteLimiter;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Fetches shuffle blocks from shuffle services, as one application. One authenticated connection
 * per service (host, port) is opened on first use and shared by every request to it. A request that
 * fails on a connection error is retried on a new connection after a wait that doubles each time.
 * Every block is checked against the CRC32C its map task recorded: a mismatching block is fetched
 * once more, and a second mismatch fails with {@link CorruptBlockException}. {@link #stream} reads
 * one block of any size as a {@link BlockInputStream} in bounded memory instead.
 *
 * <p>Thread-safe; every method returns at once with a future. Close the client to close its
 * connections (and its threads when it made its own).
 */
public final class ShuffleClient implements AutoCloseable {
  private final ShuffleClientConfig config;
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final Bootstrap bootstrap;
  private final ByteLimiter limiter;
  private final Map<String, CompletableFuture<ClientConnection>> connections =
      new ConcurrentHashMap<>();
  private final LongAccumulator maxUndecoded = new LongAccumulator(Math::max, 0);
  private volatile boolean closed;

  public ShuffleClient(ShuffleClientConfig config) {
    this.config = config;
    this.ownsGroup = config.eventLoopGroup() == null;
    this.group =
        ownsGroup
            ? new NioEventLoopGroup(
                config.ioThreads(), new DefaultThreadFactory("weft-shuffle-client", true))
            : config.eventLoopGroup();
    this.limiter = new ByteLimiter(config.maxBytesInFlight());
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
  }

  /**
   * Fetches blocks of one map output of the client's application.
   *
   * @see #fetch(String, int, FetchRequest)
   */
  public CompletableFuture<List<FetchedBlock>> fetch(
      String host,
      int port,
      String executorId,
      int shuffleId,
      int mapId,
      long mapOutputId,
      int... reduceIds) {
    return fetch(
        host,
        port,
        FetchRequest.of(config.appId(), executorId, shuffleId, mapId, mapOutputId, reduceIds));
  }

  /**
   * Fetches and verifies the blocks of {@code request} from the shuffle service at {@code
   * host:port}.
   *
   * @return the blocks in request order; fails with {@link ShuffleAuthException} when the client
   *     cannot authenticate, {@link CorruptBlockException} when a block mismatches its checksum
   *     twice, and {@link BlockFetchException} when the service refuses the request or stays
   *     unreachable
   */
  public CompletableFuture<List<FetchedBlock>> fetch(String host, int port, FetchRequest request) {
    String node = host + ":" + port;
    return withRetries(host, port, c -> c.fetch(request))
        .handle(
            (received, error) -> {
              if (error != null) {
                throw new CompletionException(asFetchFailure(node, request, unwrap(error)));
              }
              return received;
            })
        .thenCompose(received -> verify(host, port, request, received));
  }

  /**
   * Streams one block of one map output of the client's application.
   *
   * @see #stream(String, int, FetchRequest)
   */
  public CompletableFuture<BlockInputStream> stream(
      String host,
      int port,
      String executorId,
      int shuffleId,
      int mapId,
      long mapOutputId,
      int reduceId) {
    return stream(
        host,
        port,
        FetchRequest.of(config.appId(), executorId, shuffleId, mapId, mapOutputId, reduceId));
  }

  /**
   * Streams one block from the shuffle service at {@code host:port}: the future completes when the
   * block's first bytes are on their way, and the stream receives the rest as the caller reads, at
   * most {@link ShuffleClientConfig#streamBufferBytes} ahead. Blocks of any length (past 2 GiB too)
   * pass in bounded memory. Unlike {@link #fetch}, a corrupt block is not fetched again (its first
   * bytes may be consumed already): the stream's last read fails with {@link
   * CorruptBlockException}.
   *
   * @param request a request for exactly one block
   * @return the block's stream; fails with {@link ShuffleAuthException} or {@link
   *     BlockFetchException} as {@link #fetch} does
   */
  public CompletableFuture<BlockInputStream> stream(String host, int port, FetchRequest request) {
    if (request.size() != 1) {
      throw new IllegalArgumentException(
          "expected a request for one block to stream, found " + request);
    }
    String node = host + ":" + port;
    return withRetries(host, port, c -> c.stream(request))
        .handle(
            (stream, error) -> {
              if (error != null) {
                throw new CompletionException(asFetchFailure(node, request, unwrap(error)));
              }
              return stream;
            });
  }

  /**
   * Tells the shuffle service at {@code host:port} where executor {@code executorId} of the
   * client's application writes its map outputs.
   *
   * @return completes when the service has recorded it; fails with a {@link ShuffleException}
   */
  public CompletableFuture<Void> registerExecutor(
      String host, int port, String executorId, LocalDirLayout layout) {
    List<String> dirs = new ArrayList<>();
    for (File root : layout.roots()) {
      dirs.add(root.getAbsolutePath());
    }
    return withRetries(
        host, port, c -> c.registerExecutor(executorId, dirs, layout.subDirsPerRoot()));
  }

  private CompletableFuture<List<FetchedBlock>> verify(
      String host, int port, FetchRequest request, List<ReceivedBlock> received) {
    String node = host + ":" + port;
    FetchedBlock[] blocks = new FetchedBlock[request.size()];
    List<Integer> corrupt = new ArrayList<>();
    for (int i = 0; i < blocks.length; i++) {
      if (check(request.block(i), received.get(i), 1)) {
        blocks[i] = toBlock(request.block(i), received.get(i));
      } else {
        corrupt.add(i);
      }
    }
    if (corrupt.isEmpty()) {
      return CompletableFuture.completedFuture(List.of(blocks));
    }
    int[] ids = new int[corrupt.size()];
    for (int j = 0; j < ids.length; j++) {
      ids[j] = request.reduceId(corrupt.get(j));
    }
    FetchRequest again = request.withReduceIds(ids);
    return withRetries(host, port, c -> c.fetch(again))
        .handle(
            (refetched, error) -> {
              if (error != null) {
                throw new CompletionException(asFetchFailure(node, again, unwrap(error)));
              }
              for (int j = 0; j < ids.length; j++) {
                BlockId id = again.block(j);
                ReceivedBlock r = refetched.get(j);
                if (!check(id, r, 2)) {
                  throw new CompletionException(
                      new CorruptBlockException(
                          node, r.header().getFile(), request, id, r.header().getCrc32C(), crc(r)));
                }
                blocks[corrupt.get(j)] = toBlock(id, r);
              }
              return List.of(blocks);
            });
  }

  private boolean check(BlockId id, ReceivedBlock block, int attempt) {
    config.faultInjector().blockReceived(id, attempt, block.data());
    return crc(block) == block.header().getCrc32C();
  }

  private static int crc(ReceivedBlock block) {
    CRC32C crc = new CRC32C();
    crc.update(block.data());
    return (int) crc.getValue();
  }

  private static FetchedBlock toBlock(BlockId id, ReceivedBlock r) {
    return new FetchedBlock(id, ByteBuffer.wrap(r.data()).asReadOnlyBuffer());
  }

  private static BlockFetchException asFetchFailure(
      String node, FetchRequest request, Throwable error) {
    if (error instanceof BlockFetchException e) {
      return e;
    }
    ErrorCode code = error instanceof ShuffleException s ? s.code() : null;
    return new BlockFetchException(
        "Cannot fetch " + request + " from " + node + ": " + error.getMessage(),
        node,
        code,
        request,
        error);
  }

  /** Runs {@code op} on a connection, retrying on connection errors with a doubling wait. */
  private <T> CompletableFuture<T> withRetries(
      String host, int port, Function<ClientConnection, CompletableFuture<T>> op) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(host, port, op, 0, result);
    return result;
  }

  private <T> void attempt(
      String host,
      int port,
      Function<ClientConnection, CompletableFuture<T>> op,
      int retry,
      CompletableFuture<T> result) {
    connection(host, port)
        .thenCompose(op)
        .whenComplete(
            (value, error) -> {
              if (error == null) {
                result.complete(value);
                return;
              }
              Throwable cause = unwrap(error);
              if (retryable(cause) && retry < config.maxRetries() && !closed) {
                long wait =
                    Math.min(
                        config.maxRetryWait().toMillis(),
                        config.retryWait().toMillis() << Math.min(retry, 30));
                group.schedule(
                    () -> attempt(host, port, op, retry + 1, result), wait, TimeUnit.MILLISECONDS);
              } else {
                result.completeExceptionally(cause);
              }
            });
  }

  private static boolean retryable(Throwable t) {
    if (t instanceof ShuffleException s) {
      return s.code() == ErrorCode.TOO_MANY_CONNECTIONS;
    }
    return t instanceof IOException;
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The authenticated connection to {@code host:port}, opened when there is none. */
  private CompletableFuture<ClientConnection> connection(String host, int port) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new ShuffleException("shuffle client is closed", host + ":" + port, null, null));
    }
    String key = host + ":" + port;
    return connections.compute(
        key,
        (k, existing) -> {
          if (existing != null
              && (!existing.isDone()
                  || (!existing.isCompletedExceptionally() && existing.join().isActive()))) {
            return existing;
          }
          return connect(host, port, k);
        });
  }

  private CompletableFuture<ClientConnection> connect(String host, int port, String node) {
    ClientConnection handler =
        new ClientConnection(
            node,
            config.appId(),
            config.secret(),
            config.encrypt(),
            Math.min(config.streamBufferBytes(), config.maxBytesInFlight()));
    CompletableFuture<ClientConnection> ready = handler.ready();
    ChannelFuture connect =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new IdleStateHandler(
                                config.requestTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                        .addLast(
                            "frames",
                            new ClientFrameDecoder(
                                config.maxFrameSize(), limiter, handler::streamFor, maxUndecoded))
                        .addLast(handler);
                  }
                })
            .connect(host, port);
    connect.addListener(
        (ChannelFutureListener)
            f -> {
              if (!f.isSuccess()) {
                ready.completeExceptionally(
                    new IOException(
                        "cannot connect to shuffle service at " + node + ": " + f.cause(),
                        f.cause()));
              } else {
                f.channel().closeFuture().addListener(c -> connections.remove(node, ready));
              }
            });
    return ready;
  }

  /**
   * The most bytes any connection has held received and not yet decoded (a partial frame, or bytes
   * of a block waiting for room): bounded by a few network reads however large the blocks are.
   */
  public long maxUndecodedBytes() {
    return maxUndecoded.get();
  }

  /**
   * Closes every connection, failing their pending requests, and stops the client's own threads.
   */
  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<ClientConnection> c : connections.values()) {
      c.thenAccept(ClientConnection::close);
    }
    connections.clear();
    if (ownsGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }
}
