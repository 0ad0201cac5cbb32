package dev.weft.client;

import dev.weft.yarn.am.DriverStatus;
import java.io.IOException;
import java.time.Duration;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Follows a submitted application to its end: prints each state change, each new ApplicationMaster
 * attempt and the tracking URL, shows the driver's progress while it runs ({@link
 * ConsoleProgress}), keeps the driver's last totals for the summary, and turns the final status
 * into the exit code.
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

  /** Reads the driver's status document; a fake in tests. */
  interface Driver {
    /**
     * The status at the AM's tracking URL with the events after {@code sinceSeq}, or null when it
     * cannot be read now.
     */
    DriverStatus poll(String trackingUrl, long sinceSeq);
  }

  private final Reports reports;
  private final Driver driver;
  private final Duration interval;
  private final ConsoleProgress progress;
  private DriverStatus.Totals totals;

  AppMonitor(Reports reports, Driver driver, Duration interval, ConsoleProgress progress) {
    this.reports = reports;
    this.driver = driver;
    this.interval = interval;
    this.progress = progress;
  }

  /** The driver's totals of the last status read, or null when none had any. */
  DriverStatus.Totals lastTotals() {
    return totals;
  }

  /**
   * Waits for the end of {@code appId}.
   *
   * @return the final report
   */
  ApplicationReport await(ApplicationId appId)
      throws IOException, YarnException, InterruptedException {
    YarnApplicationState last = null;
    String lastDriverState = null;
    PollPace pace = new PollPace(interval);
    String lastTracking = null;
    ApplicationAttemptId lastAttempt = null;
    while (true) {
      ApplicationReport r = reports.report(appId);
      ApplicationAttemptId attempt = r.getCurrentApplicationAttemptId();
      if (attempt != null && lastAttempt != null && !attempt.equals(lastAttempt)) {
        progress.println(
            appId
                + ": attempt "
                + lastAttempt.getAttemptId()
                + " ended, YARN runs attempt "
                + attempt.getAttemptId()
                + firstLine(attemptDiagnostics(lastAttempt)));
        // The new attempt's driver numbers its events from 1 again.
        progress.restart();
      }
      if (attempt != null) {
        lastAttempt = attempt;
      }
      YarnApplicationState state = r.getYarnApplicationState();
      if (isFinal(state)) {
        progress.end();
      }
      if (state != last) {
        progress.println(appId + " is " + state + stateNote(r));
        last = state;
        pace.changed();
      }
      String tracking = r.getTrackingUrl();
      if (state == YarnApplicationState.RUNNING
          && tracking != null
          && !tracking.isBlank()
          && !tracking.equals(lastTracking)) {
        progress.println("Tracking URL: " + tracking);
        lastTracking = tracking;
      }
      if (isFinal(state)) {
        return r;
      }
      if (state == YarnApplicationState.RUNNING) {
        DriverStatus status = driver.poll(r.getOriginalTrackingUrl(), progress.lastSeq());
        if (status != null && status.totals() != null) {
          totals = status.totals();
        }
        if (status != null
            && (!java.util.Objects.equals(status.state(), lastDriverState) || jobEnded(status))) {
          // The application's end may follow within a moment.
          lastDriverState = status.state();
          pace.changed();
        }
        progress.update(status);
      }
      // Polling the ResourceManager: fast after a change, up to weft.yarn.report.interval.
      Thread.sleep(pace.nextWaitMillis());
    }
  }

  private static boolean jobEnded(DriverStatus status) {
    return status.events().stream().anyMatch(e -> e.kind() == DriverStatus.EventKind.JOB_ENDED);
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
