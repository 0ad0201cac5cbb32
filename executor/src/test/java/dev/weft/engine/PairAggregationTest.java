package dev.weft.engine;

import static dev.weft.engine.Conformance.assertSameMultiset;
import static dev.weft.engine.Conformance.cases;
import static dev.weft.engine.Conformance.groupsAsMultisets;
import static dev.weft.engine.Conformance.multiset;
import static dev.weft.engine.Conformance.occurrences;
import static dev.weft.engine.Conformance.pairs;
import static dev.weft.engine.Conformance.pairsNonNullValues;
import static dev.weft.engine.Conformance.referenceGroups;
import static dev.weft.engine.Conformance.valuesByKey;
import static org.junit.Assert.assertEquals;

import dev.weft.api.HashPartitioner;
import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftContext;
import dev.weft.engine.Conformance.Case;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** By-key aggregations and per-value transformations of pair datasets against java.util. */
public class PairAggregationTest {
  private static WeftContext weft;

  @BeforeClass
  public static void start() {
    weft = Conformance.newContext();
  }

  @AfterClass
  public static void stop() {
    weft.close();
  }

  /** The reference sum of each key's values (null keys included). */
  private static Map<String, Integer> sums(List<Tuple2<String, Integer>> data) {
    Map<String, Integer> sums = new HashMap<>();
    for (Tuple2<String, Integer> t : data) {
      sums.merge(t._1(), t._2(), Integer::sum);
    }
    return sums;
  }

  private static <K, V> Map<K, V> asMap(String message, List<Tuple2<K, V>> records) {
    Map<K, V> map = new HashMap<>();
    for (Tuple2<K, V> t : records) {
      if (map.containsKey(t._1())) {
        throw new AssertionError(message + ": key " + t._1() + " appears twice");
      }
      map.put(t._1(), t._2());
    }
    return map;
  }

  @Test
  public void reduceByKeyMergesTheValuesOfEachKeyIncludingTheNullKey() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairsNonNullValues(c);
      PairDataset<String, Integer> ds = weft.parallelizePairs(data, c.partitions());
      assertEquals(
          "reduceByKey " + c,
          sums(data),
          asMap(c.toString(), ds.reduceByKey(Integer::sum).collect()));
      PairDataset<String, Integer> into7 = ds.reduceByKey(Integer::sum, 7);
      assertEquals("reduceByKey(7) partitions " + c, 7, into7.getNumPartitions());
      assertEquals("reduceByKey(7) " + c, sums(data), asMap(c.toString(), into7.collect()));
      assertEquals(
          "reduceByKey(partitioner) " + c,
          sums(data),
          asMap(c.toString(), ds.reduceByKey(new HashPartitioner(2), Integer::sum).collect()));
    }
  }

  @Test
  public void groupByKeyGathersAllValuesOfEachKeyIncludingNulls() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairs(c);
      PairDataset<String, Integer> ds = weft.parallelizePairs(data, c.partitions());
      assertEquals(
          "groupByKey " + c, referenceGroups(data), groupsAsMultisets(ds.groupByKey().collect()));
      assertEquals(
          "groupByKey(5) " + c,
          referenceGroups(data),
          groupsAsMultisets(ds.groupByKey(5).collect()));
    }
  }

  @Test
  public void aggregateByKeyCopiesAMutableZeroForEveryKey() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairs(c);
      PairDataset<String, Integer> ds = weft.parallelizePairs(data, c.partitions());
      ArrayList<Integer> zero = new ArrayList<>();
      List<Tuple2<String, ArrayList<Integer>>> lists =
          ds.aggregateByKey(
                  zero,
                  3,
                  (acc, v) -> {
                    acc.add(v);
                    return acc;
                  },
                  (a, b) -> {
                    a.addAll(b);
                    return a;
                  })
              .collect();
      Map<String, Map<Integer, Long>> actual = new HashMap<>();
      asMap(c.toString(), lists).forEach((k, v) -> actual.put(k, multiset(v)));
      assertEquals("aggregateByKey into lists " + c, referenceGroups(data), actual);
      assertEquals("the caller's zero is untouched " + c, List.of(), zero);
      Map<String, Long> counts =
          asMap(c.toString(), ds.aggregateByKey(0L, (n, v) -> n + 1, Long::sum).collect());
      Map<String, Long> expected =
          data.stream()
              .collect(HashMap::new, (m, t) -> m.merge(t._1(), 1L, Long::sum), HashMap::putAll);
      assertEquals("aggregateByKey count " + c, expected, counts);
    }
  }

  @Test
  public void combineByKeyBuildsOneCombinerPerKey() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairsNonNullValues(c);
      PairDataset<String, Integer> ds = weft.parallelizePairs(data, c.partitions());
      // (sum, count) per key
      Map<String, Tuple2<Integer, Integer>> expected = new HashMap<>();
      for (Tuple2<String, Integer> t : data) {
        expected.merge(
            t._1(), Tuple2.of(t._2(), 1), (a, b) -> Tuple2.of(a._1() + b._1(), a._2() + b._2()));
      }
      for (boolean mapSide : new boolean[] {true, false}) {
        List<Tuple2<String, Tuple2<Integer, Integer>>> actual =
            ds.<Tuple2<Integer, Integer>>combineByKey(
                    v -> Tuple2.of(v, 1),
                    (acc, v) -> Tuple2.of(acc._1() + v, acc._2() + 1),
                    (a, b) -> Tuple2.of(a._1() + b._1(), a._2() + b._2()),
                    new HashPartitioner(4),
                    mapSide)
                .collect();
        assertEquals(
            "combineByKey mapSide=" + mapSide + " " + c, expected, asMap(c.toString(), actual));
      }
      assertEquals(
          "combineByKey defaults " + c,
          expected,
          asMap(
              c.toString(),
              ds.<Tuple2<Integer, Integer>>combineByKey(
                      v -> Tuple2.of(v, 1),
                      (acc, v) -> Tuple2.of(acc._1() + v, acc._2() + 1),
                      (a, b) -> Tuple2.of(a._1() + b._1(), a._2() + b._2()))
                  .collect()));
    }
  }

  @Test
  public void foldByKeyFoldsEachKeysValuesFromZero() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairsNonNullValues(c);
      PairDataset<String, Integer> ds = weft.parallelizePairs(data, c.partitions());
      assertEquals(
          "foldByKey " + c,
          sums(data),
          asMap(c.toString(), ds.foldByKey(0, Integer::sum).collect()));
      Map<String, Integer> max = new HashMap<>();
      data.forEach(t -> max.merge(t._1(), t._2(), Math::max));
      assertEquals(
          "foldByKey max " + c,
          max,
          asMap(c.toString(), ds.foldByKey(Integer.MIN_VALUE, 5, Math::max).collect()));
    }
  }

  @Test
  public void countByKeyCountsRecordsPerKeyIncludingTheNullKey() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairs(c);
      Map<String, Long> expected =
          multiset(data.stream().map(Tuple2::_1).collect(Collectors.toList()));
      assertEquals(
          "countByKey " + c, expected, weft.parallelizePairs(data, c.partitions()).countByKey());
    }
  }

  @Test
  public void mapValuesAndFlatMapValuesKeepKeysAndOrder() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairs(c);
      PairDataset<String, Integer> ds = weft.parallelizePairs(data, c.partitions());
      List<Tuple2<String, String>> mapped =
          data.stream()
              .map(t -> Tuple2.of(t._1(), t._2() == null ? null : "v" + t._2()))
              .collect(Collectors.toList());
      assertEquals(
          "mapValues " + c, mapped, ds.mapValues(v -> v == null ? null : "v" + v).collect());
      List<Tuple2<String, Integer>> flat = new ArrayList<>();
      for (Tuple2<String, Integer> t : data) {
        int copies = t._2() == null ? 1 : t._2() % 3;
        for (int i = 0; i < copies; i++) {
          flat.add(Tuple2.of(t._1(), t._2() == null ? null : t._2() + i));
        }
      }
      assertEquals(
          "flatMapValues " + c,
          flat,
          ds.flatMapValues(
                  v -> {
                    List<Integer> out = new ArrayList<>();
                    int copies = v == null ? 1 : v % 3;
                    for (int i = 0; i < copies; i++) {
                      out.add(v == null ? null : v + i);
                    }
                    return out.iterator();
                  })
              .collect());
    }
  }

  @Test
  public void keysAndValuesProjectThePairsInOrder() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairs(c);
      PairDataset<String, Integer> ds = weft.parallelizePairs(data, c.partitions());
      assertEquals("keys " + c, data.stream().map(Tuple2::_1).toList(), ds.keys().collect());
      assertEquals("values " + c, data.stream().map(Tuple2::_2).toList(), ds.values().collect());
    }
  }

  @Test
  public void collectAsMapHoldsEveryKeyWithOneOfItsValues() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairs(c);
      Map<String, List<Integer>> byKey = valuesByKey(data);
      Map<String, Integer> actual = weft.parallelizePairs(data, c.partitions()).collectAsMap();
      assertEquals("keys " + c, byKey.keySet(), actual.keySet());
      actual.forEach(
          (k, v) ->
              assertEquals(
                  "value of " + k + " is one of its values " + c, true, byKey.get(k).contains(v)));
    }
  }

  @Test
  public void lookupReturnsAllValuesOfAKeyPartitionedOrNot() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairs(c);
      Map<String, List<Integer>> byKey = valuesByKey(data);
      PairDataset<String, Integer> ds = weft.parallelizePairs(data, c.partitions());
      PairDataset<String, Integer> partitioned = ds.partitionBy(new HashPartitioner(5));
      for (String key : new String[] {null, "k0", "k1", "absent"}) {
        List<Integer> expected = byKey.getOrDefault(key, List.of());
        assertEquals("lookup(" + key + ") " + c, expected, ds.lookup(key));
        assertSameMultiset(
            "lookup(" + key + ") partitioned " + c, expected, partitioned.lookup(key));
      }
    }
  }

  @Test
  public void reduceByKeyOnAnAlreadyPartitionedDatasetIsRightWithoutAnotherShuffle() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairsNonNullValues(c);
      PairDataset<String, Integer> partitioned =
          weft.parallelizePairs(data, c.partitions()).partitionBy(new HashPartitioner(4));
      PairDataset<String, Integer> reduced = partitioned.reduceByKey(Integer::sum);
      assertEquals("already partitioned " + c, sums(data), asMap(c.toString(), reduced.collect()));
      assertEquals("partitioner kept " + c, new HashPartitioner(4), reduced.partitioner());
      assertEquals(
          "one shuffle only:\n" + reduced.explain(),
          1,
          occurrences(reduced.explain(), "writes shuffle"));
      PairDataset<String, Integer> sameCount = partitioned.reduceByKey(Integer::sum, 4);
      assertEquals("reduceByKey(4) " + c, sums(data), asMap(c.toString(), sameCount.collect()));
      assertEquals(
          "reduceByKey(4) one shuffle only:\n" + sameCount.explain(),
          1,
          occurrences(sameCount.explain(), "writes shuffle"));
      PairDataset<String, Integer> otherCount = partitioned.reduceByKey(Integer::sum, 3);
      assertEquals("reduceByKey(3) " + c, sums(data), asMap(c.toString(), otherCount.collect()));
      assertEquals(
          "a different partitioner shuffles again:\n" + otherCount.explain(),
          2,
          occurrences(otherCount.explain(), "writes shuffle"));
      // mapValues keeps the partitioning, so grouping after it needs no shuffle either.
      PairDataset<String, Iterable<Integer>> grouped =
          partitioned.mapValues(v -> v + 1).groupByKey();
      assertEquals(
          "groupByKey after mapValues " + c,
          referenceGroups(
              data.stream().map(t -> Tuple2.of(t._1(), t._2() + 1)).collect(Collectors.toList())),
          groupsAsMultisets(grouped.collect()));
      assertEquals(1, occurrences(grouped.explain(), "writes shuffle"));
    }
  }
}
