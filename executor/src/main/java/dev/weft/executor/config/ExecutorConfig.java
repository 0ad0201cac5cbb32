package dev.weft.executor.config;

import dev.weft.core.config.ConfigDeclarations;
import dev.weft.core.config.ConfigKey;

/** Keys of the executor's memory manager ({@code weft.memory.*}). */
public final class ExecutorConfig implements ConfigDeclarations {

  public static final ConfigKey<Double> MEMORY_FRACTION =
      ConfigKey.decimal("weft.memory.fraction")
          .defaultValue("0.6")
          .doc(
              "Share of (executor memory - reserved) that execution and storage share; the rest"
                  + " is left to user objects and Weft's own structures.")
          .check(f -> f > 0 && f <= 1, "a number in (0, 1]")
          .build();

  public static final ConfigKey<Double> MEMORY_STORAGE_FRACTION =
      ConfigKey.decimal("weft.memory.storageFraction")
          .defaultValue("0.5")
          .doc(
              "Share of the unified memory that cached blocks keep: execution may evict cached"
                  + " blocks only above it.")
          .check(f -> f >= 0 && f <= 1, "a number in [0, 1]")
          .build();

  public static final ConfigKey<Long> MEMORY_RESERVED =
      ConfigKey.size("weft.memory.reserved")
          .defaultValue("300m")
          .doc(
              "Heap set aside for the system before the unified memory is computed; executor"
                  + " memory must be at least 1.5 times this.")
          .build();
}
