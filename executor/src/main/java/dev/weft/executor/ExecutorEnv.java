package dev.weft.executor;

import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.memory.UnifiedMemoryManager;
import dev.weft.executor.shuffle.BlockFetcher;
import dev.weft.executor.shuffle.ShuffleSettings;
import dev.weft.executor.storage.BlockManager;
import dev.weft.executor.storage.LocalDirs;
import java.util.function.LongFunction;

/**
 * Everything one executor's tasks share: identity, memory, block cache, local dirs, serializer, and
 * the way to reach the driver's map output locations and broadcast values.
 *
 * @param broadcastSource the serialized value of a broadcast, by id, from the driver
 */
public record ExecutorEnv(
    String executorId,
    String host,
    KryoSerializer serializer,
    UnifiedMemoryManager memory,
    BlockManager blocks,
    LocalDirs localDirs,
    MapOutputSource mapOutputs,
    BlockFetcher fetcher,
    LongFunction<byte[]> broadcastSource,
    ShuffleSettings shuffle,
    ClassLoader classLoader) {}
