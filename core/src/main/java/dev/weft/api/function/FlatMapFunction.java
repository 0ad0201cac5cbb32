package dev.weft.api.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * A function that turns one record into zero or more records.
 *
 * @param <T> the input type
 * @param <R> the output element type
 */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Serializable {
  /** Returns the records that {@code value} becomes, possibly none. */
  Iterator<R> call(T value) throws Exception;
}
