package dev.weft.hdfs.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Packs splits into {@link InputPartition}s, keeping their order.
 *
 * <p>Each split weighs its length plus a fixed open cost, which stands for the time to open a file
 * and so keeps thousands of tiny files from becoming one huge partition. Splits are added to the
 * current partition while its weight stays within the target; a split that would exceed it starts
 * the next partition (a split heavier than the target gets a partition of its own). So every
 * partition but the last weighs more than {@code target - heaviest split}, and two neighbours
 * together more than {@code target}: the number of partitions is at most {@code total weight /
 * (target - heaviest split) + 1}.
 */
final class PartitionPacker {
  private final long target;
  private final long openCost;
  private final int maxPreferred;

  /**
   * @param target the weight a partition should not exceed, at least 1
   * @param openCost the weight added to each split's length, at least 0
   * @param maxPreferred how many hosts (and racks) a partition prefers at most
   */
  PartitionPacker(long target, long openCost, int maxPreferred) {
    this.target = target;
    this.openCost = openCost;
    this.maxPreferred = maxPreferred;
  }

  /** The weight of a split when packing. */
  long weight(FileSplit split) {
    return split.length() + openCost;
  }

  List<InputPartition> pack(List<FileSplit> splits) {
    List<InputPartition> partitions = new ArrayList<>();
    List<FileSplit> current = new ArrayList<>();
    long currentWeight = 0;
    for (FileSplit split : splits) {
      long weight = weight(split);
      if (!current.isEmpty() && currentWeight + weight > target) {
        partitions.add(partition(current));
        current = new ArrayList<>();
        currentWeight = 0;
      }
      current.add(split);
      currentWeight += weight;
    }
    if (!current.isEmpty()) {
      partitions.add(partition(current));
    }
    return partitions;
  }

  private InputPartition partition(List<FileSplit> splits) {
    return new InputPartition(
        splits, preferred(splits, FileSplit::hosts), preferred(splits, FileSplit::racks));
  }

  /** The locations holding the most bytes of {@code splits}, most first, ties by name. */
  private String[] preferred(List<FileSplit> splits, Function<FileSplit, String[]> locations) {
    Map<String, Long> bytes = new HashMap<>();
    for (FileSplit split : splits) {
      for (String location : locations.apply(split)) {
        bytes.merge(location, split.length(), Long::sum);
      }
    }
    return bytes.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(maxPreferred)
        .map(Map.Entry::getKey)
        .toArray(String[]::new);
  }
}
