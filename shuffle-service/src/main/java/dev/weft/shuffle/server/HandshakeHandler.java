package dev.weft.shuffle.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.weft.auth.FrameCipher;
import dev.weft.shuffle.internal.FrameDecoder;
import dev.weft.shuffle.internal.Frames;
import dev.weft.shuffle.internal.HandshakeCrypto;
import dev.weft.shuffle.internal.OpeningDecoder;
import dev.weft.shuffle.internal.SealingHandler;
import dev.weft.shuffle.protocol.MessageType;
import dev.weft.shuffle.protocol.ShuffleProtocol;
import dev.weft.shuffle.protocol.proto.AuthOk;
import dev.weft.shuffle.protocol.proto.AuthResponse;
import dev.weft.shuffle.protocol.proto.ClientHello;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import dev.weft.shuffle.protocol.proto.ServerChallenge;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Authenticates a connection: ClientHello (version, application, nonce), ServerChallenge,
 * AuthResponse (the client's HMAC proof), AuthOk (the server's proof). Until then frames are
 * limited to the handshake's size; on success the connection takes a place under its application's
 * cap, its frame limit is raised and it is handed to a {@link RequestHandler} for that application;
 * any failure is a fatal error frame.
 *
 * <p>When the client asks for encryption in its ClientHello (it must when its application was
 * registered as requiring it), everything after AuthOk is encrypted both ways: see {@link
 * SealingHandler} and {@link OpeningDecoder}.
 */
final class HandshakeHandler extends SimpleChannelInboundHandler<MessageLite> {
  private final ServerContext server;
  private ScheduledFuture<?> timeout;
  private String appId;
  private byte[] secret;
  private byte[] clientNonce;
  private byte[] serverNonce;
  private boolean encrypt;

  HandshakeHandler(ServerContext server) {
    this.server = server;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long millis = server.config.handshakeTimeout().toMillis();
    timeout =
        ctx.executor()
            .schedule(
                () -> {
                  server.counters.authFailures.increment();
                  server.sendFatal(
                      ctx,
                      ErrorCode.HANDSHAKE_TIMEOUT,
                      "expected authentication within " + millis + " ms, found none");
                },
                millis,
                TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelTimeout();
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, MessageLite msg) {
    if (msg instanceof ClientHello hello && appId == null) {
      onHello(ctx, hello);
    } else if (msg instanceof AuthResponse response && serverNonce != null) {
      onResponse(ctx, response);
    } else {
      server.counters.authFailures.increment();
      server.sendFatal(
          ctx,
          ErrorCode.NOT_AUTHENTICATED,
          "expected "
              + (appId == null ? MessageType.CLIENT_HELLO : MessageType.AUTH_RESPONSE)
              + " to authenticate the connection, found "
              + MessageType.of(msg));
    }
  }

  private void onHello(ChannelHandlerContext ctx, ClientHello hello) {
    if (hello.getProtocolVersion() != ShuffleProtocol.VERSION) {
      refuse(
          ctx,
          ErrorCode.UNSUPPORTED_VERSION,
          "expected shuffle protocol version "
              + ShuffleProtocol.VERSION
              + ", found "
              + hello.getProtocolVersion());
      return;
    }
    if (hello.getClientNonce().size() != HandshakeCrypto.NONCE_BYTES) {
      refuse(
          ctx,
          ErrorCode.MALFORMED_MESSAGE,
          "expected a client nonce of "
              + HandshakeCrypto.NONCE_BYTES
              + " bytes, found "
              + hello.getClientNonce().size());
      return;
    }
    ApplicationRegistry.App app = server.registry.get(hello.getAppId());
    if (app == null) {
      refuse(
          ctx,
          ErrorCode.UNKNOWN_APPLICATION,
          "application '"
              + hello.getAppId()
              + "' is not registered with the shuffle service on "
              + server.node());
      return;
    }
    if (app.encryptionRequired && !hello.getEncrypt()) {
      refuse(
          ctx,
          ErrorCode.ENCRYPTION_REQUIRED,
          "application "
              + hello.getAppId()
              + " requires encrypted shuffle connections (weft.shuffle.encryption.enabled) on "
              + server.node()
              + ", found a client that does not encrypt");
      return;
    }
    appId = hello.getAppId();
    secret = app.secret;
    encrypt = hello.getEncrypt();
    clientNonce = hello.getClientNonce().toByteArray();
    serverNonce = HandshakeCrypto.newNonce();
    ctx.writeAndFlush(
        Frames.encode(
            ctx.alloc(),
            ServerChallenge.newBuilder()
                .setProtocolVersion(ShuffleProtocol.VERSION)
                .setServerNonce(ByteString.copyFrom(serverNonce))
                .build()));
  }

  private void onResponse(ChannelHandlerContext ctx, AuthResponse response) {
    byte[] expected =
        HandshakeCrypto.clientProof(
            secret, ShuffleProtocol.VERSION, appId, clientNonce, serverNonce, encrypt);
    if (!HandshakeCrypto.matches(expected, response.getClientProof().toByteArray())) {
      refuse(
          ctx,
          ErrorCode.AUTHENTICATION_FAILED,
          "authentication for application "
              + appId
              + " failed on "
              + server.node()
              + ": the client's proof does not match the application's secret");
      return;
    }
    FrameDecoder frames = ctx.pipeline().get(FrameDecoder.class);
    if (encrypt && frames.buffered() > 0) {
      refuse(
          ctx,
          ErrorCode.MALFORMED_MESSAGE,
          "expected nothing from the client before AuthOk on an encrypted connection, found "
              + frames.buffered()
              + " bytes");
      return;
    }
    cancelTimeout();
    String refusal = ctx.pipeline().get(ConnectionGate.class).authenticated(appId);
    if (refusal != null) {
      server.counters.refusedConnections.increment();
      server.sendFatal(
          ctx,
          ErrorCode.TOO_MANY_CONNECTIONS,
          "shuffle service on " + server.node() + " refuses the connection: " + refusal);
      return;
    }
    frames.raiseLimit(server.config.maxFrameSize(), "after authentication");
    byte[] proof =
        HandshakeCrypto.serverProof(
            secret, ShuffleProtocol.VERSION, appId, clientNonce, serverNonce, encrypt);
    ctx.writeAndFlush(
        Frames.encode(
            ctx.alloc(), AuthOk.newBuilder().setServerProof(ByteString.copyFrom(proof)).build()));
    if (encrypt) {
      // AuthOk is written already (this is the event loop): from here on both ways are encrypted.
      byte[] session =
          HandshakeCrypto.sessionKey(
              secret, ShuffleProtocol.VERSION, appId, clientNonce, serverNonce);
      ctx.pipeline()
          .addFirst(
              "open",
              new OpeningDecoder(
                  FrameCipher.opening(session, "client"),
                  "client " + ctx.channel().remoteAddress() + " of " + appId));
      ctx.pipeline().addFirst("seal", new SealingHandler(FrameCipher.sealing(session, "server")));
    }
    ctx.pipeline().replace(this, "requests", new RequestHandler(server, appId));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    cancelTimeout();
    server.onException(ctx, cause);
  }

  private void refuse(ChannelHandlerContext ctx, ErrorCode code, String message) {
    cancelTimeout();
    server.counters.authFailures.increment();
    server.sendFatal(ctx, code, message);
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}
