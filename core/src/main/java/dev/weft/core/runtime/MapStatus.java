package dev.weft.core.runtime;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where one map task attempt's shuffle output lives and how large each reduce partition's block is.
 * The map output tracker registers one per map partition; reducers fetch exactly the files of
 * {@code mapOutputId}, never those of another attempt of the same map task.
 *
 * @param executorId the executor that wrote it
 * @param host the canonical host whose local dirs hold the files
 * @param shufflePort the port of the host's shuffle service, or 0 when read from local disk
 * @param mapId the map partition
 * @param mapOutputId the id of this attempt's output files: the task attempt id, unique among the
 *     attempts the executor runs (and executor ids are unique across ApplicationMaster attempts)
 * @param blockSizes bytes per reduce partition; 0 means the block is empty and is not fetched
 */
public record MapStatus(
    String executorId, String host, int shufflePort, int mapId, long mapOutputId, long[] blockSizes)
    implements Serializable {

  public long totalBytes() {
    return Arrays.stream(blockSizes).sum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapStatus m
        && m.executorId.equals(executorId)
        && m.host.equals(host)
        && m.shufflePort == shufflePort
        && m.mapId == mapId
        && m.mapOutputId == mapOutputId
        && Arrays.equals(m.blockSizes, blockSizes);
  }

  @Override
  public int hashCode() {
    return ((executorId.hashCode() * 31 + mapId) * 31 + Long.hashCode(mapOutputId)) * 31
        + Arrays.hashCode(blockSizes);
  }

  @Override
  public String toString() {
    return "MapStatus(map "
        + mapId
        + " output "
        + mapOutputId
        + " on "
        + executorId
        + "@"
        + host
        + ")";
  }
}
