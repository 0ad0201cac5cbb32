package dev.weft.executor.storage;

import static dev.weft.executor.storage.MemoryStoreTest.strings;
import static dev.weft.executor.storage.MemoryStoreTest.toList;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.weft.core.runtime.BlockId;
import dev.weft.core.serial.KryoSerializer;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DiskStoreTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private File root;
  private LocalDirs dirs;
  private DiskStore disk;

  @Before
  public void setUp() throws Exception {
    root = tmp.newFolder();
    dirs = new LocalDirs(List.of(root));
    disk = new DiskStore(dirs, new KryoSerializer(false, false, List.of()));
  }

  @Test
  public void blockIsAFileNamedAfterItsIdAndReadsBackInOrder() {
    BlockId id = BlockId.node(3, 7);

    long size = disk.putValues(id, strings(100).iterator());

    File file = dirs.file("node_3_7");
    assertEquals(file.length(), size);
    assertEquals(size, disk.size(id));
    assertEquals(strings(100), toList(disk.get(id)));
    assertEquals(Set.of(id), disk.blockIds());
    assertEquals(1, filesUnder(root)); // no temporary file left behind
  }

  @Test
  public void rawBytesRoundTrip() {
    BlockId id = BlockId.broadcast(1);
    disk.putValues(id, List.of("a", "b").iterator());
    byte[] bytes = disk.getBytes(id);

    disk.putBytes(BlockId.broadcast(2), bytes);

    assertArrayEquals(bytes, disk.getBytes(BlockId.broadcast(2)));
    assertEquals(List.of("a", "b"), toList(disk.get(BlockId.broadcast(2))));
    assertEquals(2L * bytes.length, disk.totalSize());
  }

  @Test
  public void removeDeletesTheFile() {
    BlockId id = BlockId.node(1, 0);
    disk.putValues(id, strings(3).iterator());

    assertTrue(disk.remove(id));

    assertFalse(dirs.file(id.name()).exists());
    assertNull(disk.get(id));
    assertEquals(0, disk.totalSize());
    assertFalse(disk.remove(id));
  }

  private static long filesUnder(File dir) {
    try (Stream<java.nio.file.Path> files = Files.walk(dir.toPath())) {
      return files.filter(Files::isRegularFile).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
