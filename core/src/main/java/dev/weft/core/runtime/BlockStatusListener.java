package dev.weft.core.runtime;

import dev.weft.api.StorageLevel;

/**
 * Told by an executor's block manager whenever a cached block appears, moves between memory and
 * disk, or goes; the driver uses it to prefer executors that hold a cached partition and for the
 * storage page.
 */
public interface BlockStatusListener {
  /**
   * @param level where the block now is: memory, disk, or {@link StorageLevel#NONE} when gone
   */
  void blockUpdated(
      String executorId,
      String host,
      BlockId block,
      StorageLevel level,
      long memoryBytes,
      long diskBytes);
}
