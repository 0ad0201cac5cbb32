package dev.weft.executor.shuffle;

import dev.weft.executor.memory.MemoryConsumer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A memory consumer that holds data in memory while it fits its grant and writes it to disk when it
 * does not. Subclasses say how to spill; this class decides when, and how memory is asked for.
 *
 * <p>Other consumers of the task may ask it to spill only while it is accepting records; once it
 * has started returning results it keeps its memory.
 */
abstract class SpillableConsumer extends MemoryConsumer {
  // Object structures ask for at least this much at a time, so a growing map does not ask per
  // entry.
  static final long MIN_CHUNK = 16 * 1024;

  protected final SpillEnv env;
  private boolean acceptingRecords = true;

  SpillableConsumer(SpillEnv env) {
    super(env.memory());
    this.env = env;
  }

  /**
   * Writes what is held in memory to disk and frees that memory.
   *
   * @return the bytes freed
   */
  protected abstract long spillToDisk() throws IOException;

  /** After this, requests from other consumers to spill are declined. */
  protected final void stopAcceptingRecords() {
    acceptingRecords = false;
  }

  @Override
  public final long spill(long bytes, MemoryConsumer requester) throws IOException {
    if (requester == this || !acceptingRecords) {
      return 0;
    }
    return spillToDisk();
  }

  /**
   * Acquires exactly {@code bytes} more, spilling this consumer first when the grant falls short.
   *
   * @throws ExecutionMemoryException when not even an empty consumer can get {@code bytes}
   */
  protected final void reserve(long bytes) {
    long got = acquire(bytes);
    if (got >= bytes) {
      return;
    }
    free(got);
    spillOrFail();
    got = acquire(bytes);
    if (got < bytes) {
      free(got);
      throw new ExecutionMemoryException(bytes, got, getClass().getSimpleName());
    }
  }

  /**
   * Makes sure the grant covers {@code estimatedSize} plus {@code fixedBytes} held outside the
   * estimated structure, asking for twice the structure's size at a time; spills when the task
   * cannot grant it.
   */
  protected final void ensureCapacity(long estimatedSize, long fixedBytes) {
    long needed = estimatedSize + fixedBytes;
    if (needed <= used()) {
      return;
    }
    long request = Math.max(MIN_CHUNK, 2 * estimatedSize + fixedBytes - used());
    acquire(request);
    if (used() < needed) {
      spillOrFail();
    }
  }

  private void spillOrFail() {
    try {
      spillToDisk();
    } catch (IOException e) {
      throw new UncheckedIOException("Spill of " + getClass().getSimpleName() + " failed", e);
    }
  }
}
