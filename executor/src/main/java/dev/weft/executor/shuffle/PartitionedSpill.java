package dev.weft.executor.shuffle;

import java.io.File;

/**
 * A spill file of a map task: one segment per reduce partition, in partition order, each segment a
 * run of serialized records.
 */
final class PartitionedSpill {
  private final File file;
  private final long[] offsets;

  PartitionedSpill(File file, int numPartitions) {
    this.file = file;
    this.offsets = new long[numPartitions + 1];
  }

  File file() {
    return file;
  }

  /** Records that partition {@code p}'s segment ends at {@code end} (segments come in order). */
  void endSegment(int p, long end) {
    offsets[p + 1] = end;
  }

  long offset(int p) {
    return offsets[p];
  }

  long length(int p) {
    return offsets[p + 1] - offsets[p];
  }
}
