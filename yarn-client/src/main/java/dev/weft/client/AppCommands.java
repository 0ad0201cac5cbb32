package dev.weft.client;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;

/** {@code --status APPID} and {@code --kill APPID}. */
final class AppCommands {
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(60);

  private AppCommands() {}

  /**
   * Parses an application id given to {@code option}.
   *
   * @throws SubmitException when it is not of the form application_&lt;timestamp&gt;_&lt;n&gt;
   */
  static ApplicationId parseAppId(String option, String value) throws SubmitException {
    try {
      return ApplicationId.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new SubmitException(
          "Invalid application id '"
              + value
              + "' for "
              + option
              + ": expected application_<cluster timestamp>_<number>, e.g."
              + " application_1700000000000_0001");
    }
  }

  /** Prints the state of {@code appId}; exit code 0 when it exists. */
  static int status(ResourceManager rm, ApplicationId appId, Configuration conf, PrintStream out)
      throws SubmitException {
    ApplicationReport r = YarnLauncher.withTrackingUrl(report(rm, appId), conf);
    out.println("Application:  " + appId + " (" + r.getName() + ", queue " + r.getQueue() + ")");
    out.println("State:        " + r.getYarnApplicationState());
    out.println("Final status: " + r.getFinalApplicationStatus());
    out.println("Progress:     " + Math.round(r.getProgress() * 100) + "%");
    out.println("Tracking URL: " + r.getTrackingUrl());
    String diagnostics = r.getDiagnostics();
    if (diagnostics != null && !diagnostics.isBlank()) {
      out.println("Diagnostics:  " + diagnostics.strip());
    }
    return YarnSubmit.EXIT_OK;
  }

  /**
   * Kills {@code appId}, waits until YARN says it ended, and removes its staging directory.
   *
   * @return 0 once it ended
   */
  static int kill(
      ResourceManager rm,
      ApplicationId appId,
      Configuration conf,
      SubmitConf submitConf,
      PrintStream out)
      throws SubmitException {
    ApplicationReport r = report(rm, appId);
    if (AppMonitor.isFinal(r.getYarnApplicationState())) {
      out.println(appId + " had already ended: " + r.getYarnApplicationState());
    } else {
      try {
        rm.client().killApplication(appId);
        long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
        while (!AppMonitor.isFinal(r.getYarnApplicationState())) {
          if (System.nanoTime() > deadline) {
            throw new SubmitException(
                appId
                    + " is still "
                    + r.getYarnApplicationState()
                    + " "
                    + KILL_TIMEOUT.toSeconds()
                    + "s after the kill",
                YarnSubmit.EXIT_JOB_FAILED);
          }
          Thread.sleep(200); // polling the ResourceManager until the application ended
          r = report(rm, appId);
        }
      } catch (IOException | YarnException e) {
        throw rm.failure("to kill " + appId, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SubmitException("Interrupted while killing " + appId, YarnSubmit.EXIT_JOB_FAILED);
      }
      out.println(appId + " is " + r.getYarnApplicationState());
    }
    try {
      FileSystem fs = FileSystem.get(conf);
      StagingDir.of(fs, YarnSubmission.stagingRoot(fs, submitConf.config()), appId.toString())
          .delete();
    } catch (IOException e) {
      out.println(
          "Warning: cannot remove the staging directory of " + appId + ": " + e.getMessage());
    }
    return YarnSubmit.EXIT_OK;
  }

  private static ApplicationReport report(ResourceManager rm, ApplicationId appId)
      throws SubmitException {
    try {
      return rm.client().getApplicationReport(appId);
    } catch (ApplicationNotFoundException e) {
      throw new SubmitException(
          "Unknown application "
              + appId
              + ": the ResourceManager at "
              + rm.address()
              + " does not know it");
    } catch (IOException | YarnException e) {
      throw rm.failure("to report on " + appId, e);
    }
  }
}
