package dev.weft.api;

import java.io.Serializable;

/**
 * Decides which partition of a shuffle each key goes to. Two datasets partitioned by equal
 * partitioners are co-partitioned: joining or grouping them needs no further shuffle.
 */
public abstract class Partitioner implements Serializable {
  /** The number of partitions keys are spread over. */
  public abstract int numPartitions();

  /** The partition of {@code key}, in {@code [0, numPartitions())}; {@code key} may be null. */
  public abstract int getPartition(Object key);
}
