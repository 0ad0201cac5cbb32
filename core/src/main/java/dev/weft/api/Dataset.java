package dev.weft.api;

import dev.weft.api.function.FlatMapFunction;
import dev.weft.api.function.Function;
import dev.weft.api.function.Function2;
import dev.weft.api.function.IndexedPartitionFunction;
import dev.weft.api.function.PairFunction;
import dev.weft.api.function.PartitionFunction;
import dev.weft.api.function.SerializableComparator;
import dev.weft.api.function.VoidFunction;
import dev.weft.core.plan.CoalescedNode;
import dev.weft.core.plan.LineageFormatter;
import dev.weft.core.plan.MapPartitionsNode;
import dev.weft.core.plan.PartitionTransform;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.UnionNode;
import dev.weft.core.plan.ZippedWithIndexNode;
import dev.weft.core.runtime.TaskFunction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * An immutable, partitioned collection of records, computed lazily: transformations ({@link #map},
 * {@link #filter}, ...) only record lineage; actions ({@link #collect}, {@link #count}, ...) run
 * jobs. A lost partition is recomputed from its lineage. The Java counterpart of Spark's {@code
 * JavaRDD}.
 *
 * <p>Functions passed to transformations run on executors, so they and everything they capture must
 * be serializable.
 *
 * @param <T> the record type
 */
public class Dataset<T> {
  final WeftContext context;
  final PlanNode<T> node;

  Dataset(WeftContext context, PlanNode<T> node) {
    this.context = context;
    this.node = node;
  }

  /** The context this dataset belongs to. */
  public WeftContext context() {
    return context;
  }

  /** A number unique to this dataset within its context. */
  public int id() {
    return node.id();
  }

  public int getNumPartitions() {
    return node.numPartitions();
  }

  /** The partitioner of a dataset produced by a shuffle on keys, or null. */
  public Partitioner partitioner() {
    return node.partitioner();
  }

  <R> Dataset<R> derive(String operation, PartitionTransform<T, R> transform, boolean keepsKeys) {
    return new Dataset<>(
        context,
        new MapPartitionsNode<>(
            context.runtime().newNodeId(), operation, node, transform, keepsKeys));
  }

  // ---- transformations ----

  /** Applies {@code f} to every record. */
  public <R> Dataset<R> map(Function<T, R> f) {
    return derive("map", (ctx, p, it) -> Iterators.map(it, f), false);
  }

  /** Keeps the records for which {@code f} returns true. */
  public Dataset<T> filter(Function<T, Boolean> f) {
    return derive("filter", (ctx, p, it) -> Iterators.filter(it, f), true);
  }

  /** Replaces every record with the zero or more records {@code f} returns for it. */
  public <R> Dataset<R> flatMap(FlatMapFunction<T, R> f) {
    return derive("flatMap", (ctx, p, it) -> Iterators.flatMap(it, f), false);
  }

  /** Applies {@code f} to each whole partition. */
  public <R> Dataset<R> mapPartitions(PartitionFunction<T, R> f) {
    return derive("mapPartitions", (ctx, p, it) -> f.call(it), false);
  }

  /** Applies {@code f} to each whole partition, with the partition's index. */
  public <R> Dataset<R> mapPartitionsWithIndex(IndexedPartitionFunction<T, R> f) {
    return derive("mapPartitionsWithIndex", (ctx, p, it) -> f.call(p, it), false);
  }

  /** The records of this dataset followed by those of {@code other}; duplicates are kept. */
  public Dataset<T> union(Dataset<T> other) {
    return new Dataset<>(
        context, new UnionNode<>(context.runtime().newNodeId(), List.of(node, other.node)));
  }

  /** Each distinct record once (needs a shuffle). */
  public Dataset<T> distinct() {
    return distinct(context.runtime().defaultShufflePartitions(node));
  }

  /** Each distinct record once, in {@code numPartitions} partitions. */
  public Dataset<T> distinct(int numPartitions) {
    return this.<T, Boolean>mapToPair(x -> new Tuple2<>(x, Boolean.TRUE))
        .reduceByKey((a, b) -> a, numPartitions)
        .keys();
  }

  /**
   * A random sample: each record is kept with probability {@code fraction}, or, with replacement, a
   * Poisson number of times with mean {@code fraction}.
   */
  public Dataset<T> sample(boolean withReplacement, double fraction) {
    return sample(withReplacement, fraction, new Random().nextLong());
  }

  /** A random sample with a fixed seed: the same seed gives the same sample. */
  public Dataset<T> sample(boolean withReplacement, double fraction, long seed) {
    if (fraction < 0 || (!withReplacement && fraction > 1)) {
      throw new IllegalArgumentException(
          "sample fraction must be in [0, 1] without replacement and >= 0 with it, got "
              + fraction);
    }
    // Which records are drawn depends on their order: an unordered input samples differently.
    return new Dataset<>(
        context,
        new MapPartitionsNode<T, T>(
            context.runtime().newNodeId(),
            "sample",
            node,
            (ctx, p, it) -> Iterators.sample(it, withReplacement, fraction, seed * 31 + p),
            true,
            true));
  }

  /** Pairs each record with the key {@code f} computes for it. */
  public <K> PairDataset<K, T> keyBy(Function<T, K> f) {
    return mapToPair(x -> new Tuple2<>(f.call(x), x));
  }

  /** Turns each record into a key-value pair. */
  public <K, V> PairDataset<K, V> mapToPair(PairFunction<T, K, V> f) {
    return new PairDataset<>(
        context,
        new MapPartitionsNode<>(
            context.runtime().newNodeId(),
            "mapToPair",
            node,
            (ctx, p, it) -> Iterators.map(it, f::call),
            false));
  }

  /** Exactly {@code numPartitions} partitions of balanced size, through a shuffle. */
  public Dataset<T> repartition(int numPartitions) {
    return coalesce(numPartitions, true);
  }

  /** At most {@code numPartitions} partitions, merging neighbours without a shuffle. */
  public Dataset<T> coalesce(int numPartitions) {
    return coalesce(numPartitions, false);
  }

  /**
   * Changes the partition count; with {@code shuffle} records are spread evenly over exactly {@code
   * numPartitions}, without it neighbouring partitions are merged (count can only go down).
   */
  public Dataset<T> coalesce(int numPartitions, boolean shuffle) {
    if (numPartitions < 1) {
      throw new IllegalArgumentException(
          "Number of partitions must be at least 1, got " + numPartitions);
    }
    if (!shuffle) {
      return new Dataset<>(
          context, new CoalescedNode<>(context.runtime().newNodeId(), node, numPartitions));
    }
    int n = numPartitions;
    PairDataset<Integer, T> spread =
        new PairDataset<>(
            context,
            new MapPartitionsNode<>(
                context.runtime().newNodeId(),
                "repartition",
                node,
                (ctx, p, it) -> Iterators.roundRobin(it, n, p),
                false,
                true)); // where a record goes depends on its position in the input
    return spread.partitionBy(new HashPartitioner(n)).values();
  }

  /** Sorts by the key {@code f} computes (natural order, nulls first). */
  public <K extends Comparable<? super K>> Dataset<T> sortBy(
      Function<T, K> f, boolean ascending, int numPartitions) {
    return keyBy(f).sortByKey(ascending, numPartitions).values();
  }

  /** Sorts by the key {@code f} computes, in the order of {@code comparator}. */
  public <K> Dataset<T> sortBy(
      Function<T, K> f,
      SerializableComparator<? super K> comparator,
      boolean ascending,
      int numPartitions) {
    return keyBy(f).sortByKey(comparator, ascending, numPartitions).values();
  }

  /**
   * Pairs each record with its index: partition order, then record order. Runs a job to count the
   * records of each partition when first evaluated.
   */
  public PairDataset<T, Long> zipWithIndex() {
    return new PairDataset<>(
        context, new ZippedWithIndexNode<>(context.runtime().newNodeId(), node));
  }

  /** Keeps computed partitions in memory ({@link StorageLevel#MEMORY_ONLY}). */
  public Dataset<T> cache() {
    return persist(StorageLevel.MEMORY_ONLY);
  }

  /** Keeps computed partitions at {@code level}, from the next action on. */
  public Dataset<T> persist(StorageLevel level) {
    StorageLevel current = node.storageLevel();
    if (current.isValid() && current != level) {
      throw new IllegalStateException(
          "Dataset " + id() + " is already persisted at " + current + "; unpersist it first");
    }
    node.setStorageLevel(level);
    if (level.isValid()) {
      context.runtime().persisting(node);
    }
    return this;
  }

  /** Drops the cached partitions everywhere; later actions recompute them. */
  public Dataset<T> unpersist() {
    context.runtime().unpersist(node);
    return this;
  }

  public StorageLevel getStorageLevel() {
    return node.storageLevel();
  }

  /** The lineage, one node per line, indented at each shuffle boundary (like Spark's). */
  public String toDebugString() {
    return LineageFormatter.lineage(node);
  }

  /** The stages a job over this dataset would run, with their nodes and shuffles. */
  public String explain() {
    return LineageFormatter.stages(node);
  }

  // ---- actions ----

  /** All records, in partition order. Mind the driver's memory. */
  public List<T> collect() {
    List<ArrayList<T>> parts = context.runtime().runJob(node, (ctx, it) -> Iterators.toList(it));
    List<T> all = new ArrayList<>();
    for (List<T> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  /** The number of records. */
  public long count() {
    List<Long> counts = context.runtime().runJob(node, (ctx, it) -> Iterators.count(it));
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The first record.
   *
   * @throws UnsupportedOperationException when the dataset is empty
   */
  public T first() {
    List<T> one = take(1);
    if (one.isEmpty()) {
      throw new UnsupportedOperationException("first() of an empty collection");
    }
    return one.get(0);
  }

  /** The first {@code n} records, reading as few partitions as it can. */
  public List<T> take(int n) {
    List<T> result = new ArrayList<>();
    int total = node.numPartitions();
    int scanned = 0;
    while (result.size() < n && scanned < total) {
      int tryParts;
      if (scanned == 0) {
        tryParts = 1;
      } else if (result.isEmpty()) {
        tryParts = scanned * 4;
      } else {
        // Estimate from the yield so far, with a margin, at most four times as many.
        tryParts =
            (int)
                Math.min(
                    scanned * 4L,
                    Math.max(1, (long) Math.ceil(1.5 * n * scanned / result.size()) - scanned));
      }
      int[] parts = IntStream.range(scanned, Math.min(total, scanned + tryParts)).toArray();
      int left = n - result.size();
      List<ArrayList<T>> got =
          context
              .runtime()
              .runJob(node, (ctx, it) -> Iterators.toList(Iterators.limit(it, left)), parts);
      for (List<T> p : got) {
        for (T t : p) {
          if (result.size() < n) {
            result.add(t);
          }
        }
      }
      scanned += parts.length;
    }
    return result;
  }

  /**
   * Combines all records with {@code f}, which must be associative and commutative.
   *
   * @throws UnsupportedOperationException when the dataset is empty
   */
  public T reduce(Function2<T, T, T> f) {
    List<Object[]> parts =
        context
            .runtime()
            .runJob(
                node,
                (ctx, it) -> {
                  if (!it.hasNext()) {
                    return new Object[0];
                  }
                  T acc = it.next();
                  while (it.hasNext()) {
                    acc = f.call(acc, it.next());
                  }
                  return new Object[] {acc};
                });
    boolean any = false;
    T acc = null;
    for (Object[] p : parts) {
      if (p.length == 1) {
        @SuppressWarnings("unchecked")
        T v = (T) p[0];
        acc = any ? call(f, acc, v) : v;
        any = true;
      }
    }
    if (!any) {
      throw new UnsupportedOperationException("reduce() of an empty collection");
    }
    return acc;
  }

  /** Folds every partition from {@code zero} with {@code f}, then the partition results. */
  public T fold(T zero, Function2<T, T, T> f) {
    byte[] zeroBytes = context.runtime().serializer().serialize(zero);
    List<T> parts =
        context
            .runtime()
            .runJob(
                node,
                (ctx, it) -> {
                  T acc = ctx.runtime().serializer().deserialize(zeroBytes);
                  while (it.hasNext()) {
                    acc = f.call(acc, it.next());
                  }
                  return acc;
                });
    T acc = context.runtime().serializer().deserialize(zeroBytes);
    for (T p : parts) {
      acc = call(f, acc, p);
    }
    return acc;
  }

  /**
   * Aggregates each partition from a copy of {@code zero} with {@code seqOp}, then the partition
   * results with {@code combOp}.
   */
  public <U> U aggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
    byte[] zeroBytes = context.runtime().serializer().serialize(zero);
    List<U> parts =
        context
            .runtime()
            .runJob(
                node,
                (ctx, it) -> {
                  U acc = ctx.runtime().serializer().deserialize(zeroBytes);
                  while (it.hasNext()) {
                    acc = seqOp.call(acc, it.next());
                  }
                  return acc;
                });
    U acc = context.runtime().serializer().deserialize(zeroBytes);
    for (U p : parts) {
      acc = call(combOp, acc, p);
    }
    return acc;
  }

  /** Runs {@code f} on every record, on the executors. */
  public void foreach(VoidFunction<T> f) {
    context
        .runtime()
        .runJob(
            node,
            (ctx, it) -> {
              while (it.hasNext()) {
                f.call(it.next());
              }
              return Boolean.TRUE;
            });
  }

  /** Runs {@code f} on every partition, on the executors. */
  public void foreachPartition(VoidFunction<Iterator<T>> f) {
    context
        .runtime()
        .runJob(
            node,
            (ctx, it) -> {
              f.call(it);
              return Boolean.TRUE;
            });
  }

  /** How many times each distinct record occurs. */
  public Map<T, Long> countByValue() {
    return this.<T, Boolean>mapToPair(x -> new Tuple2<>(x, Boolean.TRUE)).countByKey();
  }

  /**
   * Writes each record's {@code toString()} as a line, one {@code part-NNNNN} file per partition;
   * fails if {@code path} exists. {@link #write()} offers the other save modes and formats.
   */
  public void saveAsTextFile(String path) {
    write().text(path);
  }

  /** A writer of this dataset's records to files, with a save mode and format. */
  public DataWriter<T> write() {
    return new DataWriter<>(this);
  }

  <R> List<R> runJob(TaskFunction<T, R> f) {
    return context.runtime().runJob(node, f);
  }

  static <A, B, C> C call(Function2<A, B, C> f, A a, B b) {
    try {
      return f.call(a, b);
    } catch (Exception e) {
      throw dev.weft.core.plan.Unchecked.rethrow(e);
    }
  }

  @Override
  public String toString() {
    return node.toString();
  }
}
