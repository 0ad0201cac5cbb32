package dev.weft.executor.shuffle;

import com.esotericsoftware.kryo.Kryo;
import dev.weft.api.Tuple2;
import dev.weft.core.runtime.TaskMetrics;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A map task's records grouped by reduce partition in memory, spilled as a whole to one {@link
 * PartitionedSpill} when the memory grant runs out. Subclasses hold either serialized bytes or
 * combined objects.
 *
 * @param <K> the key type
 * @param <V> the value type of inserted records
 */
abstract class PartitionedBuffers<K, V> extends SpillableConsumer {
  private static final Logger LOG = LogManager.getLogger(PartitionedBuffers.class);

  protected final int numPartitions;
  protected final Kryo kryo;
  private final String spillPrefix;
  private final List<PartitionedSpill> spills = new ArrayList<>();
  private boolean closed;

  PartitionedBuffers(SpillEnv env, int numPartitions, String spillPrefix) {
    super(env);
    this.numPartitions = numPartitions;
    this.spillPrefix = spillPrefix;
    this.kryo = env.serializer().borrow();
  }

  /** Adds one record of reduce partition {@code partition}. */
  abstract void insert(int partition, Tuple2<K, V> record);

  /** Whether anything is held in memory. */
  abstract boolean hasInMemoryData();

  /** Appends the in-memory records of {@code partition}, serialized, to {@code out}. */
  abstract void writePartition(int partition, OutputStream out) throws IOException;

  /**
   * Drops the in-memory records (they were written) and frees their memory.
   *
   * @return the bytes freed
   */
  abstract long clearInMemory();

  /** The spills so far, oldest first. */
  final List<PartitionedSpill> spills() {
    return spills;
  }

  @Override
  protected final long spillToDisk() throws IOException {
    if (!hasInMemoryData()) {
      return 0;
    }
    File file = env.dirs().tempFile(spillPrefix);
    PartitionedSpill spill = new PartitionedSpill(file, numPartitions);
    spills.add(spill); // before writing, so a failed spill's file is deleted too
    try (BlockOutputStream out =
        new BlockOutputStream(
            new BufferedOutputStream(
                new FileOutputStream(file), env.settings().fileBufferSize()))) {
      for (int p = 0; p < numPartitions; p++) {
        writePartition(p, out);
        spill.endSegment(p, out.count());
      }
    }
    long freed = clearInMemory();
    TaskMetrics metrics = env.task().metrics();
    metrics.spillCount++;
    metrics.memoryBytesSpilled += freed;
    metrics.diskBytesSpilled += file.length();
    LOG.debug(
        "Task {} spilled {} bytes of shuffle buffers to {} ({} bytes on disk)",
        env.task().taskAttemptId(),
        freed,
        file,
        file.length());
    return freed;
  }

  /**
   * Deletes the spill files, returns the serializer and frees all memory. Safe to call more than
   * once; registered as a task completion listener so a failed task cleans up too.
   */
  final void close() {
    stopAcceptingRecords();
    for (PartitionedSpill spill : spills) {
      try {
        Files.deleteIfExists(spill.file().toPath());
      } catch (IOException e) {
        LOG.warn("Cannot delete shuffle spill file {}", spill.file(), e);
      }
    }
    spills.clear();
    if (!closed) {
      closed = true;
      clearInMemory();
      env.serializer().release(kryo);
      freeAll();
      env.memory().unregister(this);
    }
  }
}
