package dev.weft.hdfs.input;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The input of one task: one or more {@link FileSplit}s read one after the other, with the hosts
 * and racks that hold most of their bytes.
 *
 * <p>Small files are packed together so that many of them make one partition; a large file's splits
 * usually make one partition each. A partition is shipped to the executor that reads it, so it is
 * small and serializable. Host names are as the file system reports them; the engine canonicalises
 * them before matching them against its executors.
 *
 * @param splits the splits in the order they are read; not empty
 * @param hosts the preferred hosts: those holding the most bytes of the splits, most bytes first
 *     (at most {@link SplitPlanner#MAX_PREFERRED_LOCATIONS}); empty when no host is known
 * @param racks the preferred racks, chosen the same way; empty when no topology is known
 */
public record InputPartition(List<FileSplit> splits, String[] hosts, String[] racks)
    implements Serializable {

  /** Validates the partition and copies its lists, so it cannot change after creation. */
  public InputPartition {
    splits = List.copyOf(Objects.requireNonNull(splits, "splits"));
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("An input partition needs at least one split");
    }
    hosts = hosts == null ? new String[0] : hosts.clone();
    racks = racks == null ? new String[0] : racks.clone();
  }

  /** The preferred hosts, a copy the caller may change. */
  @Override
  public String[] hosts() {
    return hosts.clone();
  }

  /** The preferred racks, a copy the caller may change. */
  @Override
  public String[] racks() {
    return racks.clone();
  }

  /** The bytes of all splits, as stored (compressed bytes for compressed files). */
  public long length() {
    long total = 0;
    for (FileSplit split : splits) {
      total += split.length();
    }
    return total;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InputPartition that
        && splits.equals(that.splits)
        && Arrays.equals(hosts, that.hosts)
        && Arrays.equals(racks, that.racks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(splits, Arrays.hashCode(hosts), Arrays.hashCode(racks));
  }

  @Override
  public String toString() {
    return "InputPartition["
        + splits.size()
        + " splits, "
        + length()
        + " bytes, hosts="
        + Arrays.toString(hosts)
        + (racks.length > 0 ? " racks=" + Arrays.toString(racks) : "")
        + ", first="
        + splits.get(0)
        + "]";
  }
}
