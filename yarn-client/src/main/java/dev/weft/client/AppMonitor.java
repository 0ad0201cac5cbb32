package dev.weft.client;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Follows a submitted application to its end: prints each state change, each new ApplicationMaster
 * attempt, the tracking URL, and a progress line per change of the running stages, and turns the
 * final status into the exit code.
 */
final class AppMonitor {
  /** Reads the application's report; a fake in tests. */
  interface Reports {
    ApplicationReport report(ApplicationId appId) throws IOException, YarnException;

    /** YARN's diagnostics of an application attempt (why it ended), or null. */
    default String attemptDiagnostics(ApplicationAttemptId attempt)
        throws IOException, YarnException {
      return null;
    }
  }

  private final Reports reports;
  private final Function<String, String> progress;
  private final Duration interval;
  private final PrintStream out;

  /**
   * @param progress the progress line at a tracking URL, or null when there is none
   */
  AppMonitor(
      Reports reports, Function<String, String> progress, Duration interval, PrintStream out) {
    this.reports = reports;
    this.progress = progress;
    this.interval = interval;
    this.out = out;
  }

  /** The polling of a real cluster's driver. */
  static Function<String, String> driverProgress() {
    return url -> DriverStatusPoller.progressLine(DriverStatusPoller.poll(url));
  }

  /**
   * Waits for the end of {@code appId}.
   *
   * @return the final report
   */
  ApplicationReport await(ApplicationId appId)
      throws IOException, YarnException, InterruptedException {
    YarnApplicationState last = null;
    String lastTracking = null;
    String lastProgress = null;
    ApplicationAttemptId lastAttempt = null;
    while (true) {
      ApplicationReport r = reports.report(appId);
      ApplicationAttemptId attempt = r.getCurrentApplicationAttemptId();
      if (attempt != null && lastAttempt != null && !attempt.equals(lastAttempt)) {
        out.println(
            appId
                + ": attempt "
                + lastAttempt.getAttemptId()
                + " ended, YARN runs attempt "
                + attempt.getAttemptId()
                + firstLine(attemptDiagnostics(lastAttempt)));
        lastProgress = null;
      }
      if (attempt != null) {
        lastAttempt = attempt;
      }
      YarnApplicationState state = r.getYarnApplicationState();
      if (state != last) {
        out.println(appId + " is " + state + stateNote(r));
        last = state;
      }
      String tracking = r.getTrackingUrl();
      if (state == YarnApplicationState.RUNNING
          && tracking != null
          && !tracking.isBlank()
          && !tracking.equals(lastTracking)) {
        out.println("Tracking URL: " + tracking);
        lastTracking = tracking;
      }
      if (isFinal(state)) {
        return r;
      }
      if (state == YarnApplicationState.RUNNING) {
        String line = progress.apply(r.getOriginalTrackingUrl());
        if (line != null && !line.equals(lastProgress)) {
          out.println(line);
          lastProgress = line;
        }
      }
      Thread.sleep(interval.toMillis()); // polling the ResourceManager at weft.yarn.report.interval
    }
  }

  /** Why an attempt ended, as far as the ResourceManager says; null when it does not. */
  private String attemptDiagnostics(ApplicationAttemptId attempt) {
    try {
      return reports.attemptDiagnostics(attempt);
    } catch (IOException | YarnException e) {
      return null; // only a detail of the message
    }
  }

  /** {@code ": "} and the first line of YARN's diagnostics, or nothing when there are none. */
  private static String firstLine(String diagnostics) {
    if (diagnostics == null || diagnostics.isBlank()) {
      return "";
    }
    return ": " + diagnostics.strip().lines().findFirst().orElse("");
  }

  private static String stateNote(ApplicationReport r) {
    if (r.getYarnApplicationState() == YarnApplicationState.FINISHED) {
      return " (" + r.getFinalApplicationStatus() + ")";
    }
    return "";
  }

  static boolean isFinal(YarnApplicationState state) {
    return state == YarnApplicationState.FINISHED
        || state == YarnApplicationState.FAILED
        || state == YarnApplicationState.KILLED;
  }

  /**
   * The exit code of a final report: 0 for SUCCEEDED, {@link YarnSubmit#EXIT_KILLED} for KILLED,
   * else {@link YarnSubmit#EXIT_JOB_FAILED}.
   */
  static int exitCode(ApplicationReport r) {
    FinalApplicationStatus status = r.getFinalApplicationStatus();
    if (r.getYarnApplicationState() == YarnApplicationState.KILLED
        || status == FinalApplicationStatus.KILLED) {
      return YarnSubmit.EXIT_KILLED;
    }
    if (r.getYarnApplicationState() == YarnApplicationState.FINISHED
        && status == FinalApplicationStatus.SUCCEEDED) {
      return YarnSubmit.EXIT_OK;
    }
    return YarnSubmit.EXIT_JOB_FAILED;
  }
}
