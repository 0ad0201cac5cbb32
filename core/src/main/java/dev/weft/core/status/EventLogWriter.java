package dev.weft.core.status;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes an application attempt's {@link StatusEvent}s to {@code <dir>/<appId>[_<attempt>]
 * .inprogress} as JSON lines ({@link EventLogFormat}), flushing to the file system (hflush, so
 * readers see it on HDFS) after every event but task events, which are flushed at most once a
 * second; {@link #close} renames the file without {@code .inprogress}. The file is readable by its
 * owner and group only (it holds the configuration).
 */
public final class EventLogWriter implements Consumer<StatusEvent>, AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(EventLogWriter.class);
  private static final long TASK_FLUSH_MILLIS = 1000;

  private final FileSystem fs;
  private final Path inProgress;
  private final Path finalPath;
  private final FSDataOutputStream stream;
  private final JsonGenerator out;
  private final LongSupplier clock;
  private long lastFlush;
  private boolean failed;
  private boolean closed;

  /**
   * Creates the log file (and its directory).
   *
   * @throws UncheckedIOException naming the directory when it cannot be written
   */
  public EventLogWriter(
      Path dir, String appId, String attemptId, Configuration conf, LongSupplier clock) {
    this.clock = clock;
    String base = fileName(appId, attemptId);
    try {
      FileSystem target = dir.getFileSystem(conf);
      // The local file system's checksummed stream keeps the last partial 512-byte chunk back on
      // hflush, so readers of a running application's log would miss its latest events.
      this.fs = target instanceof LocalFileSystem local ? local.getRaw() : target;
      Path qualified = fs.makeQualified(dir);
      fs.mkdirs(qualified);
      this.finalPath = new Path(qualified, base);
      this.inProgress = new Path(qualified, base + EventLogFormat.IN_PROGRESS);
      this.stream = fs.create(inProgress, true);
      fs.setPermission(inProgress, new FsPermission((short) 0640));
      // One generator for the whole log: its buffer is reused and nothing is built per event.
      this.out =
          EventLogFormat.JSON
              .getFactory()
              .createGenerator((OutputStream) stream, JsonEncoding.UTF8);
      out.setRootValueSeparator(null); // lines end in '\n', written below
      out.writeRaw(EventLogFormat.header());
      out.writeRaw('\n');
      flush();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the event log in "
              + dir
              + " (weft.eventLog.dir; weft.eventLog.enabled=false turns it off): "
              + e,
          e);
    }
    LOG.info("Writing the event log to {}", inProgress);
  }

  /** The log's name for an application attempt. */
  public static String fileName(String appId, String attemptId) {
    String safe = appId.replaceAll("[^A-Za-z0-9._-]", "_");
    return attemptId == null ? safe : safe + "_" + attemptId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The file being written now. */
  public Path path() {
    return closed ? finalPath : inProgress;
  }

  @Override
  public synchronized void accept(StatusEvent event) {
    if (failed || closed) {
      return;
    }
    try {
      EventLogFormat.write(event, out);
      out.writeRaw('\n');
      boolean task =
          event instanceof StatusEvent.TaskStarted || event instanceof StatusEvent.TaskEnded;
      if (!task || clock.getAsLong() - lastFlush >= TASK_FLUSH_MILLIS) {
        flush();
      }
    } catch (IOException e) {
      // The job goes on without its log rather than failing on an observability problem.
      failed = true;
      LOG.error("Writing the event log {} failed; no more events are logged", inProgress, e);
    }
  }

  private void flush() throws IOException {
    out.flush();
    stream.hflush();
    lastFlush = clock.getAsLong();
  }

  /** Flushes, closes, and renames the file to its final name. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
      if (fs.exists(finalPath)) {
        fs.delete(finalPath, false);
      }
      if (!fs.rename(inProgress, finalPath)) {
        LOG.warn("Could not rename the event log {} to {}", inProgress, finalPath);
      } else {
        LOG.info("Event log written to {}", finalPath);
      }
    } catch (IOException e) {
      LOG.warn("Closing the event log {} failed: {}", inProgress, e.toString());
    }
  }
}
