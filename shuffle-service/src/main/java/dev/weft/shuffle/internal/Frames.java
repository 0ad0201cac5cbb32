package dev.weft.shuffle.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.weft.shuffle.protocol.MessageType;
import dev.weft.shuffle.protocol.ShuffleProtocol;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes messages into frames and decodes frame bodies (see {@code shuffle.proto}). */
public final class Frames {
  private Frames() {}

  /** The frame of {@code message}: length, type id, protobuf body. */
  public static ByteBuf encode(ByteBufAllocator alloc, MessageLite message) {
    MessageType type = MessageType.of(message);
    int size = message.getSerializedSize();
    ByteBuf buf = alloc.buffer(ShuffleProtocol.LENGTH_BYTES + 1 + size);
    try {
      buf.writeInt(1 + size);
      buf.writeByte(type.id());
      message.writeTo(new ByteBufOutputStream(buf));
      return buf;
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      buf.release();
      throw e;
    }
  }

  /**
   * Decodes a frame whose length prefix has been removed: a type id, then the body.
   *
   * @throws ProtocolException naming the unknown type id or the malformed message
   */
  public static MessageLite decode(ByteBuf frame) throws ProtocolException {
    if (!frame.isReadable()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_MESSAGE, "expected a frame with a type id, found an empty frame");
    }
    int id = frame.readUnsignedByte();
    MessageType type = MessageType.byId(id);
    if (type == null) {
      throw new ProtocolException(
          ErrorCode.UNKNOWN_MESSAGE_TYPE,
          "unknown message type id " + id + " (protocol version " + ShuffleProtocol.VERSION + ")");
    }
    byte[] body = new byte[frame.readableBytes()];
    frame.readBytes(body);
    try {
      return type.parse(body);
    } catch (InvalidProtocolBufferException e) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_MESSAGE, "malformed " + type + " message: " + e.getMessage());
    }
  }
}
