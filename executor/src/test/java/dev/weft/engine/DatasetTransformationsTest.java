package dev.weft.engine;

import static dev.weft.engine.Conformance.assertSameMultiset;
import static dev.weft.engine.Conformance.assertSubMultiset;
import static dev.weft.engine.Conformance.cases;
import static dev.weft.engine.Conformance.ints;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Dataset;
import dev.weft.api.LongAccumulator;
import dev.weft.api.StorageLevel;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftContext;
import dev.weft.engine.Conformance.Case;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Narrow transformations, union, distinct, sample and persistence against java.util. */
public class DatasetTransformationsTest {
  private static WeftContext weft;

  @BeforeClass
  public static void start() {
    weft = Conformance.newContext();
  }

  @AfterClass
  public static void stop() {
    weft.close();
  }

  @Test
  public void mapAppliesTheFunctionToEveryRecordInOrderIncludingNulls() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<String> expected =
          data.stream().map(x -> x == null ? null : "v" + x).collect(Collectors.toList());
      List<String> actual =
          weft.parallelize(data, c.partitions()).map(x -> x == null ? null : "v" + x).collect();
      assertEquals("map " + c, expected, actual);
    }
  }

  @Test
  public void filterKeepsMatchingRecordsInOrderAndSeesNullRecords() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<Integer> expected =
          data.stream().filter(x -> x == null || x % 2 == 0).collect(Collectors.toList());
      List<Integer> actual =
          weft.parallelize(data, c.partitions()).filter(x -> x == null || x % 2 == 0).collect();
      assertEquals("filter " + c, expected, actual);
    }
  }

  @Test
  public void flatMapEmitsZeroOrMoreRecordsPerInputInOrder() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<Integer> expected = new ArrayList<>();
      for (Integer x : data) {
        expected.addAll(copies(x));
      }
      List<Integer> actual =
          weft.parallelize(data, c.partitions())
              .flatMap(x -> DatasetTransformationsTest.copies(x).iterator())
              .collect();
      assertEquals("flatMap " + c, expected, actual);
    }
  }

  /** 0, 1 or 2 copies of x depending on its value; a null record becomes one null. */
  static List<Integer> copies(Integer x) {
    if (x == null) {
      return Collections.singletonList(null);
    }
    return Collections.nCopies(Math.floorMod(x, 3), x);
  }

  @Test
  public void mapPartitionsSeesEveryPartitionOnceAndPreservesContents() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<List<Integer>> parts =
          weft.parallelize(data, c.partitions())
              .mapPartitions(
                  it -> {
                    List<Integer> all = new ArrayList<>();
                    it.forEachRemaining(all::add);
                    return List.<List<Integer>>of(all).iterator();
                  })
              .collect();
      assertEquals("one result per partition " + c, c.partitions(), parts.size());
      List<Integer> flattened = new ArrayList<>();
      parts.forEach(flattened::addAll);
      assertEquals("partitions concatenated " + c, data, flattened);
    }
  }

  @Test
  public void mapPartitionsWithIndexPassesEachPartitionItsOwnIndex() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<Tuple2<Integer, List<Integer>>> parts =
          weft.parallelize(data, c.partitions())
              .mapPartitionsWithIndex(
                  (i, it) -> {
                    List<Integer> all = new ArrayList<>();
                    it.forEachRemaining(all::add);
                    return List.of(new Tuple2<>(i, all)).iterator();
                  })
              .collect();
      List<Integer> indices = new ArrayList<>();
      List<Integer> records = new ArrayList<>();
      for (Tuple2<Integer, List<Integer>> t : parts) {
        indices.add(t._1());
        records.addAll(t._2());
      }
      List<Integer> expectedIndices = new ArrayList<>();
      for (int i = 0; i < c.partitions(); i++) {
        expectedIndices.add(i);
      }
      assertEquals("indices 0..p-1 in collect order, each once " + c, expectedIndices, indices);
      assertEquals("records " + c, data, records);
    }
  }

  @Test
  public void unionIsThisFollowedByOtherWithDuplicatesKept() {
    for (Case c : cases()) {
      List<Integer> left = ints(c);
      List<Integer> right = ints(c.random(), c.size() / 2 + 1, true);
      Dataset<Integer> a = weft.parallelize(left, c.partitions());
      Dataset<Integer> b = weft.parallelize(right, 2);
      Dataset<Integer> u = a.union(b);
      List<Integer> expected = new ArrayList<>(left);
      expected.addAll(right);
      assertEquals("union " + c, expected, u.collect());
      assertEquals("union partitions " + c, c.partitions() + 2, u.getNumPartitions());
      assertEquals("self union " + c, 2 * left.size(), a.union(a).count());
      assertEquals("context union " + c, expected, weft.union(a, b).collect());
    }
  }

  @Test
  public void distinctKeepsEachValueOnceIncludingNull() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<Integer> expected = data.stream().distinct().collect(Collectors.toList());
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      assertSameMultiset("distinct " + c, expected, ds.distinct().collect());
      Dataset<Integer> into5 = ds.distinct(5);
      assertEquals("distinct(5) partitions " + c, 5, into5.getNumPartitions());
      assertSameMultiset("distinct(5) " + c, expected, into5.collect());
    }
  }

  @Test
  public void sampleWithoutReplacementIsADeterministicSubMultisetOfPlausibleSize() {
    for (int p : Conformance.PARTITION_COUNTS) {
      Case c = new Case(4242L + p, 2000, p);
      List<Integer> data = ints(c);
      Dataset<Integer> ds = weft.parallelize(data, p);
      List<Integer> first = ds.sample(false, 0.3, c.seed()).collect();
      List<Integer> again = ds.sample(false, 0.3, c.seed()).collect();
      assertEquals("same seed, same sample " + c, first, again);
      assertSubMultiset("sample without replacement " + c, data, first);
      // Binomial(2000, 0.3): mean 600, sd ~20.5; 6 sd either side.
      assertTrue("size " + first.size() + " " + c, Math.abs(first.size() - 600) < 125);
      assertEquals("fraction 0 " + c, 0, ds.sample(false, 0.0, c.seed()).count());
      assertEquals("fraction 1 " + c, data, ds.sample(false, 1.0, c.seed()).collect());
    }
  }

  @Test
  public void sampleWithReplacementIsDeterministicAndDrawsOnlyInputRecords() {
    for (int p : Conformance.PARTITION_COUNTS) {
      Case c = new Case(777L + p, 2000, p);
      List<Integer> data = ints(c);
      Dataset<Integer> ds = weft.parallelize(data, p);
      List<Integer> first = ds.sample(true, 1.5, c.seed()).collect();
      assertEquals("same seed, same sample " + c, first, ds.sample(true, 1.5, c.seed()).collect());
      assertTrue("only input records " + c, new java.util.HashSet<>(data).containsAll(first));
      // Poisson total with mean 3000, sd ~55; 6 sd either side.
      assertTrue("size " + first.size() + " " + c, Math.abs(first.size() - 3000) < 330);
    }
  }

  @Test
  public void keyByPairsEachRecordWithItsKey() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<Tuple2<Integer, Integer>> expected =
          data.stream()
              .map(x -> new Tuple2<>(x == null ? null : Math.floorMod(x, 4), x))
              .collect(Collectors.toList());
      assertEquals(
          "keyBy " + c,
          expected,
          weft.parallelize(data, c.partitions())
              .keyBy(x -> x == null ? null : Math.floorMod(x, 4))
              .collect());
    }
  }

  @Test
  public void mapToPairTurnsEachRecordIntoAPair() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<Tuple2<String, Integer>> expected =
          data.stream()
              .map(x -> new Tuple2<>(String.valueOf(x), x == null ? null : x * 2))
              .collect(Collectors.toList());
      assertEquals(
          "mapToPair " + c,
          expected,
          weft.parallelize(data, c.partitions())
              .mapToPair(x -> new Tuple2<>(String.valueOf(x), x == null ? null : x * 2))
              .collect());
    }
  }

  @Test
  public void cachePersistAndUnpersistLeaveResultsUnchanged() {
    StorageLevel[] levels = {
      StorageLevel.MEMORY_ONLY,
      StorageLevel.MEMORY_ONLY_SER,
      StorageLevel.MEMORY_AND_DISK,
      StorageLevel.MEMORY_AND_DISK_SER,
      StorageLevel.DISK_ONLY
    };
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<Integer> expected =
          data.stream().map(x -> x == null ? null : x + 1).collect(Collectors.toList());
      for (StorageLevel level : levels) {
        Dataset<Integer> ds =
            weft.parallelize(data, c.partitions())
                .map(x -> x == null ? null : x + 1)
                .persist(level);
        String what = level + " " + c;
        assertEquals("level " + what, level, ds.getStorageLevel());
        assertEquals("first action " + what, expected, ds.collect());
        assertEquals("from the cache " + what, expected, ds.collect());
        assertEquals("count from the cache " + what, data.size(), ds.count());
        ds.unpersist();
        assertEquals("unpersisted level " + what, StorageLevel.NONE, ds.getStorageLevel());
        assertEquals("recomputed " + what, expected, ds.collect());
      }
      Dataset<Integer> cached = weft.parallelize(data, c.partitions()).cache();
      assertEquals("cache() level " + c, StorageLevel.MEMORY_ONLY, cached.getStorageLevel());
      assertEquals("cache() " + c, data, cached.collect());
      assertEquals("cache() again " + c, data, cached.collect());
      cached.unpersist();
    }
  }

  @Test
  public void aCachedPartitionIsComputedOnceAcrossActions() {
    LongAccumulator computed = weft.longAccumulator("computed");
    List<Integer> data = ints(new Case(99, 300, 8));
    Dataset<Integer> ds =
        weft.parallelize(data, 8)
            .map(
                x -> {
                  computed.add(1);
                  return x;
                })
            .cache();
    assertEquals(data, ds.collect());
    assertEquals(data.size(), ds.count());
    assertEquals(data, ds.collect());
    assertEquals("each record computed once", data.size(), (long) computed.value());
    ds.unpersist();
    assertEquals(data, ds.collect());
    assertEquals("recomputed after unpersist", 2L * data.size(), (long) computed.value());
  }

  @Test
  public void transformationsRunNoJobUntilAnAction() {
    LongAccumulator calls = weft.longAccumulator("calls");
    List<Integer> data = ints(new Case(5, 300, 8));
    Dataset<Integer> chain =
        weft.parallelize(data, 8)
            .map(
                x -> {
                  calls.add(1);
                  return x;
                })
            .filter(x -> x != null)
            .flatMap(x -> List.of(x, x).iterator())
            .mapPartitions(it -> it)
            .union(weft.parallelize(List.of(1, 2), 2))
            .distinct()
            .sortBy(x -> x, false, 3)
            .repartition(4)
            .coalesce(2)
            .sample(false, 0.5, 1);
    Dataset<Tuple2<Integer, Long>> zipped = chain.zipWithIndex();
    Dataset<Integer> grouped =
        chain.keyBy(x -> x % 5).groupByKey().mapValues(v -> 1).join(chain.keyBy(x -> x)).keys();
    chain.cache();
    zipped.toDebugString();
    grouped.explain();
    assertEquals("no record computed before an action", 0L, (long) calls.value());
    chain.count();
    assertTrue("the action computed the records", calls.value() >= data.size());
  }
}
