package dev.weft.api.function;

import java.io.Serializable;

/**
 * A one-argument function that is shipped to executors, so it must be serializable; a lambda
 * assigned to this type is.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Function<T, R> extends Serializable {
  /** Applies the function; an exception fails the task (and is retried like any task failure). */
  R call(T value) throws Exception;
}
