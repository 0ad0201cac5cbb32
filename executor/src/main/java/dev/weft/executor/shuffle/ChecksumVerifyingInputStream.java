package dev.weft.executor.shuffle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Passes a block's bytes through while computing their CRC32C, and fails at the end of the stream
 * (or as soon as there are too many bytes) when the length or checksum differ from the expected
 * ones. Records read before the end are not yet verified; the task that reads them fails if the
 * block turns out corrupt, so nothing derived from them is committed. A reader that stops before
 * the end calls {@link #drain} to get the block verified all the same.
 *
 * <p>{@link #close} does not close the underlying stream (the record reader closes this one when it
 * fails); {@link #release} does.
 */
final class ChecksumVerifyingInputStream extends FilterInputStream {
  private final CRC32C crc = new CRC32C();
  private final long expectedLength;
  private final int expectedChecksum;
  private final String location;
  private long count;
  private boolean verified;

  ChecksumVerifyingInputStream(
      InputStream in, long expectedLength, int expectedChecksum, String location) {
    super(in);
    this.expectedLength = expectedLength;
    this.expectedChecksum = expectedChecksum;
    this.location = location;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      verifyAtEnd();
    } else {
      crc.update(b);
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n < 0) {
      verifyAtEnd();
    } else {
      crc.update(buf, off, n);
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be checksummed too.
    byte[] buf = new byte[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /**
   * Reads the rest of the block, so its checksum is verified; no more than the expected length is
   * read before a longer block fails. Stops early, unverified, when the thread is interrupted (the
   * task is being killed and its result will not be used).
   *
   * @throws CorruptBlockException when the length or checksum differ
   */
  void drain() throws IOException {
    byte[] buf = new byte[8192];
    while (!Thread.currentThread().isInterrupted()) {
      if (read(buf, 0, buf.length) < 0) {
        return; // verified at the end of the stream
      }
    }
  }

  @Override
  public void close() {
    // The owner calls release(); a failing record reader must not cut off drain().
  }

  /** Closes the underlying stream. */
  void release() throws IOException {
    in.close();
  }

  private void counted(int n) throws IOException {
    count += n;
    if (count > expectedLength) {
      throw new CorruptBlockException(
          "block " + location + " has more than the " + expectedLength + " bytes expected");
    }
  }

  private void verifyAtEnd() throws IOException {
    if (verified) {
      return;
    }
    if (count != expectedLength) {
      throw new CorruptBlockException(
          "block " + location + " ended after " + count + " of " + expectedLength + " bytes");
    }
    int actual = (int) crc.getValue();
    if (actual != expectedChecksum) {
      throw new CorruptBlockException(
          String.format(
              "block %s is corrupt: CRC32C 0x%08x expected, 0x%08x computed",
              location, expectedChecksum, actual));
    }
    verified = true;
  }
}
