package dev.weft.core.driver;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.scheduler.ListenerBus;
import dev.weft.core.status.ApplicationEnd;
import dev.weft.core.status.EventLogWriter;
import dev.weft.core.status.EventLogs;
import dev.weft.core.status.StatusEventSource;
import dev.weft.hdfs.HadoopConf;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerBackendFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.hadoop.conf.Configuration;

/**
 * How a driver starts and ends around its scheduler: the scheduler backend found for the master,
 * the event log, the application's user, and the record of the application's end.
 */
final class DriverLifecycle {
  private DriverLifecycle() {}

  /** What {@link #start} started: the backend and, when enabled, the event log. */
  record Started(SchedulerBackend backend, EventLogWriter eventLog) {

    /**
     * Records the application's end and closes the event log, after the scheduler stopped. Under
     * the ApplicationMaster the end is handed over, to be recorded once the program's outcome is
     * known ({@link ApplicationEnd}).
     */
    void finish(ListenerBus bus, StatusEventSource statusEvents) {
      EventLogWriter log = eventLog;
      boolean handed =
          ApplicationEnd.hand(
              failure -> {
                statusEvents.onApplicationEnd(failure);
                if (log != null) {
                  log.close();
                }
              });
      if (!handed) {
        bus.post(l -> l.onApplicationEnd(null));
      }
      bus.stop();
      if (!handed && log != null) {
        log.close();
      }
    }
  }

  /**
   * Creates the backend of {@code master} and opens the event log (a sink of {@code statusEvents});
   * the backend is stopped again when the log cannot be opened.
   */
  static Started start(
      String master,
      WeftConfig config,
      Map<String, String> hadoopOverrides,
      StatusEventSource statusEvents,
      DriverServices services) {
    SchedulerBackend backend = findBackend(master).create(master, config, services);
    if (!EventLogs.enabled(config, master)) {
      return new Started(backend, null);
    }
    try {
      Configuration conf = HadoopConf.withOverrides(hadoopOverrides);
      EventLogWriter log =
          new EventLogWriter(
              EventLogs.dir(config, conf),
              backend.applicationId(),
              statusEvents.attemptId(),
              conf,
              System::currentTimeMillis);
      statusEvents.addSink(log);
      return new Started(backend, log);
    } catch (IOException e) {
      backend.stop();
      throw new UncheckedIOException(
          "Cannot find the event log directory (weft.eventLog.dir): " + e, e);
    } catch (RuntimeException e) {
      backend.stop();
      throw e;
    }
  }

  /**
   * The application's user. Under a local master, {@code HADOOP_USER_NAME} (as Hadoop's simple
   * authentication reads it) or the OS user, without Hadoop's login, which took a fifth of a
   * trivial local job's whole run (a job that reads through Hadoop logs in later anyway); under a
   * cluster master, Hadoop's login user.
   */
  static String currentUser(String master) {
    if (master.startsWith("local")) {
      String name = System.getenv("HADOOP_USER_NAME");
      if (name == null || name.isBlank()) {
        name = System.getProperty("HADOOP_USER_NAME");
      }
      return name == null || name.isBlank() ? System.getProperty("user.name") : name;
    }
    try {
      return org.apache.hadoop.security.UserGroupInformation.getCurrentUser().getShortUserName();
    } catch (IOException e) {
      return System.getProperty("user.name");
    }
  }

  private static SchedulerBackendFactory findBackend(String master) {
    List<String> available = new ArrayList<>();
    for (SchedulerBackendFactory f :
        ServiceLoader.load(SchedulerBackendFactory.class, DriverLifecycle.class.getClassLoader())) {
      if (f.accepts(master)) {
        return f;
      }
      available.add(f.getClass().getSimpleName());
    }
    throw new ConfigException(
        "No scheduler backend on the classpath runs master '"
            + master
            + "'"
            + (master.equals("yarn") || master.equals("embedded")
                ? " (the YARN masters run the driver inside the ApplicationMaster: submit the"
                    + " application with bin/yarn-submit --master "
                    + master
                    + ")"
                : "")
            + "; backends found: "
            + (available.isEmpty() ? "none (is weft-executor on the classpath?)" : available));
  }
}
