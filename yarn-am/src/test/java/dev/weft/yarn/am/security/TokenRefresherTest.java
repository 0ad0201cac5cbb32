package dev.weft.yarn.am.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.junit.Test;

/** When the AM obtains fresh delegation tokens, driven by a hand-held clock and timer. */
public class TokenRefresherTest {
  private long now = 1_000_000;
  private final Deque<Object> obtainResults = new ArrayDeque<>();
  private final List<Long> delays = new ArrayList<>();
  private final List<Runnable> scheduled = new ArrayList<>();
  private final List<Credentials> handedOn = new ArrayList<>();

  private TokenRefresher refresher(double ratio, Duration retryWait) {
    return new TokenRefresher(
        () -> {
          Object next = obtainResults.removeFirst();
          if (next instanceof Exception e) {
            throw e;
          }
          return (TokenRefresher.Obtained) next;
        },
        handedOn::add,
        ratio,
        retryWait,
        (task, delay) -> {
          scheduled.add(task);
          delays.add(delay);
        },
        () -> now);
  }

  private static Credentials tokens(String name) {
    Credentials c = new Credentials();
    c.addSecretKey(new Text(name), new byte[] {1});
    return c;
  }

  private void runNext() {
    scheduled.remove(0).run();
  }

  @Test
  public void startHandsOnTheFirstTokensAndRefreshesAtTheRatioOfTheirRemainingLifetime() {
    Credentials first = tokens("first");
    obtainResults.add(new TokenRefresher.Obtained(first, now + 60_000));
    TokenRefresher r = refresher(0.75, Duration.ofMinutes(1));

    startUnchecked(r);

    assertEquals(List.of(first), handedOn);
    assertEquals(List.of(45_000L), delays);
  }

  @Test
  public void eachRefreshHandsOnTheNewTokensAndSchedulesTheNext() {
    obtainResults.add(new TokenRefresher.Obtained(tokens("first"), now + 60_000));
    Credentials second = tokens("second");
    TokenRefresher r = refresher(0.5, Duration.ofMinutes(1));
    startUnchecked(r);

    now += 30_000;
    obtainResults.add(new TokenRefresher.Obtained(second, now + 100_000));
    runNext();

    assertEquals(second, handedOn.get(1));
    assertEquals(List.of(30_000L, 50_000L), delays);
  }

  @Test
  public void aFailedRefreshIsRetriedSoonerThanTheTokensExpireAndKeepsTheOldOnes() {
    obtainResults.add(new TokenRefresher.Obtained(tokens("first"), now + 100_000));
    TokenRefresher r = refresher(0.75, Duration.ofMinutes(1));
    startUnchecked(r);

    now += 75_000; // 25 s left: a retry after a tenth of that, not after a minute
    obtainResults.add(new IOException("NameNode unreachable"));
    runNext();

    assertEquals(1, handedOn.size());
    assertEquals(List.of(75_000L, 2_500L), delays);
    assertEquals(1, scheduled.size());
  }

  @Test
  public void tokensThatDoNotTellTheirExpiryAreNotRefreshed() {
    obtainResults.add(new TokenRefresher.Obtained(tokens("first"), -1));
    startUnchecked(refresher(0.75, Duration.ofMinutes(1)));

    assertEquals(1, handedOn.size());
    assertTrue(scheduled.isEmpty());
  }

  @Test(expected = IOException.class)
  public void startFailsWhenTheFirstTokensCannotBeObtained() throws Exception {
    obtainResults.add(new IOException("Kerberos login failed"));
    refresher(0.75, Duration.ofMinutes(1)).start();
  }

  @Test
  public void delaysAreNeverShorterThanASecond() {
    assertEquals(1_000, TokenRefresher.refreshDelayMillis(now, now + 100, 0.75));
    assertEquals(1_000, TokenRefresher.retryDelayMillis(now, now - 5_000, 60_000));
    assertEquals(60_000, TokenRefresher.retryDelayMillis(now, -1, 60_000));
  }

  private static void startUnchecked(TokenRefresher r) {
    try {
      r.start();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
