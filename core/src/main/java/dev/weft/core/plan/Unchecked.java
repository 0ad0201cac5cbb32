package dev.weft.core.plan;

/**
 * Rethrows a user function's checked exception unchanged, so a task fails with the user's own
 * exception (and its message) rather than a wrapper.
 */
public final class Unchecked {
  private Unchecked() {}

  /** Throws {@code t}; declared to return so callers can write {@code throw rethrow(e)}. */
  public static RuntimeException rethrow(Throwable t) {
    return Unchecked.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
