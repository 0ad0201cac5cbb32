package dev.weft.bench.check;

/** A workload's output differs from the expected result; the message says how, in one line. */
public final class CheckFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message} (one line, prefixed by the workload). */
  public CheckFailure(String message) {
    super(message);
  }
}
