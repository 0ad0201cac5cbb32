package dev.weft.client;

import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.yarn.am.YarnConfig;
import dev.weft.yarn.am.provision.ShellWords;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the {@code embedded} master adds to a job's configuration: containers small enough for a
 * laptop when the user sized none, JVMs that start fast ({@link #QUICK_JIT}), and local input paths
 * usable as they are (the job's default file system is the local one, and relative paths resolve
 * against the launcher's working directory). Staging still goes to the embedded HDFS.
 */
final class EmbeddedDefaults {
  /** Heap of the driver (the AM) when neither --driver-memory nor weft.driver.memory is given. */
  static final String DRIVER_MEMORY = "384m";

  /** Heap of each executor when neither --executor-memory nor weft.executor.memory is given. */
  static final String EXECUTOR_MEMORY = "512m";

  /** Overhead of a container whose heap is one of the defaults above. */
  static final String MEMORY_OVERHEAD = "256m";

  static final String DEFAULT_FS = WeftConfig.HADOOP_PREFIX + "fs.defaultFS";

  /**
   * The first Java option of the embedded master's containers: the JIT's quick tier only. The
   * ApplicationMaster and the executors start at once on one machine beside the mini clusters, and
   * the profiling tier's compilations took most of its CPU: a trivial job went from submission to
   * SUCCEEDED in 12-18 s with it against 36-41 s without (2 busy cores). Long CPU-bound jobs lose
   * peak speed; they set {@code -XX:TieredStopAtLevel=4} in weft.driver.extraJavaOptions or
   * weft.executor.extraJavaOptions, which comes later on the command line and wins.
   */
  static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

  private EmbeddedDefaults() {}

  /**
   * Adds the embedded defaults to {@code entries} where the user set nothing.
   *
   * @return the keys that are meant for the job only, not for the submitting client
   */
  static Set<String> apply(Map<String, String> entries, Path workingDir) {
    Set<String> jobOnly = new HashSet<>();
    if (!entries.containsKey(YarnConfig.DRIVER_MEMORY.name())) {
      entries.put(YarnConfig.DRIVER_MEMORY.name(), DRIVER_MEMORY);
      entries.putIfAbsent(YarnConfig.DRIVER_MEMORY_OVERHEAD.name(), MEMORY_OVERHEAD);
    }
    if (!entries.containsKey(CoreConfig.EXECUTOR_MEMORY.name())) {
      entries.put(CoreConfig.EXECUTOR_MEMORY.name(), EXECUTOR_MEMORY);
      entries.putIfAbsent(YarnConfig.EXECUTOR_MEMORY_OVERHEAD.name(), MEMORY_OVERHEAD);
    }
    if (!entries.containsKey(DEFAULT_FS)) {
      entries.put(DEFAULT_FS, "file:///");
      jobOnly.add(DEFAULT_FS);
    }
    String userDir = ShellWords.quote("-Duser.dir=" + workingDir.toAbsolutePath().normalize());
    for (String key :
        new String[] {
          YarnConfig.DRIVER_JAVA_OPTIONS.name(), YarnConfig.EXECUTOR_JAVA_OPTIONS.name()
        }) {
      String given = entries.get(key);
      entries.put(
          key,
          QUICK_JIT
              + " "
              + (given == null || given.isBlank() ? userDir : given.strip() + " " + userDir));
    }
    return jobOnly;
  }
}
