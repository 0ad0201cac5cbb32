package dev.weft.hdfs.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads the lines of every split of an {@link InputPartition}, split after split, with a {@link
 * TextSplitReader} for each; only one file is open at a time.
 *
 * <p>I/O errors while iterating, opening a split's file included, are thrown as {@link
 * UncheckedIOException}s naming the file. Not thread-safe.
 *
 * <pre>{@code
 * try (TextPartitionReader lines = new TextPartitionReader(partition, conf)) {
 *   while (lines.hasNext()) process(lines.next());
 * }
 * }</pre>
 */
public final class TextPartitionReader implements Iterator<String>, Closeable {
  private final List<FileSplit> splits;
  private final Configuration conf;
  private int nextSplit;
  private long bytesReadOfClosedSplits;
  private TextSplitReader current;
  private boolean closed;

  /**
   * @param partition the partition to read
   * @param conf the Hadoop configuration used to reach the file systems and to find codecs
   */
  public TextPartitionReader(InputPartition partition, Configuration conf) {
    this.splits = partition.splits();
    this.conf = conf;
  }

  /** The bytes consumed so far over all splits; see {@link TextSplitReader#bytesRead()}. */
  public long bytesRead() {
    return bytesReadOfClosedSplits + (current == null ? 0 : current.bytesRead());
  }

  @Override
  public boolean hasNext() {
    while (!closed) {
      if (current != null && current.hasNext()) {
        return true;
      }
      closeCurrent();
      if (nextSplit == splits.size()) {
        return false;
      }
      FileSplit split = splits.get(nextSplit++);
      try {
        current = new TextSplitReader(split, conf);
      } catch (IOException e) {
        throw new UncheckedIOException("Failed to open " + split.path() + ": " + e.getMessage(), e);
      }
    }
    return false;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more lines in the partition");
    }
    return current.next();
  }

  private void closeCurrent() {
    if (current == null) {
      return;
    }
    try {
      bytesReadOfClosedSplits += current.bytesRead();
      current.close();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Failed to close " + current.split().path() + ": " + e.getMessage(), e);
    } finally {
      current = null;
    }
  }

  /** Closes the open file, if any. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (current != null) {
      TextSplitReader open = current;
      current = null;
      open.close();
    }
  }
}
