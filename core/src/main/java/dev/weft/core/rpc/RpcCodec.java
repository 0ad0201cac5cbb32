package dev.weft.core.rpc;

import dev.weft.api.StorageLevel;
import dev.weft.core.rpc.proto.BlockUpdate;
import dev.weft.core.rpc.proto.MapStatusEntry;
import dev.weft.core.rpc.proto.MapStatusesResponse;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.serial.JavaSerializer;
import dev.weft.spi.scheduler.TaskEndReason;
import java.io.ObjectInputFilter;
import java.util.List;

/**
 * Converts between the engine's types and the messages of {@code driver.proto}. Internal: shared by
 * {@link ClusterBackend} and the executor.
 */
public final class RpcCodec {
  private RpcCodec() {}

  /** The map statuses of a shuffle; {@code statuses} null means the driver knows none. */
  public static MapStatusesResponse encodeStatuses(MapStatus[] statuses) {
    MapStatusesResponse.Builder b = MapStatusesResponse.newBuilder().setKnown(statuses != null);
    if (statuses != null) {
      for (MapStatus s : statuses) {
        MapStatusEntry.Builder e = MapStatusEntry.newBuilder().setPresent(s != null);
        if (s != null) {
          e.setExecutorId(s.executorId())
              .setHost(s.host())
              .setShufflePort(s.shufflePort())
              .setMapId(s.mapId())
              .setMapOutputId(s.mapOutputId());
          for (long size : s.blockSizes()) {
            e.addBlockSizes(size);
          }
        }
        b.addStatuses(e);
      }
    }
    return b.build();
  }

  /** The statuses, indexed by map id, with null for lost outputs; null when none are known. */
  public static MapStatus[] decodeStatuses(MapStatusesResponse response) {
    if (!response.getKnown()) {
      return null;
    }
    List<MapStatusEntry> entries = response.getStatusesList();
    MapStatus[] statuses = new MapStatus[entries.size()];
    for (int i = 0; i < statuses.length; i++) {
      MapStatusEntry e = entries.get(i);
      if (e.getPresent()) {
        long[] sizes = new long[e.getBlockSizesCount()];
        for (int r = 0; r < sizes.length; r++) {
          sizes[r] = e.getBlockSizes(r);
        }
        statuses[i] =
            new MapStatus(
                e.getExecutorId(),
                e.getHost(),
                e.getShufflePort(),
                e.getMapId(),
                e.getMapOutputId(),
                sizes);
      }
    }
    return statuses;
  }

  /** A block status report. */
  public static BlockUpdate encodeBlock(
      BlockId block, StorageLevel level, long memoryBytes, long diskBytes) {
    return BlockUpdate.newBuilder()
        .setKind(block.kind().name())
        .setId(block.id())
        .setPartition(block.partition())
        .setLevel(level.toString())
        .setMemoryBytes(memoryBytes)
        .setDiskBytes(diskBytes)
        .build();
  }

  /** The block of a status report. */
  public static BlockId decodeBlockId(BlockUpdate update) {
    return new BlockId(
        BlockId.Kind.valueOf(update.getKind()), update.getId(), update.getPartition());
  }

  public static byte[] encodeEnd(TaskEndReason reason) {
    return JavaSerializer.serialize(reason);
  }

  /**
   * A task's end as an executor sent it.
   *
   * @param filter the classes the driver accepts from executors
   */
  public static TaskEndReason decodeEnd(byte[] bytes, ObjectInputFilter filter) {
    Object end = JavaSerializer.deserialize(bytes, filter);
    if (!(end instanceof TaskEndReason reason)) {
      throw new IllegalArgumentException(
          "expected a task end, found " + (end == null ? "null" : end.getClass().getName()));
    }
    return reason;
  }
}
