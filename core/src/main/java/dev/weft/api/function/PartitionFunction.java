package dev.weft.api.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * A function over a whole partition, used by {@code mapPartitions}. It may return a lazy iterator
 * over its input, so a partition need not fit in memory.
 *
 * @param <T> the input element type
 * @param <R> the output element type
 */
@FunctionalInterface
public interface PartitionFunction<T, R> extends Serializable {
  /** Returns the records of the output partition. */
  Iterator<R> call(Iterator<T> partition) throws Exception;
}
