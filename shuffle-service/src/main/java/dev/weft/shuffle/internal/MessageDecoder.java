package dev.weft.shuffle.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** Turns frames (length prefix removed) into protobuf messages; refuses unknown type ids. */
public final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out)
      throws ProtocolException {
    out.add(Frames.decode(frame));
  }
}
