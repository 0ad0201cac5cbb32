package dev.weft.core.io;

import dev.weft.api.LongAccumulator;
import dev.weft.core.plan.Dependency;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.TaskLocation;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.HadoopConf;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.InputPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The records of files in some format: one partition per {@link InputPartition} (a large file's
 * split, or many small files packed together), preferring the hosts that hold its blocks. Splits
 * are read one after the other through the format's {@link SplitReaderFactory}.
 *
 * <p>A corrupt file fails the task with a message naming it, unless corrupt files are to be skipped
 * ({@code weft.files.ignoreCorrupt}): then the rest of that file is skipped, a warning names it,
 * and {@code skipped} counts it. Records read before the corruption was found are kept.
 *
 * @param <T> the record type
 */
public final class FileScanNode<T> extends PlanNode<T> {
  private static final Logger LOG = LogManager.getLogger(FileScanNode.class);

  private final List<InputPartition> partitions;
  private final SplitReaderFactory<T> readers;
  private final Map<String, String> hadoopOverrides;
  private final boolean ignoreCorrupt;
  private final LongAccumulator skipped;

  public FileScanNode(
      int id,
      String operation,
      List<InputPartition> partitions,
      SplitReaderFactory<T> readers,
      Map<String, String> hadoopOverrides,
      boolean ignoreCorrupt,
      LongAccumulator skipped) {
    super(id, operation);
    this.partitions = List.copyOf(partitions);
    this.readers = readers;
    this.hadoopOverrides = HadoopConf.copyOverrides(hadoopOverrides);
    this.ignoreCorrupt = ignoreCorrupt;
    this.skipped = skipped;
  }

  @Override
  public int numPartitions() {
    return partitions.size();
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of();
  }

  @Override
  public List<TaskLocation> preferredLocations(int partition) {
    List<TaskLocation> locs = new ArrayList<>();
    for (String host : partitions.get(partition).hosts()) {
      locs.add(TaskLocation.host(host));
    }
    return locs;
  }

  @Override
  protected Iterator<T> compute(int partition, TaskContextImpl context) {
    Configuration conf = HadoopConf.withOverrides(hadoopOverrides);
    Scan scan = new Scan(partitions.get(partition).splits(), conf, context);
    context.addTaskCompletionListener(scan::close);
    return scan;
  }

  /** Reads splits one after the other, skipping corrupt files when asked to. */
  private final class Scan implements Iterator<T> {
    private final List<FileSplit> splits;
    private final Configuration conf;
    private final TaskContextImpl context;
    private int next;
    private SplitReader<T> current;

    Scan(List<FileSplit> splits, Configuration conf, TaskContextImpl context) {
      this.splits = splits;
      this.conf = conf;
      this.context = context;
    }

    @Override
    public boolean hasNext() {
      while (true) {
        if (current != null) {
          try {
            if (current.hasNext()) {
              return true;
            }
          } catch (CorruptFileException e) {
            skipOrThrow(e);
          }
          closeCurrent();
        }
        if (next >= splits.size()) {
          return false;
        }
        FileSplit split = splits.get(next++);
        try {
          current = readers.open(split, conf);
        } catch (CorruptFileException e) {
          skipOrThrow(e);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + split.path() + ": " + e.getMessage(), e);
        }
      }
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      try {
        T record = current.next();
        context.metrics().inputRecords++;
        return record;
      } catch (CorruptFileException e) {
        skipOrThrow(e);
        return next();
      }
    }

    private void skipOrThrow(CorruptFileException e) {
      if (!ignoreCorrupt || !e.skippable()) {
        throw e;
      }
      LOG.warn(
          "Skipping the rest of a corrupt file (weft.files.ignoreCorrupt): {}", e.getMessage());
      skipped.add(1);
      closeCurrent();
    }

    private void closeCurrent() {
      if (current != null) {
        context.metrics().inputBytes += current.bytesRead();
        try {
          current.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          current = null;
        }
      }
    }

    void close() {
      closeCurrent();
    }
  }
}
