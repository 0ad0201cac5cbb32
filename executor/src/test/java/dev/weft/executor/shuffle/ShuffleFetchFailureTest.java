package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.FetchFailedException;
import dev.weft.core.runtime.MapStatus;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.layout.ShuffleIndex;
import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A map output that cannot be read fails the reduce task with a {@link FetchFailedException} that
 * names the block, so the driver recomputes that map output instead of retrying the reducer.
 */
public class ShuffleFetchFailureTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleTestKit kit;
  private ShuffleDependency<Integer, String, String> dep;
  private MapStatus[] statuses;

  @Before
  public void setUp() {
    kit = new ShuffleTestKit(tmp.getRoot(), 4L * 1024 * 1024, ShuffleTestKit.SMALL_BUFFERS);
    dep = ShuffleTestKit.dependency(5, 2, 2, null, false, null);
    statuses = new MapStatus[2];
    for (int m = 0; m < 2; m++) {
      List<Tuple2<Integer, String>> input = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        input.add(Tuple2.of(i, "value-" + i));
      }
      statuses[m] = kit.writeMap(dep, m, input.iterator());
    }
  }

  @Test
  public void aCorruptedByteFailsTheFetchNamingTheBlock() throws Exception {
    File data = kit.dirs.file(ShuffleFileNames.dataFile(5, 1, statuses[1].mapOutputId()));
    ShuffleIndex index =
        ShuffleIndex.read(
            kit.dirs.file(ShuffleFileNames.indexFile(5, 1, statuses[1].mapOutputId())));
    long inBlock1 = index.offset(1) + index.length(1) / 2;
    try (RandomAccessFile raf = new RandomAccessFile(data, "rw")) {
      raf.seek(inBlock1);
      int b = raf.read();
      raf.seek(inBlock1);
      raf.write(b ^ 0x5a);
    }

    assertEquals("the other blocks are intact", 1000, kit.readReduce(dep, 0, statuses).size());
    FetchFailedException e =
        assertThrows(FetchFailedException.class, () -> kit.readReduce(dep, 1, statuses));
    assertBlock(e, 1, 1);
    assertTrue(e.getMessage(), e.getMessage().contains(data.toString()));
    assertTrue(
        e.getMessage(), e.getMessage().contains("CRC32C") || e.getMessage().contains("bytes"));
    assertEquals(List.of(), kit.strayFiles());
  }

  @Test
  public void aBlockReadOnlyInPartIsVerifiedWhenTheReaderIsClosed() throws Exception {
    corruptLastByte(0, 1);
    SpillEnv task = kit.newTask(1);
    BlockRecordIterator<?> records = openReduce(task, 1);
    records.next(); // a take(1): the rest of the block is never asked for

    FetchFailedException e = assertThrows(FetchFailedException.class, records::close);

    assertBlock(e, 0, 1);
    assertTrue(e.getMessage(), e.getMessage().contains("CRC32C"));
    ShuffleTestKit.finish(task);
  }

  @Test
  public void aKilledTaskClosesAPartlyReadBlockWithoutVerifyingIt() throws Exception {
    corruptLastByte(0, 1);
    SpillEnv task = kit.newTask(1);
    BlockRecordIterator<?> records = openReduce(task, 1);
    records.next();

    task.task().markInterrupted();
    records.close();

    ShuffleTestKit.finish(task);
  }

  private void corruptLastByte(int mapId, int reduceId) throws Exception {
    File data = kit.dirs.file(ShuffleFileNames.dataFile(5, mapId, statuses[mapId].mapOutputId()));
    ShuffleIndex index =
        ShuffleIndex.read(
            kit.dirs.file(ShuffleFileNames.indexFile(5, mapId, statuses[mapId].mapOutputId())));
    long last = index.offset(reduceId) + index.length(reduceId) - 1;
    try (RandomAccessFile raf = new RandomAccessFile(data, "rw")) {
      raf.seek(last);
      int b = raf.read();
      raf.seek(last);
      raf.write(b ^ 0x5a);
    }
  }

  /** A reduce partition without aggregation or ordering streams straight from its blocks. */
  private BlockRecordIterator<?> openReduce(SpillEnv task, int reduceId) {
    return (BlockRecordIterator<?>)
        new ShuffleReader<>(task, dep, reduceId, statuses, new LocalBlockFetcher(kit.dirs)).read();
  }

  @Test
  public void aDeletedDataFileFailsTheFetch() throws Exception {
    File data = kit.dirs.file(ShuffleFileNames.dataFile(5, 0, statuses[0].mapOutputId()));
    Files.delete(data.toPath());

    FetchFailedException e =
        assertThrows(FetchFailedException.class, () -> kit.readReduce(dep, 1, statuses));
    assertBlock(e, 0, 1);
    assertTrue(e.getMessage(), e.getMessage().contains(data.getName()));
  }

  @Test
  public void aTruncatedDataFileFailsTheFetch() throws Exception {
    File data = kit.dirs.file(ShuffleFileNames.dataFile(5, 0, statuses[0].mapOutputId()));
    try (RandomAccessFile raf = new RandomAccessFile(data, "rw")) {
      raf.setLength(raf.length() - 3);
    }
    FetchFailedException e =
        assertThrows(FetchFailedException.class, () -> kit.readReduce(dep, 0, statuses));
    assertBlock(e, 0, 0);
    assertTrue(e.getMessage(), e.getMessage().contains(data.toString()));
  }

  @Test
  public void aLostMapOutputFailsTheFetchWithItsMapId() {
    MapStatus[] withLoss = {statuses[0], null};
    FetchFailedException e =
        assertThrows(FetchFailedException.class, () -> kit.readReduce(dep, 0, withLoss));
    assertEquals(5, e.shuffleId());
    assertEquals(1, e.mapId());
    assertEquals(0, e.reduceId());
    assertTrue(e.getMessage(), e.getMessage().contains("Map output 1 of shuffle 5 is lost"));
  }

  @Test
  public void aMapStatusThatDisagreesWithTheIndexFailsTheFetch() {
    long[] sizes = statuses[1].blockSizes().clone();
    sizes[0] += 1;
    MapStatus[] stale = {
      statuses[0], new MapStatus("exec-1", "host-a", 0, 1, statuses[1].mapOutputId(), sizes)
    };
    FetchFailedException e =
        assertThrows(FetchFailedException.class, () -> kit.readReduce(dep, 0, stale));
    assertBlock(e, 1, 0);
    assertTrue(e.getMessage(), e.getMessage().contains("the map output was replaced"));
  }

  private static void assertBlock(FetchFailedException e, int mapId, int reduceId) {
    assertEquals(5, e.shuffleId());
    assertEquals(mapId, e.mapId());
    assertEquals(reduceId, e.reduceId());
    assertEquals("exec-1", e.executorId());
    assertEquals("host-a", e.host());
    String m = e.getMessage();
    assertTrue(m, m.contains("shuffle 5 map " + mapId + " reduce " + reduceId));
    assertTrue(m, m.contains("executor exec-1 on host-a"));
  }
}
