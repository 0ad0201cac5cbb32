package dev.weft.executor;

import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.memory.UnifiedMemoryManager;
import dev.weft.executor.shuffle.BlockFetcher;
import dev.weft.executor.shuffle.ShuffleSettings;
import dev.weft.executor.storage.BlockManager;
import dev.weft.executor.storage.LocalDirs;
import dev.weft.hdfs.output.CommitLocks;
import java.util.function.LongFunction;

/**
 * Everything one executor's tasks share: identity, memory, block cache, local dirs, serializer, and
 * the way to reach the driver's map output locations and broadcast values.
 *
 * @param broadcastSource the serialized value of a broadcast, by id, from the driver
 * @param commits asks the driver whether a task attempt may commit its output partition
 * @param shuffleHost the host recorded in this executor's map statuses: where its shuffle files are
 *     served
 * @param shufflePort the port of the shuffle service on {@code shuffleHost}, or 0 when readers open
 *     the files directly ({@code local[N]})
 * @param commitLocks serialize the output commits of this executor's tasks
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
    ClassLoader classLoader,
    CommitAuthorizer commits,
    String shuffleHost,
    int shufflePort,
    CommitLocks commitLocks) {

  /** An executor whose map outputs are read from local files (port 0) on {@code host}. */
  public ExecutorEnv(
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
      ClassLoader classLoader,
      CommitAuthorizer commits) {
    this(
        executorId,
        host,
        serializer,
        memory,
        blocks,
        localDirs,
        mapOutputs,
        fetcher,
        broadcastSource,
        shuffle,
        classLoader,
        commits,
        host,
        0,
        new CommitLocks());
  }

  /** The driver's decision on output commits, as this executor reaches it. */
  @FunctionalInterface
  public interface CommitAuthorizer {
    boolean canCommit(int stageId, int partition, long taskAttemptId);
  }
}
