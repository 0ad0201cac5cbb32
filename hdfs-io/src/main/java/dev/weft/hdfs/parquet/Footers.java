package dev.weft.hdfs.parquet;

import dev.weft.hdfs.CorruptFileException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Opens Parquet files and reads their footers, turning the failures of a file that is not Parquet,
 * is truncated or is damaged into one-line {@link CorruptFileException}s that say which.
 */
final class Footers {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);

  /** The magic at both ends and the footer length: the least a Parquet file holds. */
  private static final int MIN_LENGTH = 2 * MAGIC.length + 4;

  private Footers() {}

  /**
   * The file at {@code path}, for Parquet's readers.
   *
   * @throws FileNotFoundException if it does not exist, with a message naming it
   */
  static InputFile inputFile(String path, Configuration conf) throws IOException {
    try {
      return HadoopInputFile.fromPath(new Path(path), conf);
    } catch (FileNotFoundException e) {
      FileNotFoundException clear = new FileNotFoundException("Input file does not exist: " + path);
      clear.initCause(e);
      throw clear;
    }
  }

  /**
   * Reads the footer of {@code file} through {@code stream}, keeping the row groups {@code options}
   * select.
   *
   * @throws CorruptFileException if the file is not Parquet, is truncated or its footer is damaged
   * @throws IOException if the file cannot be read
   */
  static ParquetMetadata read(
      InputFile file, ParquetReadOptions options, SeekableInputStream stream, String path)
      throws IOException {
    try {
      return ParquetFileReader.readFooter(file, options, stream);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IOException io && !isCorruption(io)) {
        throw io;
      }
      throw diagnose(file, path, e);
    }
  }

  /**
   * Whether an I/O failure of Parquet's reader says that the file's bytes are wrong, rather than
   * that the storage failed: the file ends too early, a checksum does not match, or a page header
   * or footer cannot be decoded.
   */
  static boolean isCorruption(IOException e) {
    if (e instanceof EOFException || e instanceof ChecksumException) {
      return true;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getClass().getName().contains(".thrift.")) {
        return true;
      }
    }
    return false;
  }

  /** The first line of a failure's message, for a one-line error. */
  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static CorruptFileException diagnose(InputFile file, String path, Exception cause)
      throws IOException {
    long length = file.getLength();
    if (length < MIN_LENGTH) {
      return corrupt(
          "Not a Parquet file: " + path + " is " + length + " bytes long, too short for Parquet",
          path,
          cause);
    }
    byte[] head = new byte[MAGIC.length];
    byte[] tail = new byte[MAGIC.length];
    try (SeekableInputStream in = file.newStream()) {
      in.readFully(head);
      in.seek(length - tail.length);
      in.readFully(tail);
    }
    if (!Arrays.equals(head, MAGIC) && !Arrays.equals(head, ENCRYPTED_MAGIC)) {
      return corrupt(
          "Not a Parquet file: " + path + " does not start with Parquet's magic bytes PAR1",
          path,
          cause);
    }
    if (!Arrays.equals(tail, MAGIC) && !Arrays.equals(tail, ENCRYPTED_MAGIC)) {
      return corrupt(
          "Truncated Parquet file "
              + path
              + ": its footer is missing (it does not end with the magic bytes PAR1)",
          path,
          cause);
    }
    return corrupt("Corrupt Parquet footer in " + path + ": " + firstLine(cause), path, cause);
  }

  private static CorruptFileException corrupt(String message, String path, Exception cause) {
    return new CorruptFileException(message, path, true, cause);
  }
}
