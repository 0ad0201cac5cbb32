package dev.weft.core.plan;

import dev.weft.api.function.Function;
import dev.weft.api.function.Function2;
import java.io.Serializable;

/**
 * How values of one key are combined: the first value becomes a combiner, later values merge into
 * it, and combiners from different map tasks or spills merge with each other.
 *
 * @param <K> the key type (for typing only)
 * @param <V> the value type
 * @param <C> the combiner type
 */
public record Aggregator<K, V, C>(
    Function<V, C> createCombiner, Function2<C, V, C> mergeValue, Function2<C, C, C> mergeCombiners)
    implements Serializable {}
