package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.Aggregator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Hash aggregation that spills: exact results for inputs far larger than memory. */
public class ExternalAggregatorTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleTestKit kit;

  @Before
  public void setUp() {
    kit =
        new ShuffleTestKit(tmp.getRoot(), ShuffleTestKit.TINY_BUDGET, ShuffleTestKit.SMALL_BUFFERS);
  }

  /** Collects values into lists, so a lost or doubled value shows in the result. */
  private static Aggregator<String, Integer, List<Integer>> collect() {
    return new Aggregator<>(
        v -> {
          List<Integer> l = new ArrayList<>();
          l.add(v);
          return l;
        },
        (l, v) -> {
          l.add(v);
          return l;
        },
        (a, b) -> {
          a.addAll(b);
          return a;
        });
  }

  @Test
  public void combinesFarMoreKeysThanFitInMemoryExactly() throws Exception {
    // 40,000 distinct keys (a null key among them), 3 values each: ~10 MB of map against 256 KiB.
    List<Tuple2<String, Integer>> input = new ArrayList<>();
    Map<String, List<Integer>> reference = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      for (int k = 0; k < 40_000; k++) {
        String key = k == 0 ? null : "key-" + k;
        int value = round * 1_000_000 + k;
        input.add(Tuple2.of(key, value));
        reference.computeIfAbsent(key, x -> new ArrayList<>()).add(value);
      }
    }
    SpillEnv task = kit.newTask(0);
    Map<String, List<Integer>> result =
        drain(ExternalAggregator.combine(task, input.iterator(), collect(), false));

    assertTrue("spilled", task.task().metrics().spillCount > 0);
    assertEquals(reference.keySet(), result.keySet());
    for (Map.Entry<String, List<Integer>> e : reference.entrySet()) {
      List<Integer> got = new ArrayList<>(result.get(e.getKey()));
      got.sort(null);
      assertEquals("values of " + e.getKey(), e.getValue(), got);
    }
    ShuffleTestKit.finish(task);
    assertEquals(List.of(), kit.strayFiles());
  }

  @Test
  public void keysWithEqualHashCodesStayApart() {
    // "Aa" and "BB" share a hash code, and so do all their concatenations.
    String[] colliding = {"AaAa", "AaBB", "BBAa", "BBBB"};
    List<Tuple2<String, Long>> input = new ArrayList<>();
    for (int i = 0; i < 120_000; i++) {
      input.add(Tuple2.of(i % 5 == 4 ? "filler-" + i : colliding[i % 5 % 4], 1L));
    }
    SpillEnv task = kit.newTask(0);
    Map<String, Long> result =
        drain(
            ExternalAggregator.combine(
                task, input.iterator(), ShuffleTestKit.<String>sum(), false));
    assertTrue("spilled", task.task().metrics().spillCount > 0);
    for (String key : colliding) {
      assertEquals(key, Long.valueOf(24_000), result.get(key));
    }
    assertEquals(4 + 24_000, result.size());
    ShuffleTestKit.finish(task);
  }

  @Test
  public void mergesCombinersWhenTheInputHoldsCombiners() {
    List<Tuple2<Integer, Long>> partialSums =
        List.of(Tuple2.of(1, 10L), Tuple2.of(2, 5L), Tuple2.of(1, 7L), Tuple2.of(null, 1L));
    Aggregator<Integer, Long, Long> agg =
        new Aggregator<>(
            v -> {
              throw new AssertionError("combiners must not be created again");
            },
            (c, v) -> {
              throw new AssertionError("values are not merged into combiners here");
            },
            Long::sum);
    SpillEnv task = kit.newTask(0);
    Map<Integer, Long> result =
        drain(ExternalAggregator.combine(task, partialSums.iterator(), agg, true));
    Map<Integer, Long> expected = new HashMap<>();
    expected.put(1, 17L);
    expected.put(2, 5L);
    expected.put(null, 1L);
    assertEquals(expected, result);
    ShuffleTestKit.finish(task);
  }

  @Test
  public void moreRunsThanTheMergeWidthAreMergedInPasses() throws Exception {
    ShuffleTestKit narrow =
        new ShuffleTestKit(
            tmp.newFolder(),
            ShuffleTestKit.TINY_BUDGET,
            new ShuffleSettings(8 * 1024, 16 * 1024, 2));
    List<Tuple2<Integer, Long>> input = new ArrayList<>();
    Map<Integer, Long> reference = new HashMap<>();
    for (int i = 0; i < 150_000; i++) {
      input.add(Tuple2.of(i % 30_011, (long) i));
      reference.merge(i % 30_011, (long) i, Long::sum);
    }
    SpillEnv task = narrow.newTask(0);
    Map<Integer, Long> result =
        drain(
            ExternalAggregator.combine(
                task, input.iterator(), ShuffleTestKit.<Integer>sum(), false));
    assertTrue("more spills than the width of 2", task.task().metrics().spillCount > 2);
    assertEquals(reference, result);
    ShuffleTestKit.finish(task);
    assertEquals(List.of(), narrow.strayFiles());
  }

  @Test
  public void anAbandonedResultHasItsSpillsDeletedWhenTheTaskCompletes() throws Exception {
    List<Tuple2<Integer, Long>> input = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      input.add(Tuple2.of(i, 1L));
    }
    SpillEnv task = kit.newTask(0);
    Iterator<Tuple2<Integer, Long>> result =
        ExternalAggregator.combine(task, input.iterator(), ShuffleTestKit.<Integer>sum(), false);
    result.next();
    assertFalse("runs exist while the result is read", kit.strayFiles().isEmpty());
    ShuffleTestKit.finish(task);
    assertEquals(List.of(), kit.strayFiles());
  }

  private static <K, C> Map<K, C> drain(Iterator<Tuple2<K, C>> it) {
    Map<K, C> out = new HashMap<>();
    while (it.hasNext()) {
      Tuple2<K, C> t = it.next();
      assertFalse("key " + t._1() + " returned twice", out.containsKey(t._1()));
      out.put(t._1(), t._2());
    }
    return out;
  }
}
