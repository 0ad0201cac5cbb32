package dev.weft.it.yarn;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;

/**
 * A MiniYARNCluster for one test class: small containers, fast stop, and the {@code weft_shuffle}
 * auxiliary service loaded into every NodeManager from the shaded jar through its isolated
 * classpath, as a cluster administrator would install it (see HADOOP-NOTES.md for the settings).
 */
public final class MiniYarn implements AutoCloseable {
  /** The aux service's name in {@code yarn.nodemanager.aux-services}. */
  public static final String SHUFFLE_SERVICE = "weft_shuffle";

  private final MiniYARNCluster cluster;
  private final YarnConfiguration conf;
  private final int nodeManagers;

  private MiniYarn(MiniYARNCluster cluster, int nodeManagers) {
    this.cluster = cluster;
    this.nodeManagers = nodeManagers;
    this.conf = new YarnConfiguration(cluster.getConfig());
  }

  /**
   * Starts a cluster of {@code nodeManagers} NodeManagers with the shuffle service.
   *
   * @param extra more settings, e.g. for recovery
   */
  public static MiniYarn start(Class<?> testClass, int nodeManagers, Map<String, String> extra) {
    YarnConfiguration conf = new YarnConfiguration();
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
    conf.setInt(YarnConfiguration.NM_PMEM_MB, 2048);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.9f);
    // Fast stop (HADOOP-NOTES.md): seconds instead of half a minute.
    conf.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 1);
    conf.setLong(YarnConfiguration.NM_SLEEP_DELAY_BEFORE_SIGKILL_MS, 100);
    conf.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 500);
    // The capacity scheduler of the shaded minicluster needs its queue spelled out.
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    // The shuffle service, from the shaded jar, on a free port per NodeManager.
    conf.set(YarnConfiguration.NM_AUX_SERVICES, SHUFFLE_SERVICE);
    conf.set(
        "yarn.nodemanager.aux-services." + SHUFFLE_SERVICE + ".class",
        "dev.weft.shuffle.yarn.WeftShuffleService");
    conf.set(
        "yarn.nodemanager.aux-services." + SHUFFLE_SERVICE + ".classpath", shuffleServiceJar());
    conf.setInt("weft.shuffle.service.port", 0);
    extra.forEach(conf::set);
    MiniYARNCluster cluster = new MiniYARNCluster(testClass.getSimpleName(), nodeManagers, 1, 1);
    cluster.init(conf);
    cluster.start();
    return new MiniYarn(cluster, nodeManagers);
  }

  private static String shuffleServiceJar() {
    String jar = System.getProperty("weftShuffleServiceJar");
    if (jar == null || !new File(jar).isFile()) {
      throw new IllegalStateException(
          "The shaded shuffle service jar is missing (" + jar + "); run mvn verify from the root");
    }
    return new File(jar).getAbsolutePath();
  }

  /** The cluster's configuration, with the ResourceManager's addresses. */
  public YarnConfiguration conf() {
    return conf;
  }

  public MiniYARNCluster cluster() {
    return cluster;
  }

  public NodeManager nodeManager(int i) {
    return cluster.getNodeManager(i);
  }

  /** The port of the shuffle service on the NodeManager {@code node}, from its metadata. */
  public int shufflePort(org.apache.hadoop.yarn.api.records.NodeId node) {
    for (int i = 0; i < nodeManagers; i++) {
      NodeManager nm = cluster.getNodeManager(i);
      if (nm.getNMContext().getNodeId().equals(node)) {
        java.nio.ByteBuffer meta =
            ((org.apache.hadoop.yarn.server.nodemanager.containermanager.ContainerManagerImpl)
                    nm.getNMContext().getContainerManager())
                .getAuxServiceMetaData()
                .get(SHUFFLE_SERVICE);
        return meta.duplicate().getInt();
      }
    }
    throw new IllegalArgumentException("no NodeManager " + node);
  }

  /**
   * Stops the cluster once no NodeManager runs an application any more (so the stop is fast and
   * every aux service saw the applications end).
   */
  @Override
  public void close() throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && anyApplicationRunning()) {
      try {
        Thread.sleep(50); // polling the NodeManagers' state with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    cluster.stop();
  }

  private boolean anyApplicationRunning() {
    for (int i = 0; i < nodeManagers; i++) {
      if (!cluster.getNodeManager(i).getNMContext().getApplications().isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
