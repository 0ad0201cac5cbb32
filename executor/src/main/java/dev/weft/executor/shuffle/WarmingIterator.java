package dev.weft.executor.shuffle;

import dev.weft.api.Tuple2;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Iterates sorted records while loading the next block of them into the CPU cache ahead of use.
 *
 * <p>Why: after a sort, consecutive records lie far apart on the heap, and each one the consumer
 * touches (the record, its key, its value) is a cache miss that stalls it. A tight loop that only
 * reads the headers of the next block's objects lets the processor keep many of those misses in
 * flight at once, so the consumer then finds them cached.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class WarmingIterator<K, V> implements Iterator<Tuple2<K, V>> {
  private static final int BLOCK = 64;

  private final List<Tuple2<K, V>> records;
  private int next;
  private int warmedUpTo;

  /** Kept in a field so the JIT cannot drop the loads that compute it. */
  private int sink;

  WarmingIterator(List<Tuple2<K, V>> records) {
    this.records = records;
  }

  @Override
  public boolean hasNext() {
    return next < records.size();
  }

  @Override
  public Tuple2<K, V> next() {
    if (next >= records.size()) {
      throw new NoSuchElementException();
    }
    if (next == warmedUpTo) {
      warm();
    }
    return records.get(next++);
  }

  private void warm() {
    int end = Math.min(records.size(), warmedUpTo + BLOCK);
    int acc = sink;
    for (int i = warmedUpTo; i < end; i++) {
      Tuple2<K, V> record = records.get(i);
      acc += touch(record._1()) + touch(record._2());
    }
    sink = acc;
    warmedUpTo = end;
  }

  private static int touch(Object o) {
    // Reading the class reads the object's header, bringing its first cache line in.
    return o == null ? 0 : o.getClass().getModifiers();
  }
}
