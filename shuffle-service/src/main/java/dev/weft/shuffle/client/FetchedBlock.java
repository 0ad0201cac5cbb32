package dev.weft.shuffle.client;

import java.nio.ByteBuffer;

/**
 * A block received and verified against its CRC32C.
 *
 * @param id the block
 * @param data its bytes, read-only, owned by the caller
 */
public record FetchedBlock(BlockId id, ByteBuffer data) {
  /** The block's length in bytes. */
  public int length() {
    return data.remaining();
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return bytes;
  }
}
