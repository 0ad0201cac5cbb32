package dev.weft.api.function;

import dev.weft.api.Tuple2;
import java.io.Serializable;

/**
 * A function that turns a record into a key-value pair.
 *
 * @param <T> the input type
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface PairFunction<T, K, V> extends Serializable {
  /** Returns the pair for {@code value}. */
  Tuple2<K, V> call(T value) throws Exception;
}
