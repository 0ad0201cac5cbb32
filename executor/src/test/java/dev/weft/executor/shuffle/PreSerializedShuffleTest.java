package dev.weft.executor.shuffle;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.serial.KryoSerializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Rows that an API layer serialized itself travel the shuffle as {@code Tuple2<key, byte[]>}: with
 * a dependency that does not track references they cost their bytes plus a few bytes of framing,
 * whatever the application's reference tracking.
 */
public class PreSerializedShuffleTest {
  private static final int ROWS = 1000;
  private static final int ROW_BYTES = 100;
  // Per record: the classes of the pair, the key and the array (1 byte each), the key (1 byte
  // below 64) and the array's length (1 byte below 127).
  private static final int FRAMING = 5;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static List<Tuple2<Integer, byte[]>> rows() {
    List<Tuple2<Integer, byte[]>> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      byte[] row = new byte[ROW_BYTES];
      Arrays.fill(row, (byte) i);
      rows.add(new Tuple2<>(i % 50, row));
    }
    return rows;
  }

  private ShuffleTestKit trackingKit() throws Exception {
    return new ShuffleTestKit(
        tmp.newFolder(),
        64 << 20,
        ShuffleTestKit.SMALL_BUFFERS,
        new KryoSerializer(true, false, List.of()));
  }

  private static long bytesWritten(MapStatus status) {
    return Arrays.stream(status.blockSizes()).sum();
  }

  @Test
  public void rowsWithoutReferenceTrackingCostTheirBytesPlusFraming() throws Exception {
    ShuffleTestKit kit = trackingKit();
    ShuffleDependency<Integer, byte[], byte[]> dep =
        ShuffleTestKit.dependency(0, 1, 4, null, false, null, false);

    MapStatus status = kit.writeMap(dep, 0, rows().iterator());

    assertEquals((long) ROWS * (ROW_BYTES + FRAMING), bytesWritten(status));
  }

  @Test
  public void referenceTrackingCostsTwoMarksPerRow() throws Exception {
    ShuffleTestKit kit = trackingKit();
    ShuffleDependency<Integer, byte[], byte[]> dep =
        ShuffleTestKit.dependency(0, 1, 4, null, false, null, true);

    MapStatus status = kit.writeMap(dep, 0, rows().iterator());

    assertEquals((long) ROWS * (ROW_BYTES + FRAMING + 2), bytesWritten(status));
  }

  @Test
  public void rowsComeBackWhole() throws Exception {
    ShuffleTestKit kit = trackingKit();
    ShuffleDependency<Integer, byte[], byte[]> dep =
        ShuffleTestKit.dependency(0, 2, 3, null, false, Comparator.<Integer>naturalOrder(), false);
    List<Tuple2<Integer, byte[]>> rows = rows();
    MapStatus[] statuses = {
      kit.writeMap(dep, 0, rows.subList(0, ROWS / 2).iterator()),
      kit.writeMap(dep, 1, rows.subList(ROWS / 2, ROWS).iterator())
    };

    Map<Integer, Integer> perKey = new TreeMap<>();
    int read = 0;
    for (int reduce = 0; reduce < 3; reduce++) {
      Integer previous = null;
      for (Tuple2<Integer, byte[]> row : kit.readReduce(dep, reduce, statuses)) {
        assertEquals(ROW_BYTES, row._2().length);
        byte[] expected = rows.get(findRow(rows, row))._2();
        assertArrayEquals(expected, row._2());
        if (previous != null) {
          assertEquals("keys in order", true, previous <= row._1());
        }
        previous = row._1();
        perKey.merge(row._1(), 1, Integer::sum);
        read++;
      }
    }
    assertEquals(ROWS, read);
    assertEquals(50, perKey.size());
    assertEquals(List.of(), kit.strayFiles());
  }

  /** The index of the row that {@code row} is a copy of: its key and first byte identify it. */
  private static int findRow(List<Tuple2<Integer, byte[]>> rows, Tuple2<Integer, byte[]> row) {
    int first = row._2()[0] & 0xff;
    for (int i = first; i < ROWS; i += 256) {
      if (rows.get(i)._1().equals(row._1())) {
        return i;
      }
    }
    throw new AssertionError("no row with key " + row._1() + " and byte " + first);
  }
}
