package dev.weft.shuffle.protocol;

/** Constants of the shuffle wire protocol (see {@code shuffle.proto} for the framing). */
public final class ShuffleProtocol {
  /**
   * The protocol version this code speaks, carried in the handshake. A peer with another version is
   * refused with an error naming both.
   */
  public static final int VERSION = 1;

  /** Bytes of the length prefix of a frame. */
  public static final int LENGTH_BYTES = 4;

  private ShuffleProtocol() {}
}
