package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Dataset;
import dev.weft.api.LongAccumulator;
import dev.weft.api.StorageLevel;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.After;
import org.junit.Test;

/**
 * Persisted datasets are computed once, survive or recompute under memory pressure as their level
 * says.
 */
public class CachingTest {
  private WeftContext weft;

  private WeftContext start(String executorMemory) {
    weft =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[2]")
                .set("weft.executor.memory", executorMemory)
                .set("weft.memory.reserved", "0")
                .set("weft.memory.fraction", "0.5")
                .set("weft.memory.storageFraction", "0"));
    return weft;
  }

  @After
  public void stop() {
    if (weft != null) {
      weft.stop();
    }
  }

  /** Records 0..n-1 in 4 partitions; every record computed adds one to {@code computed}. */
  private Dataset<Long> counted(long n, LongAccumulator computed) {
    return weft.range(0, n, 1, 4)
        .map(
            x -> {
              computed.add(1);
              return x;
            });
  }

  @Test
  public void aCachedDatasetUsedByTwoActionsIsComputedOnce() {
    start("64m");
    LongAccumulator computed = weft.longAccumulator("computed");
    Dataset<Long> data = counted(1000, computed).cache();

    assertEquals(1000, data.count());
    assertEquals(499_500L, (long) data.reduce(Long::sum));

    assertEquals(1000, computed.sum());
  }

  @Test
  public void withoutCachingEachActionComputesAgain() {
    start("64m");
    LongAccumulator computed = weft.longAccumulator("computed");
    Dataset<Long> data = counted(1000, computed);

    data.count();
    data.count();

    assertEquals(2000, computed.sum());
  }

  @Test
  public void memoryOnlyPartitionsThatDoNotFitAreRecomputedAndResultsStayRight() {
    // 1 MiB of unified memory; each partition of 100k boxed longs needs several MiB on the heap.
    start("2m");
    LongAccumulator computed = weft.longAccumulator("computed");
    long n = 400_000;
    Dataset<Long> data = counted(n, computed).persist(StorageLevel.MEMORY_ONLY);

    long expectedSum = LongStream.range(0, n).sum();
    assertEquals(expectedSum, (long) data.reduce(Long::sum));
    assertEquals(expectedSum, (long) data.reduce(Long::sum));

    assertTrue(
        "evicted partitions must be recomputed: computed " + computed.sum(), computed.sum() > n);
  }

  @Test
  public void diskOnlySurvivesMemoryPressureAndIsComputedOnce() {
    start("2m");
    LongAccumulator computed = weft.longAccumulator("computed");
    long n = 400_000;
    Dataset<Long> data = counted(n, computed).persist(StorageLevel.DISK_ONLY);

    long expectedSum = LongStream.range(0, n).sum();
    assertEquals(expectedSum, (long) data.reduce(Long::sum));
    // Pressure: a shuffle that needs all execution memory in between.
    weft.range(0, 200_000, 1, 4)
        .mapToPair(x -> dev.weft.api.Tuple2.of(x % 50_000, x))
        .groupByKey(2)
        .count();
    assertEquals(expectedSum, (long) data.reduce(Long::sum));

    assertEquals(n, computed.sum());
  }

  @Test
  public void memoryAndDiskKeepsWhatDoesNotFitOnDiskAndComputesOnce() {
    start("2m");
    LongAccumulator computed = weft.longAccumulator("computed");
    long n = 400_000;
    Dataset<Long> data = counted(n, computed).persist(StorageLevel.MEMORY_AND_DISK);

    List<Long> first = data.take(5);
    data.count();
    long again = data.count();

    assertEquals(n, again);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), first);
    // take(5) computes only partition 0 (and caches it); count computes the rest once.
    assertEquals(n, computed.sum());
  }

  @Test
  public void unpersistDropsTheCacheSoTheNextActionRecomputes() {
    start("64m");
    LongAccumulator computed = weft.longAccumulator("computed");
    Dataset<Long> data = counted(100, computed).cache();
    data.count();

    data.unpersist();
    data.count();

    assertEquals(200, computed.sum());
  }
}
