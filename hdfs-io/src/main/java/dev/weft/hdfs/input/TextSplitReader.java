package dev.weft.hdfs.input;

import dev.weft.hdfs.CorruptFileException;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.io.compress.SplitCompressionInputStream;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.apache.hadoop.io.compress.SplittableCompressionCodec.READ_MODE;

/**
 * Reads the lines of one {@link FileSplit} of a UTF-8 text file.
 *
 * <p>Every line of a file belongs to exactly one split, wherever the split boundaries fall: a line
 * belongs to the split whose byte range contains the byte just before the line's first byte (the
 * first line belongs to the split at offset 0). So a split that does not start at offset 0 skips
 * through its first {@code \n}, and a split reads every line that starts at or before its end,
 * reading past the end to finish the last one.
 *
 * <p>A file compressed with a splittable codec (bzip2) is cut by its compressed bytes: the codec
 * starts a split's stream at the first compression block that begins in the split and reports, as
 * the position, the start of the block being read. The same rule then applies with the positions of
 * blocks instead of bytes: a split that does not start at offset 0 skips through its first {@code
 * \n}, and reads every line whose preceding {@code \n} lies in a block that starts within the
 * split. So every line of a bzip2 file is read exactly once too.
 *
 * <p>Lines end with {@code \n} or {@code \r\n}; the line end is not part of the line. Empty lines
 * are returned as empty strings; a last line without a line end is returned too. Whole-file splits
 * of compressed files are decompressed with the codec their file name selects.
 *
 * <p>A whole compressed file whose data the codec cannot decompress (a damaged or truncated gzip
 * file) is a {@link CorruptFileException} naming the file and the codec's complaint; other I/O
 * errors while iterating, the file system's own included, are thrown as {@link
 * UncheckedIOException}s naming the file. Not thread-safe.
 */
public final class TextSplitReader implements Iterator<String>, Closeable {
  private final FileSplit split;
  private final long end;
  private final boolean skipFirstLine;
  private final InputStream stream;
  private final LongSupplier position;
  private final LongSupplier bytesRead;
  private final Decompressor decompressor;
  // The compressed bytes under a whole-file codec stream, to tell its failures from the codec's.
  private final CountingInputStream compressedSource;
  private final LineScanner scanner;
  private boolean started;
  private boolean exhausted;
  private boolean closed;
  private String next;

  /**
   * Opens the split's file and positions the reader at the split's start.
   *
   * @param split the split to read
   * @param conf the Hadoop configuration used to reach the file system and to find the codec
   * @throws FileNotFoundException if the file does not exist, with a message naming it
   * @throws IllegalArgumentException if the split cuts a file whose codec cannot be split
   */
  public TextSplitReader(FileSplit split, Configuration conf) throws IOException {
    this.split = split;
    Path path = new Path(split.path());
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    if (codec != null && !split.wholeFile() && !(codec instanceof SplittableCompressionCodec)) {
      throw new IllegalArgumentException(
          "Compressed file " + split.path() + " can only be read whole, not as split " + split);
    }
    FSDataInputStream raw = open(path, conf);
    Decompressor pooled = null;
    try {
      if (codec == null) {
        if (!split.wholeFile() && split.start() > 0) {
          raw.seek(split.start());
        }
        this.stream = raw;
        this.decompressor = null;
        this.compressedSource = null;
        this.skipFirstLine = !split.wholeFile() && split.start() > 0;
        this.end = split.wholeFile() ? Long.MAX_VALUE : split.end();
        long start = split.wholeFile() ? 0 : split.start();
        this.position = () -> start + scanner().consumed();
        this.bytesRead = () -> scanner().consumed();
      } else if (split.wholeFile()) {
        CountingInputStream compressed = new CountingInputStream(raw);
        pooled = CodecPool.getDecompressor(codec);
        this.stream = codec.createInputStream(compressed, pooled);
        this.decompressor = pooled;
        this.compressedSource = compressed;
        this.skipFirstLine = false;
        this.end = Long.MAX_VALUE;
        this.position = () -> 0;
        this.bytesRead = compressed::count;
      } else {
        pooled = CodecPool.getDecompressor(codec);
        SplitCompressionInputStream blocks =
            ((SplittableCompressionCodec) codec)
                .createInputStream(raw, pooled, split.start(), split.end(), READ_MODE.BYBLOCK);
        this.stream = blocks;
        this.decompressor = pooled;
        this.compressedSource = null;
        this.skipFirstLine = blocks.getAdjustedStart() > 0;
        this.end = blocks.getAdjustedEnd();
        this.position = () -> positionOf(blocks);
        long start = split.start();
        this.bytesRead = () -> Math.max(0, compressedPosition(raw) - start);
      }
    } catch (IOException | RuntimeException e) {
      raw.close();
      if (pooled != null) {
        CodecPool.returnDecompressor(pooled);
      }
      throw e;
    }
    this.scanner = new LineScanner(stream);
  }

  private LineScanner scanner() {
    return scanner;
  }

  private static long compressedPosition(FSDataInputStream raw) {
    try {
      return raw.getPos();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The compressed position the codec reports: the start of the block being decompressed. */
  private static long positionOf(SplitCompressionInputStream blocks) {
    try {
      return blocks.getPos();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FSDataInputStream open(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    try {
      return fs.open(path);
    } catch (FileNotFoundException e) {
      FileNotFoundException clear = new FileNotFoundException("Input file does not exist: " + path);
      clear.initCause(e);
      throw clear;
    }
  }

  /** The split this reader reads. */
  public FileSplit split() {
    return split;
  }

  /**
   * The bytes of the file consumed so far: for an uncompressed split, from the split's start
   * through the end of the last line read (so the partial line skipped at the start counts, and
   * bytes read ahead into a buffer do not); for a compressed file, the compressed bytes read
   * (read-ahead included).
   */
  public long bytesRead() {
    return bytesRead.getAsLong();
  }

  @Override
  public boolean hasNext() {
    if (next == null && !exhausted) {
      try {
        next = readOwnedLine();
      } catch (IOException e) {
        if (compressedSource != null && !compressedSource.failed()) {
          // The file's bytes were read; the codec could not make sense of them.
          throw new CorruptFileException(
              "Corrupt compressed file " + split.path() + ": " + e, split.path(), true, e);
        }
        throw new UncheckedIOException("Failed to read " + split.path() + ": " + e.getMessage(), e);
      }
      if (next == null) {
        exhausted = true;
        closeQuietlyAtEnd();
      }
    }
    return next != null;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more lines in split " + split);
    }
    String line = next;
    next = null;
    return line;
  }

  /** The next line that belongs to this split, or null when there is none. */
  private String readOwnedLine() throws IOException {
    if (closed) {
      return null;
    }
    if (!started) {
      started = true;
      if (skipFirstLine) {
        // The line under way at the start belongs to the previous split.
        scanner.skipLine();
      }
    }
    if (position.getAsLong() > end) {
      return null;
    }
    return scanner.readLine();
  }

  private void closeQuietlyAtEnd() {
    try {
      close();
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to close " + split.path() + ": " + e.getMessage(), e);
    }
  }

  /** Closes the file and returns the decompressor to the pool. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stream.close();
    } finally {
      if (decompressor != null) {
        CodecPool.returnDecompressor(decompressor);
      }
    }
  }
}
