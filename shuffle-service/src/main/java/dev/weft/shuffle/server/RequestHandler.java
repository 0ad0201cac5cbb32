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

/**
 * Serves the requests of one authenticated connection, in order. Fetches are queued and their
 * blocks sent one by one, each as a header frame followed by a zero-copy region of the data file.
 * While the server's bytes in flight are over the limit the connection stops reading requests and
 * resumes when sent bytes free room.
 */
final class RequestHandler extends SimpleChannelInboundHandler<MessageLite> {
  /** Queued fetches beyond which the connection stops reading more requests. */
  private static final int MAX_QUEUED_FETCHES = 16;

  private final ServerContext server;
  private final String appId;
  private final ArrayDeque<Fetch> queue = new ArrayDeque<>();
  private boolean waitingForCapacity;

  /** A fetch being served: its request, its open file once resolved, and the next block. */
  private static final class Fetch {
    final FetchBlocks request;
    BlockResolver.OpenedMapOutput output;
    int next;

    Fetch(FetchBlocks request) {
      this.request = request;
    }
  }

  RequestHandler(ServerContext server, String appId) {
    this.server = server;
    this.appId = appId;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, MessageLite msg) {
    if (msg instanceof FetchBlocks fetch) {
      if (authorized(ctx, fetch.getRequestId(), fetch.getAppId())) {
        queue.add(new Fetch(fetch));
        serve(ctx);
      }
    } else if (msg instanceof RegisterExecutor register) {
      if (authorized(ctx, register.getRequestId(), register.getAppId())) {
        register(ctx, register);
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

  private void register(ChannelHandlerContext ctx, RegisterExecutor msg) {
    RegisteredExecutor executor;
    try {
      executor =
          new RegisteredExecutor(
              appId, msg.getExecutorId(), msg.getLocalDirsList(), msg.getSubDirsPerDir());
      server.registerFromClient(executor);
    } catch (IllegalArgumentException e) {
      server.sendError(ctx, msg.getRequestId(), ErrorCode.INVALID_REQUEST, e.getMessage(), null);
      return;
    } catch (IOException e) {
      server.sendError(
          ctx,
          msg.getRequestId(),
          ErrorCode.INTERNAL_ERROR,
          "cannot record the registration of executor "
              + msg.getExecutorId()
              + " on "
              + server.node()
              + ": "
              + e.getMessage(),
          null);
      return;
    }
    ctx.writeAndFlush(
        Frames.encode(ctx.alloc(), Ack.newBuilder().setRequestId(msg.getRequestId()).build()));
  }

  /** Sends queued blocks until the queue is empty or the bytes in flight reach the limit. */
  private void serve(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!queue.isEmpty() && ctx.channel().isActive()) {
      Fetch fetch = queue.peek();
      if (fetch.output == null) {
        try {
          fetch.output = server.resolver.open(fetch.request);
        } catch (RequestException e) {
          queue.poll();
          server.sendError(ctx, fetch.request.getRequestId(), e.code(), e.getMessage(), e.file());
          continue;
        }
      }
      if (fetch.next == fetch.request.getReduceIdsCount()) {
        queue.poll();
        fetch.output.file().release();
        continue;
      }
      int reduceId = fetch.request.getReduceIds(fetch.next);
      long offset = fetch.output.index().offset(reduceId);
      long length = fetch.output.index().length(reduceId);
      if (length > 0 && !server.bytesInFlight.tryAcquire(length)) {
        waitForCapacity(ctx);
        break;
      }
      fetch.next++;
      sendBlock(ctx, fetch, reduceId, offset, length);
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
    }
    if (!waitingForCapacity) {
      ctx.channel().config().setAutoRead(queue.size() < MAX_QUEUED_FETCHES);
    }
  }

  private void sendBlock(
      ChannelHandlerContext ctx, Fetch fetch, int reduceId, long offset, long length) {
    BlockHeader header =
        BlockHeader.newBuilder()
            .setRequestId(fetch.request.getRequestId())
            .setReduceId(reduceId)
            .setLength(length)
            .setCrc32C(fetch.output.index().checksum(reduceId))
            .setFile(fetch.output.dataFile().getPath())
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
    ctx.write(fetch.output.file().region(offset, length))
        .addListener(
            (ChannelFutureListener)
                f -> {
                  server.bytesInFlight.release(length);
                  if (f.isSuccess()) {
                    counters.blocksServed.increment();
                    counters.bytesServed.add(length);
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
    Fetch fetch;
    while ((fetch = queue.poll()) != null) {
      if (fetch.output != null) {
        fetch.output.file().release();
      }
    }
  }
}
