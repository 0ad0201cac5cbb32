package dev.weft.yarn.am;

import dev.weft.api.JobFailedException;
import java.lang.reflect.InvocationTargetException;

/** Turns the user's failure into the one line the application's diagnostics show. */
public final class Failures {
  private Failures() {}

  /**
   * {@code ExceptionClass: message} of the exception users need to see: the first {@link
   * JobFailedException} in the cause chain (its message names the failing task and its error), else
   * the root cause.
   */
  public static String describe(Throwable t) {
    Throwable pick = null;
    Throwable root = t;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof InvocationTargetException && c.getCause() != null) {
        continue;
      }
      if (pick == null && c instanceof JobFailedException) {
        pick = c;
      }
      root = c;
    }
    Throwable shown = pick != null ? pick : root;
    String message = shown.getMessage();
    return message == null || message.isBlank()
        ? shown.getClass().getName()
        : shown.getClass().getName() + ": " + message;
  }
}
