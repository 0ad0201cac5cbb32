package dev.weft.executor.shuffle;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.PrefixComparator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sorts records by key with a buffer that spills sorted runs to disk when the task's memory grant
 * runs out, and merges the runs k ways (in passes when there are more runs than the merge width).
 * The sort is stable: records with equal keys keep their insertion order. Works for any number of
 * records; <b>each single record must fit in memory</b>.
 *
 * <p>The buffer's size is estimated by sampling; memory is acquired in growing chunks ahead of it.
 * Spill files are deleted when the result is exhausted, and by a task completion listener
 * otherwise. Use from the task's thread only; insert everything, then iterate once.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ExternalSorter<K, V> extends SpillingCollection {
  private static final Logger LOG = LogManager.getLogger(ExternalSorter.class);

  private final Comparator<? super K> ordering;
  private final Comparator<Tuple2<K, V>> byKey;
  private final SpillRuns<Tuple2<K, V>> runs;
  private final SizeTracker size = new SizeTracker();
  private List<Tuple2<K, V>> buffer = new ArrayList<>();
  private boolean closed;

  /**
   * @param ordering the order of keys; it must accept null when keys may be null
   */
  public ExternalSorter(SpillEnv env, Comparator<? super K> ordering) {
    super(env, "a sort");
    this.ordering = ordering;
    this.byKey = (a, b) -> ordering.compare(a._1(), b._1());
    this.runs = new SpillRuns<>(env, "spill_sort", byKey, UnaryOperator.identity());
    env.task().addTaskCompletionListener(this::close);
  }

  /** Sorts {@code records} by key, spilling as needed. */
  public static <K, V> Iterator<Tuple2<K, V>> sort(
      SpillEnv env, Iterator<? extends Tuple2<K, V>> records, Comparator<? super K> ordering) {
    ExternalSorter<K, V> sorter = new ExternalSorter<>(env, ordering);
    sorter.insertAll(records);
    return sorter.iterator();
  }

  /** Adds records to sort. */
  public void insertAll(Iterator<? extends Tuple2<K, V>> records) {
    checkAcceptingRecords();
    while (records.hasNext()) {
      buffer.add(records.next());
      size.afterUpdate(buffer);
      afterInsert(size.estimate());
    }
  }

  /**
   * The records in key order. May be called once.
   *
   * @throws UncheckedIOException naming the file when a spill cannot be written or read
   */
  public Iterator<Tuple2<K, V>> iterator() {
    beginIteration();
    if (runs.isEmpty()) {
      sortBuffer();
      return new CompletionIterator<>(new WarmingIterator<>(buffer), this::close);
    }
    try {
      spillToDisk(); // the rest too: merging only files keeps the merge's memory to its buffers
      int width = MergeBuffers.acquire(this, env.settings());
      return new CompletionIterator<>(runs.merge(width), this::close);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("Cannot merge the spills of a sort: " + e, e);
    }
  }

  @Override
  protected long spillToDisk() throws IOException {
    if (buffer.isEmpty()) {
      return 0;
    }
    sortBuffer();
    long bytes = runs.write(buffer.iterator());
    int records = buffer.size();
    buffer = new ArrayList<>();
    size.reset();
    long freed = releaseSpilled(bytes);
    LOG.debug(
        "Task {} spilled {} records of a sort ({} bytes in memory, {} on disk)",
        env.task().taskAttemptId(),
        records,
        freed,
        bytes);
    return freed;
  }

  @SuppressWarnings("unchecked")
  private void sortBuffer() {
    if (ordering instanceof PrefixComparator<?> prefixed) {
      buffer = PrefixSorter.sort(buffer, (PrefixComparator<? super K>) prefixed);
    } else {
      buffer.sort(byKey);
    }
  }

  /** Deletes the spill files and frees all memory; idempotent. */
  private void close() {
    runs.deleteAll();
    if (!closed) {
      closed = true;
      stopAcceptingRecords();
      buffer = new ArrayList<>();
      freeAll();
      env.memory().unregister(this);
    }
  }
}
