package dev.weft.core.runtime;

import java.io.Serializable;
import java.util.Iterator;

/**
 * What a result task does with its partition's records, e.g. collect them into a list.
 *
 * @param <T> the record type
 * @param <U> the result sent to the driver
 */
@FunctionalInterface
public interface TaskFunction<T, U> extends Serializable {
  U apply(TaskContextImpl context, Iterator<T> records) throws Exception;
}
