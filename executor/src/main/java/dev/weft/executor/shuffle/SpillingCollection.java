package dev.weft.executor.shuffle;

import dev.weft.core.runtime.TaskMetrics;

/**
 * A collection of records that a task fills, then reads once, and that spills sorted runs to disk
 * when its grant runs out: the common part of {@link ExternalAggregator} and {@link
 * ExternalSorter}. It keeps one file buffer reserved at all times (for the run being written),
 * grows its grant as the records' estimated size grows, checks for a kill every few thousand
 * records, and refuses records once its result was taken.
 */
abstract class SpillingCollection extends SpillableConsumer {
  private static final int INTERRUPT_CHECK_INTERVAL = 4096;

  /** Memory held outside the estimated records: the buffer of a run being written. */
  protected final long fixedBytes;

  private final String what;
  private boolean iterated;
  private long inserted;

  /**
   * @param what the collection in messages, e.g. {@code "an aggregation"}
   */
  SpillingCollection(SpillEnv env, String what) {
    super(env);
    this.what = what;
    this.fixedBytes = env.settings().fileBufferSize();
    reserve(fixedBytes);
  }

  /** Fails when records come after the result was taken. */
  protected final void checkAcceptingRecords() {
    if (iterated) {
      throw new IllegalStateException(
          "records inserted after the result of " + what + " was taken");
    }
  }

  /** After one record went in: grows the grant or spills, and now and then checks for a kill. */
  protected final void afterInsert(long estimatedSize) {
    ensureCapacity(estimatedSize, fixedBytes);
    if (++inserted % INTERRUPT_CHECK_INTERVAL == 0) {
      env.task().checkInterrupted();
    }
  }

  /** Marks the one time the result is taken; from now on the memory is kept, not spilled. */
  protected final void beginIteration() {
    if (iterated) {
      throw new IllegalStateException("the result of " + what + " can be taken once");
    }
    iterated = true;
    stopAcceptingRecords();
  }

  /**
   * After a run of {@code diskBytes} was written: frees the records' memory (keeping the fixed
   * buffer) and counts the spill in the task's metrics.
   *
   * @return the bytes freed
   */
  protected final long releaseSpilled(long diskBytes) {
    long freed = Math.max(0, used() - fixedBytes);
    free(freed);
    TaskMetrics metrics = env.task().metrics();
    metrics.spillCount++;
    metrics.memoryBytesSpilled += freed;
    metrics.diskBytesSpilled += diskBytes;
    return freed;
  }
}
