package dev.weft.executor.shuffle;

import dev.weft.core.runtime.MapStatus;
import dev.weft.executor.storage.LocalDirs;
import dev.weft.shuffle.layout.MapOutputFiles;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.layout.ShuffleFormatException;
import java.io.IOException;

/**
 * Reads shuffle blocks from the data and index files in this executor's local dirs, where {@link
 * SortShuffleWriter} put them. Whether the map output was written by this executor is the caller's
 * concern: this fetcher only looks at its own dirs.
 */
public final class LocalBlockFetcher implements BlockFetcher {
  private final LocalDirs dirs;

  public LocalBlockFetcher(LocalDirs dirs) {
    this.dirs = dirs;
  }

  @Override
  public ShuffleBlock open(int shuffleId, MapStatus status, int reduceId) throws IOException {
    int mapId = status.mapId();
    MapOutputFiles files =
        MapOutputFiles.open(
            dirs.file(ShuffleFileNames.dataFile(shuffleId, mapId, status.mapOutputId())),
            dirs.file(ShuffleFileNames.indexFile(shuffleId, mapId, status.mapOutputId())));
    if (reduceId >= files.index().numPartitions()) {
      throw new ShuffleFormatException(
          files.indexFile(),
          "reduce partition "
              + reduceId
              + " requested, the index has "
              + files.index().numPartitions());
    }
    long offset = files.index().offset(reduceId);
    long length = files.index().length(reduceId);
    String location = files.dataFile() + " [" + offset + ", " + (offset + length) + ")";
    return new ShuffleBlock(
        files.openBlock(reduceId), length, files.index().checksum(reduceId), location);
  }
}
