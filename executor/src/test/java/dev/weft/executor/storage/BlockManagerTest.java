package dev.weft.executor.storage;

import static dev.weft.executor.storage.MemoryStoreTest.strings;
import static dev.weft.executor.storage.MemoryStoreTest.toList;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.weft.api.StorageLevel;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.memory.UnifiedMemoryManager;
import java.io.File;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BlockManagerTest {
  private static final long BUDGET = 256 * 1024;
  private static final BlockId BLOCK = BlockId.node(1, 0);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** One call of the block status listener. */
  record Update(BlockId block, StorageLevel level, long memoryBytes, long diskBytes) {}

  private final List<Update> updates = new ArrayList<>();
  private final BlockStatusListener listener =
      (executorId, host, block, level, memoryBytes, diskBytes) -> {
        assertEquals("exec-1", executorId);
        assertEquals("host-a", host);
        synchronized (updates) {
          updates.add(new Update(block, level, memoryBytes, diskBytes));
        }
      };
  private final AtomicInteger computed = new AtomicInteger();
  private UnifiedMemoryManager memory;
  private BlockManager blocks;
  private File localDir;

  private BlockManager newBlockManager(double storageFraction) throws Exception {
    memory = new UnifiedMemoryManager(BUDGET, storageFraction);
    localDir = tmp.newFolder();
    KryoSerializer serializer = new KryoSerializer(false, false, List.of());
    blocks =
        new BlockManager(
            "exec-1",
            "host-a",
            memory,
            new LocalDirs(List.of(localDir)),
            serializer,
            listener,
            Runnable::run);
    return blocks;
  }

  @After
  public void tearDown() {
    if (blocks != null) {
      blocks.close();
    }
  }

  private Supplier<Iterator<String>> counting(List<String> records) {
    return () -> {
      computed.incrementAndGet();
      return records.iterator();
    };
  }

  @Test
  public void memoryOnlyPartitionThatFitsIsComputedOnce() throws Exception {
    newBlockManager(0.5);
    List<String> records = strings(100);

    assertEquals(
        records, toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_ONLY, counting(records))));
    assertEquals(
        records, toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_ONLY, counting(records))));

    assertEquals(1, computed.get());
    assertEquals(StorageLevel.MEMORY_ONLY, blocks.status(BLOCK).level());
    assertEquals(memory.storageUsed(), blocks.memoryUsed());
  }

  @Test
  public void memoryOnlyPartitionTooLargeIsReturnedInFullAndNotCached() throws Exception {
    newBlockManager(0.5);
    List<String> records = strings(20_000); // about 1 MB

    assertEquals(
        records, toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_ONLY, counting(records))));
    assertEquals(
        records, toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_ONLY, counting(records))));

    assertEquals(2, computed.get());
    assertEquals(StorageLevel.NONE, blocks.status(BLOCK).level());
    assertEquals(0, memory.storageUsed());
    assertTrue(updates.isEmpty());
  }

  @Test
  public void memoryOnlySerKeepsKryoBytesInMemory() throws Exception {
    newBlockManager(0.5);
    List<String> records = strings(1000);

    assertEquals(
        records,
        toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_ONLY_SER, counting(records))));
    assertEquals(
        records,
        toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_ONLY_SER, counting(records))));

    assertEquals(1, computed.get());
    BlockManager.BlockStatus status = blocks.status(BLOCK);
    assertEquals(StorageLevel.MEMORY_ONLY_SER, status.level());
    assertTrue(status.memoryBytes() > 0 && status.memoryBytes() < 1000 * 20);
    assertEquals(0, blocks.diskUsed());
  }

  @Test
  public void diskOnlySurvivesHeavyMemoryPressure() throws Exception {
    newBlockManager(0);
    List<String> records = strings(5000);
    blocks.getOrCompute(BLOCK, StorageLevel.DISK_ONLY, counting(records));

    assertEquals(BUDGET, memory.acquireExecution(BUDGET, 1));

    assertEquals(
        records, toList(blocks.getOrCompute(BLOCK, StorageLevel.DISK_ONLY, counting(records))));
    assertEquals(1, computed.get());
    assertEquals(0, blocks.memoryUsed());
    assertTrue(blocks.diskUsed() > 0);
    assertEquals(StorageLevel.DISK_ONLY, blocks.status(BLOCK).level());
  }

  @Test
  public void memoryAndDiskBlockEvictedByExecutionIsReadBackFromDiskExactly() throws Exception {
    newBlockManager(0);
    List<String> records = strings(1000);
    blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_AND_DISK, counting(records));
    assertEquals(StorageLevel.MEMORY_ONLY, blocks.status(BLOCK).level());

    memory.acquireExecution(BUDGET, 1);

    assertEquals(StorageLevel.DISK_ONLY, blocks.status(BLOCK).level());
    assertEquals(
        records,
        toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_AND_DISK, counting(records))));
    assertEquals(1, computed.get());
    Update last = updates.get(updates.size() - 1);
    assertEquals(new Update(BLOCK, StorageLevel.DISK_ONLY, 0, blocks.diskUsed()), last);
  }

  @Test
  public void memoryAndDiskPartitionTooLargeGoesStraightToDisk() throws Exception {
    newBlockManager(0.5);
    List<String> records = strings(20_000);

    assertEquals(
        records,
        toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_AND_DISK, counting(records))));
    assertEquals(
        records,
        toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_AND_DISK, counting(records))));

    assertEquals(1, computed.get());
    assertEquals(StorageLevel.DISK_ONLY, blocks.status(BLOCK).level());
    assertEquals(0, memory.storageUsed());
  }

  @Test
  public void memoryAndDiskSerEvictedKeepsItsBytesOnDisk() throws Exception {
    newBlockManager(0);
    List<String> records = strings(1000);
    blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_AND_DISK_SER, counting(records));
    long inMemory = blocks.status(BLOCK).memoryBytes();

    memory.acquireExecution(BUDGET, 1);

    assertEquals(inMemory, blocks.diskUsed());
    assertEquals(
        records,
        toList(blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_AND_DISK_SER, counting(records))));
    assertEquals(1, computed.get());
  }

  @Test
  public void listenerSeesStoreAndRemove() throws Exception {
    newBlockManager(0.5);
    blocks.getOrCompute(BLOCK, StorageLevel.MEMORY_ONLY, counting(strings(10)));
    long size = blocks.memoryUsed();

    blocks.remove(BLOCK);

    assertEquals(
        List.of(
            new Update(BLOCK, StorageLevel.MEMORY_ONLY, size, 0),
            new Update(BLOCK, StorageLevel.NONE, 0, 0)),
        updates);
    assertEquals(0, memory.storageUsed());
  }

  @Test
  public void removeNodeUnpersistsEveryPartitionOfTheDataset() throws Exception {
    newBlockManager(0.5);
    blocks.getOrCompute(BlockId.node(1, 0), StorageLevel.MEMORY_ONLY, counting(strings(10)));
    blocks.getOrCompute(BlockId.node(1, 1), StorageLevel.MEMORY_ONLY_SER, counting(strings(10)));
    blocks.getOrCompute(BlockId.node(1, 2), StorageLevel.DISK_ONLY, counting(strings(10)));
    blocks.getOrCompute(BlockId.node(2, 0), StorageLevel.MEMORY_ONLY, counting(strings(10)));
    updates.clear();

    assertEquals(3, blocks.removeNode(1));

    assertEquals(List.of(BlockId.node(2, 0)), new ArrayList<>(blocks.statuses().keySet()));
    assertEquals(3, updates.size());
    assertTrue(
        updates.stream().allMatch(u -> u.level() == StorageLevel.NONE && u.block().id() == 1));
    assertEquals(0, blocks.diskUsed());
  }

  @Test
  public void broadcastValueIsKeptInMemoryAndFallsBackToDisk() throws Exception {
    newBlockManager(0);
    BlockId broadcast = BlockId.broadcast(7);
    blocks.putValue(broadcast, strings(100));
    assertEquals(StorageLevel.MEMORY_ONLY, blocks.status(broadcast).level());

    memory.acquireExecution(BUDGET, 1);

    assertEquals(StorageLevel.DISK_ONLY, blocks.status(broadcast).level());
    assertEquals(strings(100), blocks.getValue(broadcast));
    assertNull(blocks.getValue(BlockId.broadcast(8)));
  }

  @Test
  public void closeDeletesBlockFiles() throws Exception {
    newBlockManager(0.5);
    blocks.getOrCompute(BLOCK, StorageLevel.DISK_ONLY, counting(strings(10)));
    assertTrue(blocks.diskUsed() > 0);

    blocks.close();

    assertEquals(0, blocks.diskUsed());
    assertFalse(new File(new LocalDirs(List.of(localDir)).file(BLOCK.name()).getPath()).exists());
    assertEquals(0, memory.storageUsed());
  }
}
