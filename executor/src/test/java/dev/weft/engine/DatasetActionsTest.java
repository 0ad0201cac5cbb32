package dev.weft.engine;

import static dev.weft.engine.Conformance.cases;
import static dev.weft.engine.Conformance.ints;
import static dev.weft.engine.Conformance.multiset;
import static dev.weft.engine.Conformance.nonNullInts;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.weft.api.Dataset;
import dev.weft.api.JobFailedException;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftContext;
import dev.weft.engine.Conformance.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Actions, sources (range, parallelizePairs), zipWithIndex and failing user functions. */
public class DatasetActionsTest {
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
  public void collectReturnsTheParallelizedListInOrder() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      assertEquals("partitions " + c, c.partitions(), ds.getNumPartitions());
      assertEquals("collect " + c, data, ds.collect());
    }
  }

  @Test
  public void countCountsEveryRecordIncludingNulls() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      assertEquals("count " + c, data.size(), weft.parallelize(data, c.partitions()).count());
    }
  }

  @Test
  public void firstIsTheFirstRecordEvenAfterEmptyPartitions() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      if (data.isEmpty()) {
        assertThrows("first of empty " + c, UnsupportedOperationException.class, () -> ds.first());
      } else {
        assertEquals("first " + c, data.get(0), ds.first());
      }
      // Only the last record survives: all partitions before it are empty.
      Integer last = data.isEmpty() ? null : data.get(data.size() - 1);
      List<Integer> lastOnly = new ArrayList<>(data);
      lastOnly.replaceAll(x -> 0);
      if (!lastOnly.isEmpty()) {
        lastOnly.set(lastOnly.size() - 1, 1);
        assertEquals(
            "first after empty partitions " + c,
            Integer.valueOf(1),
            weft.parallelize(lastOnly, c.partitions()).filter(x -> x == 1).first());
      }
    }
  }

  @Test
  public void firstOfAnEmptyDatasetThrowsUnsupportedOperationException() {
    assertThrows(UnsupportedOperationException.class, () -> weft.parallelize(List.of(), 5).first());
    assertThrows(UnsupportedOperationException.class, () -> weft.emptyDataset().first());
    assertThrows(
        UnsupportedOperationException.class,
        () -> weft.range(0, 100, 1, 7).filter(x -> x < 0).first());
  }

  @Test
  public void takeReturnsThePrefixOfCollectForAnyN() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      for (int n : new int[] {0, 1, 2, c.size() / 2, c.size() - 1, c.size(), c.size() + 10}) {
        if (n < 0) {
          continue;
        }
        List<Integer> expected = data.subList(0, Math.min(n, data.size()));
        assertEquals("take(" + n + ") " + c, expected, ds.take(n));
      }
    }
  }

  @Test
  public void takeFindsRecordsBehindManyEmptyPartitions() {
    for (int p : new int[] {3, 8, 64, 200}) {
      // Records only in the last partition(s): take must keep scanning.
      List<Long> data = LongStream.range(0, 1000).boxed().collect(Collectors.toList());
      Dataset<Long> sparse = weft.parallelize(data, p).filter(x -> x >= 995);
      String c = "partitions=" + p;
      assertEquals(c, List.of(995L), sparse.take(1));
      assertEquals(c, List.of(995L, 996L, 997L), sparse.take(3));
      assertEquals(c, List.of(995L, 996L, 997L, 998L, 999L), sparse.take(50));
      assertEquals(c, List.of(), sparse.take(0));
      assertEquals(c, List.of(), weft.parallelize(data, p).filter(x -> x < 0).take(5));
    }
  }

  @Test
  public void reduceCombinesAllRecords() {
    for (Case c : cases()) {
      List<Integer> data = nonNullInts(c);
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      if (data.isEmpty()) {
        assertThrows(
            "reduce of empty " + c,
            UnsupportedOperationException.class,
            () -> ds.reduce(Integer::sum));
      } else {
        int expected = data.stream().mapToInt(Integer::intValue).sum();
        assertEquals("reduce sum " + c, Integer.valueOf(expected), ds.reduce(Integer::sum));
        assertEquals(
            "reduce max " + c, data.stream().max(Integer::compare).get(), ds.reduce(Math::max));
      }
    }
  }

  @Test
  public void reduceOfAnEmptyDatasetThrowsUnsupportedOperationException() {
    assertThrows(
        UnsupportedOperationException.class,
        () -> weft.parallelize(List.<Integer>of(), 4).reduce(Integer::sum));
    assertThrows(
        UnsupportedOperationException.class,
        () -> weft.range(0, 50, 1, 9).filter(x -> x > 100).reduce(Long::sum));
  }

  @Test
  public void foldStartsEachPartitionAndTheDriverFromZero() {
    for (Case c : cases()) {
      List<Integer> data = nonNullInts(c);
      int sum = data.stream().mapToInt(Integer::intValue).sum();
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      assertEquals("fold sum " + c, Integer.valueOf(sum), ds.fold(0, Integer::sum));
      // A non-neutral zero is applied once per partition plus once on the driver, as in Spark.
      assertEquals(
          "fold with zero 1 " + c,
          Integer.valueOf(sum + c.partitions() + 1),
          ds.fold(1, Integer::sum));
    }
  }

  @Test
  public void aggregateWithAMutableZeroDoesNotShareItBetweenPartitions() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      Dataset<Integer> ds = weft.parallelize(data, c.partitions());
      ArrayList<Integer> zero = new ArrayList<>();
      ArrayList<Integer> all =
          ds.aggregate(
              zero,
              (acc, x) -> {
                acc.add(x);
                return acc;
              },
              (a, b) -> {
                a.addAll(b);
                return a;
              });
      assertEquals("aggregate into a list " + c, multiset(data), multiset(all));
      assertTrue("the caller's zero is not modified " + c, zero.isEmpty());
      long nonNull = ds.aggregate(0L, (acc, x) -> x == null ? acc : acc + 1, Long::sum);
      assertEquals("aggregate count " + c, data.stream().filter(x -> x != null).count(), nonNull);
    }
  }

  @Test
  public void countByValueCountsEachDistinctRecordIncludingNull() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      Map<Integer, Long> actual = weft.parallelize(data, c.partitions()).countByValue();
      assertEquals("countByValue " + c, multiset(data), actual);
    }
  }

  @Test
  public void zipWithIndexNumbersRecordsZeroToNMinusOneInCollectOrder() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      // A filter first, so partitions have uneven (and some empty) sizes.
      List<Integer> kept = data.stream().filter(x -> x == null || x % 3 != 0).toList();
      List<Tuple2<Integer, Long>> expected = new ArrayList<>();
      for (int i = 0; i < kept.size(); i++) {
        expected.add(new Tuple2<>(kept.get(i), (long) i));
      }
      Dataset<Tuple2<Integer, Long>> zipped =
          weft.parallelize(data, c.partitions())
              .filter(x -> x == null || x % 3 != 0)
              .zipWithIndex();
      assertEquals("zipWithIndex " + c, expected, zipped.collect());
      assertEquals("zipWithIndex again " + c, expected, zipped.collect());
      assertEquals(
          "zipWithIndex take " + c,
          expected.subList(0, Math.min(3, expected.size())),
          zipped.take(3));
    }
  }

  @Test
  public void rangeProducesTheArithmeticSequence() {
    for (int p : Conformance.PARTITION_COUNTS) {
      String c = "partitions=" + p;
      assertEquals(
          c, LongStream.range(0, 100).boxed().toList(), weft.range(0, 100, 1, p).collect());
      assertEquals(c, LongStream.range(-5, 5).boxed().toList(), weft.range(-5, 5, 1, p).collect());
      assertEquals(c, List.of(3L, 10L, 17L, 24L), weft.range(3, 25, 7, p).collect());
      assertEquals(c, List.of(10L, 7L, 4L, 1L), weft.range(10, 0, -3, p).collect());
      assertEquals(c, List.of(), weft.range(5, 5, 1, p).collect());
      assertEquals(c, List.of(), weft.range(5, 0, 1, p).collect());
      assertEquals(c, p, weft.range(0, 10, 1, p).getNumPartitions());
    }
    assertEquals(LongStream.range(0, 1000).boxed().toList(), weft.range(0, 1000).collect());
  }

  @Test
  public void parallelizePairsKeepsPairsAndOrder() {
    for (Case c : cases()) {
      List<Tuple2<String, Integer>> data = Conformance.pairs(c);
      assertEquals(
          "parallelizePairs " + c, data, weft.parallelizePairs(data, c.partitions()).collect());
    }
    List<Tuple2<String, Integer>> small = List.of(Tuple2.of("a", 1), Tuple2.of(null, null));
    assertEquals(small, weft.parallelizePairs(small).collect());
  }

  /** A user exception type the driver must find in the cause chain. */
  static final class UserFailure extends RuntimeException {
    UserFailure(String message) {
      super(message);
    }
  }

  private static void assertUserFailure(String what, Runnable action, String message) {
    try {
      action.run();
      fail(what + ": expected JobFailedException");
    } catch (JobFailedException e) {
      assertTrue(
          what + ": message should contain '" + message + "' but was: " + e.getMessage(),
          e.getMessage() != null && e.getMessage().contains(message));
      boolean found = false;
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        found |= t instanceof UserFailure;
      }
      assertTrue(what + ": cause chain should contain UserFailure: " + e, found);
    }
  }

  @Test
  public void aThrowingUserFunctionFailsTheJobWithTheUsersMessageAndException() {
    List<Integer> data = nonNullInts(new Case(3, 300, 8));
    Dataset<Integer> ds = weft.parallelize(data, 8);
    int bad = data.get(150);
    assertUserFailure(
        "map",
        () ->
            ds.map(
                    x -> {
                      if (x == bad) {
                        throw new UserFailure("bad record in map " + x);
                      }
                      return x;
                    })
                .collect(),
        "bad record in map " + bad);
    assertUserFailure(
        "filter",
        () ->
            ds.filter(
                    x -> {
                      throw new UserFailure("filter says no");
                    })
                .count(),
        "filter says no");
    assertUserFailure(
        "foreach",
        () ->
            ds.foreach(
                x -> {
                  throw new UserFailure("foreach says no");
                }),
        "foreach says no");
    assertUserFailure(
        "reduceByKey",
        () ->
            ds.mapToPair(x -> Tuple2.of(x % 3, x))
                .reduceByKey(
                    (a, b) -> {
                      throw new UserFailure("merge says no");
                    })
                .collect(),
        "merge says no");
    assertUserFailure(
        "after a shuffle",
        () ->
            ds.repartition(3)
                .map(
                    x -> {
                      throw new UserFailure("reduce side says no");
                    })
                .collect(),
        "reduce side says no");
    assertUserFailure(
        "reduce",
        () ->
            ds.reduce(
                (a, b) -> {
                  throw new UserFailure("reduce says no");
                }),
        "reduce says no");
    // The context still works after failed jobs.
    assertEquals(data.size(), ds.count());
  }
}
