package dev.weft.hdfs.avro;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.io.DatumReader;

/** Opens Avro object container files, turning a bad magic or header into a one-line error. */
final class AvroContainer {
  private AvroContainer() {}

  /**
   * Reads the header of the file behind {@code input} and leaves the reader just after it, at the
   * first block. On failure {@code input} is left open for the caller to close.
   *
   * @throws dev.weft.hdfs.CorruptFileException if the file is not an Avro container file or its
   *     header is truncated or unreadable
   * @throws IOException if the file system fails
   */
  static <T> DataFileReader<T> open(HadoopSeekableInput input, DatumReader<T> datumReader)
      throws IOException {
    try {
      return new DataFileReader<>(input, datumReader);
    } catch (IOException | AvroRuntimeException e) {
      if (input.fileSystemFailure() != null) {
        throw input.fileSystemFailure();
      }
      // Diagnosed only on failure, so that a good file's first bytes are read once.
      byte[] found = firstBytes(input, DataFileConstants.MAGIC.length);
      if (!Arrays.equals(DataFileConstants.MAGIC, found)) {
        throw AvroErrors.notAvro(input.path(), describe(found));
      }
      if (causedByEndOfFile(e)) {
        throw AvroErrors.truncatedHeader(input.path(), input.length(), e);
      }
      throw AvroErrors.badHeader(input.path(), e);
    }
  }

  private static byte[] firstBytes(HadoopSeekableInput input, int count) throws IOException {
    byte[] bytes = new byte[(int) Math.min(count, input.length())];
    input.seek(0);
    int n = 0;
    while (n < bytes.length) {
      int read = input.read(bytes, n, bytes.length - n);
      if (read < 0) {
        break;
      }
      n += read;
    }
    return Arrays.copyOf(bytes, n);
  }

  private static String describe(byte[] bytes) {
    return bytes.length == 0 ? "nothing (it is empty)" : "0x" + HexFormat.of().formatHex(bytes);
  }

  private static boolean causedByEndOfFile(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EOFException) {
        return true;
      }
    }
    return false;
  }
}
