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
import java.util.List;

/**
 * Decodes what a server sends: frames into protobuf messages, and a block header plus the raw bytes
 * that follow it into a {@link ReceivedBlock}. A block's bytes are reserved from the client's
 * {@link ByteLimiter} when its header arrives; when the reservation must wait, the connection stops
 * reading until a release leaves room.
 */
final class ClientFrameDecoder extends ByteToMessageDecoder {
  /** The largest block a client holds in one array. */
  static final int MAX_BLOCK_BYTES = Integer.MAX_VALUE - 16;

  private final int maxFrameSize;
  private final ByteLimiter limiter;
  private BlockHeader header;
  private byte[] body;
  private int filled;
  private boolean waiting;

  ClientFrameDecoder(int maxFrameSize, ByteLimiter limiter) {
    this.maxFrameSize = maxFrameSize;
    this.limiter = limiter;
  }

  /** Bytes received and not yet decoded. */
  int buffered() {
    return actualReadableBytes();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws ProtocolException {
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
    if (message instanceof BlockHeader h) {
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
    super.channelInactive(ctx);
  }
}
