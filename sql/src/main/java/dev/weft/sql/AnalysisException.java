package dev.weft.sql;

/**
 * A query that cannot run as written: an unknown or ambiguous column, a type mismatch, an aggregate
 * misuse. Raised when the DataFrame is built, before any task runs; the message is one line naming
 * the expression and what was expected.
 */
public class AnalysisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AnalysisException(String message) {
    super(message);
  }
}
