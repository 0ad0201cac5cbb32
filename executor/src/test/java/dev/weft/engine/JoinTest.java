package dev.weft.engine;

import static dev.weft.engine.Conformance.assertSameMultiset;
import static dev.weft.engine.Conformance.cases;
import static dev.weft.engine.Conformance.multiset;
import static dev.weft.engine.Conformance.occurrences;
import static dev.weft.engine.Conformance.pairs;
import static dev.weft.engine.Conformance.valuesByKey;
import static org.junit.Assert.assertEquals;

import dev.weft.api.HashPartitioner;
import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftContext;
import dev.weft.engine.Conformance.Case;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Joins and cogroup against nested loops over java.util lists. Keys (null included) match by
 * equals; a null value and a missing side both read as Optional.empty() in outer joins.
 */
public class JoinTest {
  private static WeftContext weft;

  @BeforeClass
  public static void start() {
    weft = Conformance.newContext();
  }

  @AfterClass
  public static void stop() {
    weft.close();
  }

  /** The left input of a case, and a right input with overlapping and extra keys. */
  private static List<Tuple2<String, Integer>> left(Case c) {
    return pairs(c);
  }

  private static List<Tuple2<String, Integer>> right(Case c) {
    List<Tuple2<String, Integer>> r = pairs(new Random(c.seed() + 1), c.size() * 2 / 3 + 1, true);
    r.add(Tuple2.of("only-right", 1)); // a key the left side never has
    return r;
  }

  private static List<Tuple2<String, Tuple2<Integer, Integer>>> innerReference(
      List<Tuple2<String, Integer>> l, List<Tuple2<String, Integer>> r) {
    Map<String, List<Integer>> rs = valuesByKey(r);
    List<Tuple2<String, Tuple2<Integer, Integer>>> out = new ArrayList<>();
    for (Tuple2<String, Integer> a : l) {
      for (Integer w : rs.getOrDefault(a._1(), List.of())) {
        out.add(Tuple2.of(a._1(), Tuple2.of(a._2(), w)));
      }
    }
    return out;
  }

  private static List<Tuple2<String, Tuple2<Integer, Optional<Integer>>>> leftReference(
      List<Tuple2<String, Integer>> l, List<Tuple2<String, Integer>> r) {
    Map<String, List<Integer>> rs = valuesByKey(r);
    List<Tuple2<String, Tuple2<Integer, Optional<Integer>>>> out = new ArrayList<>();
    for (Tuple2<String, Integer> a : l) {
      List<Integer> matches = rs.getOrDefault(a._1(), List.of());
      if (matches.isEmpty()) {
        out.add(Tuple2.of(a._1(), Tuple2.of(a._2(), Optional.empty())));
      }
      for (Integer w : matches) {
        out.add(Tuple2.of(a._1(), Tuple2.of(a._2(), Optional.ofNullable(w))));
      }
    }
    return out;
  }

  private static <A, B> List<Tuple2<String, Tuple2<B, A>>> swap(
      List<Tuple2<String, Tuple2<A, B>>> records) {
    List<Tuple2<String, Tuple2<B, A>>> out = new ArrayList<>();
    records.forEach(t -> out.add(Tuple2.of(t._1(), Tuple2.of(t._2()._2(), t._2()._1()))));
    return out;
  }

  @Test
  public void joinPairsEveryLeftValueWithEveryRightValueOfItsKey() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> l = left(c);
      List<Tuple2<String, Integer>> r = right(c);
      PairDataset<String, Integer> a = weft.parallelizePairs(l, c.partitions());
      PairDataset<String, Integer> b = weft.parallelizePairs(r, 3);
      assertSameMultiset("join " + c, innerReference(l, r), a.join(b).collect());
      assertSameMultiset("join(5) " + c, innerReference(l, r), a.join(b, 5).collect());
      assertEquals("join(5) partitions " + c, 5, a.join(b, 5).getNumPartitions());
      assertSameMultiset("self join " + c, innerReference(l, l), a.join(a).collect());
    }
  }

  @Test
  public void leftOuterJoinKeepsEveryLeftValue() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> l = left(c);
      List<Tuple2<String, Integer>> r = right(c);
      PairDataset<String, Integer> a = weft.parallelizePairs(l, c.partitions());
      PairDataset<String, Integer> b = weft.parallelizePairs(r, 3);
      assertSameMultiset("leftOuterJoin " + c, leftReference(l, r), a.leftOuterJoin(b).collect());
    }
  }

  @Test
  public void rightOuterJoinKeepsEveryRightValue() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> l = left(c);
      List<Tuple2<String, Integer>> r = right(c);
      PairDataset<String, Integer> a = weft.parallelizePairs(l, c.partitions());
      PairDataset<String, Integer> b = weft.parallelizePairs(r, 3);
      assertSameMultiset(
          "rightOuterJoin " + c, swap(leftReference(r, l)), a.rightOuterJoin(b).collect());
    }
  }

  @Test
  public void fullOuterJoinKeepsEveryValueOfBothSides() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> l = left(c);
      List<Tuple2<String, Integer>> r = right(c);
      Map<String, List<Integer>> ls = valuesByKey(l);
      Map<String, List<Integer>> rs = valuesByKey(r);
      Set<String> keys = new HashSet<>(ls.keySet());
      keys.addAll(rs.keySet());
      List<Tuple2<String, Tuple2<Optional<Integer>, Optional<Integer>>>> expected =
          new ArrayList<>();
      for (String k : keys) {
        List<Optional<Integer>> lv = new ArrayList<>();
        ls.getOrDefault(k, List.of()).forEach(v -> lv.add(Optional.ofNullable(v)));
        List<Optional<Integer>> rv = new ArrayList<>();
        rs.getOrDefault(k, List.of()).forEach(v -> rv.add(Optional.ofNullable(v)));
        if (lv.isEmpty()) {
          lv.add(Optional.empty());
        }
        if (rv.isEmpty()) {
          rv.add(Optional.empty());
        }
        for (Optional<Integer> v : lv) {
          for (Optional<Integer> w : rv) {
            expected.add(Tuple2.of(k, Tuple2.of(v, w)));
          }
        }
      }
      PairDataset<String, Integer> a = weft.parallelizePairs(l, c.partitions());
      PairDataset<String, Integer> b = weft.parallelizePairs(r, 3);
      assertSameMultiset("fullOuterJoin " + c, expected, a.fullOuterJoin(b).collect());
    }
  }

  @Test
  public void cogroupGivesEachKeyOfEitherSideBothValueLists() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> l = left(c);
      List<Tuple2<String, Integer>> r = right(c);
      Map<String, List<Integer>> ls = valuesByKey(l);
      Map<String, List<Integer>> rs = valuesByKey(r);
      Map<String, Tuple2<Map<Integer, Long>, Map<Integer, Long>>> expected = new HashMap<>();
      Set<String> keys = new HashSet<>(ls.keySet());
      keys.addAll(rs.keySet());
      for (String k : keys) {
        expected.put(
            k,
            Tuple2.of(
                multiset(ls.getOrDefault(k, List.of())), multiset(rs.getOrDefault(k, List.of()))));
      }
      List<Tuple2<String, Tuple2<Iterable<Integer>, Iterable<Integer>>>> grouped =
          weft.parallelizePairs(l, c.partitions()).cogroup(weft.parallelizePairs(r, 3)).collect();
      Map<String, Tuple2<Map<Integer, Long>, Map<Integer, Long>>> actual = new HashMap<>();
      for (Tuple2<String, Tuple2<Iterable<Integer>, Iterable<Integer>>> t : grouped) {
        List<Integer> lv = new ArrayList<>();
        t._2()._1().forEach(lv::add);
        List<Integer> rv = new ArrayList<>();
        t._2()._2().forEach(rv::add);
        Object previous = actual.put(t._1(), Tuple2.of(multiset(lv), multiset(rv)));
        assertEquals("key " + t._1() + " once " + c, null, previous);
      }
      assertEquals("cogroup " + c, expected, actual);
    }
  }

  @Test
  public void joinOfCoPartitionedDatasetsIsRightWithoutAnotherShuffle() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> l = left(c);
      List<Tuple2<String, Integer>> r = right(c);
      HashPartitioner byHash = new HashPartitioner(4);
      PairDataset<String, Integer> a = weft.parallelizePairs(l, c.partitions()).partitionBy(byHash);
      PairDataset<String, Integer> b =
          weft.parallelizePairs(r, 3).partitionBy(new HashPartitioner(4));
      PairDataset<String, Tuple2<Integer, Integer>> joined = a.join(b);
      assertSameMultiset("co-partitioned join " + c, innerReference(l, r), joined.collect());
      assertEquals("partitions " + c, 4, joined.getNumPartitions());
      assertEquals(
          "only the two partitionBy shuffles:\n" + joined.explain(),
          2,
          occurrences(joined.explain(), "writes shuffle"));
      // One side partitioned: only the other side is shuffled for the join.
      PairDataset<String, Tuple2<Integer, Integer>> half = a.join(weft.parallelizePairs(r, 3));
      assertSameMultiset("half-partitioned join " + c, innerReference(l, r), half.collect());
      assertEquals(
          "partitionBy + one join shuffle:\n" + half.explain(),
          2,
          occurrences(half.explain(), "writes shuffle"));
      assertSameMultiset(
          "co-partitioned leftOuterJoin " + c, leftReference(l, r), a.leftOuterJoin(b).collect());
    }
  }
}
