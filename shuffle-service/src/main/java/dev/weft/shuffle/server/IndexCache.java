package dev.weft.shuffle.server;

import dev.weft.shuffle.layout.ShuffleIndex;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parsed index files, least recently used first out, bounded by their estimated memory in bytes. An
 * entry is used only while the file's identity, size and modification time are unchanged, so a map
 * task that is run again and replaces its index is never served from a stale entry. Thread-safe.
 */
final class IndexCache {
  // Object headers, the map node, the entry and the two arrays' headers, roughly.
  private static final long ENTRY_OVERHEAD = 200;

  private final long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long weight;

  private record Entry(ShuffleIndex index, Object fileKey, long size, long modified, long weight) {}

  IndexCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Reads an index file that is open already. */
  interface Reader {
    ShuffleIndex read() throws IOException;
  }

  /**
   * The index of {@code indexFile}, from the cache when an entry has the identity, size and
   * modification time of {@code attrs}, else from {@code reader}.
   *
   * @param attrs the attributes of the open index file
   * @throws dev.weft.shuffle.layout.ShuffleFormatException when the file is malformed
   */
  ShuffleIndex get(File indexFile, BasicFileAttributes attrs, Reader reader) throws IOException {
    String key = indexFile.getPath();
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null && matches(e, attrs)) {
        return e.index;
      }
    }
    ShuffleIndex index = reader.read();
    long w = ENTRY_OVERHEAD + 2L * key.length() + 12L * index.numPartitions();
    if (w <= maxBytes) {
      Entry entry =
          new Entry(index, attrs.fileKey(), attrs.size(), attrs.lastModifiedTime().toMillis(), w);
      synchronized (this) {
        Entry old = entries.put(key, entry);
        weight += w - (old == null ? 0 : old.weight);
        evict();
      }
    }
    return index;
  }

  private static boolean matches(Entry e, BasicFileAttributes attrs) {
    return Objects.equals(e.fileKey, attrs.fileKey())
        && e.size == attrs.size()
        && e.modified == attrs.lastModifiedTime().toMillis();
  }

  private void evict() {
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (weight > maxBytes && it.hasNext()) {
      weight -= it.next().getValue().weight;
      it.remove();
    }
  }

  /** Drops every entry for a file under {@code dir}. */
  synchronized void invalidateUnder(File dir) {
    Path prefix = dir.toPath();
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Entry> e = it.next();
      if (Path.of(e.getKey()).startsWith(prefix)) {
        weight -= e.getValue().weight;
        it.remove();
      }
    }
  }

  /** The estimated memory of the cached entries. */
  synchronized long weightBytes() {
    return weight;
  }
}
