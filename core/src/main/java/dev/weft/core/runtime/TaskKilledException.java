package dev.weft.core.runtime;

/** Thrown inside a task that was asked to stop; reported as killed, not as a failure. */
public final class TaskKilledException extends RuntimeException {
  public TaskKilledException(String message) {
    super(message);
  }
}
