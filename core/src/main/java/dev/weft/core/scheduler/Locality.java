package dev.weft.core.scheduler;

/**
 * How close a task runs to its data, best first. {@code NO_PREF} is for tasks without a preference:
 * they run anywhere at once, without waiting.
 */
public enum Locality {
  PROCESS_LOCAL,
  NODE_LOCAL,
  NO_PREF,
  RACK_LOCAL,
  ANY;

  /** Whether this level is as good as {@code other} or better. */
  public boolean atLeastAsGoodAs(Locality other) {
    return ordinal() <= other.ordinal();
  }
}
