package dev.weft.executor.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The execution memory of one task attempt. When the executor cannot grant a request, the task's
 * other consumers are asked to spill (largest first) before the requester must spill itself. Used
 * by one task thread at a time.
 */
public final class TaskMemoryManager {
  private final UnifiedMemoryManager memory;
  private final long taskId;
  private final Set<MemoryConsumer> consumers = new LinkedHashSet<>();
  private long peak;

  public TaskMemoryManager(UnifiedMemoryManager memory, long taskId) {
    this.memory = memory;
    this.taskId = taskId;
  }

  synchronized long acquire(long bytes, MemoryConsumer requester) {
    consumers.add(requester);
    long got = memory.acquireExecution(bytes, taskId);
    if (got < bytes) {
      List<MemoryConsumer> others = new ArrayList<>(consumers);
      others.remove(requester);
      others.sort(Comparator.comparingLong(MemoryConsumer::used).reversed());
      for (MemoryConsumer other : others) {
        if (got >= bytes) {
          break;
        }
        if (other.used() == 0) {
          continue;
        }
        try {
          long freed = other.spill(bytes - got, requester);
          if (freed > 0) {
            got += memory.acquireExecution(bytes - got, taskId);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Spill of " + other.name() + " failed", e);
        }
      }
    }
    peak = Math.max(peak, memory.executionUsed(taskId));
    return got;
  }

  synchronized void release(long bytes) {
    memory.releaseExecution(bytes, taskId);
  }

  /** The most execution memory the task held at once. */
  public synchronized long peakExecutionMemory() {
    return peak;
  }

  /** Forgets a consumer that has freed its memory and will not ask again. */
  public synchronized void unregister(MemoryConsumer consumer) {
    consumers.remove(consumer);
  }

  /**
   * Releases whatever the task still holds when it ends.
   *
   * @return the bytes that were still held (a leak in a consumer when non-zero on success)
   */
  public synchronized long releaseAll() {
    consumers.clear();
    return memory.releaseAllExecution(taskId);
  }
}
