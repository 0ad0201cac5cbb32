package dev.weft.core.plan;

/**
 * How repeatable a node's output is when one of its partitions is computed again, e.g. after a lost
 * map output. The scheduler recomputes only the lost map partitions of a stage whose output is
 * {@link #ORDERED} or {@link #UNORDERED}; for an {@link #INDETERMINATE} one it recomputes the whole
 * stage and everything that already read it, or fails the job when results were already handed out.
 */
public enum Determinism {
  /** The same records in the same order every time (a file scan, a sorted aggregation). */
  ORDERED,

  /**
   * The same records every time, in an order that may differ (the reduce side of a shuffle, whose
   * blocks arrive in any order).
   */
  UNORDERED,

  /**
   * The records themselves may differ, e.g. a round-robin {@code repartition} of an unordered
   * input: which record lands in which partition depends on the order it was read in.
   */
  INDETERMINATE;

  /** The less repeatable of the two. */
  public Determinism worst(Determinism other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /**
   * The output of a computation that depends on the order of its input, given its input's level: an
   * unordered input makes it indeterminate.
   */
  public Determinism whenOrderMatters() {
    return this == ORDERED ? ORDERED : INDETERMINATE;
  }
}
