package dev.weft.core.runtime;

import java.io.IOException;

/**
 * How an operator holding a {@link MemoryReservation} gives memory back when another consumer of
 * the same task needs it: it writes what it holds in memory to disk (e.g. to a {@linkplain
 * TaskRuntime#createTempFile temporary file}), {@linkplain MemoryReservation#release releases} the
 * memory that freed, and returns how much that was.
 */
@FunctionalInterface
public interface SpillCallback {

  /** A callback for a reservation that cannot spill: it is never asked to give memory back. */
  SpillCallback NONE = (bytes, requester) -> 0;

  /**
   * @param bytes how much the requester still lacks (freeing more is allowed)
   * @param requester the name of the consumer that needs memory
   * @return the bytes released; 0 when nothing can be spilled now (e.g. while results are being
   *     returned from memory)
   * @throws IOException when the spill cannot be written; the requesting task fails
   */
  long spill(long bytes, String requester) throws IOException;
}
