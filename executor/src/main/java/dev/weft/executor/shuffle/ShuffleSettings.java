package dev.weft.executor.shuffle;

import dev.weft.core.config.WeftConfig;
import dev.weft.executor.config.ShuffleConfig;

/**
 * Sizes that the shuffle writer, reader, aggregator and sorter work with.
 *
 * @param fileBufferSize bytes of each file stream buffer and of the record serializer's buffer
 * @param pageSize the largest page of a map-side partition buffer
 * @param mergeWidth the most spill runs merged in one pass
 */
public record ShuffleSettings(int fileBufferSize, int pageSize, int mergeWidth) {

  public ShuffleSettings {
    if (fileBufferSize < 64 || pageSize < 64 || mergeWidth < 2) {
      throw new IllegalArgumentException(
          "invalid shuffle settings: buffer "
              + fileBufferSize
              + ", page "
              + pageSize
              + ", merge width "
              + mergeWidth);
    }
  }

  /** The defaults of {@link ShuffleConfig}. */
  public static ShuffleSettings defaults() {
    return new ShuffleSettings(
        Math.toIntExact(ShuffleConfig.FILE_BUFFER.defaultValue()),
        Math.toIntExact(ShuffleConfig.PAGE_SIZE.defaultValue()),
        ShuffleConfig.MERGE_WIDTH.defaultValue());
  }

  /** The settings configured in {@code conf}. */
  public static ShuffleSettings from(WeftConfig conf) {
    return new ShuffleSettings(
        Math.toIntExact(conf.get(ShuffleConfig.FILE_BUFFER)),
        Math.toIntExact(conf.get(ShuffleConfig.PAGE_SIZE)),
        conf.get(ShuffleConfig.MERGE_WIDTH));
  }
}
