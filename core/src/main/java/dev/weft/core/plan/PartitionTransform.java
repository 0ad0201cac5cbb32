package dev.weft.core.plan;

import dev.weft.core.runtime.TaskContextImpl;
import java.io.Serializable;
import java.util.Iterator;

/**
 * How a {@link MapPartitionsNode} turns a parent partition into its own.
 *
 * @param <T> the parent's record type
 * @param <R> the result's record type
 */
@FunctionalInterface
public interface PartitionTransform<T, R> extends Serializable {
  Iterator<R> apply(TaskContextImpl context, int partition, Iterator<T> input) throws Exception;
}
