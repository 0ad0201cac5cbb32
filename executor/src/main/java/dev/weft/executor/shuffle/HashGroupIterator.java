package dev.weft.executor.shuffle;

import dev.weft.api.Tuple2;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Combines the records of a stream sorted by key hash: records with the same hash are adjacent, so
 * each run of equal hashes is collected, its equal keys ({@code equals()}, null allowed) merged
 * with {@code mergeCombiners}, and one record per distinct key returned. One hash's records must
 * fit in memory.
 *
 * @param <K> the key type
 * @param <C> the combiner type
 */
final class HashGroupIterator<K, C> implements Iterator<Tuple2<K, C>> {
  private final Iterator<Tuple2<K, C>> in;
  private final Combining<?, C> combining;
  private final List<K> keys = new ArrayList<>();
  private final List<C> combiners = new ArrayList<>();
  private Tuple2<K, C> lookahead;
  private int emitted;

  HashGroupIterator(Iterator<Tuple2<K, C>> sortedByHash, Combining<?, C> combining) {
    this.in = sortedByHash;
    this.combining = combining;
    this.lookahead = in.hasNext() ? in.next() : null;
  }

  /** The hash records are ordered by; null keys hash to 0. */
  static int hash(Object key) {
    return key == null ? 0 : key.hashCode();
  }

  @Override
  public boolean hasNext() {
    if (emitted < keys.size()) {
      return true;
    }
    keys.clear();
    combiners.clear();
    emitted = 0;
    if (lookahead == null) {
      return false;
    }
    int h = hash(lookahead._1());
    while (lookahead != null && hash(lookahead._1()) == h) {
      add(lookahead);
      lookahead = in.hasNext() ? in.next() : null;
    }
    return true;
  }

  private void add(Tuple2<K, C> record) {
    for (int i = 0; i < keys.size(); i++) {
      if (Objects.equals(keys.get(i), record._1())) {
        combiners.set(i, combining.mergeCombiners(combiners.get(i), record._2()));
        return;
      }
    }
    keys.add(record._1());
    combiners.add(record._2());
  }

  @Override
  public Tuple2<K, C> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    int i = emitted++;
    return new Tuple2<>(keys.get(i), combiners.get(i));
  }
}
