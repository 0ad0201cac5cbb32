package dev.weft.api.function;

import java.io.Serializable;

/**
 * A two-argument function shipped to executors, used for reductions and merges.
 *
 * @param <T1> the first argument type
 * @param <T2> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Function2<T1, T2, R> extends Serializable {
  /** Applies the function. */
  R call(T1 first, T2 second) throws Exception;
}
