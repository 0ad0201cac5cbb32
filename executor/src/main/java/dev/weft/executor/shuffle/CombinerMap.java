package dev.weft.executor.shuffle;

import dev.weft.api.Tuple2;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An open-addressing hash map from key to combiner for the combine paths of the shuffle: keys and
 * combiners sit side by side in one array, and combining a record costs one probe sequence (a
 * {@link java.util.HashMap} needs a lookup and an insert, each chasing a node per entry). Keys may
 * be null; so may combiners. Entries are never removed, only dropped all at once by replacing the
 * map.
 *
 * @param <K> the key type
 * @param <C> the combiner type
 */
final class CombinerMap<K, C> {
  private static final int INITIAL_CAPACITY = 64;
  private static final int MAX_CAPACITY = 1 << 29;

  /** Key of slot i at {@code 2 * i}, its combiner at {@code 2 * i + 1}; a null key is free. */
  private Object[] data = new Object[2 * INITIAL_CAPACITY];

  /**
   * The hash code of the key in slot i: a probe that passes a different key rejects it without
   * dereferencing it, and growing does not call {@code hashCode} again (which composite keys such
   * as tuples do not cache).
   */
  private int[] hashes = new int[INITIAL_CAPACITY];

  private int mask = INITIAL_CAPACITY - 1;
  private int size;
  private int growAt = INITIAL_CAPACITY * 7 / 10;
  private boolean hasNullKey;
  private C nullKeyCombiner;

  /**
   * Folds {@code incoming} (a value or a combiner, as {@code combining} says) into the combiner of
   * {@code key}, creating it for the key's first record.
   */
  @SuppressWarnings("unchecked")
  void combine(K key, Object incoming, Combining<?, C> combining) {
    if (key == null) {
      nullKeyCombiner =
          hasNullKey ? combining.add(nullKeyCombiner, incoming) : combining.first(incoming);
      if (!hasNullKey) {
        hasNullKey = true;
        size++;
      }
      return;
    }
    Object[] d = data;
    int[] hs = hashes;
    int h = key.hashCode();
    int pos = spread(h) & mask;
    int step = 1;
    while (true) {
      Object k = d[2 * pos];
      if (k == null) {
        d[2 * pos] = key;
        hs[pos] = h;
        d[2 * pos + 1] = combining.first(incoming);
        if (++size > growAt) {
          grow();
        }
        return;
      }
      if (k == key || (hs[pos] == h && k.equals(key))) {
        d[2 * pos + 1] = combining.add((C) d[2 * pos + 1], incoming);
        return;
      }
      // Triangular probing visits every slot of a power-of-two table.
      pos = (pos + step++) & mask;
    }
  }

  /** The number of distinct keys. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The entries as {@code (key, combiner)} records, in no particular order. */
  Iterator<Tuple2<K, C>> iterator() {
    return new Iterator<>() {
      private int slot = hasNullKey ? -1 : nextSlot(0);

      @Override
      public boolean hasNext() {
        return slot < data.length / 2;
      }

      @Override
      @SuppressWarnings("unchecked")
      public Tuple2<K, C> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Tuple2<K, C> entry =
            slot < 0
                ? new Tuple2<>(null, nullKeyCombiner)
                : new Tuple2<>((K) data[2 * slot], (C) data[2 * slot + 1]);
        slot = nextSlot(slot + 1);
        return entry;
      }
    };
  }

  /** The first occupied slot at or after {@code from}, or the capacity when there is none. */
  private int nextSlot(int from) {
    int capacity = data.length / 2;
    int i = from;
    while (i < capacity && data[2 * i] == null) {
      i++;
    }
    return i;
  }

  private void grow() {
    int capacity = data.length / 2;
    if (capacity >= MAX_CAPACITY) {
      throw new IllegalStateException(
          "A combine map cannot hold more than " + growAt + " distinct keys");
    }
    int newCapacity = capacity * 2;
    int newMask = newCapacity - 1;
    Object[] old = data;
    int[] oldHashes = hashes;
    Object[] d = new Object[2 * newCapacity];
    int[] hs = new int[newCapacity];
    for (int i = 0; i < capacity; i++) {
      Object k = old[2 * i];
      if (k != null) {
        int h = oldHashes[i];
        int pos = spread(h) & newMask;
        int step = 1;
        while (d[2 * pos] != null) {
          pos = (pos + step++) & newMask;
        }
        d[2 * pos] = k;
        d[2 * pos + 1] = old[2 * i + 1];
        hs[pos] = h;
      }
    }
    data = d;
    hashes = hs;
    mask = newMask;
    growAt = (int) (newCapacity * 7L / 10);
  }

  /**
   * Mixes the hash's bits: keys of one reduce partition share their hash modulo the partition
   * count, which would otherwise crowd a few slots.
   */
  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
