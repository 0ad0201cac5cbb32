package dev.weft.sql.exec;

import dev.weft.core.runtime.MemoryReservation;
import dev.weft.core.runtime.SpillCallback;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskMetrics;
import java.io.File;

/**
 * The execution memory of one operator inside a task: a {@link MemoryReservation} of the task's
 * unified memory budget that is asked for in chunks as the operator's estimated size grows, the
 * task's temporary files for spills, and its spill metrics. Released when the operator is done or,
 * at the latest, when the task ends.
 */
final class OperatorMemory implements AutoCloseable {
  /** Memory is asked for at least this much at a time, so a growing table does not ask per row. */
  static final long CHUNK = 16 * 1024;

  private final String owner;
  private final TaskContextImpl task;
  private final MemoryReservation reservation;
  private long used;

  OperatorMemory(String owner, SpillCallback spill) {
    this.owner = owner;
    this.task = TaskContextImpl.current();
    if (task == null) {
      throw new IllegalStateException(owner + " runs only inside a task");
    }
    this.reservation = task.runtime().reserveMemory(owner, spill);
    task.addTaskCompletionListener(reservation::close);
  }

  String owner() {
    return owner;
  }

  /**
   * Accounts for {@code bytes} more of the operator's estimated size, acquiring memory when what is
   * held does not cover it.
   *
   * @return false when the task's memory manager denies the memory (nothing is accounted then)
   */
  boolean tryGrow(long bytes) {
    long missing = used + bytes - reservation.held();
    if (missing > 0) {
      reservation.acquire(Math.max(CHUNK, missing));
      if (used + bytes > reservation.held()) {
        return false;
      }
    }
    used += bytes;
    return true;
  }

  /** Accounts for {@code bytes} more, or fails naming the operator when they cannot be had. */
  void grow(long bytes) {
    if (!tryGrow(bytes)) {
      throw new IllegalStateException(
          "Cannot acquire "
              + bytes
              + " bytes of execution memory for "
              + owner
              + " even after spilling (holding "
              + reservation.held()
              + "); raise weft.executor.memory or lower weft.executor.cores");
    }
  }

  /** The estimated bytes in use. */
  long used() {
    return used;
  }

  /**
   * Gives back everything held (after the operator wrote its data to disk or dropped it).
   *
   * @return the bytes released
   */
  long releaseAll() {
    long held = reservation.held();
    used = 0;
    reservation.release(held);
    return held;
  }

  /** Counts a spill of {@code memoryBytes} of data that took {@code diskBytes} on disk. */
  void recordSpill(long memoryBytes, long diskBytes) {
    TaskMetrics m = task.metrics();
    m.spillCount++;
    m.memoryBytesSpilled += memoryBytes;
    m.diskBytesSpilled += diskBytes;
  }

  /** A new temporary file of the task, deleted when the task ends at the latest. */
  File tempFile(String prefix) {
    return task.runtime().createTempFile(prefix);
  }

  /** Whether the task was asked to stop; long loops check it. */
  void checkInterrupted() {
    task.checkInterrupted();
  }

  @Override
  public void close() {
    used = 0;
    reservation.close();
  }
}
