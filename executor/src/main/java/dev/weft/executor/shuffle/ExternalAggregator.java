package dev.weft.executor.shuffle;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.Aggregator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Combines records by key in a hash map that spills to disk when the task's memory grant runs out.
 * Each spill is a run of {@code (key, combiner)} records sorted by key hash; the result merges the
 * runs by hash and merges the combiners of keys that are {@code equals()} (null keys allowed).
 * Works for any number of records and distinct keys, with one limit: <b>the combiner of a single
 * key (and all records of keys sharing one hash code) must fit in memory</b>.
 *
 * <p>The map's size is estimated by sampling; memory is acquired in growing chunks ahead of it.
 * Spill files are deleted when the result is exhausted, and by a task completion listener
 * otherwise. Use from the task's thread only; insert everything, then iterate once.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <C> the combiner type
 */
public final class ExternalAggregator<K, V, C> extends SpillingCollection {
  private static final Logger LOG = LogManager.getLogger(ExternalAggregator.class);

  private final Combining<V, C> combining;
  private final SpillRuns<Tuple2<K, C>> runs;
  private final SizeTracker size = new SizeTracker();
  private CombinerMap<K, C> map = new CombinerMap<>();
  private boolean closed;

  /**
   * @param aggregator how values and combiners merge
   * @param inputIsCombiners whether inserted values are combiners already (merged with {@code
   *     mergeCombiners}) rather than values
   */
  public ExternalAggregator(
      SpillEnv env, Aggregator<K, V, C> aggregator, boolean inputIsCombiners) {
    super(env, "an aggregation");
    this.combining = new Combining<>(aggregator, inputIsCombiners);
    Comparator<Tuple2<K, C>> byHash = Comparator.comparingInt(t -> HashGroupIterator.hash(t._1()));
    this.runs =
        new SpillRuns<>(
            env, "spill_aggregate", byHash, merged -> new HashGroupIterator<>(merged, combining));
    env.task().addTaskCompletionListener(this::close);
  }

  /** Combines {@code records} into those of {@code aggregator}, spilling as needed. */
  public static <K, V, C> Iterator<Tuple2<K, C>> combine(
      SpillEnv env,
      Iterator<? extends Tuple2<K, ?>> records,
      Aggregator<K, V, C> aggregator,
      boolean inputIsCombiners) {
    ExternalAggregator<K, V, C> combiner =
        new ExternalAggregator<>(env, aggregator, inputIsCombiners);
    combiner.insertAll(records);
    return combiner.iterator();
  }

  /** Adds records whose values are values or combiners, as given to the constructor. */
  public void insertAll(Iterator<? extends Tuple2<K, ?>> records) {
    checkAcceptingRecords();
    while (records.hasNext()) {
      Tuple2<K, ?> record = records.next();
      map.combine(record._1(), record._2(), combining);
      size.afterUpdate(map);
      afterInsert(size.estimate());
    }
  }

  /**
   * The combined records, one per distinct key, in no particular order. May be called once.
   *
   * @throws UncheckedIOException naming the file when a spill cannot be written or read
   */
  public Iterator<Tuple2<K, C>> iterator() {
    beginIteration();
    if (runs.isEmpty()) {
      return new CompletionIterator<>(map.iterator(), this::close);
    }
    try {
      spillToDisk(); // the rest too: merging only files keeps the merge's memory to its buffers
      int width = MergeBuffers.acquire(this, env.settings());
      return new CompletionIterator<>(runs.merge(width), this::close);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("Cannot merge the spills of an aggregation: " + e, e);
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  protected long spillToDisk() throws IOException {
    if (map.isEmpty()) {
      return 0;
    }
    // The entries as records add an array and a small tuple per key to the map's footprint.
    Tuple2<K, C>[] entries = new Tuple2[map.size()];
    Iterator<Tuple2<K, C>> it = map.iterator();
    for (int i = 0; i < entries.length; i++) {
      entries[i] = it.next();
    }
    Arrays.sort(entries, Comparator.comparingInt(e -> HashGroupIterator.hash(e._1())));
    long bytes = runs.write(Arrays.asList(entries).iterator());
    map = new CombinerMap<>();
    size.reset();
    long freed = releaseSpilled(bytes);
    LOG.debug(
        "Task {} spilled {} keys of an aggregation ({} bytes in memory, {} on disk)",
        env.task().taskAttemptId(),
        entries.length,
        freed,
        bytes);
    return freed;
  }

  /** Deletes the spill files and frees all memory; idempotent. */
  private void close() {
    runs.deleteAll();
    if (!closed) {
      closed = true;
      stopAcceptingRecords();
      map = new CombinerMap<>();
      freeAll();
      env.memory().unregister(this);
    }
  }
}
