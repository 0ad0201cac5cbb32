package dev.weft.client;

import java.util.List;
import java.util.TreeSet;

/** Checks before submission that the queue exists, so a typo is one line, not a FAILED app. */
final class QueueCheck {
  /** The cluster's queues, as far as the check needs them. */
  interface Queues {
    /** Whether the scheduler knows {@code queue}. */
    boolean exists(String queue) throws Exception;

    /** The names of the queues the scheduler knows. */
    List<String> names() throws Exception;
  }

  private QueueCheck() {}

  /**
   * @throws SubmitException {@code Unknown YARN queue 'x'; known queues: a, b} when {@code queue}
   *     does not exist
   * @throws Exception what {@code queues} throws
   */
  static void check(String queue, Queues queues) throws Exception {
    if (queues.exists(queue)) {
      return;
    }
    throw new SubmitException(
        "Unknown YARN queue '"
            + queue
            + "' (--queue or weft.yarn.queue); known queues: "
            + String.join(", ", new TreeSet<>(queues.names())));
  }
}
