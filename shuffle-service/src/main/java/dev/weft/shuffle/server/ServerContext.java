package dev.weft.shuffle.server;

import dev.weft.shuffle.internal.ByteLimiter;
import dev.weft.shuffle.internal.Frames;
import dev.weft.shuffle.internal.ProtocolException;
import dev.weft.shuffle.protocol.proto.Error;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;

/** What the server's channel handlers share: settings, state, limits and counters. */
final class ServerContext {
  private static final Logger LOG = System.getLogger(ShuffleServer.class.getName());

  final ShuffleServerConfig config;
  final ApplicationRegistry registry;
  final BlockResolver resolver;
  final ByteLimiter bytesInFlight;
  final ServerCounters counters;
  final RegistrationListener listener;
  final ConnectionLimits limits;

  /** Runs disk work (file opens, index reads, registrations); never the event loops. */
  final DiskScheduler disk;

  ServerContext(
      ShuffleServerConfig config,
      ApplicationRegistry registry,
      BlockResolver resolver,
      ByteLimiter bytesInFlight,
      ServerCounters counters,
      RegistrationListener listener,
      DiskScheduler disk) {
    this.config = config;
    this.limits = new ConnectionLimits(config, counters);
    this.disk = disk;
    this.registry = registry;
    this.resolver = resolver;
    this.bytesInFlight = bytesInFlight;
    this.counters = counters;
    this.listener = listener;
  }

  String node() {
    return config.nodeName();
  }

  /** Registers an executor that announced itself over the protocol, telling the listener first. */
  void registerFromClient(RegisteredExecutor executor) throws IOException {
    registry.checkDirs(executor);
    listener.executorRegistered(executor);
    registry.addExecutor(executor);
  }

  /** An error frame naming this node. */
  Error error(long requestId, ErrorCode code, String message, File file, boolean fatal) {
    Error.Builder b =
        Error.newBuilder()
            .setRequestId(requestId)
            .setCode(code)
            .setMessage(message)
            .setNode(node())
            .setFatal(fatal);
    if (file != null) {
      b.setFile(file.getPath());
    }
    return b.build();
  }

  /** Sends a request-level error; the connection stays open. */
  void sendError(ChannelHandlerContext ctx, long requestId, ErrorCode code, String msg, File file) {
    counters.errors.increment();
    ctx.writeAndFlush(Frames.encode(ctx.alloc(), error(requestId, code, msg, file, false)));
  }

  /**
   * Ends a connection after an exception in its pipeline: a frame that breaks the protocol gets an
   * error frame first; a network failure just closes.
   */
  void onException(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (c instanceof TooLongFrameException) {
      counters.errors.increment();
      sendFatal(
          ctx, ErrorCode.MALFORMED_MESSAGE, "shuffle service on " + node() + ": " + c.getMessage());
    } else if (c instanceof ProtocolException p) {
      counters.errors.increment();
      sendFatal(ctx, p.code(), p.getMessage());
    } else if (c instanceof IOException) {
      ctx.close();
    } else {
      counters.errors.increment();
      Object peer = ctx.channel().remoteAddress();
      LOG.log(
          Logger.Level.WARNING,
          () -> "Closing shuffle connection from " + peer + " after an internal error",
          c);
      sendFatal(
          ctx,
          ErrorCode.INTERNAL_ERROR,
          "internal error in the shuffle service on " + node() + ": " + c);
    }
  }

  /** Sends a connection-level error and closes the connection once it is written. */
  void sendFatal(ChannelHandlerContext ctx, ErrorCode code, String message) {
    if (!ctx.channel().isActive()) {
      return;
    }
    ctx.channel().config().setAutoRead(false);
    ctx.writeAndFlush(Frames.encode(ctx.alloc(), error(0, code, message, null, true)))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
