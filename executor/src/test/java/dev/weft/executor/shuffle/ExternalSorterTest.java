package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Sorting that spills: exact, stable results for inputs far larger than memory. */
public class ExternalSorterTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleTestKit kit;

  @Before
  public void setUp() {
    kit =
        new ShuffleTestKit(tmp.getRoot(), ShuffleTestKit.TINY_BUDGET, ShuffleTestKit.SMALL_BUFFERS);
  }

  @Test
  public void sortsFarMoreThanFitsInMemoryStablyAndExactly() throws Exception {
    // 100,000 records of ~60 bytes on the heap each: ~6 MB against 256 KiB.
    Random random = new Random(42);
    List<Tuple2<Integer, String>> input = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      Integer key = random.nextInt(50) == 0 ? null : random.nextInt(20_000);
      input.add(Tuple2.of(key, "v" + i));
    }
    Comparator<Integer> order = Comparator.nullsLast(Comparator.reverseOrder());
    List<Tuple2<Integer, String>> reference = new ArrayList<>(input);
    reference.sort((a, b) -> order.compare(a._1(), b._1())); // List.sort is stable

    SpillEnv task = kit.newTask(0);
    List<Tuple2<Integer, String>> result = new ArrayList<>();
    ExternalSorter.sort(task, input.iterator(), order).forEachRemaining(result::add);

    assertTrue("spilled", task.task().metrics().spillCount > 0);
    assertEquals(reference, result);
    ShuffleTestKit.finish(task);
    assertEquals(List.of(), kit.strayFiles());
  }

  @Test
  public void moreRunsThanTheMergeWidthAreMergedInPasses() throws Exception {
    ShuffleTestKit narrow =
        new ShuffleTestKit(
            tmp.newFolder(),
            ShuffleTestKit.TINY_BUDGET,
            new ShuffleSettings(8 * 1024, 16 * 1024, 3));
    List<Tuple2<Long, Integer>> input = new ArrayList<>();
    for (int i = 0; i < 120_000; i++) {
      input.add(Tuple2.of((i * 7919L) % 100_003, i));
    }
    List<Tuple2<Long, Integer>> reference = new ArrayList<>(input);
    reference.sort(Comparator.comparing(Tuple2::_1));

    SpillEnv task = narrow.newTask(0);
    List<Tuple2<Long, Integer>> result = new ArrayList<>();
    ExternalSorter.sort(task, input.iterator(), Comparator.<Long>naturalOrder())
        .forEachRemaining(result::add);

    assertTrue("more spills than the width of 3", task.task().metrics().spillCount > 3);
    assertEquals(reference, result);
    ShuffleTestKit.finish(task);
    assertEquals(List.of(), narrow.strayFiles());
  }

  @Test
  public void aSmallInputIsSortedInMemory() {
    SpillEnv task = kit.newTask(0);
    List<Tuple2<String, Integer>> result = new ArrayList<>();
    ExternalSorter.sort(
            task,
            List.of(Tuple2.of("b", 1), Tuple2.of("a", 2), Tuple2.of("b", 0)).iterator(),
            Comparator.<String>naturalOrder())
        .forEachRemaining(result::add);
    assertEquals(List.of(Tuple2.of("a", 2), Tuple2.of("b", 1), Tuple2.of("b", 0)), result);
    assertEquals(0, task.task().metrics().spillCount);
    ShuffleTestKit.finish(task);
  }
}
