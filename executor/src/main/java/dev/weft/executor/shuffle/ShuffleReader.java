package dev.weft.executor.shuffle;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.FetchFailedException;
import dev.weft.core.runtime.MapStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads one reduce partition of a shuffle: every non-empty block of it from every map output,
 * checksums verified, then combined by key when the dependency has an aggregator (values, or
 * combiners when the map side combined already) and sorted when it has a key ordering. Without
 * either, records stream through without being held.
 *
 * @param <K> the key type
 * @param <C> the combiner type (the value type without an aggregator)
 */
public final class ShuffleReader<K, C> {
  private final SpillEnv env;
  private final ShuffleDependency<K, ?, C> dep;
  private final int reduceId;
  private final MapStatus[] statuses;
  private final BlockFetcher fetcher;

  /**
   * @param env the task's serializer, memory, local dirs, context and buffer sizes
   * @param dep the shuffle read
   * @param reduceId the reduce partition this task computes
   * @param statuses the map outputs, indexed by map id, as the map output tracker gives them; a
   *     null entry is a lost output
   * @param fetcher opens the blocks
   */
  public ShuffleReader(
      SpillEnv env,
      ShuffleDependency<K, ?, C> dep,
      int reduceId,
      MapStatus[] statuses,
      BlockFetcher fetcher) {
    this.env = env;
    this.dep = dep;
    this.reduceId = reduceId;
    this.statuses = statuses;
    this.fetcher = fetcher;
  }

  /**
   * The partition's records. With an aggregator, all blocks are read (and spilled as needed) before
   * this returns; otherwise blocks are read as the iterator advances.
   *
   * @throws FetchFailedException when a map output is lost or a block is missing, unreadable or
   *     corrupt, naming the shuffle, map, reduce partition, executor, host and file; thrown from
   *     this method or later from the iterator
   */
  @SuppressWarnings("unchecked")
  public Iterator<Tuple2<K, C>> read() {
    List<MapStatus> sources = nonEmptySources();
    Iterator<Tuple2<K, Object>> records =
        new BlockRecordIterator<>(
            env.withSerializer(dep.recordSerializer(env.serializer())),
            fetcher,
            dep.shuffleId(),
            reduceId,
            sources);
    Iterator<Tuple2<K, C>> result;
    if (dep.aggregator() != null) {
      // Map outputs of a map-side combine hold combiners; merge those, not values.
      ExternalAggregator<K, Object, C> aggregator =
          new ExternalAggregator<>(
              env,
              (dev.weft.core.plan.Aggregator<K, Object, C>) dep.aggregator(),
              dep.mapSideCombine());
      aggregator.insertAll(records);
      result = aggregator.iterator();
    } else {
      result = (Iterator<Tuple2<K, C>>) (Iterator<?>) records;
    }
    if (dep.keyOrdering() != null) {
      ExternalSorter<K, C> sorter = new ExternalSorter<>(env, dep.keyOrdering());
      sorter.insertAll(result);
      result = sorter.iterator();
    }
    return result;
  }

  private List<MapStatus> nonEmptySources() {
    if (statuses.length != dep.numMaps()) {
      throw new FetchFailedException(
          dep.shuffleId(),
          -1,
          reduceId,
          null,
          null,
          "Shuffle "
              + dep.shuffleId()
              + " has "
              + dep.numMaps()
              + " map outputs but "
              + statuses.length
              + " locations were given",
          null);
    }
    List<MapStatus> sources = new ArrayList<>();
    for (int mapId = 0; mapId < statuses.length; mapId++) {
      MapStatus status = statuses[mapId];
      if (status == null) {
        throw new FetchFailedException(
            dep.shuffleId(),
            mapId,
            reduceId,
            null,
            null,
            "Map output "
                + mapId
                + " of shuffle "
                + dep.shuffleId()
                + " is lost (no location), needed by reduce partition "
                + reduceId,
            null);
      }
      if (status.blockSizes()[reduceId] > 0) {
        sources.add(status);
      }
    }
    return sources;
  }
}
