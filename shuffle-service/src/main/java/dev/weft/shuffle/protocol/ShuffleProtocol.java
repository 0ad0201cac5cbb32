package dev.weft.shuffle.protocol;

/** Constants of the shuffle wire protocol (see {@code shuffle.proto} for the framing). */
public final class ShuffleProtocol {
  /**
   * The protocol version this code speaks, carried in the handshake. A peer with another version is
   * refused with an error naming both. Version 2: map output files and fetch requests name the map
   * output's id, not only its map partition.
   */
  public static final int VERSION = 2;

  /** Bytes of the length prefix of a frame. */
  public static final int LENGTH_BYTES = 4;

  /**
   * The largest frame a server accepts before the connection has authenticated: the handshake's
   * messages are a version, an application id and a nonce or proof, well under this size.
   */
  public static final int MAX_HANDSHAKE_FRAME = 1024;

  private ShuffleProtocol() {}
}
