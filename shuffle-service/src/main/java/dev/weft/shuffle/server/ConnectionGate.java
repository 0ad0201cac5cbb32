package dev.weft.shuffle.server;

import dev.weft.shuffle.internal.Frames;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * First handler of every connection: admits it under the {@link ConnectionLimits} and keeps its
 * place in them until it closes (a handshake slot until it authenticates, then an application
 * slot). A connection beyond a limit is refused with an error frame; its output is shut down after
 * the frame, what the client sends is read and dropped (so the close does not reset the connection
 * under the unread frame), and it is closed when the client closes it or after the handshake
 * timeout.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {
  private final ServerContext server;
  private InetAddress address;
  private boolean admitted;
  private boolean handshaking;
  private String appId;
  private boolean refused;

  ConnectionGate(ServerContext server) {
    this.server = server;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    String refusal = server.limits.admit(address);
    if (refusal == null) {
      admitted = true;
      handshaking = true;
      ctx.fireChannelActive();
      return;
    }
    server.counters.refusedConnections.increment();
    refused = true;
    String message = "shuffle service on " + server.node() + " refuses the connection: " + refusal;
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

  /**
   * The connection authenticated for {@code app}: frees its handshake slot and takes one of the
   * application's.
   *
   * @return null when within the application's cap, else the refusal
   */
  String authenticated(String app) {
    endHandshake();
    String refusal = server.limits.authenticated(app);
    if (refusal == null) {
      appId = app;
    }
    return refusal;
  }

  private void endHandshake() {
    if (handshaking) {
      handshaking = false;
      server.limits.handshakeEnded(address);
    }
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
      ReferenceCountUtil.release(evt);
      if (!(evt instanceof ChannelOutputShutdownEvent)) {
        // The client closed its side (or reset): done. Our own output shutdown is not that.
        ctx.channel().close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (admitted) {
      admitted = false;
      endHandshake();
      if (appId != null) {
        server.limits.appConnectionClosed(appId);
      }
      server.limits.closed();
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
