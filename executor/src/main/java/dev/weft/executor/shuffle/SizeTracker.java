package dev.weft.executor.shuffle;

import dev.weft.executor.storage.SizeEstimator;

/**
 * Estimates the heap size of a growing structure without measuring it on every update: the
 * structure is measured with {@link SizeEstimator} at exponentially spaced update counts, and the
 * size in between is extrapolated from the bytes per update seen between the last two samples. The
 * total cost of sampling stays proportional to the number of updates.
 */
final class SizeTracker {
  private static final double SAMPLE_GROWTH = 1.1;

  private long updates;
  private long nextSampleAt;
  private long sampledSize;
  private long sampledAt;
  private double bytesPerUpdate;

  SizeTracker() {
    reset();
  }

  /** Forgets all samples, for a structure that was emptied. */
  void reset() {
    updates = 0;
    nextSampleAt = 1;
    sampledSize = 0;
    sampledAt = 0;
    bytesPerUpdate = 0;
  }

  /** Records one update of {@code structure}, measuring it when a sample is due. */
  void afterUpdate(Object structure) {
    updates++;
    if (updates >= nextSampleAt) {
      long size = SizeEstimator.estimate(structure);
      if (updates > sampledAt) {
        bytesPerUpdate = Math.max(0, (double) (size - sampledSize) / (updates - sampledAt));
      }
      sampledSize = size;
      sampledAt = updates;
      nextSampleAt = (long) Math.ceil(updates * SAMPLE_GROWTH);
    }
  }

  /** The estimated current size in bytes. */
  long estimate() {
    return sampledSize + (long) (bytesPerUpdate * (updates - sampledAt));
  }
}
