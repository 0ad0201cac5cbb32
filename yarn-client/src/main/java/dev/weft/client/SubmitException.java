package dev.weft.client;

/**
 * A usage or configuration error of {@code yarn-submit}: its message is the one line printed on
 * stderr, and it carries the process exit code.
 */
final class SubmitException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  SubmitException(String message) {
    this(message, YarnSubmit.EXIT_USAGE);
  }

  SubmitException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** A usage or configuration error caused by {@code cause}, whose stack --verbose prints. */
  SubmitException(String message, Throwable cause) {
    super(message, cause);
    this.exitCode = YarnSubmit.EXIT_USAGE;
  }

  int exitCode() {
    return exitCode;
  }
}
