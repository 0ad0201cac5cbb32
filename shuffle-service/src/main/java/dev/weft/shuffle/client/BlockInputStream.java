package dev.weft.shuffle.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.zip.CRC32C;

/**
 * One remote block as a stream, fed by the network as its bytes arrive. At most {@link
 * ShuffleClientConfig#streamBufferBytes} (plus one network read) are held ahead of the reader: past
 * that the connection stops reading until the reader catches up, so a slow reader slows the server
 * instead of growing the heap, and a block of any size (past 2 GiB too) is read in bounded memory.
 *
 * <p>The bytes are checked against the CRC32C the map task recorded as they stream; at the end a
 * mismatch fails the last read with {@link CorruptBlockException} (the records read before are then
 * suspect, and the caller treats the map output as lost). A connection lost part-way fails the read
 * with a {@link BlockFetchException}. Closing before the end discards the rest of the block without
 * verifying it.
 *
 * <p>One thread reads; the network feeds it from the connection's event loop. The connection
 * carries other requests' answers only after this block, so read or close it promptly.
 */
public final class BlockInputStream extends InputStream {
  private final FetchRequest request;
  private final String node;
  private final String file;
  private final long length;
  private final int expectedCrc;
  private final long bufferLimit;
  private final CRC32C crc = new CRC32C();
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private byte[] head;
  private int headPos;
  private long buffered;
  private long maxBuffered;
  private long received;
  private long consumed;
  private IOException failure;
  private boolean closed;
  private boolean verified;
  private Runnable onRoom;

  BlockInputStream(
      FetchRequest request,
      String node,
      String file,
      long length,
      int expectedCrc,
      long bufferLimit) {
    this.request = request;
    this.node = node;
    this.file = file;
    this.length = length;
    this.expectedCrc = expectedCrc;
    this.bufferLimit = bufferLimit;
  }

  /** The block. */
  public BlockId id() {
    return request.block(0);
  }

  FetchRequest request() {
    return request;
  }

  /** The block's length in bytes, as the serving node's index records it. */
  public long length() {
    return length;
  }

  /** The CRC32C the map task recorded for the block. */
  public int checksum() {
    return expectedCrc;
  }

  /** The data file on the serving node, for error messages. */
  public String file() {
    return file;
  }

  /** The serving node, host:port. */
  public String node() {
    return node;
  }

  /** The most bytes this stream has held ahead of its reader (for tests and metrics). */
  public synchronized long maxBufferedBytes() {
    return maxBuffered;
  }

  // ---- the network's side (the connection's event loop) ----

  /** Adds bytes that arrived; dropped when the reader has closed the stream. */
  synchronized void offer(byte[] chunk) {
    received += chunk.length;
    if (closed) {
      return;
    }
    chunks.add(chunk);
    buffered += chunk.length;
    maxBuffered = Math.max(maxBuffered, buffered);
    notifyAll();
  }

  /** Whether the stream takes more bytes now without passing its bound. */
  synchronized boolean hasRoom() {
    return closed || buffered < bufferLimit;
  }

  /** Runs {@code r} once the reader has made room (at once if there is room now). */
  void whenRoom(Runnable r) {
    synchronized (this) {
      if (!hasRoom()) {
        onRoom = r;
        return;
      }
    }
    r.run();
  }

  /** Fails the reader with {@code cause} unless every byte has arrived already. */
  synchronized void fail(IOException cause) {
    if (received < length && failure == null) {
      failure = cause;
      notifyAll();
    }
  }

  // ---- the reader's side ----

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    Runnable wake = null;
    int n;
    synchronized (this) {
      if (closed) {
        throw new IOException("stream of block " + id() + " from " + node + " is closed");
      }
      while (head == null && chunks.isEmpty() && consumed < length) {
        if (failure != null) {
          throw failure;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading block " + id());
        }
      }
      if (consumed == length) {
        verify();
        return -1;
      }
      if (head == null) {
        head = chunks.poll();
        headPos = 0;
      }
      n = Math.min(len, head.length - headPos);
      System.arraycopy(head, headPos, buf, off, n);
      crc.update(head, headPos, n);
      headPos += n;
      if (headPos == head.length) {
        head = null;
      }
      buffered -= n;
      consumed += n;
      if (onRoom != null && buffered <= bufferLimit / 2) {
        wake = onRoom;
        onRoom = null;
      }
      if (consumed == length) {
        verify();
      }
    }
    if (wake != null) {
      wake.run();
    }
    return n;
  }

  private void verify() throws CorruptBlockException {
    int actual = (int) crc.getValue();
    if (!verified && actual != expectedCrc) {
      throw new CorruptBlockException(
          String.format(
              "Corrupt shuffle block (%s) from %s, file %s: CRC32C expected 0x%08x, found 0x%08x"
                  + " over its %d streamed bytes",
              id(), node, file, expectedCrc, actual, length),
          node,
          file,
          request,
          id(),
          expectedCrc,
          actual);
    }
    verified = true;
  }

  @Override
  public synchronized int available() {
    return (int) Math.min(Integer.MAX_VALUE, buffered);
  }

  /** Discards what is buffered and the rest of the block as it arrives; idempotent. */
  @Override
  public void close() {
    Runnable wake;
    synchronized (this) {
      closed = true;
      chunks.clear();
      head = null;
      buffered = 0;
      wake = onRoom;
      onRoom = null;
    }
    if (wake != null) {
      wake.run();
    }
  }
}
