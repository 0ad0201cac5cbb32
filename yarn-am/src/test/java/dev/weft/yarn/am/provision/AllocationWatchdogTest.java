package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class AllocationWatchdogTest {
  private long now = 1_000_000;
  private final List<String> failures = new ArrayList<>();

  private AllocationWatchdog watchdog(Duration timeout) {
    return new AllocationWatchdog(timeout, "640 MB and 1 vcores", "etl", () -> now, failures::add);
  }

  @Test
  public void anApplicationWithoutExecutorsWhoseRequestsGoUnansweredFailsAfterTheTimeout() {
    AllocationWatchdog w = watchdog(Duration.ofMinutes(5));
    w.check(0, 2);
    now += Duration.ofMinutes(5).toMillis() - 1;
    w.check(0, 2);
    assertEquals(List.of(), failures);

    now += 1;
    w.check(0, 2);
    w.check(0, 2);

    assertEquals(1, failures.size());
    String reason = failures.get(0);
    assertTrue(reason, reason.startsWith("YARN granted no executor container within 5min"));
    assertTrue(reason, reason.contains("weft.yarn.executorAllocationTimeout"));
    assertTrue(reason, reason.contains("2 requests for containers of 640 MB and 1 vcores"));
    assertTrue(reason, reason.contains("queue 'etl'"));
    assertTrue(reason, reason.contains("--executor-memory"));
  }

  @Test
  public void anyLiveExecutorRestartsTheWait() {
    AllocationWatchdog w = watchdog(Duration.ofMinutes(5));
    w.check(0, 2);
    now += Duration.ofMinutes(4).toMillis();
    w.check(1, 1);
    now += Duration.ofMinutes(4).toMillis();
    w.check(0, 2);
    now += Duration.ofMinutes(4).toMillis();
    w.check(0, 2);

    assertEquals(List.of(), failures);
  }

  @Test
  public void anApplicationThatAsksForNoContainerIsNotWaiting() {
    AllocationWatchdog w = watchdog(Duration.ofMinutes(5));
    w.check(0, 0);
    now += Duration.ofHours(1).toMillis();
    w.check(0, 0);

    assertEquals(List.of(), failures);
  }

  @Test
  public void aZeroTimeoutWaitsForever() {
    AllocationWatchdog w = watchdog(Duration.ZERO);
    w.check(0, 2);
    now += Duration.ofDays(1).toMillis();
    w.check(0, 2);

    assertEquals(List.of(), failures);
  }
}
