package dev.weft.executor.shuffle;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A k-way merge of sorted iterators into one sorted iterator. Equal elements come out in the order
 * of their sources, so merging runs written in order keeps the merge stable.
 *
 * @param <T> the element type
 */
final class MergingIterator<T> implements Iterator<T> {
  private final PriorityQueue<Head<T>> heads;

  MergingIterator(List<? extends Iterator<? extends T>> sources, Comparator<? super T> order) {
    Comparator<Head<T>> byValue = (a, b) -> order.compare(a.value, b.value);
    this.heads =
        new PriorityQueue<>(
            Math.max(1, sources.size()), byValue.thenComparingInt(h -> h.sourceIndex));
    for (int i = 0; i < sources.size(); i++) {
      Iterator<? extends T> source = sources.get(i);
      if (source.hasNext()) {
        heads.add(new Head<>(source.next(), source, i));
      }
    }
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public T next() {
    Head<T> head = heads.poll();
    if (head == null) {
      throw new NoSuchElementException();
    }
    T value = head.value;
    if (head.source.hasNext()) {
      head.value = head.source.next();
      heads.add(head);
    }
    return value;
  }

  private static final class Head<T> {
    T value;
    final Iterator<? extends T> source;
    final int sourceIndex;

    Head(T value, Iterator<? extends T> source, int sourceIndex) {
      this.value = value;
      this.source = source;
      this.sourceIndex = sourceIndex;
    }
  }
}
