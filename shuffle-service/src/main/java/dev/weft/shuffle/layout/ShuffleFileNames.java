package dev.weft.shuffle.layout;

/**
 * Names of the files of one map output. The executor that writes them and the shuffle service that
 * serves them resolve these names to paths in the same local dirs.
 *
 * <p>A name carries the map output's id as well as the map partition: two attempts of one map task
 * (a speculative copy, a zombie attempt of an earlier stage attempt, an executor of an earlier
 * ApplicationMaster attempt) write different files, so neither overwrites the other's data or
 * index, and a reducer reads exactly the attempt the driver registered.
 */
public final class ShuffleFileNames {
  private ShuffleFileNames() {}

  /**
   * {@code shuffle_<shuffleId>_<mapId>_<mapOutputId>.data}: the blocks of every reduce partition,
   * in order.
   */
  public static String dataFile(int shuffleId, int mapId, long mapOutputId) {
    return base(shuffleId, mapId, mapOutputId) + ".data";
  }

  /**
   * {@code shuffle_<shuffleId>_<mapId>_<mapOutputId>.index}: offsets and checksums of the data
   * file's blocks.
   */
  public static String indexFile(int shuffleId, int mapId, long mapOutputId) {
    return base(shuffleId, mapId, mapOutputId) + ".index";
  }

  private static String base(int shuffleId, int mapId, long mapOutputId) {
    if (mapOutputId < 0) {
      throw new IllegalArgumentException(
          "expected a map output id of 0 or more, found " + mapOutputId);
    }
    return "shuffle_" + shuffleId + "_" + mapId + "_" + mapOutputId;
  }
}
