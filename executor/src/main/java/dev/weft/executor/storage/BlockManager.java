package dev.weft.executor.storage;

import dev.weft.api.StorageLevel;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskKilledException;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.core.serial.RecordReader;
import dev.weft.executor.memory.UnifiedMemoryManager;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The block cache of one executor: cached partitions and broadcast values, in memory ({@link
 * MemoryStore}) and on local disk ({@link DiskStore}) according to each block's {@link
 * StorageLevel}.
 *
 * <p>Every change of where a block is (stored in memory, dropped to disk, removed) is reported to a
 * {@link BlockStatusListener}. Reports are handed to a notifier executor in the order the changes
 * happen, so the listener never runs under the memory lock of the store (unless the notifier runs
 * tasks on the calling thread, as tests may choose).
 *
 * <p>Thread-safe; tasks asking for the same missing block compute it once.
 */
public final class BlockManager implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(BlockManager.class);

  /**
   * Where one block is.
   *
   * @param level memory and/or disk, serialized or not, as one of the {@link StorageLevel}
   *     constants
   */
  public record BlockStatus(BlockId id, StorageLevel level, long memoryBytes, long diskBytes) {}

  private final String executorId;
  private final String host;
  private final UnifiedMemoryManager memory;
  private final BlockStatusListener listener;
  private final Executor notifier;
  private final ExecutorService ownedNotifier;
  private final DiskStore disk;
  private final MemoryStore memoryStore;
  private final Map<BlockId, Computation> computing = new ConcurrentHashMap<>();

  /**
   * A block manager that reports to {@code listener} from a thread of its own.
   *
   * @param memory the executor's memory manager; this block manager becomes its evictor
   * @param dirs where disk-level blocks go
   */
  public BlockManager(
      String executorId,
      String host,
      UnifiedMemoryManager memory,
      LocalDirs dirs,
      KryoSerializer serializer,
      BlockStatusListener listener) {
    this(executorId, host, memory, dirs, serializer, listener, null);
  }

  /**
   * A block manager that reports to {@code listener} through {@code notifier}, which must run the
   * reports in the order it receives them ({@code Runnable::run} does, on the calling thread).
   */
  public BlockManager(
      String executorId,
      String host,
      UnifiedMemoryManager memory,
      LocalDirs dirs,
      KryoSerializer serializer,
      BlockStatusListener listener,
      Executor notifier) {
    this.executorId = executorId;
    this.host = host;
    this.memory = memory;
    this.listener = listener;
    if (notifier == null) {
      this.ownedNotifier =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "block-status-" + executorId);
                t.setDaemon(true);
                return t;
              });
      this.notifier = ownedNotifier;
    } else {
      this.ownedNotifier = null;
      this.notifier = notifier;
    }
    this.disk = new DiskStore(dirs, serializer);
    this.memoryStore = new MemoryStore(memory, disk, serializer, this::blockDropped);
    memory.setEvictor(memoryStore);
  }

  /**
   * The records of block {@code id}: from memory, else from disk, else computed with {@code
   * compute} and stored at {@code level} as far as memory allows. When another task is computing
   * the same block, waits for it and then reads its result (or computes, if it could not be
   * stored).
   *
   * <p>A partition that does not fit in memory under a memory-only level is returned in full but
   * not cached; a memory-and-disk level writes it to disk instead.
   */
  public <T> Iterator<T> getOrCompute(
      BlockId id, StorageLevel level, Supplier<Iterator<T>> compute) {
    if (!level.isValid()) {
      return compute.get();
    }
    while (true) {
      Iterator<T> cached = get(id);
      if (cached != null) {
        return cached;
      }
      Computation mine = new Computation();
      Computation running = computing.putIfAbsent(id, mine);
      if (running == null) {
        try {
          // It may have been stored between the miss above and the claim.
          Iterator<T> raced = get(id);
          return raced != null ? raced : computeAndStore(id, level, compute);
        } finally {
          computing.remove(id, mine);
          mine.done.countDown();
        }
      }
      running.await(id);
    }
  }

  private <T> Iterator<T> computeAndStore(
      BlockId id, StorageLevel level, Supplier<Iterator<T>> compute) {
    Iterator<T> records = compute.get();
    if (level.useMemory()) {
      PutResult<T> put =
          level.deserialized()
              ? memoryStore.putValues(id, records, level)
              : memoryStore.putSerialized(id, records, level);
      if (put.stored()) {
        report(id);
        return put.records();
      }
      if (!level.useDisk()) {
        return put.records(); // not cached; recomputed when asked again
      }
      records = put.records();
    }
    long size = disk.putValues(id, records);
    LOG.debug("Stored block {} on disk ({} bytes)", id, size);
    report(id);
    Iterator<T> stored = readDisk(id);
    if (stored == null) {
      throw new IllegalStateException("Block " + id + " was removed while it was being stored");
    }
    return stored;
  }

  /**
   * The records of block {@code id} if it is cached here (memory first).
   *
   * @return null when the block is neither in memory nor on disk
   */
  public <T> Iterator<T> get(BlockId id) {
    Iterator<T> inMemory = memoryStore.get(id);
    return inMemory != null ? inMemory : readDisk(id);
  }

  private <T> Iterator<T> readDisk(BlockId id) {
    RecordReader<T> reader = disk.get(id);
    TaskContextImpl task = TaskContextImpl.current();
    if (reader != null && task != null) {
      // A task that stops reading early must not leave the file open.
      task.addTaskCompletionListener(reader::close);
    }
    return reader;
  }

  /**
   * Stores a single object, such as a broadcast value, in memory (deserialized) or, when it does
   * not fit, on disk; replaces any previous value of {@code id}.
   */
  public void putValue(BlockId id, Object value) {
    long size = SizeEstimator.estimate(value);
    if (memoryStore.putSingle(id, value, size, StorageLevel.MEMORY_AND_DISK)) {
      disk.remove(id); // a stale copy from an earlier put
    } else {
      memoryStore.remove(id);
      disk.putValues(id, Collections.singletonList(value).iterator());
    }
    report(id);
  }

  /**
   * The object stored with {@link #putValue}.
   *
   * @return null when {@code id} is not stored here
   */
  @SuppressWarnings("unchecked")
  public <T> T getValue(BlockId id) {
    Iterator<Object> records = memoryStore.get(id);
    if (records == null) {
      records = disk.get(id);
    }
    if (records == null || !records.hasNext()) {
      return null;
    }
    T value = (T) records.next();
    if (records instanceof RecordReader<?> reader) {
      reader.close();
    }
    return value;
  }

  /**
   * Removes block {@code id} from memory and disk.
   *
   * @return whether it was stored here
   */
  public boolean remove(BlockId id) {
    boolean removed = memoryStore.remove(id) | disk.remove(id);
    if (removed) {
      LOG.debug("Removed block {}", id);
      report(id);
    }
    return removed;
  }

  /**
   * Removes every cached partition of plan node {@code nodeId} (unpersist of a dataset).
   *
   * @return the number of blocks removed
   */
  public int removeNode(int nodeId) {
    List<BlockId> removed = memoryStore.removeIf(b -> ofNode(b, nodeId));
    Set<BlockId> all = new HashSet<>(removed);
    for (BlockId id : disk.blockIds()) {
      if (ofNode(id, nodeId) && disk.remove(id)) {
        all.add(id);
      }
    }
    for (BlockId id : all) {
      report(id);
    }
    LOG.info("Removed {} cached blocks of node {}", all.size(), nodeId);
    return all.size();
  }

  private static boolean ofNode(BlockId id, int nodeId) {
    return id.kind() == BlockId.Kind.NODE && id.id() == nodeId;
  }

  /** The storage memory held by cached blocks. */
  public long memoryUsed() {
    return memoryStore.memoryUsed();
  }

  /** The bytes of cached blocks on local disk. */
  public long diskUsed() {
    return disk.totalSize();
  }

  /** Where each cached block is now. */
  public Map<BlockId, BlockStatus> statuses() {
    Map<BlockId, BlockStatus> result = new LinkedHashMap<>();
    synchronized (memory) {
      for (BlockId id : memoryStore.blockIds()) {
        result.put(id, status(id));
      }
      for (BlockId id : disk.blockIds()) {
        result.putIfAbsent(id, status(id));
      }
    }
    return result;
  }

  /** Where block {@code id} is now; its level is {@link StorageLevel#NONE} when it is not here. */
  public BlockStatus status(BlockId id) {
    synchronized (memory) {
      MemoryEntry entry = memoryStore.peek(id);
      long diskBytes = disk.size(id);
      boolean onDisk = disk.contains(id);
      StorageLevel level;
      if (entry == null) {
        level = onDisk ? StorageLevel.DISK_ONLY : StorageLevel.NONE;
      } else if (entry instanceof MemoryEntry.Values) {
        level = onDisk ? StorageLevel.MEMORY_AND_DISK : StorageLevel.MEMORY_ONLY;
      } else {
        level = onDisk ? StorageLevel.MEMORY_AND_DISK_SER : StorageLevel.MEMORY_ONLY_SER;
      }
      return new BlockStatus(id, level, entry == null ? 0 : entry.size(), diskBytes);
    }
  }

  /**
   * Reports the block's current status. Taking the status and queueing the report under the memory
   * lock keeps reports in the order of the changes, evictions included.
   */
  private void report(BlockId id) {
    synchronized (memory) {
      notify(status(id));
    }
  }

  /** Called by the memory store with the memory lock held, after the entry is gone. */
  private void blockDropped(BlockId id, boolean onDisk, long diskBytes) {
    notify(new BlockStatus(id, onDisk ? StorageLevel.DISK_ONLY : StorageLevel.NONE, 0, diskBytes));
  }

  private void notify(BlockStatus s) {
    notifier.execute(
        () -> {
          try {
            listener.blockUpdated(
                executorId, host, s.id(), s.level(), s.memoryBytes(), s.diskBytes());
          } catch (RuntimeException e) {
            LOG.warn("Block status listener failed on block {}", s.id(), e);
          }
        });
  }

  /**
   * Drops every block from memory and deletes the block files. Not reported: the executor is going
   * away and the driver forgets its blocks with it.
   */
  @Override
  public void close() {
    memoryStore.removeIf(b -> true);
    disk.clear();
    if (ownedNotifier != null) {
      ownedNotifier.shutdown();
    }
  }

  /** A block being computed by one task; others wait for it. */
  private static final class Computation {
    private final Thread owner = Thread.currentThread();
    private final CountDownLatch done = new CountDownLatch(1);

    void await(BlockId id) {
      if (owner == Thread.currentThread()) {
        throw new IllegalStateException(
            "Block " + id + " is needed while this thread is computing it");
      }
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TaskKilledException("Interrupted while waiting for block " + id);
      }
    }
  }
}
