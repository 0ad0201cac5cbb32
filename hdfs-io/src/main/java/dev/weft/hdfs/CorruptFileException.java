package dev.weft.hdfs;

import java.util.Objects;

/**
 * An input file that cannot be read as its format says: it is not of the format at all, it is
 * truncated, a block of it is damaged, or its content does not match what the reader asks for (a
 * reader schema it cannot be resolved to). Its message is one line naming the file and the problem,
 * meant to be shown to the user as it is, without a stack trace.
 *
 * <p>{@link #skippable()} tells an engine configured to skip corrupt files whether skipping this
 * one is sound: true when the file itself is damaged, so that the rest of the input can still be
 * read; false when the problem is in what the job asks of the file (a mismatched schema), where
 * skipping would silently drop every such file.
 *
 * <p>Unchecked, so that record iterators can throw it.
 */
public final class CorruptFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final boolean skippable;

  /**
   * @param message the one-line message shown to the user; it names {@code path}
   * @param path the file the error is about
   * @param skippable whether an engine that skips corrupt files may skip this one
   * @param cause the failure of the underlying library, or null
   */
  public CorruptFileException(String message, String path, boolean skippable, Throwable cause) {
    super(message, cause);
    this.path = Objects.requireNonNull(path, "path");
    this.skippable = skippable;
  }

  /** The file the error is about, in Hadoop's path string form. */
  public String path() {
    return path;
  }

  /**
   * Whether the file itself is damaged, so that an engine configured to skip corrupt files may skip
   * it and go on with the rest of the input.
   */
  public boolean skippable() {
    return skippable;
  }
}
