package dev.weft.hdfs;

import java.io.IOException;

/**
 * A user error about a path: an input that does not exist, an output that already exists, a
 * destination of the wrong kind. Its message is one line naming the path, meant to be shown to the
 * user as it is, without a stack trace.
 */
public final class UserPathException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * @param message the one-line message shown to the user; it names {@code path}
   * @param path the path the error is about
   */
  public UserPathException(String message, String path) {
    super(message);
    this.path = path;
  }

  /** The path the error is about, as the user gave it or as it was resolved. */
  public String path() {
    return path;
  }
}
