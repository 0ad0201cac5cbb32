package dev.weft.hdfs.input;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.net.NetworkTopology;

/**
 * Where the bytes of a range of a file are stored: the hosts and racks of the block that holds most
 * of the range, as the file system reports them.
 */
final class BlockPlacement {
  private BlockPlacement() {}

  /** The distinct hosts of the block holding the most bytes of the range; empty if none does. */
  static String[] hostsOf(BlockLocation[] blocks, long start, long length) throws IOException {
    BlockLocation best = bestBlock(blocks, start, length);
    return best == null ? new String[0] : distinct(best.getHosts());
  }

  /**
   * The distinct racks of the block holding the most bytes of the range: each topology path without
   * its last component (the DataNode), e.g. {@code /dc1/rack7} of {@code /dc1/rack7/10.0.0.5:9866}.
   * Empty if there is no such block, the file system reports no topology, or it reports only {@link
   * NetworkTopology#DEFAULT_RACK} (no topology configured).
   */
  static String[] racksOf(BlockLocation[] blocks, long start, long length) throws IOException {
    BlockLocation best = bestBlock(blocks, start, length);
    if (best == null) {
      return new String[0];
    }
    Set<String> racks = new LinkedHashSet<>();
    for (String topologyPath : best.getTopologyPaths()) {
      int slash = topologyPath.lastIndexOf('/');
      String rack = slash <= 0 ? "" : topologyPath.substring(0, slash);
      if (!rack.isEmpty() && !rack.equals(NetworkTopology.DEFAULT_RACK)) {
        racks.add(rack);
      }
    }
    return racks.toArray(new String[0]);
  }

  private static BlockLocation bestBlock(BlockLocation[] blocks, long start, long length) {
    long end = start + length;
    BlockLocation best = null;
    long bestOverlap = 0;
    for (BlockLocation block : blocks) {
      long overlap =
          Math.min(end, block.getOffset() + block.getLength()) - Math.max(start, block.getOffset());
      if (overlap > bestOverlap) {
        best = block;
        bestOverlap = overlap;
      }
    }
    return best;
  }

  private static String[] distinct(String[] names) {
    return new LinkedHashSet<>(Arrays.asList(names)).toArray(new String[0]);
  }
}
