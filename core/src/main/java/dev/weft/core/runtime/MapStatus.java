package dev.weft.core.runtime;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where one map task's shuffle output lives and how large each reduce partition's block is.
 *
 * @param executorId the executor that wrote it
 * @param host the canonical host whose local dirs hold the files
 * @param shufflePort the port of the host's shuffle service, or 0 when read from local disk
 * @param mapId the map partition
 * @param blockSizes bytes per reduce partition; 0 means the block is empty and is not fetched
 */
public record MapStatus(
    String executorId, String host, int shufflePort, int mapId, long[] blockSizes)
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
        && Arrays.equals(m.blockSizes, blockSizes);
  }

  @Override
  public int hashCode() {
    return (executorId.hashCode() * 31 + mapId) * 31 + Arrays.hashCode(blockSizes);
  }

  @Override
  public String toString() {
    return "MapStatus(map " + mapId + " on " + executorId + "@" + host + ")";
  }
}
