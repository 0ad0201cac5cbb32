package dev.weft.it.shuffle;

import java.nio.charset.StandardCharsets;

/** The known contents of the map output the shuffle-service test writes and fetches. */
final class MapOutputs {
  static final int REDUCES = 4;

  private MapOutputs() {}

  /** Block {@code reduceId} of map {@code mapId}; reduce 0 is empty. */
  static byte[] block(int mapId, int reduceId) {
    return ("map " + mapId + " reduce " + reduceId + "\n")
        .repeat(reduceId * 100)
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] secret(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
