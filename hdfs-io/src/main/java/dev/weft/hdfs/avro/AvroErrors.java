package dev.weft.hdfs.avro;

import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.DecodeFailures;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.hadoop.fs.ChecksumException;

/** The one-line errors of the Avro readers, each naming the file and what is wrong with it. */
final class AvroErrors {
  /** The message of Avro's exception for a block that is not followed by the file's sync marker. */
  private static final String AVRO_INVALID_SYNC = "Invalid sync!";

  private AvroErrors() {}

  static CorruptFileException notAvro(String path, String found) {
    return new CorruptFileException(
        "Not an Avro data file: " + path + " starts with " + found + ", not with 'Obj' 0x01",
        path,
        true,
        null);
  }

  static CorruptFileException truncatedHeader(String path, long length, Throwable cause) {
    return new CorruptFileException(
        "Truncated Avro file: " + path + " ends inside its header, at byte " + length,
        path,
        true,
        cause);
  }

  static CorruptFileException badHeader(String path, Throwable cause) {
    return new CorruptFileException(
        "Corrupt Avro file: " + path + " has an unreadable header: " + describe(cause),
        path,
        true,
        cause);
  }

  static CorruptFileException truncatedBlock(String path, long blockStart, long length) {
    return new CorruptFileException(
        "Truncated Avro file: "
            + path
            + " ends at byte "
            + length
            + " inside the block that starts at byte "
            + blockStart,
        path,
        true,
        null);
  }

  static CorruptFileException notRecords(String path, Schema schema) {
    return new CorruptFileException(
        "Avro file "
            + path
            + " holds values of type "
            + schema.getType().getName()
            + ", not records",
        path,
        false,
        null);
  }

  /**
   * The error for a failure while reading the block that starts at {@code blockStart}: an
   * infrastructure error if the file system failed, otherwise a corrupt file.
   *
   * @param fileSystemFailure the error the file system raised while reading, or null
   */
  static RuntimeException readFailure(
      String path, long blockStart, Throwable failure, IOException fileSystemFailure) {
    if (fileSystemFailure != null && !(fileSystemFailure instanceof ChecksumException)) {
      return new UncheckedIOException(
          "Failed to read " + path + ": " + describe(fileSystemFailure), fileSystemFailure);
    }
    if (failure instanceof RuntimeException r && !DecodeFailures.isCorruption(r)) {
      return new IllegalStateException(
          "Failed to read Avro file " + path + ": " + r, r); // not the file's fault
    }
    String problem =
        hasMessage(failure, AVRO_INVALID_SYNC)
            ? "bad sync marker after the block at byte " + blockStart
            : "cannot decode the block at byte " + blockStart + ": " + describe(failure);
    return new CorruptFileException(
        "Corrupt Avro file: " + path + ": " + problem, path, true, failure);
  }

  /**
   * Checks with Avro's {@link SchemaCompatibility} that data written with {@code writer} can be
   * read with {@code reader}.
   *
   * @throws CorruptFileException (not skippable) naming the file and every incompatibility
   */
  static void checkCompatible(String path, Schema reader, Schema writer) {
    SchemaPairCompatibility pair =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    String incompatibilities =
        pair.getResult().getIncompatibilities().stream()
            .map(AvroErrors::describe)
            .collect(Collectors.joining("; "));
    throw new CorruptFileException(
        "Avro reader schema "
            + reader.getFullName()
            + " cannot read file "
            + path
            + ": "
            + incompatibilities,
        path,
        false,
        null);
  }

  private static String describe(Incompatibility incompatibility) {
    return oneLine(
        incompatibility.getType()
            + " at "
            + incompatibility.getLocation()
            + ": "
            + incompatibility.getMessage());
  }

  /**
   * The failure's own message, looking through wrappers whose message only repeats their cause; the
   * class name if there is no message.
   */
  static String describe(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null
        && t.getCause() != t
        && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
      t = t.getCause();
    }
    String text;
    if (t.getMessage() != null) {
      text = t.getMessage();
    } else if (t instanceof EOFException) {
      text = "unexpected end of data";
    } else {
      text = t.getClass().getSimpleName();
    }
    return oneLine(text);
  }

  private static boolean hasMessage(Throwable failure, String message) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (message.equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }
}
