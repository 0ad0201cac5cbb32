package dev.weft.shuffle.internal;

import dev.weft.auth.FrameCipher;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * Decrypts what an encrypted connection receives: splits the stream into {@link FrameCipher}
 * records, opens each in order and passes its plaintext on, where the protocol's own framing reads
 * it as if it had arrived in the clear. A record that fails to open (altered, replayed, reordered,
 * or not encrypted with this connection's key) fails the connection with a {@link
 * ProtocolException}.
 */
public final class OpeningDecoder extends ByteToMessageDecoder {
  private final FrameCipher cipher;
  private final String peer;

  /**
   * @param cipher opens the peer's records
   * @param peer names the peer in errors ("shuffle service at host:port")
   */
  public OpeningDecoder(FrameCipher cipher, String peer) {
    this.cipher = cipher;
    this.peer = peer;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws ProtocolException {
    while (in.readableBytes() >= FrameCipher.LENGTH_BYTES) {
      long length = in.getUnsignedInt(in.readerIndex());
      if (length < FrameCipher.TAG_BYTES
          || length > FrameCipher.MAX_PLAINTEXT + FrameCipher.TAG_BYTES) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_MESSAGE,
            "expected an encrypted record of "
                + FrameCipher.TAG_BYTES
                + " to "
                + (FrameCipher.MAX_PLAINTEXT + FrameCipher.TAG_BYTES)
                + " bytes from "
                + peer
                + ", found a length of "
                + length
                + " (is the peer encrypting?)");
      }
      if (in.readableBytes() < FrameCipher.LENGTH_BYTES + length) {
        return;
      }
      ByteBuffer record = in.nioBuffer(in.readerIndex() + FrameCipher.LENGTH_BYTES, (int) length);
      byte[] plain = new byte[(int) length - FrameCipher.TAG_BYTES];
      long sequence = cipher.sequence();
      try {
        cipher.open(record, ByteBuffer.wrap(plain));
      } catch (AEADBadTagException e) {
        throw new ProtocolException(
            ErrorCode.INTEGRITY_CHECK_FAILED,
            "encrypted shuffle record "
                + sequence
                + " from "
                + peer
                + " failed its integrity check: altered, replayed, reordered or not encrypted"
                + " with this connection's key");
      }
      in.skipBytes(FrameCipher.LENGTH_BYTES + (int) length);
      if (plain.length > 0) {
        out.add(Unpooled.wrappedBuffer(plain));
      }
    }
  }
}
