package dev.weft.client;

import java.time.Duration;

/**
 * How long {@code yarn-submit} waits between two reports of a running application: {@value
 * #FIRST_MS} ms after something changed (the application's state, the driver's, a job ended),
 * doubling after each quiet report up to {@code weft.yarn.report.interval}. A short application's
 * start and end are seen within a fraction of a second, and a long one is still asked about once
 * per interval.
 */
final class PollPace {
  /** The first wait after a change, in milliseconds. */
  static final long FIRST_MS = 100;

  private final long maxMillis;
  private long nextMillis;

  /**
   * @param max the longest wait, {@code weft.yarn.report.interval}
   */
  PollPace(Duration max) {
    this.maxMillis = Math.max(1, max.toMillis());
    this.nextMillis = Math.min(FIRST_MS, maxMillis);
  }

  /** Something changed: the next wait is the shortest again. */
  void changed() {
    nextMillis = Math.min(FIRST_MS, maxMillis);
  }

  /** The wait before the next report, in milliseconds; each call doubles the next, up to max. */
  long nextWaitMillis() {
    long wait = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    return wait;
  }
}
