package dev.weft.shuffle.server;

import com.google.protobuf.MessageLite;
import dev.weft.shuffle.internal.Frames;
import dev.weft.shuffle.protocol.MessageType;
import dev.weft.shuffle.protocol.proto.Ack;
import dev.weft.shuffle.protocol.proto.BlockHeader;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import dev.weft.shuffle.protocol.proto.FetchBlocks;
import dev.weft.shuffle.protocol.proto.RegisterExecutor;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Serves the requests of one authenticated connection, in order. Requests are queued; the disk work
 * of each (opening a map output and reading its index, recording a registration) runs on the
 * server's disk threads, and its result comes back to this connection's event loop, so a slow disk
 * never stalls the network threads. A fetch's blocks are then sent one by one, each as a header
 * frame followed by zero-copy regions of the data file of at most {@link #REGION_BYTES} each. Each
 * region reserves its bytes from the server's bytes in flight, and a connection has at most {@link
 * #MAX_REGIONS_PER_CONNECTION} regions unsent, so a block of any size, read slowly by its client,
 * holds a bounded share of the limit. While the bytes in flight are over the limit the connection
 * stops reading requests and resumes when sent bytes free room.
 */
final class RequestHandler extends SimpleChannelInboundHandler<MessageLite> {
  /** Queued requests beyond which the connection stops reading more. */
  private static final int MAX_QUEUED_REQUESTS = 16;

  /** The most bytes of a block sent as one zero-copy region. */
  static final long REGION_BYTES = 1 << 20;

  /** The most regions of a connection written and not yet sent. */
  static final int MAX_REGIONS_PER_CONNECTION = 4;

  private final ServerContext server;
  private final String appId;
  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  private boolean waitingForCapacity;
  private boolean waitingForDisk;
  private int unsentRegions;

  /**
   * A queued request: a fetch (its open file once resolved, and the next block) or a registration
   * (done once its disk work is).
   */
  private static final class Request {
    final FetchBlocks fetch;
    final RegisterExecutor register;
    BlockResolver.OpenedMapOutput output;
    boolean registered;
    int next;
    boolean headerSent;
    long sentOfBlock;

    Request(FetchBlocks fetch, RegisterExecutor register) {
      this.fetch = fetch;
      this.register = register;
    }

    long requestId() {
      return fetch != null ? fetch.getRequestId() : register.getRequestId();
    }
  }

  /** What the disk work of a request gave: an error to send, or nothing. */
  private record DiskResult(BlockResolver.OpenedMapOutput output, RequestException error) {}

  RequestHandler(ServerContext server, String appId) {
    this.server = server;
    this.appId = appId;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, MessageLite msg) {
    if (msg instanceof FetchBlocks fetch) {
      if (authorized(ctx, fetch.getRequestId(), fetch.getAppId())) {
        queue.add(new Request(fetch, null));
        serve(ctx);
      }
    } else if (msg instanceof RegisterExecutor register) {
      if (authorized(ctx, register.getRequestId(), register.getAppId())) {
        queue.add(new Request(null, register));
        serve(ctx);
      }
    } else {
      server.counters.errors.increment();
      server.sendFatal(
          ctx,
          ErrorCode.UNKNOWN_MESSAGE_TYPE,
          "expected "
              + MessageType.FETCH_BLOCKS
              + " or "
              + MessageType.REGISTER_EXECUTOR
              + " after authentication, found "
              + MessageType.of(msg));
    }
  }

  private boolean authorized(ChannelHandlerContext ctx, long requestId, String requestedApp) {
    if (appId.equals(requestedApp)) {
      return true;
    }
    server.sendError(
        ctx,
        requestId,
        ErrorCode.NOT_AUTHORIZED,
        "connection authenticated for application "
            + appId
            + " may not access application '"
            + requestedApp
            + "'",
        null);
    return false;
  }

  /** The disk work of a registration: checks the dirs and records the executor. */
  private DiskResult register(RegisterExecutor msg) {
    try {
      RegisteredExecutor executor =
          new RegisteredExecutor(
              appId, msg.getExecutorId(), msg.getLocalDirsList(), msg.getSubDirsPerDir());
      server.registerFromClient(executor);
      return new DiskResult(null, null);
    } catch (IllegalArgumentException e) {
      return new DiskResult(
          null, new RequestException(ErrorCode.INVALID_REQUEST, e.getMessage(), null));
    } catch (IOException e) {
      return new DiskResult(
          null,
          new RequestException(
              ErrorCode.INTERNAL_ERROR,
              "cannot record the registration of executor "
                  + msg.getExecutorId()
                  + " on "
                  + server.node()
                  + ": "
                  + e.getMessage(),
              null));
    }
  }

  /** The disk work of a fetch: opens the map output. */
  private DiskResult open(FetchBlocks fetch) {
    try {
      return new DiskResult(server.resolver.open(fetch), null);
    } catch (RequestException e) {
      return new DiskResult(null, e);
    }
  }

  /**
   * Serves queued requests in order until the queue is empty, the head waits for the disk, or the
   * bytes in flight reach the limit.
   */
  private void serve(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!queue.isEmpty() && ctx.channel().isActive() && !waitingForDisk) {
      Request request = queue.peek();
      if (request.register != null) {
        if (!request.registered) {
          startDiskWork(ctx, request, () -> register(request.register));
          continue;
        }
        queue.poll();
        ctx.write(
            Frames.encode(ctx.alloc(), Ack.newBuilder().setRequestId(request.requestId()).build()));
        wrote = true;
        continue;
      }
      if (request.output == null) {
        startDiskWork(ctx, request, () -> open(request.fetch));
        continue;
      }
      if (request.next == request.fetch.getReduceIdsCount()) {
        queue.poll();
        request.output.file().release();
        continue;
      }
      int reduceId = request.fetch.getReduceIds(request.next);
      long offset = request.output.index().offset(reduceId);
      long length = request.output.index().length(reduceId);
      if (!request.headerSent) {
        sendHeader(ctx, request, reduceId, length);
        request.headerSent = true;
        wrote = true;
      }
      if (request.sentOfBlock < length) {
        if (unsentRegions >= MAX_REGIONS_PER_CONNECTION) {
          break; // resumed when a region is sent
        }
        long n = Math.min(REGION_BYTES, length - request.sentOfBlock);
        if (!server.bytesInFlight.tryAcquire(n)) {
          waitForCapacity(ctx);
          break;
        }
        boolean last = request.sentOfBlock + n == length;
        sendRegion(ctx, request, offset + request.sentOfBlock, n, last);
        request.sentOfBlock += n;
        wrote = true;
      }
      if (request.sentOfBlock == length) {
        request.next++;
        request.headerSent = false;
        request.sentOfBlock = 0;
      }
    }
    if (wrote) {
      ctx.flush();
    }
    if (!waitingForCapacity) {
      ctx.channel().config().setAutoRead(queue.size() < MAX_QUEUED_REQUESTS);
    }
  }

  /**
   * Runs {@code work} on a disk thread and continues serving with its result on this connection's
   * event loop; a full disk queue refuses the request at once.
   */
  private void startDiskWork(
      ChannelHandlerContext ctx, Request request, Supplier<DiskResult> work) {
    waitingForDisk = true;
    try {
      server.disk.submit(
          appId,
          () -> {
            DiskResult result;
            try {
              result = work.get();
            } catch (RuntimeException e) {
              result =
                  new DiskResult(
                      null,
                      new RequestException(
                          ErrorCode.INTERNAL_ERROR,
                          "internal error in the shuffle service on " + server.node() + ": " + e,
                          null));
            }
            DiskResult done = result;
            try {
              ctx.executor().execute(() -> diskWorkDone(ctx, request, done));
            } catch (RejectedExecutionException stopped) {
              release(done);
            }
          });
    } catch (RejectedExecutionException e) {
      diskWorkDone(
          ctx,
          request,
          new DiskResult(
              null,
              new RequestException(
                  ErrorCode.INTERNAL_ERROR,
                  "shuffle service on "
                      + server.node()
                      + " is busy: its disk queue is full; retry later",
                  null)));
    }
  }

  private void diskWorkDone(ChannelHandlerContext ctx, Request request, DiskResult result) {
    waitingForDisk = false;
    if (queue.peek() != request || !ctx.channel().isActive()) {
      // The connection closed (and its queue was released) while the disk work ran.
      release(result);
      return;
    }
    if (result.error() != null) {
      queue.poll();
      RequestException e = result.error();
      server.sendError(ctx, request.requestId(), e.code(), e.getMessage(), e.file());
    } else if (request.register != null) {
      request.registered = true;
    } else {
      request.output = result.output();
    }
    serve(ctx);
  }

  private static void release(DiskResult result) {
    if (result.output() != null) {
      result.output().file().release();
    }
  }

  private void sendHeader(ChannelHandlerContext ctx, Request request, int reduceId, long length) {
    BlockHeader header =
        BlockHeader.newBuilder()
            .setRequestId(request.fetch.getRequestId())
            .setReduceId(reduceId)
            .setLength(length)
            .setCrc32C(request.output.index().checksum(reduceId))
            .setFile(request.output.dataFile().getPath())
            .build();
    ServerCounters counters = server.counters;
    if (length == 0) {
      ctx.write(Frames.encode(ctx.alloc(), header))
          .addListener(
              (ChannelFutureListener)
                  f -> {
                    if (f.isSuccess()) {
                      counters.blocksServed.increment();
                    }
                  });
      return;
    }
    ctx.write(Frames.encode(ctx.alloc(), header), ctx.voidPromise());
  }

  /** Sends {@code count} bytes of the block being sent; the last region completes the block. */
  private void sendRegion(
      ChannelHandlerContext ctx, Request request, long position, long count, boolean last) {
    ServerCounters counters = server.counters;
    unsentRegions++;
    ctx.write(request.output.file().region(position, count))
        .addListener(
            (ChannelFutureListener)
                f -> {
                  server.bytesInFlight.release(count);
                  if (f.isSuccess()) {
                    counters.bytesServed.add(count);
                    if (last) {
                      counters.blocksServed.increment();
                    }
                  }
                  unsentRegions--;
                  if (unsentRegions == MAX_REGIONS_PER_CONNECTION - 1 && !waitingForCapacity) {
                    ctx.executor().execute(() -> serve(ctx)); // not inside the flush that sent it
                  }
                });
  }

  private void waitForCapacity(ChannelHandlerContext ctx) {
    waitingForCapacity = true;
    ctx.channel().config().setAutoRead(false);
    server.bytesInFlight.onCapacity(() -> ctx.executor().execute(() -> resume(ctx)));
  }

  private void resume(ChannelHandlerContext ctx) {
    waitingForCapacity = false;
    if (ctx.channel().isActive()) {
      serve(ctx);
    } else {
      releaseQueue();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseQueue();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    server.onException(ctx, cause);
  }

  private void releaseQueue() {
    Request request;
    while ((request = queue.poll()) != null) {
      if (request.output != null) {
        request.output.file().release();
      }
    }
  }
}
