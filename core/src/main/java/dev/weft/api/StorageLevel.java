package dev.weft.api;

import java.io.Serializable;

/**
 * Where and in which form the partitions of a persisted dataset are kept.
 *
 * <p>Deserialized memory levels are fastest to read but take the most heap; serialized levels store
 * Kryo bytes; disk levels survive memory pressure. A partition that does not fit in memory under a
 * memory-only level is recomputed from lineage when it is needed again.
 */
public final class StorageLevel implements Serializable {
  /** Not persisted. */
  public static final StorageLevel NONE = new StorageLevel("NONE", false, false, false);

  /** Deserialized objects in memory; partitions that do not fit are recomputed when needed. */
  public static final StorageLevel MEMORY_ONLY = new StorageLevel("MEMORY_ONLY", true, false, true);

  /** Serialized bytes in memory; more compact than {@link #MEMORY_ONLY}, slower to read. */
  public static final StorageLevel MEMORY_ONLY_SER =
      new StorageLevel("MEMORY_ONLY_SER", true, false, false);

  /** Deserialized objects in memory, and on local disk for partitions that do not fit. */
  public static final StorageLevel MEMORY_AND_DISK =
      new StorageLevel("MEMORY_AND_DISK", true, true, true);

  /** Serialized bytes in memory, and on local disk for partitions that do not fit. */
  public static final StorageLevel MEMORY_AND_DISK_SER =
      new StorageLevel("MEMORY_AND_DISK_SER", true, true, false);

  /** Serialized bytes on local disk only. */
  public static final StorageLevel DISK_ONLY = new StorageLevel("DISK_ONLY", false, true, false);

  private final String name;
  private final boolean useMemory;
  private final boolean useDisk;
  private final boolean deserialized;

  private StorageLevel(String name, boolean useMemory, boolean useDisk, boolean deserialized) {
    this.name = name;
    this.useMemory = useMemory;
    this.useDisk = useDisk;
    this.deserialized = deserialized;
  }

  /** Whether partitions may be kept in memory. */
  public boolean useMemory() {
    return useMemory;
  }

  /** Whether partitions may be kept on local disk. */
  public boolean useDisk() {
    return useDisk;
  }

  /** Whether in-memory partitions are kept as objects rather than serialized bytes. */
  public boolean deserialized() {
    return deserialized;
  }

  /** Whether this level stores anything at all. */
  public boolean isValid() {
    return useMemory || useDisk;
  }

  /** Returns the level with the given name, e.g. {@code "MEMORY_AND_DISK"}. */
  public static StorageLevel valueOf(String name) {
    for (StorageLevel level :
        new StorageLevel[] {
          NONE, MEMORY_ONLY, MEMORY_ONLY_SER, MEMORY_AND_DISK, MEMORY_AND_DISK_SER, DISK_ONLY
        }) {
      if (level.name.equalsIgnoreCase(name)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "Unknown storage level '"
            + name
            + "'; expected one of NONE, MEMORY_ONLY, MEMORY_ONLY_SER, MEMORY_AND_DISK,"
            + " MEMORY_AND_DISK_SER, DISK_ONLY");
  }

  // Keeps the constants unique across serialization so identity comparison works in tasks.
  private Object readResolve() {
    return valueOf(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
