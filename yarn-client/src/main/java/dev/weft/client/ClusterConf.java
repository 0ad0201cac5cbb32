package dev.weft.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The Hadoop configuration of the cluster a submission goes to: the {@code core-site.xml}, {@code
 * hdfs-site.xml} and {@code yarn-site.xml} of {@code HADOOP_CONF_DIR} and {@code YARN_CONF_DIR}, or
 * the entries of the embedded cluster; then the user's Hadoop settings ({@code weft.hadoop.*}).
 */
final class ClusterConf {
  static final List<String> SITE_FILES = List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml");

  private ClusterConf() {}

  /**
   * The configuration of the cluster named by the environment.
   *
   * @throws SubmitException when neither variable names a directory, or the directories hold no
   *     site file, or a site file does not parse
   */
  static YarnConfiguration fromEnvironment(Map<String, String> env, String what)
      throws SubmitException {
    List<Path> dirs = Masters.confDirs(env);
    if (dirs.isEmpty()) {
      String hadoop = env.get(Masters.HADOOP_CONF_DIR);
      String yarn = env.get(Masters.YARN_CONF_DIR);
      String set = hadoop != null ? Masters.HADOOP_CONF_DIR + "=" + hadoop : null;
      if (set == null && yarn != null) {
        set = Masters.YARN_CONF_DIR + "=" + yarn;
      }
      throw new SubmitException(
          set != null
              ? set
                  + " is not a directory; "
                  + what
                  + " needs the directory of the cluster's"
                  + " core-site.xml and yarn-site.xml"
              : what
                  + " needs HADOOP_CONF_DIR or YARN_CONF_DIR: the directory of the cluster's"
                  + " core-site.xml and yarn-site.xml");
    }
    YarnConfiguration conf = new YarnConfiguration();
    List<Path> found = new ArrayList<>();
    for (Path dir : dirs) {
      for (String site : SITE_FILES) {
        Path file = dir.resolve(site);
        if (Files.isRegularFile(file)) {
          conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
          found.add(file);
        }
      }
    }
    if (found.isEmpty()) {
      throw new SubmitException(
          "No core-site.xml, hdfs-site.xml or yarn-site.xml in "
              + dirs
              + " (HADOOP_CONF_DIR / YARN_CONF_DIR): cannot find the cluster");
    }
    try {
      conf.size(); // loads every resource now, so a malformed file fails here in one line
    } catch (RuntimeException e) {
      throw new SubmitException(
          "Cannot read the Hadoop configuration in " + dirs + ": " + YarnSubmit.describe(e));
    }
    return conf;
  }

  /** A configuration of exactly {@code entries} (the embedded cluster's). */
  static YarnConfiguration of(Map<String, String> entries) {
    YarnConfiguration conf = new YarnConfiguration();
    entries.forEach(conf::set);
    return conf;
  }

  /** Sets the user's Hadoop settings on {@code conf}. */
  static void apply(Configuration conf, Map<String, String> hadoopEntries) {
    hadoopEntries.forEach(conf::set);
  }
}
