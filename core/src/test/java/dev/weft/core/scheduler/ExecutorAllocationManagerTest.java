package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.Test;

/** Dynamic allocation's policy, driven by hand: a fake scheduler view and a manual clock. */
public class ExecutorAllocationManagerTest {
  private static final long BUSY = ExecutorAllocationManager.BUSY;

  /** The scheduler's counts and executors as the test sets them; records what the manager asks. */
  private static final class FakeCluster implements ExecutorAllocationManager.Cluster {
    int pending;
    int running;
    final Map<String, Long> executors = new TreeMap<>();
    final Set<String> cached = new HashSet<>();
    final List<Integer> requests = new ArrayList<>();
    final List<String> released = new ArrayList<>();

    @Override
    public int pendingTasks() {
      return pending;
    }

    @Override
    public int runningTasks() {
      return running;
    }

    @Override
    public Map<String, Long> executorIdleSince() {
      return Map.copyOf(executors);
    }

    @Override
    public Set<String> executorsWithCachedBlocks() {
      return Set.copyOf(cached);
    }

    @Override
    public void requestTotalExecutors(int total) {
      requests.add(total);
    }

    @Override
    public void releaseExecutor(String executorId, String reason) {
      released.add(executorId);
      executors.remove(executorId);
    }
  }

  private final FakeCluster cluster = new FakeCluster();
  private long now;

  private static DynamicAllocationSettings settings(
      int min, int max, int cores, Duration cachedIdleTimeout) {
    return new DynamicAllocationSettings(
        min,
        max,
        min,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        cachedIdleTimeout,
        cores);
  }

  private ExecutorAllocationManager manager(DynamicAllocationSettings s, int initial) {
    return new ExecutorAllocationManager(s, cluster, initial, now);
  }

  private ExecutorAllocationManager manager(int min, int max, int initial) {
    return manager(settings(min, max, 1, null), initial);
  }

  private void tickAt(ExecutorAllocationManager m, long millis) {
    now = millis;
    m.tick(now);
  }

  @Test
  public void asksForOneMoreExecutorOnlyOnceTasksHaveWaitedTheBacklogTimeout() {
    ExecutorAllocationManager m = manager(0, 100, 1);
    cluster.pending = 50;

    tickAt(m, 0);
    tickAt(m, 999);
    assertEquals(List.of(), cluster.requests);

    tickAt(m, 1000);
    assertEquals(List.of(2), cluster.requests);
  }

  @Test
  public void rampsUpByDoublingStepsAtTheSustainedTimeoutWhileTasksKeepWaiting() {
    ExecutorAllocationManager m = manager(0, 100, 0);
    cluster.pending = 50;

    for (long t = 0; t <= 7000; t += 100) {
      tickAt(m, t);
    }

    // +1 at 1s, then every 2s: +2, +4, +8.
    assertEquals(List.of(1, 3, 7, 15), cluster.requests);
    assertEquals(15, m.target());
  }

  @Test
  public void neverAsksForMoreThanThePendingAndRunningTasksNeed() {
    // 3 cores per executor: 7 pending + 2 running tasks fill 3 executors.
    ExecutorAllocationManager m = manager(settings(0, 100, 3, null), 0);
    cluster.pending = 7;
    cluster.running = 2;

    for (long t = 0; t <= 20_000; t += 500) {
      tickAt(m, t);
    }

    assertEquals(List.of(1, 3), cluster.requests);
  }

  @Test
  public void neverAsksForMoreThanMaxExecutors() {
    ExecutorAllocationManager m = manager(0, 5, 0);
    cluster.pending = 1000;

    for (long t = 0; t <= 20_000; t += 500) {
      tickAt(m, t);
    }

    assertEquals(List.of(1, 3, 5), cluster.requests);
  }

  @Test
  public void lowersTheTargetAtOnceWhenTheWorkNeedsFewerExecutorsButNotBelowTheMinimum() {
    ExecutorAllocationManager m = manager(2, 100, 8);
    cluster.pending = 20;
    tickAt(m, 0);
    assertEquals(List.of(), cluster.requests);

    cluster.pending = 0;
    cluster.running = 3;
    tickAt(m, 100);
    assertEquals("the backend withdraws the requests beyond 3", List.of(3), cluster.requests);

    cluster.running = 0;
    tickAt(m, 200);
    assertEquals(List.of(3, 2), cluster.requests);
    assertEquals(2, m.target());
  }

  @Test
  public void theStepStartsAgainFromOneAfterTheBacklogClears() {
    ExecutorAllocationManager m = manager(0, 100, 0);
    cluster.pending = 50;
    for (long t = 0; t <= 3000; t += 100) {
      tickAt(m, t);
    }
    assertEquals(List.of(1, 3), cluster.requests);

    // The backlog clears while 3 tasks still run, then comes back.
    cluster.pending = 0;
    cluster.running = 3;
    tickAt(m, 3100);
    cluster.pending = 50;
    for (long t = 3200; t <= 4200; t += 100) {
      tickAt(m, t);
    }

    assertEquals(List.of(1, 3, 4), cluster.requests);
  }

  @Test
  public void releasesExecutorsIdlePastTheTimeoutDownToTheMinimumLongestIdleFirst() {
    ExecutorAllocationManager m = manager(1, 100, 0);
    cluster.executors.put("1", 5_000L);
    cluster.executors.put("2", 0L);
    cluster.executors.put("3", 20_000L);
    cluster.executors.put("4", BUSY);

    tickAt(m, 64_999);
    assertEquals(List.of("2"), cluster.released);

    tickAt(m, 80_000);
    assertEquals("busy executor 4 is the one kept", List.of("2", "1", "3"), cluster.released);
  }

  @Test
  public void neverReleasesAnExecutorThatRunsATask() {
    ExecutorAllocationManager m = manager(0, 100, 0);
    cluster.running = 2;
    cluster.executors.put("1", BUSY);
    cluster.executors.put("2", BUSY);
    cluster.executors.put("3", 0L);

    tickAt(m, 61_000);

    assertEquals(List.of("3"), cluster.released);
  }

  @Test
  public void releasesNothingWhileTasksArePendingHoweverLongExecutorsWereIdle() {
    ExecutorAllocationManager m = manager(0, 2, 0);
    // Ten tasks wait for locality on other hosts; the executors idle for ten minutes.
    cluster.pending = 10;
    cluster.executors.put("1", 0L);
    cluster.executors.put("2", 0L);

    for (long t = 0; t <= 600_000; t += 1000) {
      tickAt(m, t);
    }
    assertEquals(List.of(), cluster.released);

    cluster.pending = 0;
    tickAt(m, 601_000);
    assertEquals(List.of("1", "2"), cluster.released);
  }

  @Test
  public void executorsHoldingCachedBlocksAreNeverReleasedWithoutACachedTimeout() {
    ExecutorAllocationManager m = manager(0, 100, 0);
    cluster.executors.put("1", 0L);
    cluster.executors.put("2", 0L);
    cluster.cached.add("1");

    tickAt(m, 3_600_000);

    assertEquals(List.of("2"), cluster.released);
  }

  @Test
  public void executorsHoldingCachedBlocksFollowTheCachedTimeout() {
    ExecutorAllocationManager m = manager(settings(0, 100, 1, Duration.ofMinutes(10)), 0);
    cluster.executors.put("1", 0L);
    cluster.executors.put("2", 0L);
    cluster.cached.add("1");

    tickAt(m, 60_000);
    assertEquals(List.of("2"), cluster.released);

    tickAt(m, 599_999);
    assertEquals(List.of("2"), cluster.released);

    tickAt(m, 600_000);
    assertEquals(List.of("2", "1"), cluster.released);
  }

  @Test
  public void keepsTheInitialExecutorsUntilTheFirstTasksOrTheIdleTimeout() {
    ExecutorAllocationManager m = manager(0, 100, 3);
    cluster.executors.put("1", 0L);
    cluster.executors.put("2", 0L);

    tickAt(m, 59_999);
    assertEquals(List.of(), cluster.requests);
    assertEquals(List.of(), cluster.released);

    tickAt(m, 60_000);
    assertEquals("outstanding requests withdrawn", List.of(0), cluster.requests);
    assertEquals(List.of("1", "2"), cluster.released);
  }

  @Test
  public void theFirstTasksEndTheInitialPeriodAndTheTargetFollowsTheirNeed() {
    ExecutorAllocationManager m = manager(0, 100, 10);
    cluster.pending = 2;

    tickAt(m, 100);

    assertEquals(List.of(2), cluster.requests);
  }

  @Test
  public void anInitialTargetOutsideTheBoundsIsBroughtWithinThemAtOnce() {
    assertEquals(4, manager(0, 4, 9).target());
    assertEquals(2, manager(2, 4, 0).target());
    assertEquals(3, manager(0, 4, 3).target());

    assertEquals("the backend is told", List.of(4, 2), cluster.requests);
  }

  @Test
  public void aReleasedExecutorIsNeverBelowTheTarget() {
    ExecutorAllocationManager m = manager(0, 100, 0);
    cluster.pending = 4;
    for (long t = 0; t <= 5000; t += 100) {
      tickAt(m, t);
    }
    assertEquals(4, m.target());
    // The four tasks run; two executors that came early are idle past the timeout.
    cluster.pending = 0;
    cluster.running = 4;
    for (int i = 1; i <= 4; i++) {
      cluster.executors.put("busy" + i, BUSY);
    }
    cluster.executors.put("idle1", 0L);
    cluster.executors.put("idle2", 0L);

    tickAt(m, 70_000);

    assertEquals(List.of("idle1", "idle2"), cluster.released);
    assertTrue(cluster.executors.size() >= m.target());
  }
}
