package dev.weft.executor.memory;

import dev.weft.core.runtime.BlockId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One executor's memory budget, shared by execution (shuffle buffers, aggregation maps, sort
 * buffers) and storage (cached blocks). Either side may borrow what the other does not use;
 * execution can take back borrowed storage memory by evicting blocks, but storage memory up to
 * {@code storageRegion} is safe from eviction.
 *
 * <p>Each of N running tasks gets at most 1/N of the execution memory and is guaranteed 1/(2N)
 * before it must spill: a task holding less than that waits for another task to release execution
 * memory, as long as one that may release it exists. Otherwise (the rest is storage that cannot be
 * evicted, such as unroll reservations, or every other holder is itself waiting) the short grant is
 * returned at once and the task spills or fails.
 *
 * <p>Thread-safe: every method synchronizes on this object, which is also the lock of the memory
 * store's entries, so accounting and eviction never disagree.
 */
public final class UnifiedMemoryManager {
  private final long maxMemory;
  private final long storageRegion;
  private final Map<Long, Long> executionByTask = new HashMap<>();
  // Tasks inside wait() in acquireExecution: they release nothing until they return.
  private final Set<Long> waiting = new HashSet<>();
  private long executionUsed;
  private long storageUsed;
  private StorageEvictor evictor = (bytes, requester) -> 0;

  /**
   * @param maxMemory the whole budget in bytes
   * @param storageFraction the share of {@code maxMemory} that cached blocks keep against
   *     execution's eviction
   */
  public UnifiedMemoryManager(long maxMemory, double storageFraction) {
    if (maxMemory <= 0) {
      throw new IllegalArgumentException("memory budget must be positive, got " + maxMemory);
    }
    this.maxMemory = maxMemory;
    this.storageRegion = (long) (maxMemory * storageFraction);
  }

  /** Sets who evicts cached blocks when memory is needed; the block manager calls this once. */
  public synchronized void setEvictor(StorageEvictor evictor) {
    this.evictor = evictor;
  }

  public long maxMemory() {
    return maxMemory;
  }

  public synchronized long executionUsed() {
    return executionUsed;
  }

  public synchronized long storageUsed() {
    return storageUsed;
  }

  /** Execution memory held by one task. */
  public synchronized long executionUsed(long taskId) {
    return executionByTask.getOrDefault(taskId, 0L);
  }

  /**
   * Grants up to {@code bytes} of execution memory to {@code taskId}, evicting cached blocks above
   * the storage region if needed. May block while the task holds less than its fair minimum share
   * and another running task holds execution memory it may release; never blocks otherwise.
   *
   * @return the bytes granted, between 0 and {@code bytes}
   */
  public synchronized long acquireExecution(long bytes, long taskId) {
    if (bytes <= 0) {
      return 0;
    }
    if (!executionByTask.containsKey(taskId)) {
      executionByTask.put(taskId, 0L);
      notifyAll(); // other tasks' shares just shrank
    }
    while (true) {
      int activeTasks = executionByTask.size();
      long held = executionByTask.get(taskId);
      long free = maxMemory - executionUsed - storageUsed;
      // Evict no more than this task may be granted: blocks dropped beyond that are lost for
      // nothing. Eviction stays above the storage region, so the pool computed here holds after.
      long wanted = Math.min(bytes, Math.max(0, maxShare(activeTasks) - held));
      if (free < wanted) {
        long reclaimable = Math.max(0, storageUsed - storageRegion);
        long toEvict = Math.min(wanted - free, reclaimable);
        if (toEvict > 0) {
          evictor.evict(toEvict, null);
          free = maxMemory - executionUsed - storageUsed;
        }
      }
      long executionPool = maxMemory - Math.min(storageUsed, storageRegion);
      long maxShare = maxShare(activeTasks);
      long minShare = executionPool / (2L * activeTasks);
      long grant = Math.max(0, Math.min(Math.min(bytes, maxShare - held), free));
      if (grant < bytes && held + grant < minShare && anotherTaskMayRelease(taskId)) {
        waiting.add(taskId);
        try {
          wait(); // until another task releases memory
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        } finally {
          waiting.remove(taskId);
        }
        continue;
      }
      executionByTask.put(taskId, held + grant);
      executionUsed += grant;
      return grant;
    }
  }

  /**
   * Whether a task other than {@code taskId} holds execution memory and is not itself waiting here
   * for more. Only such a task can wake a waiter: storage is not released for execution beyond the
   * eviction above, and two waiting tasks would wait for each other forever. A task entering wait
   * does not falsify this for tasks already waiting, since it saw a running holder that stays.
   */
  private boolean anotherTaskMayRelease(long taskId) {
    for (Map.Entry<Long, Long> e : executionByTask.entrySet()) {
      if (e.getKey() != taskId && e.getValue() > 0 && !waiting.contains(e.getKey())) {
        return true;
      }
    }
    return false;
  }

  /** The most execution memory one of {@code activeTasks} tasks may hold. */
  private long maxShare(int activeTasks) {
    return (maxMemory - Math.min(storageUsed, storageRegion)) / activeTasks;
  }

  /** Returns {@code bytes} of {@code taskId}'s execution memory. */
  public synchronized void releaseExecution(long bytes, long taskId) {
    long held = executionByTask.getOrDefault(taskId, 0L);
    long released = Math.min(bytes, held);
    if (executionByTask.containsKey(taskId)) {
      executionByTask.put(taskId, held - released);
    }
    executionUsed -= released;
    notifyAll();
  }

  /** Returns all of a finished task's execution memory; returns how much it still held. */
  public synchronized long releaseAllExecution(long taskId) {
    Long held = executionByTask.remove(taskId);
    long h = held == null ? 0 : held;
    executionUsed -= h;
    notifyAll();
    return h;
  }

  /**
   * Reserves {@code bytes} of storage memory for {@code block}, evicting other blocks (never
   * execution memory) if needed.
   *
   * @return whether the memory was reserved
   */
  public synchronized boolean acquireStorage(long bytes, BlockId block) {
    if (bytes < 0) {
      throw new IllegalArgumentException(
          "Negative storage memory request of " + bytes + " bytes for block " + block);
    }
    if (bytes > maxMemory) {
      return false;
    }
    long free = maxMemory - executionUsed - storageUsed;
    if (free < bytes) {
      evictor.evict(bytes - free, block);
      free = maxMemory - executionUsed - storageUsed;
    }
    if (free < bytes) {
      return false;
    }
    storageUsed += bytes;
    return true;
  }

  /** Returns {@code bytes} of storage memory (a block removed, or an unroll reservation). */
  public synchronized void releaseStorage(long bytes) {
    storageUsed = Math.max(0, storageUsed - bytes);
    notifyAll();
  }
}
