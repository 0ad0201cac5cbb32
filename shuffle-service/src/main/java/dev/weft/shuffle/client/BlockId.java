package dev.weft.shuffle.client;

/**
 * One block of shuffle output: the bytes that map task {@code mapId} of shuffle {@code shuffleId}
 * wrote for reduce partition {@code reduceId}, held by executor {@code executorId}.
 */
public record BlockId(String executorId, int shuffleId, int mapId, int reduceId) {
  @Override
  public String toString() {
    return "shuffle "
        + shuffleId
        + ", map "
        + mapId
        + ", reduce "
        + reduceId
        + " of executor "
        + executorId;
  }
}
