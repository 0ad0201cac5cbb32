package dev.weft.executor.shuffle;

import dev.weft.core.plan.Aggregator;
import dev.weft.core.plan.Unchecked;

/**
 * Applies an {@link Aggregator} to incoming values or to incoming combiners. A user function's
 * exception, checked or not, propagates unchanged.
 *
 * @param <V> the value type
 * @param <C> the combiner type
 */
final class Combining<V, C> {
  private final Aggregator<?, V, C> aggregator;
  private final boolean inputIsCombiners;

  /**
   * @param inputIsCombiners whether incoming values are combiners already (merged with {@code
   *     mergeCombiners}) rather than values
   */
  Combining(Aggregator<?, V, C> aggregator, boolean inputIsCombiners) {
    this.aggregator = aggregator;
    this.inputIsCombiners = inputIsCombiners;
  }

  /** The combiner for the first incoming value of a key. */
  @SuppressWarnings("unchecked")
  C first(Object incoming) {
    if (inputIsCombiners) {
      return (C) incoming;
    }
    try {
      return aggregator.createCombiner().call((V) incoming);
    } catch (Exception e) {
      throw Unchecked.rethrow(e);
    }
  }

  /** {@code combiner} with one more incoming value of its key. */
  @SuppressWarnings("unchecked")
  C add(C combiner, Object incoming) {
    if (inputIsCombiners) {
      return mergeCombiners(combiner, (C) incoming);
    }
    try {
      return aggregator.mergeValue().call(combiner, (V) incoming);
    } catch (Exception e) {
      throw Unchecked.rethrow(e);
    }
  }

  /** Two combiners of one key merged. */
  C mergeCombiners(C a, C b) {
    try {
      return aggregator.mergeCombiners().call(a, b);
    } catch (Exception e) {
      throw Unchecked.rethrow(e);
    }
  }
}
