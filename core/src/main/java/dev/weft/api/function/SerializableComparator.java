package dev.weft.api.function;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A comparator shipped to executors, e.g. the order of {@code sortBy} or {@code sortByKey}.
 *
 * @param <T> the compared type
 */
@FunctionalInterface
public interface SerializableComparator<T> extends Comparator<T>, Serializable {}
