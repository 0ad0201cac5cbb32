package dev.weft.core.runtime;

/**
 * Execution memory that an operator inside a task holds, taken from the executor's unified memory
 * manager (the same budget as the shuffle's sort buffers and aggregation maps, shared with the
 * block cache). Get one from {@link TaskRuntime#reserveMemory}; acquire before a structure grows,
 * release when it shrinks. What a reservation still holds when its task ends is released then.
 *
 * <p>A reservation belongs to one task and is used by that task's thread; its {@link SpillCallback}
 * is called on the thread of the consumer that needs memory (the same task's thread).
 */
public interface MemoryReservation extends AutoCloseable {

  /**
   * Asks for {@code bytes} more. When the executor cannot grant them, the task's other consumers
   * that can spill are asked to (largest first); this reservation itself is never asked to spill
   * for its own request: when the grant is short, the caller decides (spill its own data and ask
   * again, or fail).
   *
   * @return the bytes granted, between 0 and {@code bytes}; the caller holds them from now on
   * @throws IllegalStateException when the reservation was closed
   */
  long acquire(long bytes);

  /** Gives back {@code bytes} (at most what is held). */
  void release(long bytes);

  /** The bytes this reservation holds. */
  long held();

  /** Releases everything held; the reservation cannot acquire again. Idempotent. */
  @Override
  void close();
}
