package dev.weft.shuffle.yarn;

import java.nio.ByteBuffer;

/**
 * The metadata the shuffle service hands the NodeManager, which passes it to every container
 * launcher ({@code NMClientAsync}'s {@code onContainerStarted} map, under the key {@value
 * WeftShuffleService#SERVICE_NAME}): exactly 4 bytes, the port the service listens on as a
 * big-endian int ({@code ByteBuffer.getInt()} reads it).
 */
public final class ShuffleServiceMetaData {
  /** The metadata's length in bytes. */
  public static final int LENGTH = Integer.BYTES;

  private ShuffleServiceMetaData() {}

  /** The metadata announcing {@code port}: a fresh buffer positioned at 0, 4 bytes remaining. */
  public static ByteBuffer encodePort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("expected a bound port 1 to 65535, found " + port);
    }
    return ByteBuffer.allocate(LENGTH).putInt(0, port);
  }

  /**
   * The port in metadata from {@link #encodePort}; reads without moving the buffer's position.
   *
   * @throws IllegalArgumentException when the buffer does not hold exactly 4 bytes of a port
   */
  public static int decodePort(ByteBuffer metaData) {
    if (metaData.remaining() != LENGTH) {
      throw new IllegalArgumentException(
          "expected "
              + LENGTH
              + " bytes of shuffle service metadata, found "
              + metaData.remaining());
    }
    int port = metaData.getInt(metaData.position());
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("expected a port 1 to 65535 in metadata, found " + port);
    }
    return port;
  }
}
