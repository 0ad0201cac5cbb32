package dev.weft.executor.memory;

import java.io.IOException;

/**
 * Something in a task that holds execution memory and can give it back by spilling to disk: a
 * shuffle writer's buffer, an aggregation map, a sort buffer. Subclasses ask for memory with {@link
 * #acquire} before they grow and must spill when the grant is short.
 */
public abstract class MemoryConsumer {
  protected final TaskMemoryManager taskMemory;
  private long used;

  protected MemoryConsumer(TaskMemoryManager taskMemory) {
    this.taskMemory = taskMemory;
  }

  /** Execution memory this consumer holds. */
  public final long used() {
    return used;
  }

  /**
   * Asks for {@code bytes} more; other consumers of the same task may be asked to spill first.
   *
   * @return the bytes granted, possibly fewer than asked
   */
  public final long acquire(long bytes) {
    checkCanAcquire();
    long granted = taskMemory.acquire(bytes, this);
    used += granted;
    return granted;
  }

  /** Called before every {@link #acquire}; throws when this consumer may no longer acquire. */
  protected void checkCanAcquire() {}

  /** The consumer's name in messages: its class unless a subclass says otherwise. */
  public String name() {
    return getClass().getSimpleName();
  }

  /** Gives back {@code bytes}. */
  public final void free(long bytes) {
    long b = Math.min(bytes, used);
    if (b <= 0) {
      return;
    }
    used -= b;
    taskMemory.release(b);
  }

  /** Gives back everything this consumer holds. */
  public final void freeAll() {
    free(used);
  }

  /**
   * Writes in-memory data to disk and frees its memory, to make room for {@code requester}.
   *
   * @return the bytes freed; 0 when nothing can be spilled now
   */
  public abstract long spill(long bytes, MemoryConsumer requester) throws IOException;
}
