package dev.weft.executor.shuffle;

import dev.weft.core.serial.RecordReader;
import dev.weft.core.serial.RecordWriter;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The sorted runs a spilling aggregation or sort wrote to disk, and their k-way merge. When there
 * are more runs than the merge may read at once, the oldest are merged into a new run first, as
 * often as needed. Every run file is deleted once merged, and all by {@link #deleteAll}.
 *
 * @param <T> the record type
 */
final class SpillRuns<T> {
  private static final Logger LOG = LogManager.getLogger(SpillRuns.class);

  private final SpillEnv env;
  private final String prefix;
  private final Comparator<? super T> order;
  private final UnaryOperator<Iterator<T>> combineAdjacent;
  private final List<File> runs = new ArrayList<>();
  private final List<RecordReader<T>> openReaders = new ArrayList<>();

  /**
   * @param prefix the name prefix of run files
   * @param order the order records are sorted in within each run
   * @param combineAdjacent applied to every merged stream, e.g. to combine equal keys; identity
   *     when there is nothing to combine
   */
  SpillRuns(
      SpillEnv env,
      String prefix,
      Comparator<? super T> order,
      UnaryOperator<Iterator<T>> combineAdjacent) {
    this.env = env;
    this.prefix = prefix;
    this.order = order;
    this.combineAdjacent = combineAdjacent;
  }

  boolean isEmpty() {
    return runs.isEmpty();
  }

  int size() {
    return runs.size();
  }

  /**
   * Writes {@code sorted} as a new run.
   *
   * @return the bytes written
   */
  long write(Iterator<? extends T> sorted) throws IOException {
    File file = env.dirs().tempFile(prefix);
    runs.add(file); // before writing, so a partial file is deleted too
    writeTo(file, sorted);
    return file.length();
  }

  private void writeTo(File file, Iterator<? extends T> records) throws IOException {
    try (RecordWriter writer =
        env.serializer().newWriter(new FileOutputStream(file), env.settings().fileBufferSize())) {
      while (records.hasNext()) {
        writer.write(records.next());
      }
    }
  }

  /**
   * All runs merged into one sorted stream, passed through {@code combineAdjacent}; the run files
   * are deleted when it is exhausted.
   *
   * @param width the most runs to read at once (one read buffer each), at least 2
   */
  Iterator<T> merge(int width) throws IOException {
    if (width < 2) {
      throw new IllegalArgumentException("merge width must be at least 2, got " + width);
    }
    // A pass's output run is written through the owner's reserved spill buffer, so a pass reads
    // as many runs as the final merge. The first pass takes only enough runs that the rest then
    // merge in full passes, which keeps the bytes rewritten low.
    while (runs.size() > width) {
      int take = Math.min(width, runs.size() - width + 1);
      List<File> group = new ArrayList<>(runs.subList(0, take));
      LOG.debug("Merging {} of {} runs of {} in an intermediate pass", take, runs.size(), prefix);
      // The merged run is listed before it is written and its inputs stay listed until it is
      // complete, so deleteAll() finds every file when the pass fails. It takes the place of its
      // inputs, so equal records keep their run order.
      File merged = env.dirs().tempFile(prefix);
      runs.add(take, merged);
      writeTo(merged, combineAdjacent.apply(open(group)));
      closeReaders();
      runs.subList(0, take).clear();
      delete(group);
    }
    List<File> last = new ArrayList<>(runs);
    return new CompletionIterator<>(
        combineAdjacent.apply(open(last)),
        () -> {
          closeReaders();
          delete(last);
          runs.removeAll(last);
        });
  }

  private Iterator<T> open(List<File> files) throws IOException {
    List<Iterator<T>> sources = new ArrayList<>();
    for (File file : files) {
      RecordReader<T> reader =
          env.serializer().newReader(new FileInputStream(file), env.settings().fileBufferSize());
      openReaders.add(reader);
      sources.add(new NamedRunIterator<>(reader, file));
    }
    return new MergingIterator<>(sources, order);
  }

  private void closeReaders() {
    for (RecordReader<T> reader : openReaders) {
      reader.close();
    }
    openReaders.clear();
  }

  private static void delete(List<File> files) {
    for (File file : files) {
      try {
        Files.deleteIfExists(file.toPath());
      } catch (IOException e) {
        LOG.warn("Cannot delete spill run {}", file, e);
      }
    }
  }

  /** Closes open readers and deletes every run file; idempotent. */
  void deleteAll() {
    closeReaders();
    delete(runs);
    runs.clear();
  }

  /** Reads one run and names its file when a record cannot be read back. */
  private static final class NamedRunIterator<T> implements Iterator<T> {
    private final RecordReader<T> reader;
    private final File file;

    NamedRunIterator(RecordReader<T> reader, File file) {
      this.reader = reader;
      this.file = file;
    }

    @Override
    public boolean hasNext() {
      try {
        return reader.hasNext();
      } catch (RuntimeException e) {
        throw new UncheckedIOException(
            new IOException("Cannot read spill run " + file + ": " + e.getMessage(), e));
      }
    }

    @Override
    public T next() {
      try {
        return reader.next();
      } catch (RuntimeException e) {
        throw new UncheckedIOException(
            new IOException("Cannot read spill run " + file + ": " + e.getMessage(), e));
      }
    }
  }
}
