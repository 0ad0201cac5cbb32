package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.MapStatus;
import dev.weft.shuffle.layout.ShuffleFileNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Two attempts of one map task (a zombie of an earlier stage attempt, a speculative copy, an
 * executor of an earlier ApplicationMaster attempt sharing the directory) write their own files:
 * neither overwrites the other, and a reducer reads the attempt whose status the driver registered.
 */
public class MapOutputAttemptsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void twoAttemptsWritingAtOnceLeaveBothFilesAndTheReducerReadsTheRegisteredOne()
      throws Exception {
    ShuffleTestKit kit =
        new ShuffleTestKit(tmp.getRoot(), 4L * 1024 * 1024, ShuffleTestKit.SMALL_BUFFERS);
    ShuffleDependency<Integer, String, String> dep =
        ShuffleTestKit.dependency(3, 1, 2, null, false, null);
    List<MapStatus> second = new ArrayList<>();
    // The first attempt is half way through its input when the second attempt writes and commits
    // its whole output; then the first attempt finishes and commits too (last writer).
    Iterator<Tuple2<Integer, String>> firstInput =
        new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < 100;
          }

          @Override
          public Tuple2<Integer, String> next() {
            if (i == 50) {
              second.add(kit.writeMap(dep, 0, records("second", 70).iterator()));
            }
            return Tuple2.of(i, "first-" + i++);
          }
        };
    MapStatus first = kit.writeMap(dep, 0, firstInput);
    MapStatus registered = second.get(0);

    assertNotEquals(first.mapOutputId(), registered.mapOutputId());
    for (MapStatus s : List.of(first, registered)) {
      assertTrue(kit.dirs.file(ShuffleFileNames.dataFile(3, 0, s.mapOutputId())).isFile());
      assertTrue(kit.dirs.file(ShuffleFileNames.indexFile(3, 0, s.mapOutputId())).isFile());
    }
    assertEquals(
        "the registered attempt's records, though the other attempt committed after it",
        values(records("second", 70)),
        values(readAll(kit, dep, registered)));
    assertEquals(values(records("first", 100)), values(readAll(kit, dep, first)));
  }

  private static List<Tuple2<Integer, String>> readAll(
      ShuffleTestKit kit, ShuffleDependency<Integer, String, String> dep, MapStatus status) {
    List<Tuple2<Integer, String>> out = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      out.addAll(kit.readReduce(dep, r, new MapStatus[] {status}));
    }
    return out;
  }

  private static List<Tuple2<Integer, String>> records(String prefix, int n) {
    List<Tuple2<Integer, String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Tuple2.of(i, prefix + "-" + i));
    }
    return out;
  }

  private static Set<String> values(List<Tuple2<Integer, String>> records) {
    Set<String> out = new TreeSet<>();
    records.forEach(t -> out.add(t._2()));
    return out;
  }
}
