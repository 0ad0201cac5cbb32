package dev.weft.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which master a submission runs on when none is given, and where a real cluster's Hadoop
 * configuration is: {@code HADOOP_CONF_DIR} and {@code YARN_CONF_DIR}.
 */
final class Masters {
  static final String YARN = "yarn";
  static final String EMBEDDED = "embedded";
  static final String HADOOP_CONF_DIR = "HADOOP_CONF_DIR";
  static final String YARN_CONF_DIR = "YARN_CONF_DIR";

  private Masters() {}

  /**
   * {@code yarn} when {@code HADOOP_CONF_DIR} or {@code YARN_CONF_DIR} names a directory, else
   * {@code embedded}: a machine without a Hadoop configuration gets the in-process cluster.
   */
  static String defaultMaster(Map<String, String> env) {
    return confDirs(env).isEmpty() ? EMBEDDED : YARN;
  }

  /** Whether {@code master} submits to YARN (a real or the embedded cluster). */
  static boolean isYarn(String master) {
    return YARN.equals(master) || EMBEDDED.equals(master);
  }

  /**
   * The existing directories of {@code HADOOP_CONF_DIR} and {@code YARN_CONF_DIR}, in that order.
   */
  static List<Path> confDirs(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    for (String var : List.of(HADOOP_CONF_DIR, YARN_CONF_DIR)) {
      String value = env.get(var);
      if (value != null && !value.isBlank() && Files.isDirectory(Path.of(value))) {
        Path dir = Path.of(value).toAbsolutePath().normalize();
        if (!dirs.contains(dir)) {
          dirs.add(dir);
        }
      }
    }
    return dirs;
  }
}
