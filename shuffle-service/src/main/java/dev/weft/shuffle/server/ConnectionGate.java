package dev.weft.shuffle.server;

import dev.weft.shuffle.internal.Frames;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * First handler of every connection: counts open connections and refuses one beyond the limit with
 * an error frame. A refused connection's output is shut down after the frame, what the client sends
 * is read and dropped (so the close does not reset the connection under the unread frame), and the
 * connection is closed when the client closes it or after the handshake timeout.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {
  private final ServerContext server;
  private boolean admitted;
  private boolean refused;

  ConnectionGate(ServerContext server) {
    this.server = server;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long open = server.counters.openConnections.incrementAndGet();
    if (open <= server.config.maxConnections()) {
      admitted = true;
      ctx.fireChannelActive();
      return;
    }
    server.counters.openConnections.decrementAndGet();
    server.counters.refusedConnections.increment();
    refused = true;
    String message =
        "shuffle service on "
            + server.node()
            + " refuses the connection: "
            + server.config.maxConnections()
            + " connections are open, the configured maximum";
    ctx.writeAndFlush(
            Frames.encode(
                ctx.alloc(), server.error(0, ErrorCode.TOO_MANY_CONNECTIONS, message, null, true)))
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess() && f.channel() instanceof SocketChannel socket) {
                    socket.shutdownOutput();
                  } else {
                    f.channel().close();
                  }
                });
    ctx.executor()
        .schedule(
            () -> ctx.channel().close(),
            server.config.handshakeTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (refused) {
      // The client closed its side (or reset): done.
      ReferenceCountUtil.release(evt);
      ctx.channel().close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (admitted) {
      server.counters.openConnections.decrementAndGet();
      ctx.fireChannelInactive();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (refused) {
      ctx.channel().close();
    } else {
      ctx.fireExceptionCaught(cause);
    }
  }
}
