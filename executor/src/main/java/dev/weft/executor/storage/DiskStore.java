package dev.weft.executor.storage;

import dev.weft.core.runtime.BlockId;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.core.serial.RecordReader;
import dev.weft.core.serial.RecordWriter;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Blocks kept as files in the executor's {@link LocalDirs}, one file per block named {@link
 * BlockId#name()}, holding the block's records as a Kryo record stream.
 *
 * <p>A block is written to a temporary file next to its final place and renamed when complete, so a
 * reader never sees half a block. Thread-safe.
 */
public final class DiskStore {
  private static final Logger LOG = LogManager.getLogger(DiskStore.class);
  private static final int BUFFER_SIZE = 64 * 1024;

  private final LocalDirs dirs;
  private final KryoSerializer serializer;
  private final Map<BlockId, Long> sizes = new ConcurrentHashMap<>();

  public DiskStore(LocalDirs dirs, KryoSerializer serializer) {
    this.dirs = dirs;
    this.serializer = serializer;
  }

  /**
   * Writes {@code records} as block {@code id}, replacing any previous copy.
   *
   * @return the size of the block's file in bytes
   * @throws UncheckedIOException when the file cannot be written
   */
  public long putValues(BlockId id, Iterator<?> records) {
    return write(
        id,
        out -> {
          RecordWriter writer = serializer.newWriter(out, BUFFER_SIZE);
          try {
            while (records.hasNext()) {
              writer.write(records.next());
            }
          } finally {
            writer.close();
          }
        });
  }

  /**
   * Writes an already serialized record stream (as a {@link RecordWriter} produces) as block {@code
   * id}.
   *
   * @return the size of the block's file in bytes
   */
  public long putBytes(BlockId id, byte[] recordStream) {
    return write(
        id,
        out -> {
          try (out) {
            out.write(recordStream);
          }
        });
  }

  private long write(BlockId id, StreamBody body) {
    File target = dirs.file(id.name());
    File tmp = new File(target.getParentFile(), target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      body.writeTo(new FileOutputStream(tmp));
      moveIntoPlace(tmp, target);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("Cannot write block " + id + " to " + target, e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
    long size = target.length();
    sizes.put(id, size);
    LOG.debug("Wrote block {} to {} ({} bytes)", id, target, size);
    return size;
  }

  private static void moveIntoPlace(File tmp, File target) throws IOException {
    try {
      Files.move(
          tmp.toPath(),
          target.toPath(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The records of block {@code id}, read lazily; the file is closed when the last record has been
   * read or the reader is closed.
   *
   * @return null when the block is not on disk
   */
  public <T> RecordReader<T> get(BlockId id) {
    if (!sizes.containsKey(id)) {
      return null;
    }
    File file = dirs.file(id.name());
    try {
      return serializer.newReader(new FileInputStream(file), BUFFER_SIZE);
    } catch (FileNotFoundException e) {
      // Removed between the lookup and the open.
      return null;
    }
  }

  /**
   * The raw record stream of block {@code id}.
   *
   * @return null when the block is not on disk
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  public byte[] getBytes(BlockId id) {
    if (!sizes.containsKey(id)) {
      return null;
    }
    File file = dirs.file(id.name());
    try (BufferedInputStream in = new BufferedInputStream(new FileInputStream(file))) {
      return in.readAllBytes();
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read block " + id + " from " + file, e);
    }
  }

  public boolean contains(BlockId id) {
    return sizes.containsKey(id);
  }

  /** The size of block {@code id}'s file, or 0 when it is not on disk. */
  public long size(BlockId id) {
    return sizes.getOrDefault(id, 0L);
  }

  /** The bytes of all blocks on disk. */
  public long totalSize() {
    long total = 0;
    for (long s : sizes.values()) {
      total += s;
    }
    return total;
  }

  /** The blocks on disk now (a snapshot). */
  public Set<BlockId> blockIds() {
    return Set.copyOf(sizes.keySet());
  }

  /**
   * Deletes block {@code id}'s file. A reader that has the file open can finish reading it.
   *
   * @return whether the block was on disk
   */
  public boolean remove(BlockId id) {
    if (sizes.remove(id) == null) {
      return false;
    }
    File file = dirs.file(id.name());
    try {
      Files.deleteIfExists(file.toPath());
    } catch (IOException e) {
      LOG.warn("Cannot delete block file {} of block {}", file, id, e);
    }
    return true;
  }

  /** Deletes every block's file. */
  public void clear() {
    for (BlockId id : blockIds()) {
      remove(id);
    }
  }

  private static void deleteQuietly(File f) {
    try {
      Files.deleteIfExists(f.toPath());
    } catch (IOException e) {
      LOG.warn("Cannot delete temporary block file {}", f, e);
    }
  }

  @FunctionalInterface
  private interface StreamBody {
    /** Writes the block to {@code out} and closes it. */
    void writeTo(OutputStream out) throws IOException;
  }
}
