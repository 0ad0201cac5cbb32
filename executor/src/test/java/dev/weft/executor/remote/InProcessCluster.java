package dev.weft.executor.remote;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.ClusterBackend;
import dev.weft.shuffle.server.ShuffleServer;
import dev.weft.shuffle.server.ShuffleServerConfig;
import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorLaunch;
import dev.weft.spi.cluster.ExecutorProvisioner;
import dev.weft.spi.cluster.ProvisionerCallbacks;
import dev.weft.spi.scheduler.Backlog;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerBackendFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A driver, N executors and one shuffle server in this JVM, wired as on YARN: the driver runs a
 * {@link ClusterBackend} (master "yarn", served by {@link Factory} while a cluster is open), a
 * provisioner starts executors through {@link ExecutorRuntime} with their own local dirs, and the
 * executors fetch each other's map outputs through the shuffle server.
 */
final class InProcessCluster implements AutoCloseable {
  static final String APP_ID = "application_1_0001";
  static final byte[] SECRET = "the-application-secret".getBytes(StandardCharsets.UTF_8);

  private static volatile InProcessCluster current;

  final ShuffleServer shuffle;

  /** Each executor's own node's shuffle server, when executors are on nodes of their own. */
  final Map<String, ShuffleServer> nodeServers = new ConcurrentHashMap<>();

  final Provisioner provisioner;
  final WeftContext context;
  private final File root;
  private final int attempt;
  volatile ClusterBackend backend;

  InProcessCluster(File root, int executors, Map<String, String> conf) throws IOException {
    this(root, executors, 1, conf);
  }

  /**
   * @param attempt the application attempt the driver is, as after restarts of the driver
   */
  InProcessCluster(File root, int executors, int attempt, Map<String, String> conf)
      throws IOException {
    this(root, executors, attempt, false, conf);
  }

  /**
   * A cluster whose executors each run on a node of their own, with its own shuffle server ({@link
   * #nodeServers}), so that a test can lose one node's shuffle service.
   */
  static InProcessCluster withNodePerExecutor(File root, int executors, Map<String, String> conf)
      throws IOException {
    return new InProcessCluster(root, executors, 1, true, conf);
  }

  private InProcessCluster(
      File root, int executors, int attempt, boolean nodePerExecutor, Map<String, String> conf)
      throws IOException {
    this.root = root;
    this.attempt = attempt;
    boolean encrypted = Boolean.parseBoolean(conf.get("weft.shuffle.encryption.enabled"));
    this.shuffle = startServer(root, encrypted);
    if (nodePerExecutor) {
      for (int i = 1; i <= executors; i++) {
        nodeServers.put("exec-" + i, startServer(root, encrypted));
      }
    }
    this.provisioner = new Provisioner(executors);
    current = this;
    WeftConf weftConf =
        new WeftConf(false)
            .setMaster("yarn")
            .set("weft.memory.reserved", "0")
            .set("weft.executor.memory", "128m")
            .set("weft.executor.heartbeatInterval", "200ms");
    conf.forEach(weftConf::set);
    try {
      this.context = new WeftContext(weftConf);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    await(() -> backend.liveExecutors().size() == executors, "all executors to connect");
  }

  ExecutorRuntime executor(String id) {
    return provisioner.runtimes.get(id).join();
  }

  @Override
  public void close() {
    try {
      if (context != null) {
        context.close();
      }
      for (CompletableFuture<ExecutorRuntime> r : provisioner.runtimes.values()) {
        r.thenCompose(ExecutorRuntime::exitCode).orTimeout(20, TimeUnit.SECONDS).join();
      }
    } finally {
      current = null;
      shuffle.close();
      nodeServers.values().forEach(ShuffleServer::close);
    }
  }

  /** A shuffle server that knows the application, requiring encryption as the conf does. */
  private static ShuffleServer startServer(File root, boolean encryptionRequired)
      throws IOException {
    ShuffleServer server =
        new ShuffleServer(ShuffleServerConfig.builder().port(0).ioThreads(2).build());
    server.start();
    server.registerApplication(
        APP_ID, SECRET, List.of(root.toPath().toAbsolutePath()), encryptionRequired);
    return server;
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** Starts executors as threads of this JVM, each with its own local dirs. */
  final class Provisioner implements ExecutorProvisioner {
    private final int count;
    final Map<String, CompletableFuture<ExecutorRuntime>> runtimes = new ConcurrentHashMap<>();
    final Set<String> killed = ConcurrentHashMap.newKeySet();
    volatile boolean stopped;

    Provisioner(int count) {
      this.count = count;
    }

    @Override
    public void start(DriverAddress driver, ProvisionerCallbacks callbacks) {
      for (int i = 1; i <= count; i++) {
        String id = "exec-" + i;
        ExecutorLaunch launch = new ExecutorLaunch(driver, id, "localhost", null, 2);
        List<File> dirs = List.of(new File(root, id + "-a"), new File(root, id + "-b"));
        runtimes.put(
            id,
            CompletableFuture.supplyAsync(
                () -> ExecutorRuntime.start(launch, SECRET, dirs, "localhost")));
      }
    }

    @Override
    public void backlogChanged(Backlog backlog) {}

    @Override
    public CompletableFuture<Integer> shufflePort(String executorId) {
      return CompletableFuture.completedFuture(
          nodeServers.getOrDefault(executorId, shuffle).port());
    }

    @Override
    public void killExecutor(String executorId, String reason) {
      killed.add(executorId);
    }

    @Override
    public void stop() {
      stopped = true;
    }
  }

  /** Serves master "yarn" with the cluster that is open. */
  public static final class Factory implements SchedulerBackendFactory {
    @Override
    public boolean accepts(String master) {
      return master.equals("yarn") && current != null;
    }

    @Override
    public SchedulerBackend create(String master, WeftConfig config, DriverServices services) {
      InProcessCluster cluster = current;
      cluster.backend =
          new ClusterBackend(
              config, services, cluster.provisioner, APP_ID, cluster.attempt, SECRET, "localhost");
      return cluster.backend;
    }
  }
}
