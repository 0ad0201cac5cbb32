package dev.weft.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects the values added, from every task, into a list on the driver.
 *
 * @param <T> the element type
 */
public final class CollectionAccumulator<T> extends Accumulator<T, List<T>> {
  private final ArrayList<T> values = new ArrayList<>();

  @Override
  protected CollectionAccumulator<T> newZero() {
    return new CollectionAccumulator<>();
  }

  @Override
  public synchronized boolean isZero() {
    return values.isEmpty();
  }

  @Override
  public synchronized void reset() {
    values.clear();
  }

  @Override
  public synchronized void add(T value) {
    values.add(value);
  }

  @Override
  public synchronized void merge(Accumulator<T, List<T>> other) {
    values.addAll(((CollectionAccumulator<T>) other).value());
  }

  /** A snapshot of the values collected so far. */
  @Override
  public synchronized List<T> value() {
    return Collections.unmodifiableList(new ArrayList<>(values));
  }
}
