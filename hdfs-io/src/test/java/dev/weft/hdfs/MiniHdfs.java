package dev.weft.hdfs;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An in-process HDFS for integration tests: one NameNode and two DataNodes with small settings,
 * shared by the tests of one class.
 *
 * <pre>{@code
 * private static MiniHdfs hdfs;
 *
 * @BeforeClass public static void startHdfs() throws IOException { hdfs = MiniHdfs.start(MyIT.class); }
 * @AfterClass public static void stopHdfs() { hdfs.close(); }
 *
 * Path file = hdfs.writeFile("/in/a.txt", bytes, 1 << 20); // 1 MiB blocks
 * }</pre>
 *
 * <p>Its files live under {@code <build dir>/minidfs/<test class>} (the build directory comes from
 * the {@code weftTestDir} system property that Maven sets, else {@code target}) and are deleted at
 * {@link #close()}. Every DataNode reports host {@code 127.0.0.1}. The smallest block size is
 * lowered to 1 KiB so that tests can cut small files into many blocks.
 *
 * <p>{@link #close()} stops the cluster, closes the cached {@link FileSystem} of the cluster's URI
 * (so no client thread stays behind) and fails if a non-daemon thread started by the cluster is
 * still alive a few seconds later.
 */
public final class MiniHdfs implements Closeable {
  /** The number of DataNodes, and so the replication of every file. */
  public static final int DATA_NODES = 2;

  private static final Logger LOG = LogManager.getLogger(MiniHdfs.class);
  private static final long THREAD_EXIT_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(10);

  private final MiniDFSCluster cluster;
  private final Configuration conf;
  private final FileSystem fs;
  private final File baseDir;
  private final Set<Thread> threadsBefore;
  private boolean closed;

  private MiniHdfs(
      MiniDFSCluster cluster, Configuration conf, File baseDir, Set<Thread> threadsBefore)
      throws IOException {
    this.cluster = cluster;
    this.conf = conf;
    this.baseDir = baseDir;
    this.threadsBefore = threadsBefore;
    this.fs = FileSystem.get(cluster.getURI(), conf);
  }

  /** Starts a cluster whose DataNodes are all in the default rack. */
  public static MiniHdfs start(Class<?> testClass) throws IOException {
    return start(testClass, null);
  }

  /**
   * Starts a cluster for the tests of {@code testClass} and waits until it is active.
   *
   * @param racks the rack of each DataNode ({@link #DATA_NODES} entries, e.g. {@code "/rack-a"}),
   *     or null for the default rack
   */
  public static MiniHdfs start(Class<?> testClass, String[] racks) throws IOException {
    if (racks != null && racks.length != DATA_NODES) {
      throw new IllegalArgumentException(
          "Expected " + DATA_NODES + " racks, one per DataNode, got " + racks.length);
    }
    File baseDir = new File(new File(buildDir(), "minidfs"), testClass.getSimpleName());
    FileUtil.fullyDelete(baseDir);
    Configuration conf = smallClusterConf(baseDir);
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    long startNanos = System.nanoTime();
    MiniDFSCluster.Builder builder =
        new MiniDFSCluster.Builder(conf, baseDir)
            .numDataNodes(DATA_NODES)
            .storagesPerDatanode(1)
            .skipFsyncForTesting(true)
            .format(true);
    if (racks != null) {
      builder.racks(racks.clone());
    }
    MiniDFSCluster cluster = builder.build();
    try {
      cluster.waitActive();
      MiniHdfs hdfs = new MiniHdfs(cluster, new Configuration(conf), baseDir, threadsBefore);
      hdfs.conf.set(FileSystem.FS_DEFAULT_NAME_KEY, cluster.getURI().toString());
      LOG.info(
          "MiniDFSCluster for {} started at {} in {} ms",
          testClass.getSimpleName(),
          cluster.getURI(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
      return hdfs;
    } catch (IOException | RuntimeException e) {
      cluster.shutdown(true);
      throw e;
    }
  }

  private static Configuration smallClusterConf(File baseDir) {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.getAbsolutePath());
    conf.setInt("dfs.replication", DATA_NODES);
    conf.setLong("dfs.namenode.fs-limits.min-block-size", 1024);
    conf.setInt("dfs.bytes-per-checksum", 512);
    conf.setInt("dfs.namenode.handler.count", 4);
    conf.setInt("dfs.namenode.service.handler.count", 2);
    conf.setInt("dfs.datanode.handler.count", 2);
    conf.setLong("dfs.heartbeat.interval", 1);
    conf.setInt("dfs.namenode.safemode.extension", 0);
    // No background scans of the DataNodes' disks during a short test run.
    conf.setLong("dfs.block.scanner.volume.bytes.per.second", 0);
    conf.setInt("dfs.datanode.directoryscan.interval", -1);
    // Fail fast instead of retrying for minutes when a test talks to a stopped cluster.
    conf.setInt("ipc.client.connect.max.retries", 1);
    conf.setInt("ipc.client.connect.max.retries.on.timeouts", 1);
    return conf;
  }

  /** The build directory this run writes to: {@code weftTestDir}, else {@code target}. */
  private static File buildDir() {
    String dir = System.getProperty("weftTestDir");
    return new File(dir == null || dir.isEmpty() ? "target" : dir).getAbsoluteFile();
  }

  /**
   * A copy of the cluster's client configuration; its {@code fs.defaultFS} is the cluster, so
   * unqualified paths resolve into it.
   */
  public Configuration conf() {
    return new Configuration(conf);
  }

  /** The cluster's file system (shared and cached: do not close it). */
  public FileSystem fs() {
    return fs;
  }

  /** The cluster's URI, e.g. {@code hdfs://localhost:41234}. */
  public URI uri() {
    return cluster.getURI();
  }

  /** {@code path} qualified with the cluster's URI, e.g. {@code hdfs://localhost:41234/in/a}. */
  public Path path(String path) {
    return fs.makeQualified(new Path(path));
  }

  /**
   * Writes {@code data} to a new file (replacing one that exists) with the given block size.
   *
   * @param blockSize at least 1 KiB and a multiple of 512 bytes
   * @return the file's qualified path
   */
  public Path writeFile(String path, byte[] data, long blockSize) throws IOException {
    Path qualified = path(path);
    try (OutputStream out = fs.create(qualified, true, 64 * 1024, (short) DATA_NODES, blockSize)) {
      out.write(data);
    }
    return qualified;
  }

  /** The underlying cluster, for what this class does not cover. */
  public MiniDFSCluster cluster() {
    return cluster;
  }

  /**
   * Stops the cluster, deletes its files and checks that its threads ended. Idempotent.
   *
   * @throws IllegalStateException if a non-daemon thread started with the cluster is still alive
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long startNanos = System.nanoTime();
    try {
      fs.close();
    } catch (IOException e) {
      LOG.warn("Closing the client of {} failed: {}", cluster.getURI(), e.toString());
    } finally {
      cluster.shutdown(true);
      FileUtil.fullyDelete(baseDir);
    }
    List<Thread> left = nonDaemonThreadsLeft();
    LOG.info(
        "MiniDFSCluster stopped in {} ms",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    if (!left.isEmpty()) {
      throw new IllegalStateException(
          "MiniDFSCluster left non-daemon threads running: "
              + left.stream().map(Thread::getName).collect(Collectors.joining(", ")));
    }
  }

  /** The non-daemon threads started since the cluster started that are alive after a deadline. */
  private List<Thread> nonDaemonThreadsLeft() {
    long deadline = System.currentTimeMillis() + THREAD_EXIT_TIMEOUT_MS;
    List<Thread> left = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isDaemon() || threadsBefore.contains(thread)) {
        continue;
      }
      long remaining = deadline - System.currentTimeMillis();
      try {
        thread.join(Math.max(1, remaining));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (thread.isAlive()) {
        left.add(thread);
      }
    }
    return left;
  }
}
