package dev.weft.api;

/**
 * An action's job failed: a task failed too often, a stage could not get its inputs, the results
 * were too large, or the context stopped. The message says why and, for a failing task, carries the
 * task's own exception message; the cause is that exception when it reached the driver.
 */
public class JobFailedException extends RuntimeException {
  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
