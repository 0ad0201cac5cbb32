package dev.weft.hdfs.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from (or skipped in) the stream it wraps, and notes whether that stream
 * failed, so that a decompressor's failure can be told from the file system's.
 */
final class CountingInputStream extends FilterInputStream {
  private long count;
  private boolean failed;

  CountingInputStream(InputStream in) {
    super(in);
  }

  /** The number of bytes read or skipped so far. */
  long count() {
    return count;
  }

  /** Whether reading from the wrapped stream threw. */
  boolean failed() {
    return failed;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      long skipped = in.skip(n);
      count += skipped;
      return skipped;
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public boolean markSupported() {
    // A reset would make the count wrong.
    return false;
  }
}
