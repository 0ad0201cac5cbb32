package dev.weft.executor.shuffle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Counts the bytes written through it and keeps the CRC32C of the bytes written since the last
 * {@link #startBlock}, so a file of consecutive blocks can be written in one pass.
 */
final class BlockOutputStream extends FilterOutputStream {
  private final CRC32C crc = new CRC32C();
  private long count;
  private long blockStart;

  BlockOutputStream(OutputStream out) {
    super(out);
  }

  /** Starts a new block: its length and checksum count from here. */
  void startBlock() {
    crc.reset();
    blockStart = count;
  }

  /** Bytes written since {@link #startBlock}. */
  long blockLength() {
    return count - blockStart;
  }

  /** CRC32C of the bytes written since {@link #startBlock}. */
  int blockChecksum() {
    return (int) crc.getValue();
  }

  /** Bytes written since this stream was opened. */
  long count() {
    return count;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    crc.update(b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    crc.update(b, off, len);
    count += len;
  }
}
