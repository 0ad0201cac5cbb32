package dev.weft.shuffle.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.weft.auth.FrameCipher;
import dev.weft.shuffle.internal.Frames;
import dev.weft.shuffle.internal.HandshakeCrypto;
import dev.weft.shuffle.internal.OpeningDecoder;
import dev.weft.shuffle.internal.SealingHandler;
import dev.weft.shuffle.protocol.ShuffleProtocol;
import dev.weft.shuffle.protocol.proto.Ack;
import dev.weft.shuffle.protocol.proto.AuthOk;
import dev.weft.shuffle.protocol.proto.AuthResponse;
import dev.weft.shuffle.protocol.proto.BlockHeader;
import dev.weft.shuffle.protocol.proto.ClientHello;
import dev.weft.shuffle.protocol.proto.Error;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import dev.weft.shuffle.protocol.proto.FetchBlocks;
import dev.weft.shuffle.protocol.proto.RegisterExecutor;
import dev.weft.shuffle.protocol.proto.ServerChallenge;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to a shuffle service: authenticates on connect, then carries any number of
 * concurrent requests, matched to their answers by request id. All state is confined to the
 * connection's event loop. An encrypting connection asks for encryption in its hello and, once the
 * server has proved itself, encrypts and decrypts everything after the handshake.
 */
final class ClientConnection extends SimpleChannelInboundHandler<Object> {
  private static final Set<ErrorCode> AUTH_CODES =
      Set.of(
          ErrorCode.UNKNOWN_APPLICATION,
          ErrorCode.AUTHENTICATION_FAILED,
          ErrorCode.UNSUPPORTED_VERSION,
          ErrorCode.NOT_AUTHENTICATED,
          ErrorCode.HANDSHAKE_TIMEOUT,
          ErrorCode.ENCRYPTION_REQUIRED);

  private final String node;
  private final String appId;
  private final byte[] secret;
  private final boolean encrypt;
  private final long streamBufferBytes;
  private final CompletableFuture<ClientConnection> ready = new CompletableFuture<>();
  private final Map<Long, Pending> pending = new HashMap<>();
  private Channel channel;
  private byte[] clientNonce;
  private byte[] serverNonce;
  private long nextRequestId = 1;
  private IOException closeCause;

  /** A request waiting for its answer. */
  private static final class Pending {
    final FetchRequest fetch;
    final List<ReceivedBlock> blocks = new ArrayList<>();
    final CompletableFuture<List<ReceivedBlock>> fetched;
    final CompletableFuture<Void> acked;
    final CompletableFuture<BlockInputStream> streamed;

    Pending(FetchRequest fetch, CompletableFuture<List<ReceivedBlock>> fetched) {
      this(fetch, fetched, null, null);
    }

    Pending(CompletableFuture<Void> acked) {
      this(null, null, acked, null);
    }

    private Pending(
        FetchRequest fetch,
        CompletableFuture<List<ReceivedBlock>> fetched,
        CompletableFuture<Void> acked,
        CompletableFuture<BlockInputStream> streamed) {
      this.fetch = fetch;
      this.fetched = fetched;
      this.acked = acked;
      this.streamed = streamed;
    }

    static Pending stream(FetchRequest fetch, CompletableFuture<BlockInputStream> streamed) {
      return new Pending(fetch, null, null, streamed);
    }

    void fail(Throwable t) {
      if (streamed != null) {
        streamed.completeExceptionally(t);
      } else if (fetched != null) {
        fetched.completeExceptionally(t);
      } else {
        acked.completeExceptionally(t);
      }
    }
  }

  ClientConnection(
      String node, String appId, byte[] secret, boolean encrypt, long streamBufferBytes) {
    this.node = node;
    this.appId = appId;
    this.secret = secret;
    this.encrypt = encrypt;
    this.streamBufferBytes = streamBufferBytes;
  }

  /** Completes when the connection is authenticated; fails when it cannot be. */
  CompletableFuture<ClientConnection> ready() {
    return ready;
  }

  String node() {
    return node;
  }

  boolean isActive() {
    return channel != null && channel.isActive();
  }

  void close() {
    if (channel != null) {
      channel.close();
    }
  }

  /** Sends a fetch; completes with the blocks in request order, unverified. */
  CompletableFuture<List<ReceivedBlock>> fetch(FetchRequest request) {
    CompletableFuture<List<ReceivedBlock>> result = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              long id = nextRequestId++;
              send(id, new Pending(request, result), fetchMessage(id, request));
            });
    return result;
  }

  /**
   * Sends a fetch of one block; completes with its stream when the block's header arrives (its
   * bytes follow into the stream).
   */
  CompletableFuture<BlockInputStream> stream(FetchRequest request) {
    CompletableFuture<BlockInputStream> result = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              long id = nextRequestId++;
              send(id, Pending.stream(request, result), fetchMessage(id, request));
            });
    return result;
  }

  private static FetchBlocks fetchMessage(long id, FetchRequest request) {
    FetchBlocks.Builder msg =
        FetchBlocks.newBuilder()
            .setRequestId(id)
            .setAppId(request.appId())
            .setExecutorId(request.executorId())
            .setShuffleId(request.shuffleId())
            .setMapId(request.mapId())
            .setMapOutputId(request.mapOutputId());
    for (int i = 0; i < request.size(); i++) {
      msg.addReduceIds(request.reduceId(i));
    }
    return msg.build();
  }

  /**
   * The stream of the block this header announces when its request streams (the request is then
   * answered), else null. Called by the frame decoder on the event loop.
   */
  BlockInputStream streamFor(BlockHeader header) {
    Pending p = pending.get(header.getRequestId());
    if (p == null || p.streamed == null) {
      return null;
    }
    pending.remove(header.getRequestId());
    BlockInputStream stream =
        new BlockInputStream(
            p.fetch,
            node,
            header.getFile(),
            header.getLength(),
            header.getCrc32C(),
            streamBufferBytes);
    p.streamed.complete(stream);
    return stream;
  }

  /** Registers an executor's dirs; completes when the server acknowledges. */
  CompletableFuture<Void> registerExecutor(String executorId, List<String> dirs, int subDirs) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              long id = nextRequestId++;
              RegisterExecutor msg =
                  RegisterExecutor.newBuilder()
                      .setRequestId(id)
                      .setAppId(appId)
                      .setExecutorId(executorId)
                      .addAllLocalDirs(dirs)
                      .setSubDirsPerDir(subDirs)
                      .build();
              send(id, new Pending(result), msg);
            });
    return result;
  }

  private void send(long id, Pending p, MessageLite msg) {
    if (!channel.isActive()) {
      p.fail(closedCause());
      return;
    }
    pending.put(id, p);
    channel
        .writeAndFlush(Frames.encode(channel.alloc(), msg))
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess() && pending.remove(id) != null) {
                    p.fail(new IOException("cannot send to " + node + ": " + f.cause(), f.cause()));
                  }
                });
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    clientNonce = HandshakeCrypto.newNonce();
    ctx.writeAndFlush(
        Frames.encode(
            ctx.alloc(),
            ClientHello.newBuilder()
                .setProtocolVersion(ShuffleProtocol.VERSION)
                .setAppId(appId)
                .setClientNonce(ByteString.copyFrom(clientNonce))
                .setEncrypt(encrypt)
                .build()));
    ctx.fireChannelActive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ReceivedBlock block) {
      onBlock(block);
    } else if (msg instanceof Ack ack) {
      Pending p = pending.remove(ack.getRequestId());
      if (p != null && p.acked != null) {
        p.acked.complete(null);
      }
    } else if (msg instanceof Error error) {
      onError(ctx, error);
    } else if (msg instanceof ServerChallenge challenge && serverNonce == null) {
      onChallenge(ctx, challenge);
    } else if (msg instanceof AuthOk ok && serverNonce != null && !ready.isDone()) {
      byte[] expected =
          HandshakeCrypto.serverProof(
              secret, ShuffleProtocol.VERSION, appId, clientNonce, serverNonce, encrypt);
      if (HandshakeCrypto.matches(expected, ok.getServerProof().toByteArray())) {
        if (encrypt && !startEncryption(ctx)) {
          return;
        }
        ready.complete(this);
      } else {
        fail(
            ctx,
            new ShuffleAuthException(
                "Shuffle service at "
                    + node
                    + " could not prove it knows the secret of application "
                    + appId,
                node,
                ErrorCode.AUTHENTICATION_FAILED));
      }
    } else {
      fail(
          ctx,
          new ShuffleException(
              "Unexpected " + msg.getClass().getSimpleName() + " from shuffle service at " + node,
              node,
              ErrorCode.MALFORMED_MESSAGE,
              null));
    }
  }

  private void onChallenge(ChannelHandlerContext ctx, ServerChallenge challenge) {
    if (challenge.getProtocolVersion() != ShuffleProtocol.VERSION) {
      fail(
          ctx,
          new ShuffleAuthException(
              "Shuffle service at "
                  + node
                  + " speaks protocol version "
                  + challenge.getProtocolVersion()
                  + ", expected "
                  + ShuffleProtocol.VERSION,
              node,
              ErrorCode.UNSUPPORTED_VERSION));
      return;
    }
    serverNonce = challenge.getServerNonce().toByteArray();
    byte[] proof =
        HandshakeCrypto.clientProof(
            secret, ShuffleProtocol.VERSION, appId, clientNonce, serverNonce, encrypt);
    ctx.writeAndFlush(
        Frames.encode(
            ctx.alloc(),
            AuthResponse.newBuilder().setClientProof(ByteString.copyFrom(proof)).build()));
  }

  /**
   * From here on everything is encrypted both ways. The server sends nothing after AuthOk before a
   * request, so bytes already received after it were not sent by the server: fail then.
   *
   * @return whether encryption started
   */
  private boolean startEncryption(ChannelHandlerContext ctx) {
    int unexpected = ctx.pipeline().get(ClientFrameDecoder.class).buffered();
    if (unexpected > 0) {
      fail(
          ctx,
          new ShuffleException(
              "Shuffle service at "
                  + node
                  + " sent "
                  + unexpected
                  + " unencrypted bytes after AuthOk on an encrypted connection",
              node,
              ErrorCode.MALFORMED_MESSAGE,
              null));
      return false;
    }
    byte[] session =
        HandshakeCrypto.sessionKey(
            secret, ShuffleProtocol.VERSION, appId, clientNonce, serverNonce);
    ctx.pipeline()
        .addFirst(
            "open",
            new OpeningDecoder(
                FrameCipher.opening(session, "server"), "shuffle service at " + node));
    ctx.pipeline().addFirst("seal", new SealingHandler(FrameCipher.sealing(session, "client")));
    return true;
  }

  private void onBlock(ReceivedBlock block) {
    long id = block.header().getRequestId();
    Pending p = pending.get(id);
    if (p == null || p.fetch == null) {
      return; // the request was given up; drop its late blocks
    }
    p.blocks.add(block);
    if (p.blocks.size() == p.fetch.size()) {
      pending.remove(id);
      p.fetched.complete(p.blocks);
    }
  }

  private void onError(ChannelHandlerContext ctx, Error error) {
    String message = "Shuffle service at " + node + " refused: " + error.getMessage();
    Pending p = error.getRequestId() == 0 ? null : pending.remove(error.getRequestId());
    if (p != null) {
      p.fail(
          p.fetch != null
              ? new BlockFetchException(message, node, error.getCode(), p.fetch, null)
              : new ShuffleException(message, node, error.getCode(), null));
    }
    if (error.getFatal() || error.getRequestId() == 0) {
      fail(
          ctx,
          AUTH_CODES.contains(error.getCode())
              ? new ShuffleAuthException(message, node, error.getCode())
              : new ShuffleException(message, node, error.getCode(), null));
    }
  }

  private void fail(ChannelHandlerContext ctx, IOException cause) {
    if (closeCause == null) {
      closeCause = cause;
    }
    ctx.close();
  }

  private IOException closedCause() {
    return closeCause != null
        ? closeCause
        : new IOException("connection to shuffle service at " + node + " closed");
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (!pending.isEmpty() || !ready.isDone()) {
        fail(ctx, new IOException("no answer from shuffle service at " + node + " in time"));
      } else {
        ctx.close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    IOException cause = closedCause();
    ready.completeExceptionally(cause);
    List<Pending> all = new ArrayList<>(pending.values());
    pending.clear();
    for (Pending p : all) {
      p.fail(cause);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
    Throwable cause = t instanceof DecoderException && t.getCause() != null ? t.getCause() : t;
    fail(
        ctx,
        cause instanceof IOException io
            ? io
            : new IOException(
                "connection to shuffle service at " + node + " failed: " + cause, cause));
  }
}
