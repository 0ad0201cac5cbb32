package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.core.runtime.MapStatus;
import org.junit.Before;
import org.junit.Test;

/** What the driver forgets when map outputs are lost. */
public class MapOutputTrackerTest {
  private final MapOutputTracker tracker = new MapOutputTracker();

  @Before
  public void twoShufflesOnTwoNodesOfOneHost() {
    // Two NodeManagers of one host, told apart by their shuffle services' ports.
    tracker.registerShuffle(0, 4);
    tracker.registerShuffle(1, 2);
    tracker.registerMapOutput(0, status("e1", 7001, 0));
    tracker.registerMapOutput(0, status("e2", 7002, 1));
    tracker.registerMapOutput(0, status("e1", 7001, 2));
    tracker.registerMapOutput(0, status("e3", 7001, 3));
    tracker.registerMapOutput(1, status("e1", 7001, 0));
    tracker.registerMapOutput(1, status("e2", 7002, 1));
  }

  @Test
  public void anUnreachableServiceLosesEveryOutputItServesInEveryShuffle() {
    int lost = tracker.removeOutputsOfServiceOf(0, 2, "e1");

    assertEquals(4, lost);
    assertEquals(1, tracker.availableOutputs(0));
    assertTrue("served by the other NodeManager", tracker.isAvailable(0, 1));
    assertFalse(tracker.isAvailable(0, 3));
    assertFalse(tracker.isAvailable(1, 0));
    assertTrue(tracker.isAvailable(1, 1));
  }

  @Test
  public void aLateReportAboutAnOutputComputedAgainElsewhereLosesNothing() {
    tracker.registerMapOutput(0, status("e2", 7002, 2));

    assertEquals(0, tracker.removeOutputsOfServiceOf(0, 2, "e1"));
    assertEquals(4, tracker.availableOutputs(0));
  }

  @Test
  public void anOutputReadFromItsExecutorsOwnFilesIsLostAlone() {
    tracker.registerShuffle(2, 2);
    tracker.registerMapOutput(2, status("e1", 0, 0));
    tracker.registerMapOutput(2, status("e1", 0, 1));

    assertEquals(1, tracker.removeOutputsOfServiceOf(2, 0, "e1"));
    assertTrue(tracker.isAvailable(2, 1));
    assertEquals(4, tracker.availableOutputs(0));
  }

  private static MapStatus status(String executor, int port, int mapId) {
    return new MapStatus(executor, "node1", port, mapId, mapId, new long[] {10, 10});
  }
}
