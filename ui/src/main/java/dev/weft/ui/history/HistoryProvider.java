package dev.weft.ui.history;

import dev.weft.core.status.AppStatusStore;
import dev.weft.core.status.EventLogFormat;
import dev.weft.core.status.Views;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The applications of an event log directory, each replayed into its own status model. A log is
 * read again when its size or modification time changed, and an in-progress log also when it was
 * read longer ago than the update interval (HDFS reports the length of a file being written late).
 * A log that cannot be read is listed with its error instead of failing the listing.
 */
public final class HistoryProvider {
  private static final Logger LOG = LogManager.getLogger(HistoryProvider.class);

  /** One log: its name (the file name without {@code .inprogress}) and its model. */
  public record Entry(
      String name, Path path, boolean inProgress, AppStatusStore store, String error) {}

  private record Cached(Entry entry, long length, long modified, long readAt) {}

  private final FileSystem fs;
  private final Path dir;
  private final AppStatusStore.Limits limits;
  private final long updateMillis;
  private final LongSupplier clock;
  private final Map<String, Cached> cache = new HashMap<>();

  public HistoryProvider(
      FileSystem fs,
      Path dir,
      AppStatusStore.Limits limits,
      long updateMillis,
      LongSupplier clock) {
    this.fs = fs;
    this.dir = dir;
    this.limits = limits;
    this.updateMillis = updateMillis;
    this.clock = clock;
  }

  /** Every application in the directory, newest first. */
  public synchronized List<Entry> list() throws IOException {
    FileStatus[] files;
    try {
      files = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    Map<String, FileStatus> byName = new HashMap<>();
    for (FileStatus f : files) {
      String file = f.getPath().getName();
      if (!f.isFile() || file.startsWith(".") || file.startsWith("_")) {
        continue;
      }
      String name = baseName(file);
      FileStatus seen = byName.get(name);
      // A finished log wins over a stale .inprogress of the same attempt.
      if (seen == null || seen.getPath().getName().endsWith(EventLogFormat.IN_PROGRESS)) {
        byName.put(name, f);
      }
    }
    for (Map.Entry<String, FileStatus> e : byName.entrySet()) {
      out.add(load(e.getKey(), e.getValue()));
    }
    cache.keySet().retainAll(byName.keySet());
    out.sort(Comparator.comparingLong((Entry e) -> e.store().application().startTime()).reversed());
    return out;
  }

  /** The application of a log name, or null when there is none. */
  public synchronized Entry app(String name) throws IOException {
    if (name.contains("/") || name.startsWith(".")) {
      return null;
    }
    for (String file : new String[] {name, name + EventLogFormat.IN_PROGRESS}) {
      Path p = new Path(dir, file);
      try {
        return load(name, fs.getFileStatus(p));
      } catch (FileNotFoundException e) {
        // try the other name
      }
    }
    return null;
  }

  /** The overviews of every application. */
  public List<Views.Application> applications() throws IOException {
    List<Views.Application> out = new ArrayList<>();
    for (Entry e : list()) {
      out.add(e.store().application());
    }
    return out;
  }

  private Entry load(String name, FileStatus f) {
    Cached c = cache.get(name);
    boolean inProgress = f.getPath().getName().endsWith(EventLogFormat.IN_PROGRESS);
    long now = clock.getAsLong();
    if (c != null
        && c.entry().path().equals(f.getPath())
        && c.length() == f.getLen()
        && c.modified() == f.getModificationTime()
        && (!inProgress || now - c.readAt() < updateMillis)) {
      return c.entry();
    }
    AppStatusStore store = new AppStatusStore(limits, clock);
    String error = null;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
      EventLogFormat.replay(in, f.getPath().toString(), store);
    } catch (IOException | RuntimeException e) {
      error = e.getMessage();
      LOG.warn("Cannot read event log {}: {}", f.getPath(), e.toString());
    }
    Entry entry = new Entry(name, f.getPath(), inProgress, store, error);
    cache.put(name, new Cached(entry, f.getLen(), f.getModificationTime(), now));
    return entry;
  }

  static String baseName(String file) {
    return file.endsWith(EventLogFormat.IN_PROGRESS)
        ? file.substring(0, file.length() - EventLogFormat.IN_PROGRESS.length())
        : file;
  }
}
