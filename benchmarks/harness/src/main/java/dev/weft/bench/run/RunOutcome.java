package dev.weft.bench.run;

/**
 * One run of one engine on one workload.
 *
 * @param millis the measured wall time
 * @param peakRssKb the runner's peak resident set size, -1 when unknown
 * @param failure why the run failed (one line), or null when it ran and its output was right
 */
public record RunOutcome(long millis, long peakRssKb, String failure) {
  /** A failed run. */
  public static RunOutcome failed(String why) {
    return new RunOutcome(-1, -1, why);
  }

  /** Whether the run succeeded and its output checked. */
  public boolean ok() {
    return failure == null;
  }
}
