package dev.weft.api;

/**
 * Places a key by its {@code hashCode()} modulo the partition count; null keys go to partition 0.
 */
public final class HashPartitioner extends Partitioner {
  private final int partitions;

  /**
   * @param partitions the number of partitions, at least 1
   */
  public HashPartitioner(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "Number of partitions must be at least 1, got " + partitions);
    }
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    if (key == null) {
      return 0;
    }
    return Math.floorMod(key.hashCode(), partitions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashPartitioner h && h.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return partitions;
  }

  @Override
  public String toString() {
    return "HashPartitioner(" + partitions + ")";
  }
}
