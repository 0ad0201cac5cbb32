package dev.weft.executor.storage;

import dev.weft.api.StorageLevel;
import java.util.List;

/** A block held by the {@link MemoryStore}: deserialized records or a serialized record stream. */
sealed interface MemoryEntry {
  /** The level the block was stored at; decides whether eviction drops it to disk. */
  StorageLevel level();

  /** The storage memory the entry is accounted for. */
  long size();

  /** Deserialized records and their estimated size. */
  record Values(List<Object> values, long size, StorageLevel level) implements MemoryEntry {}

  /** A Kryo record stream as {@link dev.weft.core.serial.RecordWriter} writes it; exact size. */
  record Bytes(byte[] bytes, StorageLevel level) implements MemoryEntry {
    @Override
    public long size() {
      return bytes.length;
    }
  }
}
