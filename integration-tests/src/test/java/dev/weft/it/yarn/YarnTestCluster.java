package dev.weft.it.yarn;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * HDFS and YARN for the tests of one class, as a user's cluster looks to {@code yarn-submit}: a
 * MiniDFSCluster with two DataNodes and a MiniYARNCluster with two NodeManagers running the {@code
 * weft_shuffle} aux service, and a {@code HADOOP_CONF_DIR} that points at both.
 *
 * <p>Each DataNode has its own host name ({@code dn0.weft.test}, {@code dn1.weft.test}) and YARN
 * names nodes with their port ({@code localhost:<port>}), so the two machines of the test are
 * distinct identities: {@link #hostAliases()} pairs DataNode i with NodeManager i for {@code
 * weft.locality.hostAliases} (HADOOP-NOTES.md, locality in mini clusters). Each NodeManager offers
 * {@value #NODE_MEMORY_MB} MB: the AM and one executor, or one executor, at the sizes of {@link
 * #smallContainers()}.
 */
public final class YarnTestCluster implements AutoCloseable {
  static final int NODES = 2;
  static final int NODE_MEMORY_MB = 1024;

  private final MiniDFSCluster hdfs;
  private final MiniYarn yarn;
  private final Path confDir;
  private final Configuration conf;

  private YarnTestCluster(MiniDFSCluster hdfs, MiniYarn yarn, Path confDir, Configuration conf) {
    this.hdfs = hdfs;
    this.yarn = yarn;
    this.confDir = confDir;
    this.conf = conf;
  }

  /** Starts both clusters and writes their configuration into a fresh conf dir. */
  public static YarnTestCluster start(Class<?> testClass) throws IOException {
    return start(testClass, NODE_MEMORY_MB, Map.of());
  }

  /**
   * Starts both clusters with NodeManagers of {@code nodeMemoryMb} MB each (and containers up to
   * that size), e.g. to hold more executors than {@value #NODE_MEMORY_MB} MB do.
   */
  public static YarnTestCluster start(Class<?> testClass, int nodeMemoryMb) throws IOException {
    return start(testClass, nodeMemoryMb, Map.of());
  }

  /**
   * Starts both clusters, YARN with more settings (e.g. queues), and writes their configuration
   * into a fresh conf dir.
   */
  public static YarnTestCluster start(Class<?> testClass, Map<String, String> yarnSettings)
      throws IOException {
    return start(testClass, NODE_MEMORY_MB, yarnSettings);
  }

  /**
   * Starts both clusters with NodeManagers of {@code nodeMemoryMb} MB and YARN with {@code
   * yarnSettings} on top, and writes their configuration into a fresh conf dir.
   */
  public static YarnTestCluster start(
      Class<?> testClass, int nodeMemoryMb, Map<String, String> yarnSettings) throws IOException {
    File base =
        new File(System.getProperty("weftTestDir", "target"), "yarn-" + testClass.getSimpleName());
    FileUtil.fullyDelete(base);
    Configuration dfsConf = new Configuration();
    dfsConf.setLong("dfs.namenode.fs-limits.min-block-size", 1024);
    dfsConf.setInt("dfs.replication", 1);
    dfsConf.setLong("dfs.heartbeat.interval", 1);
    MiniDFSCluster hdfs =
        new MiniDFSCluster.Builder(dfsConf, new File(base, "dfs"))
            .numDataNodes(NODES)
            .hosts(new String[] {"dn0.weft.test", "dn1.weft.test"})
            .storagesPerDatanode(1)
            .skipFsyncForTesting(true)
            .format(true)
            .build();
    hdfs.waitActive();
    Map<String, String> extra = new HashMap<>();
    extra.put("yarn.scheduler.include-port-in-node-name", "true");
    extra.put(YarnConfiguration.NM_PMEM_MB, Integer.toString(nodeMemoryMb));
    extra.put(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, Integer.toString(nodeMemoryMb));
    extra.putAll(yarnSettings);
    MiniYarn yarn = MiniYarn.start(testClass, NODES, extra);
    Configuration conf = new Configuration(yarn.conf());
    conf.set("fs.defaultFS", hdfs.getURI().toString());
    Path confDir = base.toPath().resolve("hadoop-conf");
    Files.createDirectories(confDir);
    for (String site : List.of("core-site.xml", "yarn-site.xml")) {
      try (OutputStream out = Files.newOutputStream(confDir.resolve(site))) {
        conf.writeXml(out);
      }
    }
    return new YarnTestCluster(hdfs, yarn, confDir, conf);
  }

  /** The directory to give {@code yarn-submit} as {@code HADOOP_CONF_DIR}. */
  public Path confDir() {
    return confDir;
  }

  /** The cluster's configuration: ResourceManager addresses and the HDFS default file system. */
  public Configuration conf() {
    return conf;
  }

  public YarnConfiguration yarnConf() {
    return new YarnConfiguration(conf);
  }

  public MiniYarn yarn() {
    return yarn;
  }

  public FileSystem fs() throws IOException {
    return hdfs.getFileSystem();
  }

  /** The ResourceManager's web address, {@code host:port}. */
  public String rmWebAddress() {
    return yarn.conf().get(YarnConfiguration.RM_WEBAPP_ADDRESS);
  }

  /**
   * {@code dn0.weft.test=localhost:<port of NM 0>,...}: DataNode i and NodeManager i are one host.
   */
  public String hostAliases() {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      NodeId node = yarn.nodeManager(i).getNMContext().getNodeId();
      pairs.add("dn" + i + ".weft.test=" + node);
    }
    return String.join(",", pairs);
  }

  /**
   * The {@code --conf} options that size the AM (256m heap + 128m) and executors (384m heap + 200m,
   * rounded up by YARN to 640 MB) to fit this cluster: one executor per node.
   */
  public static List<String> smallContainers() {
    return List.of(
        "--driver-memory", "256m",
        "--conf", "weft.driver.memoryOverhead=128m",
        "--executor-memory", "384m",
        "--conf", "weft.executor.memoryOverhead=200m",
        "--conf", "weft.memory.reserved=32m",
        "--num-executors", "2");
  }

  @Override
  public void close() throws IOException {
    try {
      yarn.close();
    } finally {
      hdfs.shutdown(true);
    }
  }
}
