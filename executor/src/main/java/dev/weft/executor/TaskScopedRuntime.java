package dev.weft.executor;

import dev.weft.api.StorageLevel;
import dev.weft.api.Tuple2;
import dev.weft.core.plan.Aggregator;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.FetchFailedException;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.MemoryReservation;
import dev.weft.core.runtime.SpillCallback;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskRuntime;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.memory.OperatorReservation;
import dev.weft.executor.memory.TaskMemoryManager;
import dev.weft.executor.shuffle.ExternalAggregator;
import dev.weft.executor.shuffle.ExternalSorter;
import dev.weft.executor.shuffle.ShuffleReader;
import dev.weft.executor.shuffle.SortShuffleWriter;
import dev.weft.executor.shuffle.SpillEnv;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The executor's services as one task sees them: shuffle, spillable aggregation and sorting under
 * this task's memory grant, the block cache and broadcasts.
 */
final class TaskScopedRuntime implements TaskRuntime {
  private static final Logger LOG = LogManager.getLogger(TaskScopedRuntime.class);

  private final ExecutorEnv env;
  private final TaskMemoryManager memory;
  // Temporary files handed out by createTempFile, deleted when the task ends.
  private final List<File> tempFiles = new ArrayList<>();

  TaskScopedRuntime(ExecutorEnv env, TaskMemoryManager memory) {
    this.env = env;
    this.memory = memory;
  }

  private SpillEnv spillEnv(TaskContextImpl context) {
    return new SpillEnv(env.serializer(), memory, env.localDirs(), context, env.shuffle());
  }

  @Override
  public String executorId() {
    return env.executorId();
  }

  @Override
  public String host() {
    return env.host();
  }

  @Override
  public KryoSerializer serializer() {
    return env.serializer();
  }

  @Override
  public <K, V, C> MapStatus writeShuffle(
      ShuffleDependency<K, V, C> dep,
      int mapId,
      Iterator<? extends Tuple2<K, V>> records,
      TaskContextImpl context) {
    return new SortShuffleWriter<>(
            spillEnv(context), dep, mapId, env.executorId(), env.shuffleHost(), env.shufflePort())
        .write(records);
  }

  @Override
  public <K, C> Iterator<Tuple2<K, C>> readShuffle(
      ShuffleDependency<K, ?, C> dep, int reduceId, TaskContextImpl context) {
    MapStatus[] statuses = env.mapOutputs().statuses(dep.shuffleId());
    if (statuses == null) {
      throw new FetchFailedException(
          dep.shuffleId(),
          -1,
          reduceId,
          null,
          null,
          "The driver knows no map outputs of shuffle " + dep.shuffleId(),
          null);
    }
    return new ShuffleReader<>(spillEnv(context), dep, reduceId, statuses, env.fetcher()).read();
  }

  @Override
  public <K, V, C> Iterator<Tuple2<K, C>> combineByKey(
      Iterator<? extends Tuple2<K, ?>> records,
      Aggregator<K, V, C> aggregator,
      boolean inputIsCombiners,
      TaskContextImpl context) {
    return ExternalAggregator.combine(spillEnv(context), records, aggregator, inputIsCombiners);
  }

  @Override
  public <K, V> Iterator<Tuple2<K, V>> sortByKey(
      Iterator<? extends Tuple2<K, V>> records,
      Comparator<? super K> ordering,
      TaskContextImpl context) {
    return ExternalSorter.sort(spillEnv(context), records, ordering);
  }

  @Override
  public <T> Iterator<T> getOrCompute(
      PlanNode<T> node, int partition, StorageLevel level, TaskContextImpl context) {
    return env.blocks()
        .getOrCompute(
            BlockId.node(node.id(), partition),
            level,
            () -> node.computeChecked(partition, context));
  }

  @Override
  public dev.weft.hdfs.output.CommitLocks commitLocks() {
    return env.commitLocks();
  }

  @Override
  public boolean canCommit(TaskContextImpl context) {
    return env.commits()
        .canCommit(context.stageId(), context.partitionId(), context.taskAttemptId());
  }

  @Override
  public Object broadcastValue(long broadcastId) {
    BlockId id = BlockId.broadcast(broadcastId);
    // One fetch per executor: tasks of the same executor wait for the first.
    synchronized (env.blocks()) {
      Object value = env.blocks().getValue(id);
      if (value == null) {
        value = env.serializer().deserialize(env.broadcastSource().apply(broadcastId));
        if (value != null) {
          env.blocks().putValue(id, value);
        }
      }
      return value;
    }
  }

  @Override
  public MemoryReservation reserveMemory(String owner, SpillCallback spill) {
    return new OperatorReservation(memory, owner, spill);
  }

  @Override
  public File createTempFile(String prefix) {
    File file = env.localDirs().tempFile(prefix);
    try {
      Files.createFile(file.toPath());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create temporary file " + file + ": " + e, e);
    }
    synchronized (tempFiles) {
      tempFiles.add(file);
    }
    return file;
  }

  /** Deletes the task's temporary files; called when the task ends, however it ends. */
  void deleteTempFiles() {
    List<File> files;
    synchronized (tempFiles) {
      files = new ArrayList<>(tempFiles);
      tempFiles.clear();
    }
    for (File file : files) {
      try {
        Files.deleteIfExists(file.toPath());
      } catch (IOException e) {
        LOG.warn("Cannot delete temporary file {}: {}", file, e.toString());
      }
    }
  }
}
