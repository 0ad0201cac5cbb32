package dev.weft.executor.storage;

/**
 * Keeps a running estimate of the heap taken by a growing list of records without measuring every
 * record: the first {@value #ALWAYS_MEASURED} records are measured, then one in {@value
 * #SAMPLE_EVERY}, and the others are assumed to be of the average measured size. Not thread-safe.
 */
public final class SizeTracker {
  private static final int ALWAYS_MEASURED = 32;
  private static final int SAMPLE_EVERY = 16;

  private long count;
  private long measured;
  private long measuredBytes;

  /** Counts one more record, measuring it when it falls in the sample. */
  public void add(Object record) {
    count++;
    if (count <= ALWAYS_MEASURED || count % SAMPLE_EVERY == 0) {
      measured++;
      measuredBytes += SizeEstimator.estimate(record);
    }
  }

  /** The records counted so far. */
  public long count() {
    return count;
  }

  /**
   * The estimated bytes of the records counted so far plus the array that holds their references
   * (with the slack a growing list keeps).
   */
  public long estimate() {
    if (count == 0) {
      return 0;
    }
    long records = measuredBytes * count / measured;
    long slots = count + count / 4;
    return records
        + SizeEstimator.align(SizeEstimator.ARRAY_HEADER + slots * SizeEstimator.REFERENCE);
  }
}
