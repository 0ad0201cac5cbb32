package dev.weft.yarn.am.security;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.hadoop.security.Credentials;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps an application's delegation tokens fresh: obtains them once at start, then again when
 * {@code weft.yarn.tokenRenewalRatio} of their remaining lifetime has passed, and hands each new
 * set to a consumer (the ApplicationMaster adds them to its own user, to the launch context of
 * later executors, and sends them to the running ones). A failed attempt is retried after {@code
 * weft.yarn.tokenRetryWait}, sooner when the current tokens have less than ten times that left.
 */
public final class TokenRefresher {
  private static final Logger LOG = LogManager.getLogger(TokenRefresher.class);

  /** Never refresh or retry sooner than this after the previous attempt. */
  static final long MIN_DELAY_MS = 1_000;

  /** Runs a task after a delay: a scheduled executor, or a test's hand-driven queue. */
  public interface Timer {
    void schedule(Runnable task, long delayMillis);
  }

  /** Where tokens come from. */
  public interface Source {
    /** Obtains a fresh set of tokens. */
    Obtained obtain() throws Exception;
  }

  /**
   * A fresh set of tokens.
   *
   * @param tokens the tokens
   * @param expiresAtMillis when the first of them expires (epoch ms), or -1 when none tells
   */
  public record Obtained(Credentials tokens, long expiresAtMillis) {}

  private final Source source;
  private final Consumer<Credentials> sink;
  private final double ratio;
  private final long retryWaitMs;
  private final Timer timer;
  private final LongSupplier clock;
  private volatile long expiresAtMillis = -1;

  /**
   * @param source obtains tokens
   * @param sink told of every new set of tokens, on the timer's thread
   * @param ratio {@code weft.yarn.tokenRenewalRatio}
   * @param retryWait {@code weft.yarn.tokenRetryWait}
   * @param timer runs the refreshes
   * @param clock epoch milliseconds
   */
  public TokenRefresher(
      Source source,
      Consumer<Credentials> sink,
      double ratio,
      Duration retryWait,
      Timer timer,
      LongSupplier clock) {
    this.source = source;
    this.sink = sink;
    this.ratio = ratio;
    this.retryWaitMs = retryWait.toMillis();
    this.timer = timer;
    this.clock = clock;
  }

  /**
   * Obtains the first tokens now, hands them on and schedules the next refresh.
   *
   * @throws Exception when the first tokens cannot be obtained (e.g. the keytab does not log in)
   */
  public void start() throws Exception {
    accept(source.obtain());
  }

  private void refresh() {
    Obtained obtained;
    try {
      obtained = source.obtain();
    } catch (Exception e) {
      long delay = retryDelayMillis(clock.getAsLong(), expiresAtMillis, retryWaitMs);
      LOG.warn(
          "Obtaining fresh delegation tokens failed; trying again in {} ms (the current ones"
              + " expire at {})",
          delay,
          expiresAtMillis < 0 ? "an unknown time" : Instant.ofEpochMilli(expiresAtMillis),
          e);
      schedule(delay);
      return;
    }
    try {
      accept(obtained);
    } catch (RuntimeException e) {
      LOG.warn("Handing on fresh delegation tokens failed", e);
      schedule(retryDelayMillis(clock.getAsLong(), expiresAtMillis, retryWaitMs));
    }
  }

  private void accept(Obtained obtained) {
    sink.accept(obtained.tokens());
    expiresAtMillis = obtained.expiresAtMillis();
    if (expiresAtMillis < 0) {
      LOG.info(
          "Obtained delegation tokens ({}); none tells when it expires, so none is refreshed",
          DelegationTokens.describe(obtained.tokens()));
      return;
    }
    long delay = refreshDelayMillis(clock.getAsLong(), expiresAtMillis, ratio);
    LOG.info(
        "Obtained delegation tokens ({}), the first expiring at {}; next refresh in {} s",
        DelegationTokens.describe(obtained.tokens()),
        Instant.ofEpochMilli(expiresAtMillis),
        delay / 1000);
    schedule(delay);
  }

  private void schedule(long delayMs) {
    timer.schedule(this::refresh, delayMs);
  }

  /** {@code ratio} of the time from {@code now} to {@code expiry}, at least a second. */
  static long refreshDelayMillis(long now, long expiry, double ratio) {
    return Math.max(MIN_DELAY_MS, (long) ((expiry - now) * ratio));
  }

  /**
   * {@code retryWait}, but at most a tenth of the time left until {@code expiry} (unknown when
   * negative), and at least a second.
   */
  static long retryDelayMillis(long now, long expiry, long retryWait) {
    long delay = expiry < 0 ? retryWait : Math.min(retryWait, (expiry - now) / 10);
    return Math.max(MIN_DELAY_MS, delay);
  }
}
