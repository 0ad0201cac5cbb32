package dev.weft.executor.shuffle;

import dev.weft.api.Partitioner;
import dev.weft.api.Tuple2;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.shuffle.layout.ShuffleFileNames;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes the output of one map task of a shuffle: records are grouped by reduce partition in memory
 * (serialized as they come, or combined by key when the dependency asks for map-side combine),
 * spilled when the task's memory grant runs out, and finally written as one data file with one
 * block per reduce partition plus its index ({@link dev.weft.shuffle.layout.ShuffleIndex}).
 *
 * <p>Spill files are deleted when {@link #write} returns or fails, and again by a task completion
 * listener in case the task is abandoned midway.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <C> the combiner type
 */
public final class SortShuffleWriter<K, V, C> {
  private static final Logger LOG = LogManager.getLogger(SortShuffleWriter.class);
  private static final int INTERRUPT_CHECK_INTERVAL = 4096;

  private final SpillEnv env;
  private final ShuffleDependency<K, V, C> dep;
  private final int mapId;
  private final String executorId;
  private final String host;
  private final int shufflePort;

  /**
   * @param env the task's serializer, memory, local dirs, context and buffer sizes
   * @param dep the shuffle written to
   * @param mapId the map partition this task computes
   * @param executorId this executor, recorded in the {@link MapStatus}
   * @param host this executor's canonical host name, recorded in the {@link MapStatus}
   */
  public SortShuffleWriter(
      SpillEnv env, ShuffleDependency<K, V, C> dep, int mapId, String executorId, String host) {
    this(env, dep, mapId, executorId, host, 0);
  }

  /**
   * A writer whose map statuses point readers at the shuffle service on {@code host:shufflePort}
   * (0: read the files directly).
   */
  public SortShuffleWriter(
      SpillEnv env,
      ShuffleDependency<K, V, C> dep,
      int mapId,
      String executorId,
      String host,
      int shufflePort) {
    this.env = env;
    this.dep = dep;
    this.mapId = mapId;
    this.executorId = executorId;
    this.host = host;
    this.shufflePort = shufflePort;
  }

  /**
   * Consumes {@code records} and commits the map output.
   *
   * @return the output's location, shuffle port and block sizes
   * @throws UncheckedIOException naming the file when a spill or the output cannot be written
   */
  public MapStatus write(Iterator<? extends Tuple2<K, V>> records) {
    TaskContextImpl task = env.task();
    int numPartitions = dep.numReduces();
    String spillPrefix = "spill_shuffle_" + dep.shuffleId() + "_" + mapId;
    // Records are written (and spilled) with the shuffle's serializer, which its reader uses too.
    SpillEnv recordEnv = env.withSerializer(dep.recordSerializer(env.serializer()));
    PartitionedBuffers<K, V> buffers =
        dep.mapSideCombine()
            ? new CombiningPartitionBuffers<>(
                recordEnv, dep.aggregator(), numPartitions, spillPrefix)
            : new SerializedPartitionBuffers<>(recordEnv, numPartitions, spillPrefix);
    task.addTaskCompletionListener(buffers::close);
    TaskMetrics metrics = task.metrics();
    try {
      Partitioner partitioner = dep.partitioner();
      long count = 0;
      while (records.hasNext()) {
        Tuple2<K, V> record = records.next();
        buffers.insert(partitioner.getPartition(record._1()), record);
        if (++count % INTERRUPT_CHECK_INTERVAL == 0) {
          task.checkInterrupted();
        }
      }
      buffers.stopAcceptingRecords();
      long start = System.nanoTime();
      // Named by the task attempt too: another attempt of this map task never overwrites them.
      long outputId = task.taskAttemptId();
      File dataFile = env.dirs().file(ShuffleFileNames.dataFile(dep.shuffleId(), mapId, outputId));
      File indexFile =
          env.dirs().file(ShuffleFileNames.indexFile(dep.shuffleId(), mapId, outputId));
      MapOutputWriter.Blocks blocks =
          MapOutputWriter.write(
              buffers, numPartitions, dataFile, indexFile, env.settings().fileBufferSize());
      long bytes = 0;
      for (long length : blocks.lengths()) {
        bytes += length;
      }
      metrics.shuffleWriteTimeNanos += System.nanoTime() - start;
      metrics.shuffleWriteRecords += count;
      metrics.shuffleWriteBytes += bytes;
      metrics.peakExecutionMemory =
          Math.max(metrics.peakExecutionMemory, env.memory().peakExecutionMemory());
      LOG.debug(
          "Map {} of shuffle {} wrote {} records, {} bytes in {} blocks after {} spills to {}",
          mapId,
          dep.shuffleId(),
          count,
          bytes,
          numPartitions,
          buffers.spills().size(),
          dataFile);
      return new MapStatus(executorId, host, shufflePort, mapId, outputId, blocks.lengths());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write map output " + mapId + " of shuffle " + dep.shuffleId() + ": " + e, e);
    } finally {
      buffers.close();
    }
  }
}
