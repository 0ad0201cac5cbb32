package dev.weft.engine;

import static dev.weft.engine.Conformance.assertSameMultiset;
import static dev.weft.engine.Conformance.cases;
import static dev.weft.engine.Conformance.ints;
import static dev.weft.engine.Conformance.nonNullInts;
import static org.junit.Assert.assertEquals;

import dev.weft.api.Broadcast;
import dev.weft.api.CollectionAccumulator;
import dev.weft.api.Dataset;
import dev.weft.api.DoubleAccumulator;
import dev.weft.api.LongAccumulator;
import dev.weft.api.TaskContext;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftContext;
import dev.weft.engine.Conformance.Case;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Broadcast variables and accumulators, including foreach and foreachPartition. */
public class SharedVariablesTest {
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
  public void broadcastValueIsReadInTasks() {
    Map<Integer, String> names = new HashMap<>();
    for (int i = -200; i < 200; i++) {
      names.put(i, "name" + i);
    }
    Broadcast<Map<Integer, String>> b = weft.broadcast(names);
    assertEquals("driver value", names, b.value());
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      List<String> expected =
          data.stream().map(x -> x == null ? "none" : names.get(x)).collect(Collectors.toList());
      List<String> actual =
          weft.parallelize(data, c.partitions())
              .map(x -> x == null ? "none" : b.value().get(x))
              .collect();
      assertEquals("broadcast lookup " + c, expected, actual);
    }
    // Used again after a shuffle, in another job.
    assertEquals(
        Map.of("name1", 2L),
        weft.parallelize(List.of(1, 1), 2)
            .mapToPair(x -> Tuple2.of(x, x))
            .groupByKey()
            .map(t -> b.value().get(t._1()))
            .flatMap(s -> List.of(s, s).iterator())
            .map(s -> s)
            .countByValue());
  }

  @Test
  public void foreachAddsEachRecordToALongAccumulatorExactlyOnce() {
    for (Case c : cases()) {
      List<Integer> data = nonNullInts(c);
      LongAccumulator sum = weft.longAccumulator("sum " + c);
      weft.parallelize(data, c.partitions()).foreach(x -> sum.add(x));
      assertEquals(
          "sum " + c, data.stream().mapToLong(Integer::longValue).sum(), (long) sum.value());
      assertEquals("count " + c, data.size(), sum.count());
    }
  }

  @Test
  public void foreachPartitionSeesEveryRecordOfItsPartition() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      LongAccumulator partitions = weft.longAccumulator();
      CollectionAccumulator<Integer> seen = weft.collectionAccumulator("seen " + c);
      weft.parallelize(data, c.partitions())
          .foreachPartition(
              it -> {
                partitions.add(1);
                it.forEachRemaining(seen::add);
              });
      assertEquals("one call per partition " + c, c.partitions(), (long) partitions.value());
      assertSameMultiset("every record once " + c, data, seen.value());
    }
  }

  @Test
  public void doubleAccumulatorSumsAndCounts() {
    for (Case c : cases()) {
      List<Integer> data = nonNullInts(c);
      DoubleAccumulator d = weft.doubleAccumulator("d " + c);
      weft.parallelize(data, c.partitions()).foreach(x -> d.add(x / 4.0));
      double expected = data.stream().mapToDouble(x -> x / 4.0).sum();
      assertEquals("double sum " + c, expected, d.value(), 1e-9);
      assertEquals("double count " + c, data.size(), d.count());
      if (!data.isEmpty()) {
        assertEquals("double avg " + c, expected / data.size(), d.avg(), 1e-9);
      }
    }
  }

  @Test
  public void collectionAccumulatorCollectsEveryAddedValueIncludingNulls() {
    for (Case c : cases()) {
      List<Integer> data = ints(c);
      CollectionAccumulator<Integer> all = weft.collectionAccumulator("all " + c);
      weft.parallelize(data, c.partitions()).foreach(all::add);
      assertSameMultiset("collection accumulator " + c, data, all.value());
    }
  }

  @Test
  public void accumulatorUpdatesInAnActionAfterAShuffleCountOnce() {
    for (Case c : cases()) {
      List<Integer> data = nonNullInts(c);
      LongAccumulator keys = weft.longAccumulator("keys " + c);
      weft.parallelize(data, c.partitions())
          .mapToPair(x -> Tuple2.of(x, 1))
          .reduceByKey(Integer::sum, 3)
          .foreach(t -> keys.add(1));
      assertEquals("distinct keys " + c, data.stream().distinct().count(), (long) keys.value());
    }
  }

  @Test
  public void updatesOfAFailedTaskAttemptAreNotCounted() {
    List<Integer> data = nonNullInts(new Case(8, 300, 4));
    LongAccumulator added = weft.longAccumulator("added");
    // Every first attempt adds all its records, then fails; the retry succeeds.
    weft.parallelize(data, 4)
        .foreachPartition(
            it -> {
              it.forEachRemaining(x -> added.add(1));
              if (TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("first attempt fails on purpose");
              }
            });
    assertEquals("only successful attempts count", data.size(), (long) added.value());
  }

  @Test
  public void accumulatorsOnTheDriverStartAtZeroAndAccumulateAcrossActions() {
    LongAccumulator a = weft.longAccumulator("across");
    assertEquals(0L, (long) a.value());
    Dataset<Integer> ds = weft.parallelize(List.of(1, 2, 3), 2);
    ds.foreach(x -> a.add(x));
    ds.foreach(x -> a.add(x));
    assertEquals(12L, (long) a.value());
  }
}
