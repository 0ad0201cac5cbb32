package dev.weft.shuffle.layout;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Publishes one map task's output atomically. The data file is written under a temporary name first
 * ({@link #tempFileFor}); {@link #commit} then writes the index under a temporary name and renames
 * the data file and, last, the index into place. A present index therefore always describes a
 * complete data file; a map task that is run again replaces both.
 *
 * <p>The old index is deleted before the new data file is renamed over the old one, so no reader
 * that opens the index afterwards can pair it with the wrong data. A reader that read the old index
 * just before may still read new bytes at old offsets; the per-block checksum catches that.
 *
 * <p>Files are not forced to disk: a host crash loses the node's shuffle output anyway, and the
 * engine recomputes it from lineage.
 */
public final class MapOutputCommitter {
  // Commits in one JVM are serialized so two attempts of one map task cannot interleave renames.
  private static final Object LOCK = new Object();

  private MapOutputCommitter() {}

  /** A fresh temporary file in the directory of {@code target}, so the final rename is atomic. */
  public static File tempFileFor(File target) {
    return new File(target.getParentFile(), target.getName() + ".tmp-" + UUID.randomUUID());
  }

  /**
   * Moves {@code tempData} to {@code dataFile} and writes {@code indexFile} for it.
   *
   * @param tempData the complete data file, written in the directory of {@code dataFile}
   * @param lengths each reduce partition's block length, in order
   * @param checksums each block's CRC32C
   * @return the index written
   * @throws IOException when the temp file's length disagrees with the lengths or a write or rename
   *     fails; the temporary files are deleted then
   */
  public static ShuffleIndex commit(
      File tempData, File dataFile, File indexFile, long[] lengths, int[] checksums)
      throws IOException {
    ShuffleIndex index = ShuffleIndex.of(lengths, checksums);
    File tempIndex = tempFileFor(indexFile);
    try {
      long actual = Files.size(tempData.toPath());
      if (actual != index.dataLength()) {
        throw new ShuffleFormatException(
            tempData,
            "the blocks add up to " + index.dataLength() + " bytes but the file has " + actual);
      }
      Files.write(tempIndex.toPath(), index.toBytes());
      synchronized (LOCK) {
        Files.deleteIfExists(indexFile.toPath());
        Files.move(
            tempData.toPath(),
            dataFile.toPath(),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        Files.move(
            tempIndex.toPath(),
            indexFile.toPath(),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
      return index;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tempIndex.toPath());
      Files.deleteIfExists(tempData.toPath());
      throw e;
    }
  }
}
