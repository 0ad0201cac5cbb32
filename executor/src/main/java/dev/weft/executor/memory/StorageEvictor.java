package dev.weft.executor.memory;

import dev.weft.core.runtime.BlockId;

/**
 * Frees storage memory by evicting cached blocks (dropping them to disk when their level allows).
 * Called by the {@link UnifiedMemoryManager} with its lock held.
 */
public interface StorageEvictor {
  /**
   * Evicts blocks, least recently used first, until {@code bytes} are freed or nothing evictable is
   * left. Blocks of the node that {@code requester} belongs to are not evicted for it (so a
   * partition never pushes out its own siblings while being cached). For a storage request, an
   * implementation may evict nothing when {@code bytes} cannot be freed in full, since the request
   * will fail anyway.
   *
   * @param requester the block that needs the space, or null when execution needs it
   * @return the bytes freed (released from the manager's storage pool already)
   */
  long evict(long bytes, BlockId requester);
}
