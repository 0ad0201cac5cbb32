package dev.weft.executor.config;

import dev.weft.core.config.ConfigDeclarations;
import dev.weft.core.config.ConfigKey;

/**
 * Keys of the shuffle writer and reader and of spilling aggregation and sort ({@code
 * weft.shuffle.*}).
 */
public final class ShuffleConfig implements ConfigDeclarations {

  public static final ConfigKey<Long> FILE_BUFFER =
      ConfigKey.size("weft.shuffle.file.buffer")
          .defaultValue("32k")
          .doc(
              "Buffer of each stream that writes or reads a shuffle, spill or run file, and of the"
                  + " record serializer. Counted against the task's execution memory.")
          .check(b -> b >= 1024 && b <= 64L * 1024 * 1024, "a size between 1k and 64m")
          .build();

  public static final ConfigKey<Long> PAGE_SIZE =
      ConfigKey.size("weft.shuffle.sort.pageSize")
          .defaultValue("64k")
          .doc(
              "Largest page of the map-side buffers that hold serialized records per reduce"
                  + " partition; pages start small and double up to this size, so many reduce"
                  + " partitions with little data each cost little memory.")
          .check(b -> b >= 1024 && b <= 64L * 1024 * 1024, "a size between 1k and 64m")
          .build();

  public static final ConfigKey<Integer> MERGE_WIDTH =
      ConfigKey.integer("weft.shuffle.spill.mergeWidth")
          .defaultValue("64")
          .doc(
              "Most spill runs merged at once by a spilling aggregation or sort; more runs are"
                  + " merged in passes. Lowered further when the task's memory grant cannot hold"
                  + " one read buffer per run.")
          .check(w -> w >= 2, "an integer of at least 2")
          .build();
}
