package dev.weft.client;

import static org.junit.Assert.assertEquals;

import dev.weft.yarn.am.DriverStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.Test;

/** Following an application: state changes, the driver's progress and the exit code of its end. */
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

  private static DriverStatus.Event stageEvent(long seq, DriverStatus.EventKind kind, long ms) {
    return new DriverStatus.Event(seq, kind, -1, 0, 0, "count at Job.java:9", 4, ms, null);
  }

  private static DriverStatus status(DriverStatus.Totals totals, DriverStatus.Event... events) {
    return new DriverStatus("RUNNING", 2, List.of(), null, totals, List.of(events));
  }

  @Test
  public void printsEachStateOnceAndEachDriverStateChangeOnceAndKeepsTheLastTotals()
      throws Exception {
    Deque<ApplicationReport> reports =
        new ArrayDeque<>(
            List.of(
                report(YarnApplicationState.ACCEPTED, FinalApplicationStatus.UNDEFINED),
                report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED),
                report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED),
                report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED),
                report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED),
                report(YarnApplicationState.FINISHED, FinalApplicationStatus.SUCCEEDED)));
    DriverStatus.Totals last =
        new DriverStatus.Totals(1, 0, 1, 0, 4, 0, 10, 1, 0, 0, 0, 0, 0, 0, Map.of());
    Deque<DriverStatus> statuses = new LinkedList<>(); // holds a null: no answer
    statuses.add(status(null, stageEvent(1, DriverStatus.EventKind.STAGE_SUBMITTED, 0)));
    statuses.add(
        status(
            null,
            // a driver that ignores ?since sends event 1 again
            stageEvent(1, DriverStatus.EventKind.STAGE_SUBMITTED, 0),
            stageEvent(2, DriverStatus.EventKind.STAGE_COMPLETED, 1200)));
    statuses.add(null); // the AM did not answer this time
    statuses.add(
        status(
            last,
            new DriverStatus.Event(
                3, DriverStatus.EventKind.JOB_ENDED, 0, -1, 0, null, 4, 1500, null)));
    List<Long> asked = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AppMonitor monitor =
        new AppMonitor(
            id -> reports.poll(),
            (url, since) -> {
              asked.add(since);
              return statuses.poll();
            },
            Duration.ofMillis(1),
            ConsoleProgress.of(
                ProgressMode.LINES, new PrintStream(bytes, true, StandardCharsets.UTF_8), 80));

    ApplicationReport end = monitor.await(APP);

    assertEquals(
        String.join(
            "\n",
            APP + " is ACCEPTED",
            APP + " is RUNNING",
            "Tracking URL: http://am:1/",
            "Stage 0 submitted: count at Job.java:9 (4 tasks)",
            "Stage 0 completed: 4 tasks in 1.2 s",
            "Job 0 succeeded in 1.5 s (4 tasks)",
            APP + " is FINISHED (SUCCEEDED)",
            ""),
        bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    assertEquals("each poll asks for the events not seen yet", List.of(0L, 1L, 2L, 2L), asked);
    assertEquals(last, monitor.lastTotals());
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
            (url, since) -> null,
            Duration.ofMillis(1),
            ConsoleProgress.of(
                ProgressMode.LINES, new PrintStream(bytes, true, StandardCharsets.UTF_8), 80))
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
}
