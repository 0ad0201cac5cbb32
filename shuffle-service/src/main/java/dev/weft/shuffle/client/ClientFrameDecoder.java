package dev.weft.shuffle.client;

import com.google.protobuf.MessageLite;
import dev.weft.shuffle.internal.ByteLimiter;
import dev.weft.shuffle.internal.Frames;
import dev.weft.shuffle.internal.ProtocolException;
import dev.weft.shuffle.protocol.ShuffleProtocol;
import dev.weft.shuffle.protocol.proto.BlockHeader;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.Function;

/**
 * Decodes what a server sends: frames into protobuf messages, and a block header plus the raw bytes
 * that follow it into a {@link ReceivedBlock}. A block's bytes are reserved from the client's
 * {@link ByteLimiter} when its header arrives; when the reservation must wait, the connection stops
 * reading until a release leaves room.
 *
 * <p>A block of a streamed request is not assembled: its bytes go to its {@link BlockInputStream}
 * in chunks as they arrive, and while the stream is full the connection stops reading (and its idle
 * timeout is suspended: the reader, not the server, is slow).
 */
final class ClientFrameDecoder extends ByteToMessageDecoder {
  /** The largest block a client holds in one array; larger ones must be streamed. */
  static final int MAX_BLOCK_BYTES = Integer.MAX_VALUE - 16;

  private final int maxFrameSize;
  private final ByteLimiter limiter;
  private BlockHeader header;
  private byte[] body;
  private int filled;
  private boolean waiting;
  private final Function<BlockHeader, BlockInputStream> streams;
  private final LongAccumulator maxUndecoded;
  private BlockInputStream stream;
  private long streamRemaining;
  private boolean streamPaused;

  /** The most bytes copied into one chunk of a streamed block. */
  private static final int CHUNK_BYTES = 64 * 1024;

  /**
   * @param streams the stream of a block header's request when it streams, else null
   * @param maxUndecoded the high-water mark of received bytes not yet decoded, of all connections
   */
  ClientFrameDecoder(
      int maxFrameSize,
      ByteLimiter limiter,
      Function<BlockHeader, BlockInputStream> streams,
      LongAccumulator maxUndecoded) {
    this.maxFrameSize = maxFrameSize;
    this.limiter = limiter;
    this.streams = streams;
    this.maxUndecoded = maxUndecoded;
  }

  /** Bytes received and not yet decoded. */
  int buffered() {
    return actualReadableBytes();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws ProtocolException {
    maxUndecoded.accumulate(in.readableBytes());
    if (stream != null) {
      feedStream(ctx, in);
      return;
    }
    if (header != null) {
      readBody(ctx, in, out);
      return;
    }
    if (in.readableBytes() < ShuffleProtocol.LENGTH_BYTES) {
      return;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    if (length > maxFrameSize) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_MESSAGE,
          "expected frames of at most " + maxFrameSize + " bytes, found one of " + length);
    }
    if (in.readableBytes() < ShuffleProtocol.LENGTH_BYTES + length) {
      return;
    }
    in.skipBytes(ShuffleProtocol.LENGTH_BYTES);
    MessageLite message = Frames.decode(in.readSlice((int) length));
    BlockInputStream streamed =
        message instanceof BlockHeader h && h.getLength() >= 0 ? streams.apply(h) : null;
    if (streamed != null) {
      stream = streamed;
      streamRemaining = streamed.length();
      feedStream(ctx, in);
    } else if (message instanceof BlockHeader h) {
      if (h.getLength() < 0 || h.getLength() > MAX_BLOCK_BYTES) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_MESSAGE,
            "expected a block length in [0, " + MAX_BLOCK_BYTES + "], found " + h.getLength());
      }
      header = h;
      body = null;
      filled = 0;
      readBody(ctx, in, out);
    } else {
      out.add(message);
    }
  }

  private void readBody(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int length = (int) header.getLength();
    if (body == null) {
      if (length > 0 && !limiter.tryAcquire(length)) {
        waitForCapacity(ctx);
        return;
      }
      body = new byte[length];
    }
    int n = Math.min(in.readableBytes(), length - filled);
    in.readBytes(body, filled, n);
    filled += n;
    if (filled == length) {
      out.add(new ReceivedBlock(header, body));
      header = null;
      body = null;
      if (length > 0) {
        limiter.release(length);
      }
    }
  }

  /** Passes the streamed block's bytes on while its stream has room. */
  private void feedStream(ChannelHandlerContext ctx, ByteBuf in) {
    while (streamRemaining > 0 && in.isReadable()) {
      if (!stream.hasRoom()) {
        pauseStream(ctx, stream);
        return;
      }
      int n = (int) Math.min(Math.min(in.readableBytes(), streamRemaining), CHUNK_BYTES);
      byte[] chunk = new byte[n];
      in.readBytes(chunk);
      streamRemaining -= n;
      stream.offer(chunk);
    }
    if (streamRemaining == 0) {
      stream = null;
    }
  }

  private void pauseStream(ChannelHandlerContext ctx, BlockInputStream full) {
    if (streamPaused) {
      return;
    }
    streamPaused = true;
    ctx.channel().config().setAutoRead(false);
    full.whenRoom(
        () ->
            ctx.executor()
                .execute(
                    () -> {
                      streamPaused = false;
                      if (ctx.channel().isActive()) {
                        ctx.channel().config().setAutoRead(true);
                        ctx.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
                      }
                    }));
  }

  /**
   * Ends a read without asking for more while a consumer is full: {@link ByteToMessageDecoder}
   * would otherwise read again when a read decoded no message, and buffer the block here instead.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (streamPaused || waiting) {
      ctx.fireChannelReadComplete();
      return;
    }
    super.channelReadComplete(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (streamPaused && evt instanceof IdleStateEvent) {
      return; // waiting for the reader of a stream, not for the server
    }
    super.userEventTriggered(ctx, evt);
  }

  private void failStream(String why) {
    if (stream != null) {
      long length = stream.length();
      stream.fail(
          new BlockFetchException(
              "Cannot fetch block ("
                  + stream.id()
                  + ") from "
                  + stream.node()
                  + ": "
                  + why
                  + " after "
                  + (length - streamRemaining)
                  + " of its "
                  + length
                  + " bytes",
              stream.node(),
              null,
              stream.request(),
              null));
      stream = null;
    }
  }

  private void waitForCapacity(ChannelHandlerContext ctx) {
    if (waiting) {
      return;
    }
    waiting = true;
    ctx.channel().config().setAutoRead(false);
    limiter.onCapacity(
        () ->
            ctx.executor()
                .execute(
                    () -> {
                      waiting = false;
                      if (ctx.channel().isActive()) {
                        ctx.channel().config().setAutoRead(true);
                        // Decode what this decoder buffered already: reads no new bytes by
                        // itself. Straight to this decoder: a handler before it (decryption)
                        // may have nothing new to pass on.
                        try {
                          channelRead(ctx, Unpooled.EMPTY_BUFFER);
                        } catch (Exception e) {
                          ctx.fireExceptionCaught(e);
                        }
                      }
                    }));
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    failStream("the connection was closed");
    if (body != null && header.getLength() > 0) {
      limiter.release(header.getLength());
    }
    header = null;
    body = null;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (body != null && header.getLength() > 0) {
      limiter.release(header.getLength());
    }
    header = null;
    body = null;
    try {
      super.channelInactive(ctx);
    } finally {
      failStream("the connection was closed");
    }
  }
}
