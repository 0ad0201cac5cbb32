package dev.weft.shuffle.client;

/**
 * One block of shuffle output: the bytes that the attempt of map task {@code mapId} of shuffle
 * {@code shuffleId} whose output is {@code mapOutputId} wrote for reduce partition {@code
 * reduceId}, held by executor {@code executorId}.
 */
public record BlockId(String executorId, int shuffleId, int mapId, long mapOutputId, int reduceId) {
  @Override
  public String toString() {
    return "shuffle "
        + shuffleId
        + ", map "
        + mapId
        + " (output "
        + mapOutputId
        + "), reduce "
        + reduceId
        + " of executor "
        + executorId;
  }
}
