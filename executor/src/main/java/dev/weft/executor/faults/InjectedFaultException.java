package dev.weft.executor.faults;

/** The failure of a task attempt that {@code weft.faults.failTask} chose. */
public final class InjectedFaultException extends RuntimeException {
  public InjectedFaultException(String message) {
    super(message);
  }
}
