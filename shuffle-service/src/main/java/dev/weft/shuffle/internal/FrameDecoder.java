package dev.weft.shuffle.internal;

import dev.weft.shuffle.protocol.ShuffleProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits the byte stream into frames (the 4-byte length prefix removed) and refuses a frame longer
 * than the current limit as soon as its length prefix is read, before any of its body is buffered.
 * The limit can be raised once a connection has authenticated; the connection is closed after a
 * refusal, so nothing is skipped.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private int maxFrameLength;
  private String limitName;

  /**
   * @param maxFrameLength the largest frame accepted, length prefix excluded
   * @param limitName when the limit applies, for the error message ("before authentication")
   */
  public FrameDecoder(int maxFrameLength, String limitName) {
    this.maxFrameLength = maxFrameLength;
    this.limitName = limitName;
  }

  /** Accepts frames up to {@code maxFrameLength} bytes from the next frame on. */
  public void raiseLimit(int maxFrameLength, String limitName) {
    this.maxFrameLength = maxFrameLength;
    this.limitName = limitName;
  }

  /** Bytes received and not yet decoded into a frame. */
  public int buffered() {
    return actualReadableBytes();
  }

  /** One frame per call, so a limit raised while a frame is handled applies to the next one. */
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws TooLongFrameException {
    if (in.readableBytes() < ShuffleProtocol.LENGTH_BYTES) {
      return;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    if (length > maxFrameLength) {
      throw new TooLongFrameException(
          "expected frames of at most "
              + maxFrameLength
              + " bytes "
              + limitName
              + ", found one of "
              + length
              + " bytes");
    }
    if (in.readableBytes() < ShuffleProtocol.LENGTH_BYTES + length) {
      return;
    }
    in.skipBytes(ShuffleProtocol.LENGTH_BYTES);
    out.add(in.readRetainedSlice((int) length));
  }
}
