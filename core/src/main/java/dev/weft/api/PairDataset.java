package dev.weft.api;

import dev.weft.api.function.FlatMapFunction;
import dev.weft.api.function.Function;
import dev.weft.api.function.Function2;
import dev.weft.api.function.SerializableComparator;
import dev.weft.core.plan.Aggregator;
import dev.weft.core.plan.CoGroupedNode;
import dev.weft.core.plan.MapPartitionsNode;
import dev.weft.core.plan.NaturalKeyOrder;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.RangePartitioner;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.plan.ShuffledNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset of key-value pairs with the by-key operations: aggregation, grouping, joins and
 * sorting. Keys are compared with {@code equals}/{@code hashCode}; null keys are allowed. The Java
 * counterpart of Spark's {@code JavaPairRDD}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class PairDataset<K, V> extends Dataset<Tuple2<K, V>> {

  PairDataset(WeftContext context, PlanNode<Tuple2<K, V>> node) {
    super(context, node);
  }

  private <R> PairDataset<K, R> derivePairs(
      String operation,
      dev.weft.core.plan.PartitionTransform<Tuple2<K, V>, Tuple2<K, R>> transform,
      boolean keepsKeys) {
    return new PairDataset<>(
        context,
        new MapPartitionsNode<>(
            context.runtime().newNodeId(), operation, node, transform, keepsKeys));
  }

  /** The partitioner by-key operations use when none is given: the existing one, or hash. */
  private Partitioner defaultPartitioner(Dataset<?>... others) {
    if (node.partitioner() != null) {
      return node.partitioner();
    }
    for (Dataset<?> o : others) {
      if (o.node.partitioner() != null) {
        return o.node.partitioner();
      }
    }
    int n = context.runtime().defaultShufflePartitions(node);
    for (Dataset<?> o : others) {
      n = Math.max(n, context.runtime().defaultShufflePartitions(o.node));
    }
    return new HashPartitioner(n);
  }

  // ---- aggregation ----

  /**
   * The general by-key aggregation: the first value of a key becomes a combiner through {@code
   * createCombiner}, later values merge in with {@code mergeValue}, and combiners from different
   * partitions merge with {@code mergeCombiners}. Data larger than memory spills to disk.
   *
   * @param mapSideCombine whether to combine before the shuffle (saves shuffle bytes when many
   *     values share a key)
   */
  public <C> PairDataset<K, C> combineByKey(
      Function<V, C> createCombiner,
      Function2<C, V, C> mergeValue,
      Function2<C, C, C> mergeCombiners,
      Partitioner partitioner,
      boolean mapSideCombine) {
    return combine(
        "combineByKey", createCombiner, mergeValue, mergeCombiners, partitioner, mapSideCombine);
  }

  /** The by-key aggregation behind every *ByKey operation, named after the API call. */
  private <C> PairDataset<K, C> combine(
      String operation,
      Function<V, C> createCombiner,
      Function2<C, V, C> mergeValue,
      Function2<C, C, C> mergeCombiners,
      Partitioner partitioner,
      boolean mapSideCombine) {
    Aggregator<K, V, C> aggregator = new Aggregator<>(createCombiner, mergeValue, mergeCombiners);
    if (partitioner.equals(node.partitioner())) {
      // Already partitioned this way: combine inside each partition, no shuffle.
      return new PairDataset<>(
          context,
          new MapPartitionsNode<>(
              context.runtime().newNodeId(),
              operation,
              node,
              (ctx, p, it) -> ctx.runtime().combineByKey(it, aggregator, false, ctx),
              true));
    }
    ShuffleDependency<K, V, C> dep =
        new ShuffleDependency<>(
            context.runtime().newShuffleId(), node, partitioner, aggregator, mapSideCombine, null);
    return new PairDataset<>(
        context, new ShuffledNode<>(context.runtime().newNodeId(), operation, dep));
  }

  /** {@link #combineByKey(Function, Function2, Function2, Partitioner, boolean)} with hashing. */
  public <C> PairDataset<K, C> combineByKey(
      Function<V, C> createCombiner,
      Function2<C, V, C> mergeValue,
      Function2<C, C, C> mergeCombiners,
      int numPartitions) {
    return combineByKey(
        createCombiner, mergeValue, mergeCombiners, new HashPartitioner(numPartitions), true);
  }

  /** {@link #combineByKey(Function, Function2, Function2, Partitioner, boolean)}, defaults. */
  public <C> PairDataset<K, C> combineByKey(
      Function<V, C> createCombiner,
      Function2<C, V, C> mergeValue,
      Function2<C, C, C> mergeCombiners) {
    return combineByKey(createCombiner, mergeValue, mergeCombiners, defaultPartitioner(), true);
  }

  /** Merges the values of each key with {@code f} (associative, commutative). */
  public PairDataset<K, V> reduceByKey(Function2<V, V, V> f) {
    return reduceByKey(defaultPartitioner(), f);
  }

  /** Merges the values of each key with {@code f}, into {@code numPartitions} partitions. */
  public PairDataset<K, V> reduceByKey(Function2<V, V, V> f, int numPartitions) {
    return reduceByKey(new HashPartitioner(numPartitions), f);
  }

  /** Merges the values of each key with {@code f}, laid out by {@code partitioner}. */
  public PairDataset<K, V> reduceByKey(Partitioner partitioner, Function2<V, V, V> f) {
    return combine("reduceByKey", v -> v, f, f, partitioner, true);
  }

  /** All values of each key (no map-side combine; a single key's values must fit in memory). */
  public PairDataset<K, Iterable<V>> groupByKey() {
    return groupByKey(defaultPartitioner());
  }

  public PairDataset<K, Iterable<V>> groupByKey(int numPartitions) {
    return groupByKey(new HashPartitioner(numPartitions));
  }

  public PairDataset<K, Iterable<V>> groupByKey(Partitioner partitioner) {
    PairDataset<K, ArrayList<V>> grouped =
        combine(
            "groupByKey",
            v -> {
              ArrayList<V> l = new ArrayList<>();
              l.add(v);
              return l;
            },
            (l, v) -> {
              l.add(v);
              return l;
            },
            (a, b) -> {
              a.addAll(b);
              return a;
            },
            partitioner,
            false);
    @SuppressWarnings({"unchecked", "rawtypes"})
    PairDataset<K, Iterable<V>> result = (PairDataset) grouped;
    return result;
  }

  /**
   * Aggregates the values of each key starting from a copy of {@code zero}: {@code seqOp} folds
   * values in, {@code combOp} merges partial results.
   */
  public <U> PairDataset<K, U> aggregateByKey(
      U zero, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
    return aggregateByKey(zero, defaultPartitioner(), seqOp, combOp);
  }

  public <U> PairDataset<K, U> aggregateByKey(
      U zero, int numPartitions, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
    return aggregateByKey(zero, new HashPartitioner(numPartitions), seqOp, combOp);
  }

  public <U> PairDataset<K, U> aggregateByKey(
      U zero, Partitioner partitioner, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
    ZeroValue<U> z = new ZeroValue<>(zero, context.runtime().serializer());
    return combine(
        "aggregateByKey", v -> seqOp.call(z.copy(), v), seqOp, combOp, partitioner, true);
  }

  /** Folds the values of each key from a copy of {@code zero} with {@code f}. */
  public PairDataset<K, V> foldByKey(V zero, Function2<V, V, V> f) {
    return foldByKey(zero, defaultPartitioner(), f);
  }

  public PairDataset<K, V> foldByKey(V zero, int numPartitions, Function2<V, V, V> f) {
    return foldByKey(zero, new HashPartitioner(numPartitions), f);
  }

  public PairDataset<K, V> foldByKey(V zero, Partitioner partitioner, Function2<V, V, V> f) {
    ZeroValue<V> z = new ZeroValue<>(zero, context.runtime().serializer());
    return combine("foldByKey", v -> f.call(z.copy(), v), f, f, partitioner, true);
  }

  /** The number of records per key, on the driver. */
  public Map<K, Long> countByKey() {
    return mapValues(v -> 1L).reduceByKey(Long::sum).collectAsMap();
  }

  /** The pairs as a map on the driver; for a repeated key, one of its values is kept. */
  public Map<K, V> collectAsMap() {
    Map<K, V> map = new HashMap<>();
    for (Tuple2<K, V> t : collect()) {
      map.put(t._1(), t._2());
    }
    return map;
  }

  /** The values of {@code key}; only the key's partition is read when the data is partitioned. */
  public List<V> lookup(K key) {
    Dataset<V> matches = filter(t -> java.util.Objects.equals(t._1(), key)).values();
    Partitioner p = node.partitioner();
    if (p == null) {
      return matches.collect();
    }
    // A range partitioner knows its bounds only once the lineage is prepared (sampled).
    context.runtime().prepareLineage(node);
    List<ArrayList<V>> parts =
        context
            .runtime()
            .runJob(
                matches.node, (ctx, it) -> Iterators.toList(it), new int[] {p.getPartition(key)});
    return parts.get(0);
  }

  // ---- per-value transformations ----

  /** Applies {@code f} to each value; keys and partitioning stay. */
  public <U> PairDataset<K, U> mapValues(Function<V, U> f) {
    return derivePairs(
        "mapValues",
        (ctx, p, it) -> Iterators.map(it, t -> new Tuple2<>(t._1(), f.call(t._2()))),
        true);
  }

  /** Replaces each value with the zero or more values {@code f} returns, under the same key. */
  public <U> PairDataset<K, U> flatMapValues(FlatMapFunction<V, U> f) {
    return derivePairs(
        "flatMapValues",
        (ctx, p, it) ->
            Iterators.flatMap(it, t -> Iterators.map(f.call(t._2()), u -> new Tuple2<>(t._1(), u))),
        true);
  }

  /** The keys. */
  public Dataset<K> keys() {
    return map(Tuple2::_1);
  }

  /** The values. */
  public Dataset<V> values() {
    return map(Tuple2::_2);
  }

  // ---- layout and sorting ----

  /** Lays the pairs out by {@code partitioner} (a shuffle, unless already laid out so). */
  public PairDataset<K, V> partitionBy(Partitioner partitioner) {
    if (partitioner.equals(node.partitioner())) {
      return this;
    }
    ShuffleDependency<K, V, V> dep =
        new ShuffleDependency<>(
            context.runtime().newShuffleId(), node, partitioner, null, false, null);
    return new PairDataset<>(
        context, new ShuffledNode<>(context.runtime().newNodeId(), "partitionBy", dep));
  }

  /** Sorts by key in natural order (nulls first), ascending. */
  public PairDataset<K, V> sortByKey() {
    return sortByKey(true);
  }

  public PairDataset<K, V> sortByKey(boolean ascending) {
    return sortByKey(ascending, node.numPartitions());
  }

  @SuppressWarnings("unchecked")
  public PairDataset<K, V> sortByKey(boolean ascending, int numPartitions) {
    // A dedicated order rather than a lambda: its sort prefixes let reduce tasks sort mostly on
    // longs.
    Comparator<K> natural = (Comparator<K>) (Comparator<?>) new NaturalKeyOrder(true);
    Comparator<K> reduceOrder = (Comparator<K>) (Comparator<?>) new NaturalKeyOrder(ascending);
    return sortByKey(natural, reduceOrder, ascending, numPartitions);
  }

  /**
   * Sorts by key in the order of {@code comparator} (nulls first when ascending): partition i holds
   * smaller keys than partition i+1, and each partition is sorted. The range bounds are sampled by
   * a small job when the first action runs.
   */
  public PairDataset<K, V> sortByKey(
      SerializableComparator<? super K> comparator, boolean ascending, int numPartitions) {
    Comparator<K> order = Comparator.nullsFirst(comparator);
    return sortByKey(order, ascending ? order : order.reversed(), ascending, numPartitions);
  }

  /**
   * @param order the ascending order, nulls first, that the range bounds are chosen in
   * @param reduceOrder the order each reduce task sorts its partition in
   */
  private PairDataset<K, V> sortByKey(
      Comparator<K> order, Comparator<K> reduceOrder, boolean ascending, int numPartitions) {
    RangePartitioner<K> partitioner = new RangePartitioner<>(numPartitions, order, ascending);
    ShuffleDependency<K, V, V> dep =
        new ShuffleDependency<>(
            context.runtime().newShuffleId(), node, partitioner, null, false, reduceOrder);
    return new PairDataset<>(
        context, new ShuffledNode<>(context.runtime().newNodeId(), "sortByKey", dep));
  }

  // ---- joins ----

  /** For each key, the values of this dataset and of {@code other}. */
  public <W> PairDataset<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(PairDataset<K, W> other) {
    return cogroup(other, defaultPartitioner(other));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public <W> PairDataset<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(
      PairDataset<K, W> other, Partitioner partitioner) {
    List<PlanNode<? extends Tuple2<K, ?>>> parents = List.of(node, other.node);
    CoGroupedNode<K> grouped =
        new CoGroupedNode<>(
            context.runtime().newNodeId(),
            "cogroup",
            parents,
            partitioner,
            new int[] {context.runtime().newShuffleId(), context.runtime().newShuffleId()});
    PairDataset<K, List<List<Object>>> g = new PairDataset<>(context, (PlanNode) grouped);
    return g.mapValues(
        lists ->
            new Tuple2<>((Iterable<V>) (List) lists.get(0), (Iterable<W>) (List) lists.get(1)));
  }

  /** Pairs of values for keys present in both datasets (inner join). */
  public <W> PairDataset<K, Tuple2<V, W>> join(PairDataset<K, W> other) {
    return join(other, defaultPartitioner(other));
  }

  public <W> PairDataset<K, Tuple2<V, W>> join(PairDataset<K, W> other, int numPartitions) {
    return join(other, new HashPartitioner(numPartitions));
  }

  public <W> PairDataset<K, Tuple2<V, W>> join(PairDataset<K, W> other, Partitioner p) {
    return cogroup(other, p).flatMapValues(g -> product(g._1(), g._2(), false, false));
  }

  /** Every value of this dataset, with the matching values of {@code other} if any. */
  public <W> PairDataset<K, Tuple2<V, Optional<W>>> leftOuterJoin(PairDataset<K, W> other) {
    return leftOuterJoin(other, defaultPartitioner(other));
  }

  public <W> PairDataset<K, Tuple2<V, Optional<W>>> leftOuterJoin(
      PairDataset<K, W> other, Partitioner p) {
    return cogroup(other, p)
        .flatMapValues(
            g ->
                Iterators.map(
                    product(g._1(), g._2(), false, true),
                    t -> new Tuple2<>(t._1(), Optional.ofNullable(t._2()))));
  }

  /** Every value of {@code other}, with the matching values of this dataset if any. */
  public <W> PairDataset<K, Tuple2<Optional<V>, W>> rightOuterJoin(PairDataset<K, W> other) {
    return rightOuterJoin(other, defaultPartitioner(other));
  }

  public <W> PairDataset<K, Tuple2<Optional<V>, W>> rightOuterJoin(
      PairDataset<K, W> other, Partitioner p) {
    return cogroup(other, p)
        .flatMapValues(
            g ->
                Iterators.map(
                    product(g._1(), g._2(), true, false),
                    t -> new Tuple2<>(Optional.ofNullable(t._1()), t._2())));
  }

  /** Every value of both datasets, matched where keys meet. */
  public <W> PairDataset<K, Tuple2<Optional<V>, Optional<W>>> fullOuterJoin(
      PairDataset<K, W> other) {
    return fullOuterJoin(other, defaultPartitioner(other));
  }

  public <W> PairDataset<K, Tuple2<Optional<V>, Optional<W>>> fullOuterJoin(
      PairDataset<K, W> other, Partitioner p) {
    return cogroup(other, p)
        .flatMapValues(
            g ->
                Iterators.map(
                    product(g._1(), g._2(), true, true),
                    t -> new Tuple2<>(Optional.ofNullable(t._1()), Optional.ofNullable(t._2()))));
  }

  /**
   * The cross product of two value lists; an empty side contributes one null when {@code
   * keepEmptyLeft} / {@code keepEmptyRight} allow. Note: a null value and a missing one both become
   * {@code Optional.empty()} in outer joins, as in Spark's Java API.
   */
  private static <A, B> Iterator<Tuple2<A, B>> product(
      Iterable<A> left, Iterable<B> right, boolean keepEmptyLeft, boolean keepEmptyRight) {
    List<A> ls = new ArrayList<>();
    left.forEach(ls::add);
    List<B> rs = new ArrayList<>();
    right.forEach(rs::add);
    if (ls.isEmpty() && keepEmptyLeft) {
      ls = Collections.singletonList(null);
    }
    if (rs.isEmpty() && keepEmptyRight) {
      rs = Collections.singletonList(null);
    }
    List<Tuple2<A, B>> out = new ArrayList<>(ls.size() * rs.size());
    for (A a : ls) {
      for (B b : rs) {
        out.add(new Tuple2<>(a, b));
      }
    }
    return out.iterator();
  }

  // ---- covariant overrides, so pair datasets stay pair datasets ----

  @Override
  public PairDataset<K, V> filter(Function<Tuple2<K, V>, Boolean> f) {
    return new PairDataset<>(context, super.filter(f).node);
  }

  @Override
  public PairDataset<K, V> distinct() {
    return new PairDataset<>(context, super.distinct().node);
  }

  @Override
  public PairDataset<K, V> distinct(int numPartitions) {
    return new PairDataset<>(context, super.distinct(numPartitions).node);
  }

  @Override
  public PairDataset<K, V> union(Dataset<Tuple2<K, V>> other) {
    return new PairDataset<>(context, super.union(other).node);
  }

  @Override
  public PairDataset<K, V> sample(boolean withReplacement, double fraction, long seed) {
    return new PairDataset<>(context, super.sample(withReplacement, fraction, seed).node);
  }

  @Override
  public PairDataset<K, V> repartition(int numPartitions) {
    return new PairDataset<>(context, super.repartition(numPartitions).node);
  }

  @Override
  public PairDataset<K, V> coalesce(int numPartitions, boolean shuffle) {
    return new PairDataset<>(context, super.coalesce(numPartitions, shuffle).node);
  }

  @Override
  public PairDataset<K, V> cache() {
    super.cache();
    return this;
  }

  @Override
  public PairDataset<K, V> persist(StorageLevel level) {
    super.persist(level);
    return this;
  }

  @Override
  public PairDataset<K, V> unpersist() {
    super.unpersist();
    return this;
  }
}
