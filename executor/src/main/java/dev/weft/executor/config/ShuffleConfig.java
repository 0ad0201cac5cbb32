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

  public static final ConfigKey<Long> FETCH_MAX_BYTES_IN_FLIGHT =
      ConfigKey.size("weft.shuffle.fetch.maxBytesInFlight")
          .defaultValue("48m")
          .doc(
              "Most block bytes an executor has requested from shuffle services and not yet"
                  + " consumed; further fetches wait.")
          .check(b -> b >= 1024, "a size of at least 1k")
          .build();

  public static final ConfigKey<java.time.Duration> FETCH_TIMEOUT =
      ConfigKey.duration("weft.shuffle.fetch.timeout")
          .defaultValue("120s")
          .doc(
              "How long one block fetch from a shuffle service may take before it fails (and the"
                  + " map output is recomputed).")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Integer> FETCH_MAX_RETRIES =
      ConfigKey.integer("weft.shuffle.fetch.maxRetries")
          .defaultValue("3")
          .doc(
              "Retries of a fetch that failed on a connection error, on a new connection after a"
                  + " wait that doubles from weft.shuffle.fetch.retryWait.")
          .check(n -> n >= 0, "an integer of 0 or more")
          .build();

  public static final ConfigKey<java.time.Duration> FETCH_RETRY_WAIT =
      ConfigKey.duration("weft.shuffle.fetch.retryWait")
          .defaultValue("200ms")
          .doc("The first wait before a fetch is retried.")
          .check(d -> !d.isNegative(), "a duration of 0 or more")
          .build();
}
