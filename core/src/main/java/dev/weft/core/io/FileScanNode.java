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
 * ({@code weft.files.ignoreCorrupt}): then the file is skipped whole, a warning names it, and
 * {@code skipped} counts it. A file is skipped whole or not at all: with the setting on, each file
 * is first read to its end and its records dropped, and only a file that reads cleanly has its
 * records returned, so a file damaged near its end contributes none of them rather than those
 * before the damage. A task reading a split of a larger file checks the whole file, so that every
 * task reading part of it reaches the same verdict. The check costs a second read of the input, and
 * is only made when the setting is on. Only corruption is skipped; a reader's failure for another
 * reason (a bug, a conversion it does not support, a schema the file does not match) always fails
 * the task, and so does corruption that appears in a file after it was checked.
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
          if (current.hasNext()) {
            return true;
          }
          closeCurrent();
        }
        if (next >= splits.size()) {
          return false;
        }
        FileSplit split = splits.get(next++);
        if (ignoreCorrupt && !readsCleanly(split)) {
          continue;
        }
        try {
          current = readers.open(split, conf);
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
      T record = current.next();
      context.metrics().inputRecords++;
      return record;
    }

    /**
     * Reads the whole file of {@code split} to its end, dropping its records: false, after a
     * warning naming the file, when it is corrupt. Other failures are thrown.
     */
    private boolean readsCleanly(FileSplit split) {
      try (SplitReader<T> check = readers.open(wholeFileOf(split), conf)) {
        while (check.hasNext()) {
          check.next();
        }
        return true;
      } catch (CorruptFileException e) {
        if (!e.skippable()) {
          throw e;
        }
        // Every split of a file is checked alike; the one at its start counts it.
        if (split.start() == 0) {
          LOG.warn("Skipping a corrupt file (weft.files.ignoreCorrupt): {}", e.getMessage());
          skipped.add(1);
        }
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + split.path() + ": " + e.getMessage(), e);
      }
    }

    /** A split of all of the file {@code split} is part of. */
    private FileSplit wholeFileOf(FileSplit split) throws IOException {
      if (split.wholeFile()) {
        return split;
      }
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(split.path());
      long length = path.getFileSystem(conf).getFileStatus(path).getLen();
      if (split.start() == 0 && split.length() >= length) {
        return split;
      }
      return new FileSplit(split.path(), 0, length, split.hosts(), split.racks(), false);
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
