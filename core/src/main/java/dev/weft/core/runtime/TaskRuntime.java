package dev.weft.core.runtime;

import dev.weft.api.StorageLevel;
import dev.weft.api.Tuple2;
import dev.weft.core.plan.Aggregator;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.serial.KryoSerializer;
import java.util.Comparator;
import java.util.Iterator;

/**
 * What a running task may use of the executor that runs it: shuffle files, spillable aggregation
 * and sorting under the executor's memory limits, the block cache and broadcasts. Implemented by
 * the executor runtime; {@code core} only calls it.
 */
public interface TaskRuntime {

  String executorId();

  /** The canonical name of this executor's host. */
  String host();

  KryoSerializer serializer();

  /**
   * Writes the records of one map task of {@code dep} to this node's shuffle files, combining by
   * key first when the dependency asks for map-side combine.
   *
   * @return where the output lives and how many bytes each reduce partition has
   */
  <K, V, C> MapStatus writeShuffle(
      ShuffleDependency<K, V, C> dep,
      int mapId,
      Iterator<? extends Tuple2<K, V>> records,
      TaskContextImpl context);

  /**
   * The records of reduce partition {@code reduceId} from every map output of {@code dep}: combined
   * per key when it has an aggregator, in key order when it has a key ordering.
   *
   * @throws FetchFailedException when a map output cannot be read
   */
  <K, C> Iterator<Tuple2<K, C>> readShuffle(
      ShuffleDependency<K, ?, C> dep, int reduceId, TaskContextImpl context);

  /**
   * Combines records by key, spilling to disk when the task's memory grant runs out.
   *
   * @param inputIsCombiners whether the values are already combiners (merged with {@code
   *     mergeCombiners}) rather than values
   */
  <K, V, C> Iterator<Tuple2<K, C>> combineByKey(
      Iterator<? extends Tuple2<K, ?>> records,
      Aggregator<K, V, C> aggregator,
      boolean inputIsCombiners,
      TaskContextImpl context);

  /** Sorts records by key, spilling to disk when the task's memory grant runs out. */
  <K, V> Iterator<Tuple2<K, V>> sortByKey(
      Iterator<? extends Tuple2<K, V>> records,
      Comparator<? super K> ordering,
      TaskContextImpl context);

  /**
   * The partition from the block cache, or computed with {@link PlanNode#computeChecked} and stored
   * at {@code level} (as far as memory allows) on a miss.
   */
  <T> Iterator<T> getOrCompute(
      PlanNode<T> node, int partition, StorageLevel level, TaskContextImpl context);

  /**
   * Asks the driver whether this task attempt may commit its output partition.
   *
   * @return false when another attempt of the partition commits it
   */
  boolean canCommit(TaskContextImpl context);

  /** The locks that serialize output commits of this executor's tasks (one set per executor). */
  dev.weft.hdfs.output.CommitLocks commitLocks();

  /** The value of a broadcast variable, fetched and deserialized once per executor. */
  Object broadcastValue(long broadcastId);

  /**
   * A new reservation of execution memory for an operator of this task, such as a hash aggregation
   * or a join's build side, under the same budget and spill policy as the shuffle's buffers: when
   * another consumer of this task cannot get memory, {@code spill} is asked to free some.
   *
   * @param owner a name for messages and logs (e.g. {@code "HashAggregate"})
   * @param spill how the operator gives memory back, or {@link SpillCallback#NONE}
   */
  MemoryReservation reserveMemory(String owner, SpillCallback spill);

  /**
   * A new, empty file in one of the executor's local directories (spread over its disks), for
   * spilled data; deleted when the task ends, whether it succeeds or fails. The caller may delete
   * it earlier.
   *
   * @param prefix the start of the file's name (e.g. {@code "spill_agg"})
   */
  java.io.File createTempFile(String prefix);
}
