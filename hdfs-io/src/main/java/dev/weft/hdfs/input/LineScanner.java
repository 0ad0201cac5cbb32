package dev.weft.hdfs.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@code \n}-terminated lines of UTF-8 text from a stream, counting the bytes it consumes.
 *
 * <p>A {@code \r} directly before the {@code \n} belongs to the line end and is dropped; any other
 * {@code \r} is kept as part of the line. The last line of the stream may lack its {@code \n}.
 * Malformed UTF-8 is decoded to the replacement character rather than failing the read.
 */
final class LineScanner {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int bufferPos;
  private int bufferLen;
  private long consumed;
  private byte[] line = new byte[256];
  private int lineLen;

  LineScanner(InputStream in) {
    this.in = in;
  }

  /** The number of bytes handed out as lines or skipped so far, line ends included. */
  long consumed() {
    return consumed;
  }

  /** The next line without its line end, or null at the end of the stream. */
  String readLine() throws IOException {
    lineLen = 0;
    boolean readAny = false;
    while (bufferPos < bufferLen || fill()) {
      readAny = true;
      int newline = indexOfNewline();
      if (newline >= 0 && lineLen == 0) {
        // The whole line is in the buffer: decode it from there, without copying it first.
        String text = decode(buffer, bufferPos, newline - bufferPos, true);
        consume(newline + 1);
        return text;
      }
      int stop = newline < 0 ? bufferLen : newline;
      append(stop - bufferPos);
      if (newline >= 0) {
        consume(newline + 1);
        return decode(line, 0, lineLen, true);
      }
      consume(bufferLen);
    }
    return readAny ? decode(line, 0, lineLen, false) : null;
  }

  /** Consumes bytes up to and including the next {@code \n}, or to the end of the stream. */
  void skipLine() throws IOException {
    while (bufferPos < bufferLen || fill()) {
      int newline = indexOfNewline();
      if (newline >= 0) {
        consume(newline + 1);
        return;
      }
      consume(bufferLen);
    }
  }

  private int indexOfNewline() {
    for (int i = bufferPos; i < bufferLen; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void consume(int newBufferPos) {
    consumed += newBufferPos - bufferPos;
    bufferPos = newBufferPos;
  }

  private void append(int count) {
    if (lineLen + count > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLen + count, line.length * 2));
    }
    System.arraycopy(buffer, bufferPos, line, lineLen, count);
    lineLen += count;
  }

  private static String decode(byte[] bytes, int offset, int length, boolean endedByNewline) {
    int n = length;
    if (endedByNewline && n > 0 && bytes[offset + n - 1] == '\r') {
      n--;
    }
    return new String(bytes, offset, n, StandardCharsets.UTF_8);
  }

  /** Refills the empty buffer; false at the end of the stream. */
  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    bufferPos = 0;
    bufferLen = Math.max(n, 0);
    return n > 0;
  }
}
