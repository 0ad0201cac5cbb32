package dev.weft.client.embedded;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * The embedded master's cluster: a MiniDFSCluster (one DataNode) and a MiniYARNCluster (one
 * NodeManager running the {@code weft_shuffle} aux service from its shaded jar).
 *
 * <p>It runs in its own class loader over the mini cluster's libraries (which must never reach the
 * engine's classpath), so it talks to the launcher through JDK types only: it is constructed with a
 * {@code Map<String, String>} of settings, {@link #get} returns the cluster's Hadoop configuration
 * as a map, and {@link #close} stops it.
 */
public final class EmbeddedHadoop implements Supplier<Map<String, String>>, AutoCloseable {
  /** Setting: the work directory of both clusters. */
  public static final String WORK_DIR = "workDir";

  /** Setting: the shaded shuffle service jar the NodeManager loads. */
  public static final String SHUFFLE_SERVICE_JAR = "shuffleServiceJar";

  /** Setting: the Java installation of containers. */
  public static final String JAVA_HOME = "javaHome";

  /** Setting: memory the NodeManager offers, in MB. */
  public static final String NODE_MEMORY_MB = "nodeMemoryMb";

  private static final String SHUFFLE_SERVICE = "weft_shuffle";

  private final MiniDFSCluster hdfs;
  private final MiniYARNCluster yarn;
  private final Map<String, String> conf = new TreeMap<>();

  /** Starts both clusters. */
  public EmbeddedHadoop(Map<String, String> settings) throws IOException {
    File work = new File(settings.get(WORK_DIR));
    System.setProperty("test.build.data", new File(work, "data").getAbsolutePath());
    Configuration dfsConf = new Configuration();
    dfsConf.setInt("dfs.replication", 1);
    dfsConf.setLong("dfs.heartbeat.interval", 1);
    hdfs =
        new MiniDFSCluster.Builder(dfsConf, new File(work, "dfs"))
            .numDataNodes(1)
            .storagesPerDatanode(1)
            .skipFsyncForTesting(true)
            .format(true)
            .build();
    MiniYARNCluster started = null;
    try {
      hdfs.waitActive();
      String hdfsUri = hdfs.getURI().toString();
      YarnConfiguration yarnConf = yarnConf(settings, hdfsUri);
      started = new MiniYARNCluster("weft-embedded", 1, 1, 1);
      started.init(yarnConf);
      started.start();
      for (Map.Entry<String, String> e : started.getConfig()) {
        conf.put(e.getKey(), e.getValue());
      }
      conf.put("fs.defaultFS", hdfsUri);
    } catch (IOException | RuntimeException e) {
      if (started != null) {
        started.stop();
      }
      hdfs.shutdown(true);
      throw e;
    }
    yarn = started;
  }

  private static YarnConfiguration yarnConf(Map<String, String> settings, String hdfsUri) {
    YarnConfiguration c = new YarnConfiguration();
    int nodeMb = Integer.parseInt(settings.getOrDefault(NODE_MEMORY_MB, "4096"));
    c.set("fs.defaultFS", hdfsUri);
    c.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
    c.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, nodeMb);
    c.setInt(YarnConfiguration.NM_PMEM_MB, nodeMb);
    c.setInt(YarnConfiguration.NM_VCORES, Math.max(4, Runtime.getRuntime().availableProcessors()));
    c.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    c.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    c.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.9f);
    // Fast start of containers: the scheduler places containers on a NodeManager's heartbeat, and
    // the NodeManager reports finished containers with it (default every second). One node on
    // this machine can afford 10 a second.
    c.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 100);
    // Fast stop (HADOOP-NOTES.md).
    c.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 1);
    c.setLong(YarnConfiguration.NM_SLEEP_DELAY_BEFORE_SIGKILL_MS, 100);
    c.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 500);
    c.set("yarn.scheduler.capacity.root.queues", "default");
    c.set("yarn.scheduler.capacity.root.default.capacity", "100");
    c.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    // Containers run the launcher's Java, whatever JAVA_HOME says (or not).
    c.set(YarnConfiguration.NM_ADMIN_USER_ENV, "JAVA_HOME=" + settings.get(JAVA_HOME));
    c.set(YarnConfiguration.NM_AUX_SERVICES, SHUFFLE_SERVICE);
    c.set(
        "yarn.nodemanager.aux-services." + SHUFFLE_SERVICE + ".class",
        "dev.weft.shuffle.yarn.WeftShuffleService");
    c.set(
        "yarn.nodemanager.aux-services." + SHUFFLE_SERVICE + ".classpath",
        settings.get(SHUFFLE_SERVICE_JAR));
    c.setInt("weft.shuffle.service.port", 0);
    return c;
  }

  /** The cluster's Hadoop configuration: ResourceManager addresses, fs.defaultFS of the HDFS. */
  @Override
  public Map<String, String> get() {
    return new TreeMap<>(conf);
  }

  /** Stops YARN once its NodeManager runs no application (so the stop is fast), then HDFS. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline
        && !yarn.getNodeManager(0).getNMContext().getApplications().isEmpty()) {
      try {
        Thread.sleep(50); // polling the NodeManager's state with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      yarn.stop();
    } finally {
      hdfs.shutdown(true);
    }
  }
}
