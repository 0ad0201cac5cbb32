package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class HeartbeatPaceTest {
  @Test
  public void startsFastSlowsWhenNothingWaitsAndSpeedsUpForNewRequests() {
    List<Integer> set = new ArrayList<>();
    HeartbeatPace pace = new HeartbeatPace(set::add);
    assertEquals(HeartbeatPace.WAITING_MS, pace.intervalMs());

    pace.requestsWaiting(true);
    pace.requestsWaiting(false);
    pace.requestsWaiting(false);
    pace.requestsWaiting(true);

    assertEquals(List.of(HeartbeatPace.IDLE_MS, HeartbeatPace.WAITING_MS), set);
    assertEquals(HeartbeatPace.WAITING_MS, pace.intervalMs());
  }
}
