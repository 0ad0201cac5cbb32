package dev.weft.core.plan;

import dev.weft.api.Partitioner;
import dev.weft.api.Tuple2;
import java.util.Comparator;

/**
 * A dependency where every child partition reads from every parent partition: the stage boundary.
 * Map tasks write the parent's records into one data file per map task, grouped by the partitioner;
 * reduce tasks read their group from every map output.
 *
 * <p>The parent is transient: a reduce task receives this dependency without the lineage above the
 * shuffle, which it never computes.
 *
 * @param <K> the key type
 * @param <V> the value type written by map tasks
 * @param <C> the combiner type read by reduce tasks (equal to V without an aggregator)
 */
public final class ShuffleDependency<K, V, C> extends Dependency {
  private final transient PlanNode<? extends Tuple2<K, V>> parent;
  private final int shuffleId;
  private final int numMaps;
  private final Partitioner partitioner;
  private final Aggregator<K, V, C> aggregator;
  private final boolean mapSideCombine;
  private final Comparator<? super K> keyOrdering;
  private final boolean trackReferences;

  /**
   * @param aggregator how to combine values per key, or null to pass records through
   * @param mapSideCombine whether map tasks combine before writing (needs an aggregator)
   * @param keyOrdering the order reduce tasks return keys in, or null for any order
   */
  public ShuffleDependency(
      int shuffleId,
      PlanNode<? extends Tuple2<K, V>> parent,
      Partitioner partitioner,
      Aggregator<K, V, C> aggregator,
      boolean mapSideCombine,
      Comparator<? super K> keyOrdering) {
    this(shuffleId, parent, partitioner, aggregator, mapSideCombine, keyOrdering, true);
  }

  /**
   * @param trackReferences false when every record is a tree of values (no object reached twice
   *     within a record, no cycles), e.g. a key with a row already serialized to a {@code byte[]}:
   *     the shuffle then writes and reads records without Kryo's reference bookkeeping (no
   *     reference mark per object, no identity map), whatever {@code
   *     weft.serializer.kryo.referenceTracking} says; true keeps that setting
   */
  public ShuffleDependency(
      int shuffleId,
      PlanNode<? extends Tuple2<K, V>> parent,
      Partitioner partitioner,
      Aggregator<K, V, C> aggregator,
      boolean mapSideCombine,
      Comparator<? super K> keyOrdering,
      boolean trackReferences) {
    if (mapSideCombine && aggregator == null) {
      throw new IllegalArgumentException("map-side combine needs an aggregator");
    }
    this.shuffleId = shuffleId;
    this.parent = parent;
    this.numMaps = parent.numPartitions();
    this.partitioner = partitioner;
    this.aggregator = aggregator;
    this.mapSideCombine = mapSideCombine;
    this.keyOrdering = keyOrdering;
    this.trackReferences = trackReferences;
  }

  /** Whether shuffle records are serialized with the application's reference tracking setting. */
  public boolean trackReferences() {
    return trackReferences;
  }

  /** The serializer of this shuffle's records, from the executor's {@code serializer}. */
  public dev.weft.core.serial.KryoSerializer recordSerializer(
      dev.weft.core.serial.KryoSerializer serializer) {
    return trackReferences ? serializer : serializer.withoutReferenceTracking();
  }

  /** The map side's node; null inside a task. */
  public PlanNode<? extends Tuple2<K, V>> parent() {
    return parent;
  }

  public int shuffleId() {
    return shuffleId;
  }

  public int numMaps() {
    return numMaps;
  }

  public Partitioner partitioner() {
    return partitioner;
  }

  public int numReduces() {
    return partitioner.numPartitions();
  }

  /** The aggregator, or null when records pass through uncombined. */
  public Aggregator<K, V, C> aggregator() {
    return aggregator;
  }

  public boolean mapSideCombine() {
    return mapSideCombine;
  }

  /**
   * How repeatable a reduce partition is when read again: the records of an indeterminate map side
   * may land in other partitions, so the read is indeterminate; otherwise the partitioner puts the
   * same records in it, in an order that depends on how the blocks arrive, except when the records
   * are aggregated (one per key) and sorted by key.
   */
  public Determinism readDeterminism() {
    if (parent.determinism() == Determinism.INDETERMINATE) {
      return Determinism.INDETERMINATE;
    }
    return aggregator != null && keyOrdering != null ? Determinism.ORDERED : Determinism.UNORDERED;
  }

  /** The order of keys within a reduce partition, or null. */
  public Comparator<? super K> keyOrdering() {
    return keyOrdering;
  }
}
