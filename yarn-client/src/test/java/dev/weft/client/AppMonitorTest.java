package dev.weft.client;

import static org.junit.Assert.assertEquals;

import dev.weft.yarn.am.DriverStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.Test;

/** Following an application: state changes, progress lines and the exit code of its end. */
public class AppMonitorTest {
  private static final ApplicationId APP = ApplicationId.newInstance(1, 1);

  private static ApplicationReport report(YarnApplicationState state, FinalApplicationStatus fin) {
    ApplicationReport r =
        ApplicationReport.newInstance(
            APP,
            null,
            "ann",
            "default",
            "job",
            "host",
            0,
            null,
            state,
            "diag",
            "http://am:1/",
            0,
            0,
            0,
            fin,
            null,
            "http://am:1/",
            0f,
            "WEFT",
            null);
    return r;
  }

  @Test
  public void printsEachStateOnceAndEachProgressChange() throws Exception {
    Deque<ApplicationReport> reports =
        new ArrayDeque<>(
            List.of(
                report(YarnApplicationState.ACCEPTED, FinalApplicationStatus.UNDEFINED),
                report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED),
                report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED),
                report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED),
                report(YarnApplicationState.FINISHED, FinalApplicationStatus.SUCCEEDED)));
    Deque<String> progress =
        new ArrayDeque<>(
            List.of("[Stage 0: (0 + 2) / 4]", "[Stage 0: (0 + 2) / 4]", "[Stage 0: (3 + 1) / 4]"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    ApplicationReport end =
        new AppMonitor(
                id -> reports.poll(),
                url -> progress.poll(),
                Duration.ofMillis(1),
                new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .await(APP);

    assertEquals(
        String.join(
            "\n",
            APP + " is ACCEPTED",
            APP + " is RUNNING",
            "Tracking URL: http://am:1/",
            "[Stage 0: (0 + 2) / 4]",
            "[Stage 0: (3 + 1) / 4]",
            APP + " is FINISHED (SUCCEEDED)",
            ""),
        bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    assertEquals(YarnSubmit.EXIT_OK, AppMonitor.exitCode(end));
  }

  @Test
  public void exitCodesFollowTheFinalStatus() {
    assertEquals(
        YarnSubmit.EXIT_JOB_FAILED,
        AppMonitor.exitCode(report(YarnApplicationState.FAILED, FinalApplicationStatus.FAILED)));
    assertEquals(
        YarnSubmit.EXIT_JOB_FAILED,
        AppMonitor.exitCode(report(YarnApplicationState.FINISHED, FinalApplicationStatus.FAILED)));
    assertEquals(
        YarnSubmit.EXIT_KILLED,
        AppMonitor.exitCode(report(YarnApplicationState.KILLED, FinalApplicationStatus.KILLED)));
  }

  @Test
  public void progressLineShowsDoneAndRunningOfEveryRunningStage() {
    DriverStatus status =
        new DriverStatus(
            "RUNNING",
            2,
            List.of(
                new DriverStatus.StageProgress(3, 0, "map", 400, 120, 8, 0),
                new DriverStatus.StageProgress(4, 1, "reduce", 10, 0, 1, 2)),
            null);

    assertEquals(
        "[Stage 3: (120 + 8) / 400] [Stage 4 (attempt 1): (0 + 1) / 10, 2 failed]",
        DriverStatusPoller.progressLine(status));
    assertEquals(
        null, DriverStatusPoller.progressLine(new DriverStatus("RUNNING", 0, List.of(), null)));
  }
}
