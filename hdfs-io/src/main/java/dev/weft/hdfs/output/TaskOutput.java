package dev.weft.hdfs.output;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the text output of one task attempt into the attempt's own temporary file. Each line is
 * written in UTF-8 followed by {@code \n}, compressed if the job has a {@link
 * OutputJob#withTextCompression text codec}. Close it before {@link OutputJob#commitTask
 * committing} the attempt. Not thread-safe.
 */
public final class TaskOutput implements Closeable {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final OutputStream out;
  private final int partition;
  private final int attempt;
  private final String path;
  private final Runnable afterClose;
  private long bytesWritten;
  private long recordsWritten;
  private boolean closed;

  TaskOutput(OutputStream out, int partition, int attempt, String path, Runnable afterClose) {
    this.out = new BufferedOutputStream(out, BUFFER_SIZE);
    this.partition = partition;
    this.attempt = attempt;
    this.path = path;
    this.afterClose = afterClose;
  }

  /**
   * Writes {@code line} and a {@code \n}. A line that itself contains {@code \n} reads back as
   * several lines.
   */
  public void writeLine(String line) throws IOException {
    if (closed) {
      throw new IOException("Task output " + path + " is already closed");
    }
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    out.write('\n');
    bytesWritten += bytes.length + 1;
    recordsWritten++;
  }

  /** The bytes written so far, line ends included, before any compression. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** The lines written so far. */
  public long recordsWritten() {
    return recordsWritten;
  }

  /** The partition this output belongs to. */
  public int partition() {
    return partition;
  }

  /** The attempt of the partition this output belongs to. */
  public int attempt() {
    return attempt;
  }

  /** The URI of the attempt's temporary file. */
  public String path() {
    return path;
  }

  /** Flushes and closes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      try {
        out.close();
      } finally {
        afterClose.run();
      }
    }
  }
}
