package dev.weft.core.status;

import dev.weft.core.config.ConfigDeclarations;
import dev.weft.core.config.ConfigKey;

/** Keys of the event log ({@code weft.eventLog.*}) and of the status model the UI shows. */
public final class StatusConfig implements ConfigDeclarations {

  public static final ConfigKey<Boolean> EVENT_LOG_ENABLED =
      ConfigKey.bool("weft.eventLog.enabled")
          .doc(
              "Write the application's event log (JSON lines of application, job, stage, task and"
                  + " executor events) to weft.eventLog.dir, for bin/weft-history. Unset: true on"
                  + " YARN (masters yarn and embedded), false for local[N].")
          .build();

  public static final ConfigKey<String> EVENT_LOG_DIR =
      ConfigKey.string("weft.eventLog.dir")
          .doc(
              "Directory of event logs, on any Hadoop file system; one file per application"
                  + " attempt, ending in .inprogress while it runs. Unset: .weft/history in the"
                  + " user's home directory on the default file system (/user/<user>/.weft/history"
                  + " on HDFS).")
          .check(s -> !s.isBlank(), "a directory path or URI")
          .build();

  public static final ConfigKey<Integer> RETAINED_JOBS =
      ConfigKey.integer("weft.ui.retainedJobs")
          .defaultValue("1000")
          .doc("Finished jobs the UI and REST API remember; older ones are forgotten.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Integer> RETAINED_STAGES =
      ConfigKey.integer("weft.ui.retainedStages")
          .defaultValue("1000")
          .doc("Finished stage attempts the UI and REST API remember; older ones are forgotten.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Integer> RETAINED_TASKS =
      ConfigKey.integer("weft.ui.retainedTasks")
          .defaultValue("10000")
          .doc(
              "Ended task attempts the UI remembers per stage attempt (the stage's totals still"
                  + " count every task); older ones are forgotten.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Integer> RETAINED_DEAD_EXECUTORS =
      ConfigKey.integer("weft.ui.retainedDeadExecutors")
          .defaultValue("100")
          .doc("Removed executors the UI remembers; older ones are forgotten.")
          .check(n -> n >= 0, "0 or more")
          .build();
}
