package dev.weft.executor.shuffle;

import dev.weft.executor.memory.MemoryConsumer;
import dev.weft.executor.memory.TaskMemoryManager;

/** Execution memory held for a fixed buffer that cannot be spilled, such as a read buffer. */
final class FixedReservation extends MemoryConsumer {
  private final String purpose;

  FixedReservation(TaskMemoryManager memory, String purpose) {
    super(memory);
    this.purpose = purpose;
  }

  /**
   * Holds {@code bytes} more.
   *
   * @throws ExecutionMemoryException when the task cannot grant them
   */
  void hold(long bytes) {
    long got = acquire(bytes);
    if (got < bytes) {
      free(got);
      throw new ExecutionMemoryException(bytes, got, purpose);
    }
  }

  /** Gives everything back and leaves the task's consumers. */
  void release() {
    freeAll();
    taskMemory.unregister(this);
  }

  @Override
  public long spill(long bytes, MemoryConsumer requester) {
    return 0;
  }

  @Override
  public String toString() {
    return purpose;
  }
}
