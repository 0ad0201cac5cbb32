package dev.weft.client;

import dev.weft.core.status.EventLogWriter;
import dev.weft.ui.UiConfig;
import dev.weft.yarn.am.DriverStatus;
import dev.weft.yarn.am.YarnConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * The YARN masters: finds the cluster (or starts the embedded one), checks the queue, submits the
 * application, follows it to its end and cleans up; and {@code --status} / {@code --kill}.
 */
final class YarnLauncher {
  /** The history server's address, declared by the history server's configuration. */
  private final Map<String, String> env;

  private final PrintStream out;
  private final PrintStream err;

  YarnLauncher(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Submits the application to the master of {@code conf} and waits for its end. */
  int run(SubmitOptions options, SubmitConf conf, AppClasspath classpath, String mainClass)
      throws SubmitException {
    boolean embedded = Masters.EMBEDDED.equals(conf.master());
    EmbeddedMaster cluster = null;
    Thread stopOnExit = null;
    try {
      Configuration clusterConf;
      if (embedded) {
        out.println("Starting the embedded HDFS and YARN (master embedded)...");
        cluster = EmbeddedMaster.start();
        EmbeddedMaster started = cluster;
        stopOnExit = new Thread(started::close, "weft-embedded-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        clusterConf = ClusterConf.of(cluster.conf());
        out.println("Embedded HDFS: " + clusterConf.get("fs.defaultFS"));
        out.println("Embedded YARN web UI: http://" + webapp(clusterConf) + "/cluster");
        try {
          out.println(
              "Embedded cluster's HADOOP_CONF_DIR (for --status, --kill): "
                  + cluster.writeConfDir(clusterConf));
        } catch (IOException e) {
          out.println("Warning: cannot write the embedded cluster's configuration: " + e);
        }
      } else {
        clusterConf = ClusterConf.fromEnvironment(env, "--master yarn");
      }
      ClusterConf.apply(clusterConf, conf.clientHadoopEntries());
      // Hadoop's security must know the cluster's settings before the first call to it.
      UserGroupInformation user = ClientLogin.login(clusterConf, conf.config());
      Configuration hadoop = clusterConf;
      return ClientLogin.as(
          user, () -> submitAndFollow(options, conf, classpath, mainClass, hadoop, embedded));
    } finally {
      if (cluster != null) {
        out.println("Stopping the embedded HDFS and YARN");
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
          // Already shutting down: the hook stops the cluster.
        }
        cluster.close();
      }
    }
  }

  private int submitAndFollow(
      SubmitOptions options,
      SubmitConf conf,
      AppClasspath classpath,
      String mainClass,
      Configuration clusterConf,
      boolean embedded)
      throws SubmitException {
    try (ResourceManager rm = ResourceManager.connect(clusterConf)) {
      checkQueue(rm, conf.config().get(YarnConfig.QUEUE));
      List<Path> runtimeJars;
      try {
        runtimeJars =
            RuntimeJars.of(
                System.getProperty("java.class.path"),
                EmbeddedMaster.launcherDir().resolve(EmbeddedMaster.LIB_DIR));
      } catch (IOException e) {
        throw new SubmitException("Cannot list the launcher's classpath: " + e.getMessage());
      }
      String home = env.get(YarnSubmit.WEFT_HOME_ENV);
      YarnSubmission submission =
          new YarnSubmission(
              clusterConf,
              rm,
              runtimeJars,
              home == null || home.isEmpty() ? null : Path.of(home),
              // The embedded cluster's containers run on this machine.
              embedded);
      YarnSubmission.Submitted submitted =
          submission.submit(
              new YarnSubmission.App(
                  conf,
                  mainClass,
                  options.appArgs,
                  classpath,
                  options.jars,
                  options.files,
                  options.archives));
      ApplicationId appId = submitted.appId();
      out.println(
          "Submitted "
              + appId
              + " to the ResourceManager at "
              + rm.address()
              + " (queue "
              + conf.config().get(YarnConfig.QUEUE)
              + ")");
      out.println(
          "ResourceManager web UI: http://" + webapp(clusterConf) + "/cluster/app/" + appId);
      try {
        AppMonitor monitor =
            new AppMonitor(
                new AppMonitor.Reports() {
                  @Override
                  public ApplicationReport report(ApplicationId id)
                      throws IOException, YarnException {
                    return withTrackingUrl(rm.client().getApplicationReport(id), clusterConf);
                  }

                  @Override
                  public String attemptDiagnostics(ApplicationAttemptId attempt)
                      throws IOException, YarnException {
                    return rm.client().getApplicationAttemptReport(attempt).getDiagnostics();
                  }
                },
                new DriverStatusPoller(submitted.statusToken())::poll,
                conf.config().get(YarnConfig.REPORT_INTERVAL),
                ConsoleProgress.of(
                    ProgressMode.of(options.progress, env, System.console() != null),
                    out,
                    ProgressMode.terminalWidth(env)));
        ApplicationReport r = monitor.await(appId);
        printSummary(r, monitor.lastTotals(), conf);
        return finish(r);
      } catch (IOException | YarnException e) {
        throw rm.failure("to report on " + appId, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SubmitException("Interrupted; " + appId + " goes on", YarnSubmit.EXIT_JOB_FAILED);
      } finally {
        YarnSubmission.deleteQuietly(submitted.staging());
      }
    }
  }

  private void printSummary(ApplicationReport r, DriverStatus.Totals totals, SubmitConf conf) {
    long duration =
        r.getStartTime() > 0 && r.getFinishTime() >= r.getStartTime()
            ? r.getFinishTime() - r.getStartTime()
            : -1;
    ApplicationAttemptId attempt = r.getCurrentApplicationAttemptId();
    String history =
        attempt == null
            ? null
            : RunSummary.historyUrl(
                conf.config().get(UiConfig.HISTORY_ADDRESS),
                EventLogWriter.fileName(
                    r.getApplicationId().toString(), Integer.toString(attempt.getAttemptId())));
    String app =
        r.getApplicationId()
            + " ("
            + r.getYarnApplicationState()
            + (r.getYarnApplicationState() == YarnApplicationState.FINISHED
                ? ", " + r.getFinalApplicationStatus()
                : "")
            + ")";
    RunSummary.lines(app, duration, totals, history).forEach(out::println);
  }

  private int finish(ApplicationReport r) {
    int code = AppMonitor.exitCode(r);
    String diagnostics = r.getDiagnostics() == null ? "" : r.getDiagnostics().strip();
    if (code == YarnSubmit.EXIT_JOB_FAILED) {
      err.println(
          "Job failed: " + (diagnostics.isEmpty() ? r.getFinalApplicationStatus() : diagnostics));
    } else if (code == YarnSubmit.EXIT_KILLED) {
      err.println(
          r.getApplicationId() + " was killed" + (diagnostics.isEmpty() ? "" : ": " + diagnostics));
    }
    return code;
  }

  /** {@code --status} or {@code --kill} of {@code appId} on the cluster of the environment. */
  int appCommand(String option, ApplicationId appId, SubmitConf conf) throws SubmitException {
    Configuration clusterConf = ClusterConf.fromEnvironment(env, option);
    ClusterConf.apply(clusterConf, conf.clientHadoopEntries());
    UserGroupInformation user = ClientLogin.login(clusterConf, conf.config());
    return ClientLogin.as(
        user,
        () -> {
          try (ResourceManager rm = ResourceManager.connect(clusterConf)) {
            return option.equals("--status")
                ? AppCommands.status(rm, appId, clusterConf, out)
                : AppCommands.kill(rm, appId, clusterConf, conf, out);
          }
        });
  }

  private static void checkQueue(ResourceManager rm, String queue) throws SubmitException {
    try {
      QueueCheck.check(queue, rm);
    } catch (SubmitException e) {
      throw e;
    } catch (Exception e) {
      throw rm.failure("to list its queues", e);
    }
  }

  private static String webapp(Configuration conf) {
    return conf.get(
        YarnConfiguration.RM_WEBAPP_ADDRESS, YarnConfiguration.DEFAULT_RM_WEBAPP_ADDRESS);
  }

  /**
   * {@code r}, with a tracking URL through the ResourceManager's web proxy when the report's says
   * port 0 (the embedded cluster's proxy reports no port of its own).
   */
  static ApplicationReport withTrackingUrl(ApplicationReport r, Configuration conf) {
    String url = r.getTrackingUrl();
    if (url != null && !url.isBlank()) {
      try {
        URI uri = URI.create(url.contains("://") ? url : "http://" + url);
        if (uri.getPort() == 0) {
          r.setTrackingUrl("http://" + webapp(conf) + "/proxy/" + r.getApplicationId() + "/");
        }
      } catch (IllegalArgumentException e) {
        // Keep YARN's.
      }
    }
    return r;
  }
}
