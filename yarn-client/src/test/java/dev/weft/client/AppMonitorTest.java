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
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.Test;

/** Following an application: state changes, progress lines and the exit code of its end. */
public class AppMonitorTest {
  private static final ApplicationId APP = ApplicationId.newInstance(1, 1);

  private static ApplicationReport report(YarnApplicationState state, FinalApplicationStatus fin) {
    return report(state, fin, 0, "diag");
  }

  private static ApplicationReport report(
      YarnApplicationState state, FinalApplicationStatus fin, int attempt, String diagnostics) {
    ApplicationReport r =
        ApplicationReport.newInstance(
            APP,
            attempt == 0 ? null : ApplicationAttemptId.newInstance(APP, attempt),
            "ann",
            "default",
            "job",
            "host",
            0,
            null,
            state,
            diagnostics,
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
  public void aNewApplicationMasterAttemptIsAnnouncedWithWhyThePreviousOneEnded() throws Exception {
    Deque<ApplicationReport> reports =
        new ArrayDeque<>(
            List.of(
                report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED, 1, ""),
                report(YarnApplicationState.ACCEPTED, FinalApplicationStatus.UNDEFINED, 2, ""),
                report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED, 2, ""),
                report(YarnApplicationState.FINISHED, FinalApplicationStatus.SUCCEEDED, 2, "")));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    AppMonitor.Reports rm =
        new AppMonitor.Reports() {
          @Override
          public ApplicationReport report(ApplicationId appId) {
            return reports.poll();
          }

          @Override
          public String attemptDiagnostics(ApplicationAttemptId attempt) {
            return attempt.getAttemptId() == 1
                ? "AM Container exited with exitCode: 1\nFailing this attempt."
                : null;
          }
        };
    new AppMonitor(
            rm,
            url -> null,
            Duration.ofMillis(1),
            new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .await(APP);

    assertEquals(
        String.join(
            "\n",
            APP + " is RUNNING",
            "Tracking URL: http://am:1/",
            APP + ": attempt 1 ended, YARN runs attempt 2: AM Container exited with exitCode: 1",
            APP + " is ACCEPTED",
            APP + " is RUNNING",
            APP + " is FINISHED (SUCCEEDED)",
            ""),
        bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
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
