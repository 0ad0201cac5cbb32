package dev.weft.yarn.am;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.Test;

public class AmFinisherTest {
  private final List<String> actions = new ArrayList<>();
  private final StatusTracker status = new StatusTracker();

  private AmFinisher finisher(boolean lastAttempt) {
    return new AmFinisher(
        new AmFinisher.Actions() {
          @Override
          public void unregister(FinalApplicationStatus s, String diagnostics) {
            actions.add("unregister " + s + " " + diagnostics);
          }

          @Override
          public void deleteStagingDir() {
            actions.add("delete staging");
          }
        },
        lastAttempt,
        status);
  }

  @Test
  public void successUnregistersAndDeletesStagingOnce() {
    AmFinisher f = finisher(false);
    assertEquals(0, f.finish(FinalApplicationStatus.SUCCEEDED, null));
    assertEquals(0, f.finish(FinalApplicationStatus.FAILED, "later"));
    assertEquals(List.of("unregister SUCCEEDED null", "delete staging"), actions);
    assertEquals("SUCCEEDED", status.snapshot().state());
  }

  @Test
  public void failureOnTheLastAttemptUnregistersWithDiagnostics() {
    AmFinisher f = finisher(true);
    assertEquals(1, f.finish(FinalApplicationStatus.FAILED, "java.io.IOException: x"));
    assertEquals(List.of("unregister FAILED java.io.IOException: x", "delete staging"), actions);
    assertEquals("java.io.IOException: x", status.snapshot().diagnostics());
  }

  @Test
  public void failureWithAttemptsLeftLeavesItToYarnToRetry() {
    AmFinisher f = finisher(false);
    assertEquals(1, f.finish(FinalApplicationStatus.FAILED, "boom"));
    assertTrue(actions.isEmpty());
    assertTrue(f.finished());
  }
}
