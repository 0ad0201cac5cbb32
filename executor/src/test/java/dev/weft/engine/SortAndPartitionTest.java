package dev.weft.engine;

import static dev.weft.engine.Conformance.assertSameMultiset;
import static dev.weft.engine.Conformance.cases;
import static dev.weft.engine.Conformance.ints;
import static dev.weft.engine.Conformance.nonNullInts;
import static dev.weft.engine.Conformance.occurrences;
import static dev.weft.engine.Conformance.pairs;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Dataset;
import dev.weft.api.HashPartitioner;
import dev.weft.api.PairDataset;
import dev.weft.api.Partitioner;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftContext;
import dev.weft.engine.Conformance.Case;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Sorting, repartitioning, coalescing, partitionBy and the lineage descriptions. */
public class SortAndPartitionTest {
  private static WeftContext weft;

  /** Output partition counts of the sorts: one, a few, and more than most inputs hold. */
  private static final int[] SORT_PARTITIONS = {1, 4, 50};

  @BeforeClass
  public static void start() {
    weft = Conformance.newContext();
  }

  @AfterClass
  public static void stop() {
    weft.close();
  }

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  @Test
  public void sortByOrdersRecordsGloballyAscendingAndDescending() {
    for (Case c : cases()) {
      List<Integer> data = nonNullInts(c);
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      for (int out : SORT_PARTITIONS) {
        List<Integer> asc = data.stream().sorted().toList();
        List<Integer> desc = data.stream().sorted(Comparator.reverseOrder()).toList();
        Dataset<Integer> sortedAsc = ds.sortBy(x -> x, true, out);
        assertEquals("sortBy asc into " + out + " " + c, asc, sortedAsc.collect());
        assertEquals("partitions " + c, out, sortedAsc.getNumPartitions());
        assertEquals(
            "sortBy desc into " + out + " " + c, desc, ds.sortBy(x -> x, false, out).collect());
        assertEquals(
            "take of sorted " + c, asc.subList(0, Math.min(5, asc.size())), sortedAsc.take(5));
      }
    }
  }

  @Test
  public void sortByWithAComparatorUsesThatOrderAndKeepsAllRecords() {
    for (Case c : cases()) {
      List<Integer> data = nonNullInts(c);
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      // By the key's last digit, then by the key's negation: an order unlike the natural one.
      Comparator<Integer> byDigitThenDesc =
          Comparator.<Integer>comparingInt(k -> Math.floorMod(k, 10))
              .thenComparing(Comparator.reverseOrder());
      for (int out : SORT_PARTITIONS) {
        for (boolean ascending : new boolean[] {true, false}) {
          List<Integer> expectedKeys =
              data.stream()
                  .map(x -> x * 3)
                  .sorted(ascending ? byDigitThenDesc : byDigitThenDesc.reversed())
                  .toList();
          List<Integer> actual =
              ds.sortBy(
                      x -> x * 3,
                      (a, b) -> {
                        int d = Integer.compare(Math.floorMod(a, 10), Math.floorMod(b, 10));
                        return d != 0 ? d : Integer.compare(b, a);
                      },
                      ascending,
                      out)
                  .collect();
          String what = "ascending=" + ascending + " into " + out + " " + c;
          assertEquals(
              "keys in comparator order " + what,
              expectedKeys,
              actual.stream().map(x -> x * 3).toList());
          assertSameMultiset("records " + what, data, actual);
        }
      }
    }
  }

  @Test
  public void sortByKeyPutsNullKeysFirstAscendingAndLastDescending() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairs(c);
      PairDataset<String, Integer> ds = weft.parallelizePairs(data, c.partitions());
      for (int out : SORT_PARTITIONS) {
        List<Tuple2<String, Integer>> asc = ds.sortByKey(true, out).collect();
        assertEquals(
            "ascending keys into " + out + " " + c,
            data.stream().map(Tuple2::_1).sorted(NULLS_FIRST).toList(),
            asc.stream().map(Tuple2::_1).toList());
        assertSameMultiset("ascending records " + c, data, asc);
        List<Tuple2<String, Integer>> desc = ds.sortByKey(false, out).collect();
        assertEquals(
            "descending keys into " + out + " " + c,
            data.stream().map(Tuple2::_1).sorted(NULLS_FIRST.reversed()).toList(),
            desc.stream().map(Tuple2::_1).toList());
        assertSameMultiset("descending records " + c, data, desc);
      }
      assertEquals(
          "sortByKey() " + c,
          data.stream().map(Tuple2::_1).sorted(NULLS_FIRST).toList(),
          ds.sortByKey().keys().collect());
    }
  }

  @Test
  public void sortedPartitionsHoldIncreasingKeyRanges() {
    List<Integer> data = nonNullInts(new Case(12, 2000, 8));
    List<List<Integer>> parts =
        weft.parallelize(data, 8)
            .sortBy(x -> x, true, 6)
            .mapPartitions(
                it -> {
                  List<Integer> all = new ArrayList<>();
                  it.forEachRemaining(all::add);
                  return List.<List<Integer>>of(all).iterator();
                })
            .collect();
    assertEquals(6, parts.size());
    int nonEmpty = 0;
    for (List<Integer> p : parts) {
      nonEmpty += p.isEmpty() ? 0 : 1;
    }
    assertTrue("the range partitioner spreads 2000 records over several partitions", nonEmpty >= 3);
  }

  @Test
  public void repartitionGivesExactlyThatManyPartitionsWithTheSameRecords() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      for (int n : new int[] {1, 2, 7, 100}) {
        Dataset<Integer> r = ds.repartition(n);
        assertEquals("repartition(" + n + ") partitions " + c, n, r.getNumPartitions());
        assertSameMultiset("repartition(" + n + ") " + c, data, r.collect());
      }
    }
  }

  @Test
  public void coalesceMergesNeighbouringPartitionsKeepingTheOrder() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      for (int n : new int[] {1, 2, 5, 100}) {
        Dataset<Integer> co = ds.coalesce(n);
        assertEquals(
            "coalesce(" + n + ") partitions " + c,
            Math.min(n, c.partitions()),
            co.getNumPartitions());
        assertEquals("coalesce(" + n + ") order " + c, data, co.collect());
        Dataset<Integer> shuffled = ds.coalesce(n, true);
        assertEquals(
            "coalesce(" + n + ", shuffle) partitions " + c, n, shuffled.getNumPartitions());
        assertSameMultiset("coalesce(" + n + ", shuffle) " + c, data, shuffled.collect());
      }
    }
  }

  /** Sends every key to partition (length of key) mod n; a user-defined partitioner. */
  static final class ByLength extends Partitioner {
    private final int n;

    ByLength(int n) {
      this.n = n;
    }

    @Override
    public int numPartitions() {
      return n;
    }

    @Override
    public int getPartition(Object key) {
      return key == null ? n - 1 : ((String) key).length() % n;
    }
  }

  @Test
  public void partitionByPutsEveryKeyInThePartitionItsPartitionerNames() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = pairs(c);
      for (Partitioner p :
          new Partitioner[] {new HashPartitioner(5), new HashPartitioner(1), new ByLength(3)}) {
        PairDataset<String, Integer> laid =
            weft.parallelizePairs(data, c.partitions()).partitionBy(p);
        assertEquals(p + " partitions " + c, p.numPartitions(), laid.getNumPartitions());
        assertEquals(p + " partitioner " + c, p, laid.partitioner());
        List<Tuple2<Integer, Tuple2<String, Integer>>> placed =
            laid.mapPartitionsWithIndex(
                    (i, it) -> {
                      List<Tuple2<Integer, Tuple2<String, Integer>>> out = new ArrayList<>();
                      it.forEachRemaining(t -> out.add(Tuple2.of(i, t)));
                      return out.iterator();
                    })
                .collect();
        for (Tuple2<Integer, Tuple2<String, Integer>> t : placed) {
          assertEquals(
              "key " + t._2()._1() + " with " + p + " " + c,
              p.getPartition(t._2()._1()),
              (int) t._1());
        }
        assertSameMultiset(
            p + " records " + c,
            data,
            placed.stream().map(Tuple2::_2).collect(Collectors.toList()));
      }
    }
  }

  @Test
  public void partitionByWithAnEqualPartitionerIsANoOp() {
    PairDataset<String, Integer> laid =
        weft.parallelizePairs(pairs(new Case(1, 50, 3)), 3).partitionBy(new HashPartitioner(4));
    PairDataset<String, Integer> again = laid.partitionBy(new HashPartitioner(4));
    assertEquals(1, occurrences(again.explain(), "writes shuffle"));
    assertEquals(laid.collect(), again.collect());
  }

  @Test
  public void toDebugStringNamesTheOperationsAndMarksTheShuffleBoundary() {
    PairDataset<Long, Long> plan =
        weft.range(0, 100, 1, 3)
            .filter(x -> x % 2 == 0)
            .map(x -> x + 1)
            .mapToPair(x -> Tuple2.of(x % 5, x))
            .reduceByKey(Long::sum, 4)
            .mapValues(v -> v * 2);
    String lineage = plan.toDebugString();
    for (String op : new String[] {"range", "filter", "map", "mapToPair", "mapValues"}) {
      assertTrue(op + " missing from:\n" + lineage, lineage.contains(op));
    }
    assertTrue("the shuffle boundary is marked:\n" + lineage, lineage.contains("+-"));
    String[] lines = lineage.split("\n");
    assertTrue(
        "newest first:\n" + lineage, lines[0].contains("mapValues") && lines[0].contains("(4)"));
    assertTrue("source last:\n" + lineage, lines[lines.length - 1].contains("range"));
    String stages = plan.explain();
    assertTrue(stages, stages.contains("Stage 0") && stages.contains("Stage 1"));
    assertEquals(stages, 1, occurrences(stages, "writes shuffle"));
    assertTrue(stages, stages.contains("range") && stages.contains("mapValues"));
    assertEquals(
        "a narrow chain has one stage:\n",
        0,
        occurrences(weft.range(0, 10).map(x -> x).explain(), "writes shuffle"));
    assertTrue(weft.range(0, 10).map(x -> x).cache().toDebugString().contains("MEMORY_ONLY"));
  }
}
