package dev.weft.executor.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.api.StorageLevel;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.memory.UnifiedMemoryManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MemoryStoreTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final KryoSerializer serializer = new KryoSerializer(false, false, List.of());
  private final List<String> dropped = new ArrayList<>();
  private UnifiedMemoryManager memory;
  private DiskStore disk;
  private MemoryStore store;

  @Before
  public void setUp() throws Exception {
    init(0.5);
  }

  private void init(double storageFraction) throws Exception {
    memory = new UnifiedMemoryManager(1000, storageFraction);
    dropped.clear();
    disk = new DiskStore(new LocalDirs(List.of(tmp.newFolder())), serializer);
    store =
        new MemoryStore(
            memory, disk, serializer, (id, onDisk, diskBytes) -> dropped.add(id.name()));
    memory.setEvictor(store);
  }

  @Test
  public void evictsLeastRecentlyUsedFirst() {
    putSingle(BlockId.node(1, 0), 300);
    putSingle(BlockId.node(2, 0), 300);
    putSingle(BlockId.node(3, 0), 300);
    store.get(BlockId.node(1, 0));

    putSingle(BlockId.node(4, 0), 300);

    assertEquals(List.of("node_2_0"), dropped);
    assertEquals(
        List.of(BlockId.node(3, 0), BlockId.node(1, 0), BlockId.node(4, 0)), store.blockIds());
    assertEquals(900, memory.storageUsed());
  }

  @Test
  public void neverEvictsSiblingsOfTheRequestersNode() {
    putSingle(BlockId.node(1, 0), 300);
    putSingle(BlockId.node(1, 1), 300);
    putSingle(BlockId.node(1, 2), 300);

    assertFalse(store.putSingle(BlockId.node(1, 3), "x", 300, StorageLevel.MEMORY_ONLY));

    assertTrue(dropped.isEmpty());
    assertEquals(3, store.blockIds().size());
  }

  @Test
  public void storageRequestThatCannotBeMetEvictsNothing() {
    putSingle(BlockId.node(1, 0), 300);
    putSingle(BlockId.node(2, 0), 300);
    putSingle(BlockId.node(3, 0), 300);

    assertFalse(store.putSingle(BlockId.node(3, 1), "x", 900, StorageLevel.MEMORY_ONLY));

    assertTrue(dropped.isEmpty());
    assertEquals(900, memory.storageUsed());
  }

  @Test
  public void evictedBlockOfDiskLevelGoesToDiskAndOthersAreDropped() throws Exception {
    init(0); // no storage region: execution may evict everything
    BlockId onDisk = BlockId.node(1, 0);
    store.putSingle(onDisk, "kept", 400, StorageLevel.MEMORY_AND_DISK);
    store.putSingle(BlockId.node(2, 0), "lost", 400, StorageLevel.MEMORY_ONLY);

    memory.acquireExecution(1000, 1);

    assertEquals(List.of("node_1_0", "node_2_0"), dropped);
    assertEquals(0, store.memoryUsed());
    assertEquals(List.of("kept"), toList(disk.get(onDisk)));
    assertFalse(disk.contains(BlockId.node(2, 0)));
  }

  @Test
  public void partitionTooLargeIsNotStoredButEveryRecordIsReturned() {
    List<String> records = strings(1000); // about 50 KB against a budget of 1000 bytes

    PutResult<String> put =
        store.putValues(BlockId.node(1, 0), records.iterator(), StorageLevel.MEMORY_ONLY);

    assertFalse(put.stored());
    assertEquals(records, toList(put.records()));
    assertEquals(0, memory.storageUsed());
    assertFalse(store.contains(BlockId.node(1, 0)));
  }

  @Test
  public void unrolledRecordsOfAPartitionTooLargeKeepTheirMemoryUntilRead() {
    PutResult<String> put =
        store.putValues(BlockId.node(1, 0), strings(1000).iterator(), StorageLevel.MEMORY_ONLY);

    assertFalse(put.stored());
    assertTrue("the unrolled records are still on the heap", memory.storageUsed() > 0);
    toList(put.records());
    assertEquals(0, memory.storageUsed());
  }

  @Test
  public void unrolledRecordsOfAPartitionTooLargeKeepTheirMemoryUntilTheTaskEnds() {
    TaskContextImpl task = new TaskContextImpl(0, 0, 0, 0, 1, null);
    TaskContextImpl.setCurrent(task);
    try {
      PutResult<String> put =
          store.putSerialized(
              BlockId.node(1, 0), strings(1000).iterator(), StorageLevel.MEMORY_ONLY_SER);
      assertEquals("record-0", put.records().next()); // and no more: the task stops early
      assertTrue("the unrolled records are still on the heap", memory.storageUsed() > 0);

      task.markCompleted();

      assertEquals(0, memory.storageUsed());
    } finally {
      TaskContextImpl.setCurrent(null);
    }
  }

  @Test
  public void serializedPartitionTooLargeStillReturnsEveryRecord() {
    List<String> records = strings(1000);

    PutResult<String> put =
        store.putSerialized(BlockId.node(1, 0), records.iterator(), StorageLevel.MEMORY_ONLY_SER);

    assertFalse(put.stored());
    assertEquals(records, toList(put.records()));
    assertEquals(0, memory.storageUsed());
  }

  @Test
  public void serializedBlockIsAccountedAtItsExactSize() {
    List<String> records = strings(20);

    PutResult<String> put =
        store.putSerialized(BlockId.node(1, 0), records.iterator(), StorageLevel.MEMORY_ONLY_SER);

    assertTrue(put.stored());
    assertEquals(records, toList(put.records()));
    assertEquals(records, toList(store.get(BlockId.node(1, 0))));
    byte[] exact = ((MemoryEntry.Bytes) store.peek(BlockId.node(1, 0))).bytes();
    assertEquals(exact.length, put.size());
    assertEquals(exact.length, memory.storageUsed());
  }

  @Test
  public void storedValuesAreAccountedAtTheirEstimate() {
    List<String> records = strings(10);

    PutResult<String> put =
        store.putValues(BlockId.node(1, 0), records.iterator(), StorageLevel.MEMORY_ONLY);

    assertTrue(put.stored());
    assertEquals(records, toList(put.records()));
    assertEquals(put.size(), memory.storageUsed());
    assertTrue(put.size() >= 10 * SizeEstimator.estimate(records.get(0)));
  }

  private void putSingle(BlockId id, long size) {
    assertTrue(store.putSingle(id, id.name(), size, StorageLevel.MEMORY_ONLY));
  }

  static List<String> strings(int n) {
    return IntStream.range(0, n).mapToObj(i -> "record-" + i).collect(Collectors.toList());
  }

  static <T> List<T> toList(Iterator<T> it) {
    List<T> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }
}
