package dev.weft.sql.exec;

import dev.weft.api.Partitioner;

/**
 * Hash partitioning of {@link BinaryRow} keys, the layout of {@code Exchange hashpartitioning}: a
 * key's partition is its hash modulo the count. Integer keys are taken as partition ids (for
 * exchanges that computed the partition themselves).
 */
public final class KeyPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int partitions;

  public KeyPartitioner(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    if (key instanceof Integer id) {
      return id;
    }
    return key == null ? 0 : Math.floorMod(key.hashCode(), partitions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPartitioner k && k.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return partitions * 31 + 7;
  }
}
