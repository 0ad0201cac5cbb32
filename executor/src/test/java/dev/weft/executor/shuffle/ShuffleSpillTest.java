package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.TaskMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Map outputs far larger than a 256 KiB executor: the writer spills and still writes exactly the
 * input, and leaves no spill file behind, whether it succeeds or fails.
 */
public class ShuffleSpillTest {
  private static final int RECORDS_PER_MAP = 60_000;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleTestKit kit;

  @Before
  public void setUp() {
    kit =
        new ShuffleTestKit(tmp.getRoot(), ShuffleTestKit.TINY_BUDGET, ShuffleTestKit.SMALL_BUFFERS);
  }

  /** About 60 bytes serialized per record: 60,000 records are ten times the budget. */
  private static Iterator<Tuple2<Integer, String>> records(int mapId) {
    return IntStream.range(0, RECORDS_PER_MAP)
        .mapToObj(
            i ->
                Tuple2.of(
                    i % 7919, "map-" + mapId + "-value-" + i + "-padded-to-fifty-bytes-or-so"))
        .iterator();
  }

  @Test
  public void aWriterWithoutCombineSpillsSerializedBuffersAndWritesEveryRecord() throws Exception {
    ShuffleDependency<Integer, String, String> dep =
        ShuffleTestKit.dependency(1, 2, 13, null, false, null);
    MapStatus[] statuses = new MapStatus[2];
    long spills = 0;
    for (int m = 0; m < 2; m++) {
      SpillEnv task = kit.newTask(m);
      statuses[m] = new SortShuffleWriter<>(task, dep, m, "e", "h").write(records(m));
      ShuffleTestKit.finish(task);
      TaskMetrics metrics = task.task().metrics();
      spills += metrics.spillCount;
      assertTrue(
          "output is ten times the budget",
          metrics.shuffleWriteBytes >= 10 * ShuffleTestKit.TINY_BUDGET);
      assertTrue(metrics.diskBytesSpilled > 0 && metrics.memoryBytesSpilled > 0);
    }
    assertTrue("spilled at least once per map, spilled " + spills, spills >= 2);

    Map<Integer, List<String>> reference = new HashMap<>();
    for (int m = 0; m < 2; m++) {
      records(m)
          .forEachRemaining(
              t -> reference.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2()));
    }
    Map<Integer, List<String>> result = new HashMap<>();
    for (int r = 0; r < 13; r++) {
      for (Tuple2<Integer, String> t : kit.readReduce(dep, r, statuses)) {
        result.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2());
      }
    }
    assertEquals("same records, in map and then input order per key", reference, result);
    assertEquals(List.of(), kit.strayFiles());
  }

  @Test
  public void aWriterWithMapSideCombineSpillsCombinedPartitionsAndTheReducerMergesThem()
      throws Exception {
    ShuffleDependency<Integer, Long, Long> dep =
        ShuffleTestKit.dependency(2, 1, 7, ShuffleTestKit.<Integer>sum(), true, null);
    // 50,000 distinct keys, each seen three times: ~5 MB of map entries against 256 KiB.
    List<Tuple2<Integer, Long>> input = new ArrayList<>();
    Map<Integer, Long> reference = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      for (int k = 0; k < 50_000; k++) {
        input.add(Tuple2.of(k, (long) round + k));
        reference.merge(k, (long) round + k, Long::sum);
      }
    }
    SpillEnv task = kit.newTask(0);
    MapStatus status = new SortShuffleWriter<>(task, dep, 0, "e", "h").write(input.iterator());
    ShuffleTestKit.finish(task);
    assertTrue("spilled", task.task().metrics().spillCount > 0);

    Map<Integer, Long> result = new HashMap<>();
    for (int r = 0; r < 7; r++) {
      for (Tuple2<Integer, Long> t : kit.readReduce(dep, r, new MapStatus[] {status})) {
        assertEquals("one record per key", null, result.put(t._1(), t._2()));
      }
    }
    assertEquals(reference, result);
    assertEquals(List.of(), kit.strayFiles());
  }

  @Test
  public void aFailingMapTaskLeavesNeitherSpillsNorOutputBehind() throws Exception {
    ShuffleDependency<Integer, String, String> dep =
        ShuffleTestKit.dependency(3, 1, 5, null, false, null);
    Iterator<Tuple2<Integer, String>> source = records(0);
    Iterator<Tuple2<Integer, String>> failing =
        new Iterator<>() {
          int n;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Tuple2<Integer, String> next() {
            if (++n == RECORDS_PER_MAP / 2) {
              throw new IllegalStateException("user code failed");
            }
            return source.next();
          }
        };
    SpillEnv task = kit.newTask(0);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new SortShuffleWriter<>(task, dep, 0, "e", "h").write(failing));
    assertEquals("user code failed", e.getMessage());
    assertTrue("spilled before failing", task.task().metrics().spillCount > 0);
    ShuffleTestKit.finish(task);
    assertEquals(List.of(), kit.strayFiles());
    assertEquals(0, kit.dirs.roots().stream().mapToLong(r -> countFiles(r)).sum());
  }

  @Test
  public void aMapTaskRunTwiceReplacesItsOutput() {
    ShuffleDependency<Integer, String, String> dep =
        ShuffleTestKit.dependency(4, 1, 3, null, false, null);
    kit.writeMap(dep, 0, List.of(Tuple2.of(1, "old"), Tuple2.of(2, "old")).iterator());
    MapStatus second = kit.writeMap(dep, 0, List.of(Tuple2.of(1, "new")).iterator());

    List<Tuple2<Integer, String>> all = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      all.addAll(kit.readReduce(dep, r, new MapStatus[] {second}));
    }
    assertEquals(List.of(Tuple2.of(1, "new")), all);
  }

  private static long countFiles(java.io.File dir) {
    java.io.File[] children = dir.listFiles();
    if (children == null) {
      return dir.isFile() ? 1 : 0;
    }
    long n = 0;
    for (java.io.File c : children) {
      n += countFiles(c);
    }
    return n;
  }
}
