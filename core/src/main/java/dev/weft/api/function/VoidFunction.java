package dev.weft.api.function;

import java.io.Serializable;

/**
 * A function with a side effect only, used by {@code foreach} and {@code foreachPartition}.
 *
 * @param <T> the argument type
 */
@FunctionalInterface
public interface VoidFunction<T> extends Serializable {
  /** Consumes {@code value}. */
  void call(T value) throws Exception;
}
