package dev.weft.executor.storage;

import dev.weft.api.StorageLevel;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.core.serial.RecordWriter;
import dev.weft.core.serial.SerializationException;
import dev.weft.executor.memory.StorageEvictor;
import dev.weft.executor.memory.UnifiedMemoryManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Cached blocks in the heap, in least-recently-used order, as deserialized records or serialized
 * record streams. Their memory is storage memory of the {@link UnifiedMemoryManager}; when it runs
 * short the manager calls {@link #evict}, which drops the least recently used blocks, writing those
 * whose level uses disk to the {@link DiskStore}.
 *
 * <p>Records are put by "unrolling" the input iterator: memory is reserved in chunks while the
 * records are materialized, so a partition larger than the memory available is detected before it
 * exhausts the heap.
 *
 * <p>Thread-safe. Every change to the entries synchronizes on the memory manager, which is also
 * where eviction is called from, so there is one lock and no lock-order deadlock. Eviction writes
 * blocks to disk with that lock held.
 */
public final class MemoryStore implements StorageEvictor {
  private static final Logger LOG = LogManager.getLogger(MemoryStore.class);
  private static final long MAX_CHUNK = 1024 * 1024;
  private static final int WRITE_BUFFER = 8 * 1024;

  /** Told when eviction takes a block out of memory. */
  @FunctionalInterface
  public interface DropListener {
    /**
     * @param id the block evicted
     * @param onDisk whether a copy is on disk now; false when it was dropped altogether
     * @param diskBytes the size of the copy on disk
     */
    void blockDropped(BlockId id, boolean onDisk, long diskBytes);
  }

  private final UnifiedMemoryManager memory;
  private final DiskStore disk;
  private final KryoSerializer serializer;
  private final DropListener dropListener;
  private final long chunk;
  // Least recently used first: a read moves its entry to the end (by hand, so that lookups for
  // status do not count as uses). Guarded by memory.
  private final LinkedHashMap<BlockId, MemoryEntry> entries = new LinkedHashMap<>();
  private long used;

  /**
   * @param disk where evicted blocks of disk levels go
   * @param dropListener told of every eviction, called with the memory manager's lock held
   */
  public MemoryStore(
      UnifiedMemoryManager memory,
      DiskStore disk,
      KryoSerializer serializer,
      DropListener dropListener) {
    this.memory = memory;
    this.disk = disk;
    this.serializer = serializer;
    this.dropListener = dropListener;
    // Relative to the budget so that small executors (and tests) are not over-reserved.
    this.chunk = Math.max(1, Math.min(MAX_CHUNK, memory.maxMemory() / 16));
  }

  /**
   * Materializes {@code records} as block {@code id}, deserialized, if the memory can be had.
   *
   * @return the result; when not stored, its records are those unrolled followed by the rest of
   *     {@code records}, and the unrolled ones keep their storage memory until they are read or the
   *     current task ends
   */
  public <T> PutResult<T> putValues(BlockId id, Iterator<T> records, StorageLevel level) {
    Reservation reservation = new Reservation(id);
    boolean kept = false;
    try {
      if (!reservation.growTo(1)) {
        return PutResult.notStored(Collections.emptyIterator(), records);
      }
      List<Object> values = new ArrayList<>();
      SizeTracker tracker = new SizeTracker();
      while (records.hasNext()) {
        T record = records.next();
        values.add(record);
        tracker.add(record);
        if (!reservation.growTo(tracker.estimate())) {
          LOG.info(
              "Not enough memory to cache block {}: {} records took about {} bytes so far",
              id,
              values.size(),
              tracker.estimate());
          @SuppressWarnings("unchecked")
          Iterator<T> unrolled = (Iterator<T>) values.iterator();
          kept = true; // the unrolled records keep the reservation until they are read
          return PutResult.notStored(reservation.heldWhile(unrolled), records);
        }
      }
      long size = Math.max(1, tracker.estimate());
      reservation.shrinkTo(size);
      List<Object> readOnly = Collections.unmodifiableList(values);
      insert(id, new MemoryEntry.Values(readOnly, size, level));
      kept = true;
      @SuppressWarnings("unchecked")
      Iterator<T> result = (Iterator<T>) readOnly.iterator();
      return PutResult.stored(size, result);
    } finally {
      if (!kept) {
        reservation.releaseAll();
      }
    }
  }

  /**
   * Serializes {@code records} into memory as block {@code id}, if the memory can be had.
   *
   * @return the result; when not stored, its records are those serialized so far followed by the
   *     rest of {@code records}, and the serialized ones keep their storage memory until they are
   *     read or the current task ends
   */
  public <T> PutResult<T> putSerialized(BlockId id, Iterator<T> records, StorageLevel level) {
    Reservation reservation = new Reservation(id);
    boolean kept = false;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    RecordWriter writer = serializer.newWriter(buffer, WRITE_BUFFER);
    try {
      if (!reservation.growTo(1)) {
        return PutResult.notStored(Collections.emptyIterator(), records);
      }
      while (records.hasNext()) {
        writer.write(records.next());
        if (!reservation.growTo(writer.position())) {
          LOG.info(
              "Not enough memory to cache block {} serialized: {} bytes written so far",
              id,
              writer.position());
          writer.close();
          Iterator<T> serialized = read(buffer.toByteArray());
          kept = true; // the serialized records keep the reservation until they are read
          return PutResult.notStored(reservation.heldWhile(serialized), records);
        }
      }
      writer.close();
      byte[] bytes = buffer.toByteArray();
      reservation.shrinkTo(bytes.length);
      insert(id, new MemoryEntry.Bytes(bytes, level));
      kept = true;
      return PutResult.stored(bytes.length, read(bytes));
    } finally {
      writer.close();
      if (!kept) {
        reservation.releaseAll();
      }
    }
  }

  /**
   * Stores one object (a broadcast value) as block {@code id}.
   *
   * @param size the object's estimated size
   * @return whether it was stored
   */
  public boolean putSingle(BlockId id, Object value, long size, StorageLevel level) {
    long accounted = Math.max(1, size);
    if (!memory.acquireStorage(accounted, id)) {
      return false;
    }
    insert(id, new MemoryEntry.Values(Collections.singletonList(value), accounted, level));
    return true;
  }

  /**
   * Storage memory reserved for one block while it is unrolled: grown in chunks, handed to the
   * entry when the block is complete. When the block does not fit, it stays held while the records
   * unrolled so far are still on the heap (see {@link #heldWhile}), and is released after.
   */
  private final class Reservation {
    private final BlockId id;
    private long reserved;

    Reservation(BlockId id) {
      this.id = id;
    }

    /** Makes sure at least {@code bytes} are reserved, asking for a chunk more than needed. */
    boolean growTo(long bytes) {
      if (bytes <= reserved) {
        return true;
      }
      long more = bytes - reserved + chunk;
      if (!memory.acquireStorage(more, id)) {
        return false;
      }
      reserved += more;
      return true;
    }

    void shrinkTo(long bytes) {
      if (bytes < reserved) {
        memory.releaseStorage(reserved - bytes);
        reserved = bytes;
      }
    }

    /** Releases what is reserved; idempotent. */
    void releaseAll() {
      if (reserved > 0) {
        memory.releaseStorage(reserved);
        reserved = 0;
      }
    }

    /**
     * Keeps this reservation until {@code unrolled} is exhausted or, if the caller stops reading
     * early, until the current task ends. Without a task, only exhaustion releases it.
     */
    <T> Iterator<T> heldWhile(Iterator<T> unrolled) {
      TaskContextImpl task = TaskContextImpl.current();
      if (task != null) {
        task.addTaskCompletionListener(this::releaseAll);
      }
      return new ReleasingIterator<>(unrolled, this);
    }
  }

  /** Releases a reservation when the records it accounts for have been read. */
  private static final class ReleasingIterator<T> implements Iterator<T> {
    private Iterator<T> records;
    private final Reservation reservation;

    ReleasingIterator(Iterator<T> records, Reservation reservation) {
      this.records = records;
      this.reservation = reservation;
    }

    @Override
    public boolean hasNext() {
      if (records == null) {
        return false;
      }
      if (records.hasNext()) {
        return true;
      }
      records = null; // the unrolled records become garbage with the reservation gone
      reservation.releaseAll();
      return false;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return records.next();
    }
  }

  /** Adds an entry whose memory is already acquired, replacing (and releasing) any previous one. */
  private void insert(BlockId id, MemoryEntry entry) {
    synchronized (memory) {
      MemoryEntry old = entries.put(id, entry);
      used += entry.size();
      if (old != null) {
        used -= old.size();
        memory.releaseStorage(old.size());
      }
    }
  }

  /**
   * The records of block {@code id}, marking it most recently used.
   *
   * @return null when the block is not in memory
   */
  public <T> Iterator<T> get(BlockId id) {
    MemoryEntry entry;
    synchronized (memory) {
      entry = entries.remove(id);
      if (entry != null) {
        entries.put(id, entry);
      }
    }
    if (entry == null) {
      return null;
    }
    if (entry instanceof MemoryEntry.Bytes b) {
      return read(b.bytes());
    }
    @SuppressWarnings("unchecked")
    Iterator<T> values = (Iterator<T>) ((MemoryEntry.Values) entry).values().iterator();
    return values;
  }

  private <T> Iterator<T> read(byte[] bytes) {
    return serializer.newReader(new ByteArrayInputStream(bytes), WRITE_BUFFER);
  }

  /** Whether block {@code id} is in memory (does not count as a use). */
  public boolean contains(BlockId id) {
    synchronized (memory) {
      return entries.containsKey(id);
    }
  }

  /** Block {@code id}'s entry, or null; does not count as a use. */
  MemoryEntry peek(BlockId id) {
    synchronized (memory) {
      return entries.get(id);
    }
  }

  /**
   * Removes block {@code id} and releases its memory.
   *
   * @return whether it was in memory
   */
  public boolean remove(BlockId id) {
    synchronized (memory) {
      MemoryEntry entry = entries.remove(id);
      if (entry == null) {
        return false;
      }
      used -= entry.size();
      memory.releaseStorage(entry.size());
      return true;
    }
  }

  /** Block ids in memory, least recently used first (a snapshot). */
  public List<BlockId> blockIds() {
    synchronized (memory) {
      return new ArrayList<>(entries.keySet());
    }
  }

  /** Removes every block that {@code which} accepts; returns them. */
  public List<BlockId> removeIf(Predicate<BlockId> which) {
    List<BlockId> removed = new ArrayList<>();
    synchronized (memory) {
      for (BlockId id : new ArrayList<>(entries.keySet())) {
        if (which.test(id)) {
          remove(id);
          removed.add(id);
        }
      }
    }
    return removed;
  }

  /** The storage memory held by cached blocks. */
  public long memoryUsed() {
    synchronized (memory) {
      return used;
    }
  }

  /** Each block in memory with its entry, least recently used first (a snapshot). */
  Map<BlockId, MemoryEntry> entries() {
    synchronized (memory) {
      return new LinkedHashMap<>(entries);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>For a storage request ({@code requester} not null) nothing is evicted unless enough can be
   * freed: dropping blocks that would not make room would lose them for nothing. Execution takes
   * whatever it can get.
   */
  @Override
  public long evict(long bytes, BlockId requester) {
    synchronized (memory) {
      List<Map.Entry<BlockId, MemoryEntry>> victims = new ArrayList<>();
      long selected = 0;
      for (Map.Entry<BlockId, MemoryEntry> e : entries.entrySet()) {
        if (selected >= bytes) {
          break;
        }
        if (!sameOwner(e.getKey(), requester)) {
          victims.add(Map.entry(e.getKey(), e.getValue()));
          selected += e.getValue().size();
        }
      }
      if (requester != null && selected < bytes) {
        return 0;
      }
      long freed = 0;
      for (Map.Entry<BlockId, MemoryEntry> victim : victims) {
        freed += drop(victim.getKey(), victim.getValue());
      }
      return freed;
    }
  }

  /** Blocks of the same dataset (or the same broadcast) as the requester are never its victims. */
  private static boolean sameOwner(BlockId block, BlockId requester) {
    return requester != null && block.kind() == requester.kind() && block.id() == requester.id();
  }

  /** Takes one block out of memory, to disk when its level allows; returns the bytes freed. */
  private long drop(BlockId id, MemoryEntry entry) {
    long diskBytes = 0;
    boolean onDisk = false;
    if (entry.level().useDisk() && !disk.contains(id)) {
      try {
        diskBytes =
            entry instanceof MemoryEntry.Bytes b
                ? disk.putBytes(id, b.bytes())
                : disk.putValues(id, ((MemoryEntry.Values) entry).values().iterator());
        onDisk = true;
      } catch (UncheckedIOException | SerializationException e) {
        LOG.warn("Cannot write evicted block {} to disk; it is dropped from this executor", id, e);
      }
    } else if (entry.level().useDisk()) {
      diskBytes = disk.size(id);
      onDisk = true;
    }
    // The disk copy exists before the memory entry goes, so a reader always finds one of them.
    entries.remove(id);
    used -= entry.size();
    memory.releaseStorage(entry.size());
    LOG.info(
        "Evicted block {} ({} bytes) from memory {}",
        id,
        entry.size(),
        onDisk ? "to disk" : "(dropped)");
    dropListener.blockDropped(id, onDisk, diskBytes);
    return entry.size();
  }
}
