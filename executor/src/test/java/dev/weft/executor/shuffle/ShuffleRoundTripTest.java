package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.HashPartitioner;
import dev.weft.api.Tuple2;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.MapStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What map tasks write, reduce tasks read: every record once, in the right partition. */
public class ShuffleRoundTripTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleTestKit kit;

  @Before
  public void setUp() {
    kit = new ShuffleTestKit(tmp.getRoot(), 4L * 1024 * 1024, ShuffleTestKit.SMALL_BUFFERS);
  }

  @Test
  public void everyRecordReachesItsPartitionIncludingNullKeysAndValuesAndEmptyPartitions()
      throws Exception {
    int maps = 3;
    int reduces = 40;
    ShuffleDependency<Integer, String, String> dep =
        ShuffleTestKit.dependency(7, maps, reduces, null, false, null);
    List<List<Tuple2<Integer, String>>> inputs = new ArrayList<>();
    MapStatus[] statuses = new MapStatus[maps];
    for (int m = 0; m < maps; m++) {
      List<Tuple2<Integer, String>> input = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        // Keys are multiples of 4, so three of every four reduce partitions stay empty.
        input.add(Tuple2.of(4 * (i % 97), i % 13 == 0 ? null : "m" + m + "-v" + i));
      }
      input.add(Tuple2.of(null, "null-key-" + m));
      input.add(Tuple2.of(null, null));
      inputs.add(input);
      statuses[m] = kit.writeMap(dep, m, input.iterator());
    }

    int emptyBlocks = 0;
    for (int r = 0; r < reduces; r++) {
      List<Tuple2<Integer, String>> expected = new ArrayList<>();
      for (List<Tuple2<Integer, String>> input : inputs) {
        for (Tuple2<Integer, String> t : input) {
          if (new HashPartitioner(reduces).getPartition(t._1()) == r) {
            expected.add(t);
          }
        }
      }
      for (MapStatus s : statuses) {
        emptyBlocks += s.blockSizes()[r] == 0 ? 1 : 0;
      }
      // Blocks are read in map order and each block keeps the map's record order.
      assertEquals("reduce partition " + r, expected, kit.readReduce(dep, r, statuses));
    }
    assertEquals("three in four partitions get no keys", 3 * 30, emptyBlocks);
    assertEquals(List.of(), kit.strayFiles());
  }

  @Test
  public void statusesAndMetricsDescribeTheOutput() {
    ShuffleDependency<String, Integer, Integer> dep =
        ShuffleTestKit.dependency(1, 1, 4, null, false, null);
    SpillEnv map = kit.newTask(0);
    MapStatus status =
        new SortShuffleWriter<>(map, dep, 0, "exec-9", "node-9")
            .write(List.of(Tuple2.of("a", 1), Tuple2.of("b", 2), Tuple2.of("c", 3)).iterator());
    ShuffleTestKit.finish(map);

    assertEquals("exec-9", status.executorId());
    assertEquals("node-9", status.host());
    assertEquals(0, status.shufflePort());
    assertEquals(4, status.blockSizes().length);
    assertEquals(3, map.task().metrics().shuffleWriteRecords);
    assertEquals(status.totalBytes(), map.task().metrics().shuffleWriteBytes);
    assertEquals(0, map.task().metrics().spillCount);

    SpillEnv reduce = kit.newTask(0);
    long records = 0;
    long blocks = 0;
    long bytes = 0;
    for (int r = 0; r < 4; r++) {
      var it =
          new ShuffleReader<>(
                  reduce, dep, r, new MapStatus[] {status}, new LocalBlockFetcher(kit.dirs))
              .read();
      while (it.hasNext()) {
        it.next();
        records++;
      }
      blocks += status.blockSizes()[r] > 0 ? 1 : 0;
      bytes += status.blockSizes()[r];
    }
    ShuffleTestKit.finish(reduce);
    assertEquals(3, records);
    assertEquals(records, reduce.task().metrics().shuffleReadRecords);
    assertEquals(blocks, reduce.task().metrics().shuffleReadBlocks);
    assertEquals(bytes, reduce.task().metrics().shuffleReadBytes);
  }

  @Test
  public void aReducerCombinesValuesAndSortsKeysWhenTheDependencySaysSo() {
    ShuffleDependency<String, Long, Long> dep =
        ShuffleTestKit.dependency(
            2,
            2,
            3,
            ShuffleTestKit.<String>sum(),
            false,
            Comparator.nullsFirst(Comparator.naturalOrder()));
    Map<String, Long> reference = new HashMap<>();
    MapStatus[] statuses = new MapStatus[2];
    for (int m = 0; m < 2; m++) {
      List<Tuple2<String, Long>> input = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        String key = i % 10 == 0 ? null : "k" + (i % 37);
        input.add(Tuple2.of(key, (long) i));
        reference.merge(key, (long) i, Long::sum);
      }
      statuses[m] = kit.writeMap(dep, m, input.iterator());
    }
    Map<String, Long> seen = new HashMap<>();
    for (int r = 0; r < 3; r++) {
      List<Tuple2<String, Long>> out = kit.readReduce(dep, r, statuses);
      for (int i = 1; i < out.size(); i++) {
        assertTrue(
            "keys in order",
            Comparator.<String>nullsFirst(Comparator.naturalOrder())
                    .compare(out.get(i - 1)._1(), out.get(i)._1())
                < 0);
      }
      out.forEach(t -> assertEquals(null, seen.put(t._1(), t._2())));
    }
    assertEquals(reference, seen);
  }

  @Test
  public void mapSideCombinedOutputsAreMergedAgainByTheReducer() {
    ShuffleDependency<Integer, Long, Long> dep =
        ShuffleTestKit.dependency(3, 4, 5, ShuffleTestKit.<Integer>sum(), true, null);
    TreeMap<Integer, Long> reference = new TreeMap<>();
    MapStatus[] statuses = new MapStatus[4];
    for (int m = 0; m < 4; m++) {
      List<Tuple2<Integer, Long>> input = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        input.add(Tuple2.of(i % 50, 1L));
        reference.merge(i % 50, 1L, Long::sum);
      }
      statuses[m] = kit.writeMap(dep, m, input.iterator());
    }
    TreeMap<Integer, Long> result = new TreeMap<>();
    for (int r = 0; r < 5; r++) {
      kit.readReduce(dep, r, statuses).forEach(t -> result.put(t._1(), t._2()));
    }
    assertEquals(reference, result);
  }
}
