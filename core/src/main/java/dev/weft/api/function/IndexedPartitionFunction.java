package dev.weft.api.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * A function over a whole partition that also receives the partition's index, used by {@code
 * mapPartitionsWithIndex}.
 *
 * @param <T> the input element type
 * @param <R> the output element type
 */
@FunctionalInterface
public interface IndexedPartitionFunction<T, R> extends Serializable {
  /** Returns the records of output partition {@code index}. */
  Iterator<R> call(int index, Iterator<T> partition) throws Exception;
}
