package dev.weft.executor.storage;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The outcome of putting records into the {@link MemoryStore}: either the block was stored, or it
 * did not fit and nothing was kept. Either way {@link #records()} yields every record of the input
 * exactly once, so the caller can consume the whole partition.
 *
 * @param <T> the record type
 */
public final class PutResult<T> {
  private final boolean stored;
  private final long size;
  private final Iterator<T> records;

  private PutResult(boolean stored, long size, Iterator<T> records) {
    this.stored = stored;
    this.size = size;
    this.records = records;
  }

  static <T> PutResult<T> stored(long size, Iterator<T> records) {
    return new PutResult<>(true, size, records);
  }

  /**
   * A put that did not fit: the records read so far, then the rest of the input.
   *
   * @param unrolled the records already taken from {@code rest}
   */
  static <T> PutResult<T> notStored(Iterator<T> unrolled, Iterator<T> rest) {
    return new PutResult<>(false, 0, new Concat<>(unrolled, rest));
  }

  /** Whether the block is now in memory. */
  public boolean stored() {
    return stored;
  }

  /** The storage memory the stored block takes; 0 when not stored. */
  public long size() {
    return size;
  }

  /** Every record of the input, in order. Can be consumed once. */
  public Iterator<T> records() {
    return records;
  }

  private static final class Concat<T> implements Iterator<T> {
    private Iterator<T> first;
    private final Iterator<T> second;

    Concat(Iterator<T> first, Iterator<T> second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public boolean hasNext() {
      if (first != null) {
        if (first.hasNext()) {
          return true;
        }
        first = null; // let the unrolled records be collected
      }
      return second.hasNext();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return first != null ? first.next() : second.next();
    }
  }
}
