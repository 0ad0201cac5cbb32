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
 * {@code skipped} counts it. A file is skipped whole or not at all: corruption found after records
 * of the file were returned, or in one split of a file whose other splits other tasks read, fails
 * the task with a message that says so, since skipping then would keep part of the file. Only
 * corruption is skipped; a reader's failure for another reason (a bug, a conversion it does not
 * support) always fails the task.
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
    private FileSplit currentSplit;
    private long returnedFromCurrent;

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
            skipOrThrow(e, false);
          }
          closeCurrent();
        }
        if (next >= splits.size()) {
          return false;
        }
        FileSplit split = splits.get(next++);
        try {
          currentSplit = split;
          returnedFromCurrent = 0;
          current = readers.open(split, conf);
        } catch (CorruptFileException e) {
          // Every split of the file fails to open alike (header, footer): all of them skip it.
          skipOrThrow(e, true);
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
        returnedFromCurrent++;
        return record;
      } catch (CorruptFileException e) {
        skipOrThrow(e, false);
        return next();
      }
    }

    /**
     * Skips the current file if corrupt files are to be skipped and it can be skipped whole, else
     * throws.
     *
     * @param opening whether the file failed to open (nothing of it was read)
     */
    private void skipOrThrow(CorruptFileException e, boolean opening) {
      if (!ignoreCorrupt || !e.skippable()) {
        throw e;
      }
      String partly = null;
      if (returnedFromCurrent > 0) {
        partly = returnedFromCurrent + " of its records were already read";
      } else if (!opening && !coversWholeFile(currentSplit)) {
        partly = "other parts of it are read by other tasks";
      }
      if (partly != null) {
        throw new CorruptFileException(
            e.getMessage()
                + " (not skipped although weft.files.ignoreCorrupt is set: "
                + partly
                + ", and a file is skipped whole or not at all)",
            e.path(),
            false,
            e);
      }
      LOG.warn("Skipping a corrupt file (weft.files.ignoreCorrupt): {}", e.getMessage());
      skipped.add(1);
      closeCurrent();
    }

    /** Whether the split is all of its file: no other task reads any of it. */
    private boolean coversWholeFile(FileSplit split) {
      if (split.wholeFile()) {
        return true;
      }
      if (split.start() > 0) {
        return false;
      }
      try {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(split.path());
        return split.length() >= path.getFileSystem(conf).getFileStatus(path).getLen();
      } catch (IOException e) {
        return false; // cannot tell: do not skip
      }
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
