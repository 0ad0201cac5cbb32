package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Shared helpers of the conformance suite: the context, the cases (seed, size, partition count),
 * random data with duplicates and nulls, and multiset comparison. Every reference result is
 * computed with plain java.util on the same input.
 */
final class Conformance {
  private Conformance() {}

  /** Partition counts every operation is checked with; 64 is more than most case sizes. */
  static final int[] PARTITION_COUNTS = {1, 3, 8, 64};

  /** Record counts: empty, smaller than most partition counts, and a few hundred. */
  static final int[] SIZES = {0, 5, 300};

  static WeftContext newContext() {
    return new WeftContext(
        new WeftConf(false).setMaster("local[2]").set("weft.memory.reserved", "0"));
  }

  /** One input: a fixed seed, a record count and a partition count. */
  record Case(long seed, int size, int partitions) {
    Random random() {
      return new Random(seed);
    }

    @Override
    public String toString() {
      return "[seed=" + seed + ", size=" + size + ", partitions=" + partitions + "]";
    }
  }

  /** Every size with every partition count, each with its own fixed seed. */
  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (int p : PARTITION_COUNTS) {
      for (int n : SIZES) {
        cases.add(new Case(7919L * p + 31L * n + 17, n, p));
      }
    }
    return cases;
  }

  /** Integers with many duplicates (about size/3 distinct) and about 10% nulls. */
  static List<Integer> ints(Case c) {
    return ints(c.random(), c.size(), true);
  }

  static List<Integer> ints(Random r, int n, boolean nulls) {
    int distinct = Math.max(1, n / 3);
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(nulls && r.nextInt(10) == 0 ? null : r.nextInt(distinct) - distinct / 2);
    }
    return out;
  }

  /** Integers without nulls, for operations whose functions do arithmetic. */
  static List<Integer> nonNullInts(Case c) {
    return ints(c.random(), c.size(), false);
  }

  /**
   * Pairs with string keys ("k0".., about size/4 distinct, about 10% null) and integer values
   * (about 10% null when {@code nullValues}).
   */
  static List<Tuple2<String, Integer>> pairs(Random r, int n, boolean nullValues) {
    int keys = Math.max(1, n / 4);
    List<Tuple2<String, Integer>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String k = r.nextInt(10) == 0 ? null : "k" + r.nextInt(keys);
      Integer v = nullValues && r.nextInt(10) == 0 ? null : r.nextInt(100);
      out.add(new Tuple2<>(k, v));
    }
    return out;
  }

  static List<Tuple2<String, Integer>> pairs(Case c) {
    return pairs(c.random(), c.size(), true);
  }

  static List<Tuple2<String, Integer>> pairsNonNullValues(Case c) {
    return pairs(c.random(), c.size(), false);
  }

  /** How many times each element occurs (null allowed). */
  static <T> Map<T, Long> multiset(Collection<? extends T> items) {
    Map<T, Long> counts = new HashMap<>();
    for (T t : items) {
      counts.merge(t, 1L, Long::sum);
    }
    return counts;
  }

  /** Equal as multisets: same elements, same number of times, any order. */
  static <T> void assertSameMultiset(
      String message, Collection<? extends T> expected, Collection<? extends T> actual) {
    assertEquals(message + " (sizes)", expected.size(), actual.size());
    assertEquals(message, multiset(expected), multiset(actual));
  }

  /** Whether every element of {@code sub} occurs in {@code all} at least as often. */
  static <T> void assertSubMultiset(String message, Collection<T> all, Collection<T> sub) {
    Map<T, Long> a = multiset(all);
    for (Map.Entry<T, Long> e : multiset(sub).entrySet()) {
      long available = a.getOrDefault(e.getKey(), 0L);
      if (e.getValue() > available) {
        fail(
            message
                + ": "
                + e.getKey()
                + " occurs "
                + e.getValue()
                + " times in the result, "
                + available
                + " in the input");
      }
    }
  }

  /** The values of each key as a multiset, for comparing groupings whose order is free. */
  static <K, V> Map<K, Map<V, Long>> groupsAsMultisets(List<Tuple2<K, Iterable<V>>> grouped) {
    Map<K, Map<V, Long>> out = new HashMap<>();
    for (Tuple2<K, Iterable<V>> t : grouped) {
      List<V> values = new ArrayList<>();
      t._2().forEach(values::add);
      if (out.put(t._1(), multiset(values)) != null) {
        fail("key " + t._1() + " appears in more than one group");
      }
    }
    return out;
  }

  /** The reference grouping: each key's values as a multiset. */
  static <K, V> Map<K, Map<V, Long>> referenceGroups(List<Tuple2<K, V>> pairs) {
    Map<K, List<V>> lists = new HashMap<>();
    for (Tuple2<K, V> t : pairs) {
      lists.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2());
    }
    Map<K, Map<V, Long>> out = new HashMap<>();
    lists.forEach((k, vs) -> out.put(k, multiset(vs)));
    return out;
  }

  /** The values of each key in input order. */
  static <K, V> Map<K, List<V>> valuesByKey(List<Tuple2<K, V>> pairs) {
    Map<K, List<V>> lists = new HashMap<>();
    for (Tuple2<K, V> t : pairs) {
      lists.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2());
    }
    return lists;
  }

  /** How many times {@code needle} occurs in {@code text}. */
  static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
