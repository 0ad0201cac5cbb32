package dev.weft.shuffle.internal;

import dev.weft.auth.FrameCipher;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;

/**
 * Encrypts everything a connection writes once its handshake has agreed on encryption: byte buffers
 * are sealed into {@link FrameCipher} records at once, file regions as they are sent (see {@link
 * SealedRegion}) under sequence numbers reserved now, so records leave in the order they were
 * written. Sits next to the pipeline's head, so every write passes it.
 */
public final class SealingHandler extends ChannelOutboundHandlerAdapter {
  private final FrameCipher cipher;

  public SealingHandler(FrameCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf buf) {
      ByteBuf sealed;
      try {
        sealed = seal(ctx, buf);
      } finally {
        buf.release();
      }
      ctx.write(sealed, promise);
    } else if (msg instanceof FileRegion region) {
      long records = FrameCipher.records(region.count());
      ctx.write(new SealedRegion(region, cipher, cipher.reserve(records)), promise);
    } else {
      ReferenceCountUtil.release(msg);
      promise.setFailure(
          new IllegalArgumentException(
              "expected a byte buffer or file region to encrypt, found "
                  + msg.getClass().getName()));
    }
  }

  private ByteBuf seal(ChannelHandlerContext ctx, ByteBuf plain) {
    int length = plain.readableBytes();
    int sealedLength = Math.toIntExact(FrameCipher.sealedLength(length));
    ByteBuf out = ctx.alloc().buffer(sealedLength);
    try {
      ByteBuffer target = out.nioBuffer(0, sealedLength);
      int offset = plain.readerIndex();
      int end = offset + length;
      do {
        int n = Math.min(FrameCipher.MAX_PLAINTEXT, end - offset);
        cipher.seal(plain.nioBuffer(offset, n), target);
        offset += n;
      } while (offset < end);
      out.writerIndex(sealedLength);
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }
}
