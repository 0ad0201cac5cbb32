package dev.weft.core.runtime;

import java.io.Serializable;

/**
 * The name of a block in an executor's block manager: a cached partition or a broadcast value.
 *
 * @param kind what the block holds
 * @param id the node id (cached partitions) or broadcast id
 * @param partition the partition of a cached node; 0 for broadcasts
 */
public record BlockId(Kind kind, long id, int partition) implements Serializable {
  public enum Kind {
    NODE,
    BROADCAST
  }

  /** The cached partition {@code partition} of plan node {@code nodeId}. */
  public static BlockId node(int nodeId, int partition) {
    return new BlockId(Kind.NODE, nodeId, partition);
  }

  public static BlockId broadcast(long broadcastId) {
    return new BlockId(Kind.BROADCAST, broadcastId, 0);
  }

  /** A name usable as a file name, e.g. {@code node_3_7}. */
  public String name() {
    return kind == Kind.NODE ? "node_" + id + "_" + partition : "broadcast_" + id;
  }

  @Override
  public String toString() {
    return name();
  }
}
