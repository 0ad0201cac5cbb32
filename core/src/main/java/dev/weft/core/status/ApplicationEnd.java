package dev.weft.core.status;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Who records how an application ended. A {@code WeftContext} cannot know it: the program may throw
 * after closing the context (the usual {@code try (WeftContext weft = ...)} does exactly that). So
 * a process that runs the program and learns its outcome (the ApplicationMaster) calls {@link
 * #deferToHost()} before the program starts; contexts stopped after that {@link #hand hand} their
 * end over instead of recording "succeeded", and the host {@link #finish finishes} them with the
 * program's failure (or none) once it knows. Without a host, contexts record their own end.
 */
public final class ApplicationEnd {
  /** The ends handed over, each taking the failure; null while no host takes them. */
  private static List<Consumer<String>> pending;

  private ApplicationEnd() {}

  /** The calling process will say how the application ended, through {@link #finish}. */
  public static synchronized void deferToHost() {
    if (pending == null) {
      pending = new ArrayList<>();
    }
  }

  /**
   * Hands a stopped context's end to the host: {@code end} gets the application's failure (null
   * when it succeeded).
   *
   * @return false when there is no host, and the caller records its end itself
   */
  public static synchronized boolean hand(Consumer<String> end) {
    if (pending == null) {
      return false;
    }
    pending.add(end);
    return true;
  }

  /**
   * Records the end of every context handed over so far, with {@code failure} (null: succeeded);
   * later contexts record their own end.
   */
  public static void finish(String failure) {
    List<Consumer<String>> ends;
    synchronized (ApplicationEnd.class) {
      ends = pending == null ? List.of() : pending;
      pending = null;
    }
    for (Consumer<String> end : ends) {
      end.accept(failure);
    }
  }
}
