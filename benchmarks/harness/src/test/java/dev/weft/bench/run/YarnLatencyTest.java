package dev.weft.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import org.junit.Test;

public class YarnLatencyTest {
  @Test
  public void latencyRunsFromTheSubmittedLineToTheSucceededLine() {
    List<ProcessRun.Line> out =
        List.of(
            new ProcessRun.Line(1_000_000_000L, "Submitted application_1_0001 to the RM (queue x)"),
            new ProcessRun.Line(2_000_000_000L, "application_1_0001 is ACCEPTED"),
            new ProcessRun.Line(4_500_000_000L, "application_1_0001 is FINISHED (SUCCEEDED)"));
    YarnLatency.Outcome o = YarnLatency.measure(out, 6000);
    assertNull(o.failure());
    assertEquals(3500, o.submitToSucceededMillis());
    assertEquals(6000, o.processMillis());
  }

  @Test
  public void aFailedApplicationIsAFailure() {
    List<ProcessRun.Line> out =
        List.of(
            new ProcessRun.Line(0, "Submitted application_1_0002 to the RM"),
            new ProcessRun.Line(9, "application_1_0002 is FINISHED (FAILED)"));
    assertEquals(
        "application_1_0002 did not reach FINISHED (SUCCEEDED)",
        YarnLatency.measure(out, 10).failure());
  }

  @Test
  public void resultLinesAreParsed() {
    RunOutcome r =
        ResultLine.outcome(
            List.of(
                new ProcessRun.Line(0, "noise"),
                new ProcessRun.Line(0, "BENCH-RESULT workload=sort millis=1234 peakRssKb=56789")));
    assertEquals(1234, r.millis());
    assertEquals(56789, r.peakRssKb());
  }
}
