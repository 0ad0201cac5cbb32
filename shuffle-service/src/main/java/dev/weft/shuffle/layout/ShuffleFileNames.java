package dev.weft.shuffle.layout;

/**
 * Names of the files of one map task's shuffle output. The executor that writes them and the
 * shuffle service that serves them resolve these names to paths in the same local dirs.
 */
public final class ShuffleFileNames {
  private ShuffleFileNames() {}

  /** {@code shuffle_<shuffleId>_<mapId>.data}: the blocks of every reduce partition, in order. */
  public static String dataFile(int shuffleId, int mapId) {
    return "shuffle_" + shuffleId + "_" + mapId + ".data";
  }

  /** {@code shuffle_<shuffleId>_<mapId>.index}: offsets and checksums of the data file's blocks. */
  public static String indexFile(int shuffleId, int mapId) {
    return "shuffle_" + shuffleId + "_" + mapId + ".index";
  }
}
