package dev.weft.shuffle.client;

import java.util.Arrays;

/**
 * Some reduce partitions' blocks of one map output. The blocks come back in the order of {@code
 * reduceIds}.
 *
 * @param appId the application whose blocks these are; the client's own application normally
 * @param executorId the executor that wrote the map output
 * @param shuffleId the shuffle
 * @param mapId the map task
 * @param mapOutputId which attempt's output of the map task (the id the driver registered)
 * @param reduceIds the reduce partitions, at least one
 */
public record FetchRequest(
    String appId, String executorId, int shuffleId, int mapId, long mapOutputId, int[] reduceIds) {

  /** Validates and copies the reduce ids. */
  public FetchRequest {
    if (reduceIds.length == 0) {
      throw new IllegalArgumentException("expected at least one reduce id, found none");
    }
    reduceIds = reduceIds.clone();
  }

  /** The blocks of {@code reduceIds} of one map output of {@code appId}. */
  public static FetchRequest of(
      String appId,
      String executorId,
      int shuffleId,
      int mapId,
      long mapOutputId,
      int... reduceIds) {
    return new FetchRequest(appId, executorId, shuffleId, mapId, mapOutputId, reduceIds);
  }

  /** A copy of the reduce ids. */
  @Override
  public int[] reduceIds() {
    return reduceIds.clone();
  }

  int reduceId(int i) {
    return reduceIds[i];
  }

  int size() {
    return reduceIds.length;
  }

  /** The id of the {@code i}-th block. */
  public BlockId block(int i) {
    return new BlockId(executorId, shuffleId, mapId, mapOutputId, reduceIds[i]);
  }

  /** The same map output with other reduce ids. */
  FetchRequest withReduceIds(int[] ids) {
    return new FetchRequest(appId, executorId, shuffleId, mapId, mapOutputId, ids);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FetchRequest r
        && appId.equals(r.appId)
        && executorId.equals(r.executorId)
        && shuffleId == r.shuffleId
        && mapId == r.mapId
        && mapOutputId == r.mapOutputId
        && Arrays.equals(reduceIds, r.reduceIds);
  }

  @Override
  public int hashCode() {
    return ((appId.hashCode() * 31 + executorId.hashCode()) * 31 + shuffleId) * 31
        + mapId * 17
        + Long.hashCode(mapOutputId) * 13
        + Arrays.hashCode(reduceIds);
  }

  @Override
  public String toString() {
    return "shuffle "
        + shuffleId
        + ", map "
        + mapId
        + " (output "
        + mapOutputId
        + "), reduce "
        + Arrays.toString(reduceIds)
        + " of executor "
        + executorId
        + " of application "
        + appId;
  }
}
