package dev.weft.yarn.am.provision;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.ConfigType;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.ClusterBackend;
import dev.weft.core.scheduler.DynamicAllocationSettings;
import dev.weft.core.scheduler.HostNames;
import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorLaunch;
import dev.weft.spi.cluster.ExecutorProvisioner;
import dev.weft.spi.cluster.ProvisionerCallbacks;
import dev.weft.spi.scheduler.Backlog;
import dev.weft.yarn.am.YarnConfig;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.net.NetworkTopology;
import org.apache.hadoop.net.Node;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.util.RackResolver;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs executors in YARN containers: asks the ResourceManager for {@code weft.executor.instances}
 * containers (with dynamic allocation: the initial executors, then the driver's targets) with node
 * preferences from the scheduler's backlog, launches {@code ExecutorMain} in them through {@link
 * NMClientAsync}, replaces executors that end, releases executors that do not register in time,
 * excludes nodes where executors keep failing, and fails the application after {@code
 * weft.yarn.maxExecutorFailures} failures.
 *
 * <p>Threads: all allocator state lives in {@link Allocator} and is touched only by the single
 * {@code weft-yarn-allocator} thread. The ResourceManager client's callback thread, the NodeManager
 * client's threads, the backend's threads and a one-second timer only post tasks to it. Container
 * sizes are those of {@link ContainerSizing}.
 */
public final class YarnProvisioner implements ExecutorProvisioner {
  private static final Logger LOG = LogManager.getLogger(YarnProvisioner.class);
  private static final Priority PRIORITY = Priority.newInstance(1);

  private final ProvisionerContext context;
  private final ScheduledExecutorService loop;
  private final Allocator allocator;
  private final AllocationWatchdog watchdog;
  private final Resource capability;
  private final ExecutorContextFactory contexts;
  private final NMClientAsync nmClient;
  private final HeartbeatPace pace;
  private final Map<Long, ContainerRequest> requests = new HashMap<>();
  // Executor id -> its NodeManager's container log page, for the web UI (any thread reads it).
  private final Map<String, String> logUrls = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean stopped;
  private volatile Thread loopThread;

  /**
   * @throws ConfigException when an executor's container is larger than the cluster grants, or the
   *     executor options are malformed
   */
  public YarnProvisioner(WeftConfig config, ProvisionerContext context) {
    this.context = context;
    ContainerSizing sizing = ContainerSizing.of(config);
    this.capability = Resource.newInstance(sizing.containerMemoryMb(), sizing.vcores());
    Resource max = context.maxCapability();
    String tooLarge =
        max == null
            ? null
            : sizing.exceedsLargestContainer(max.getMemorySize(), max.getVirtualCores());
    if (tooLarge != null) {
      throw new ConfigException(tooLarge);
    }
    try {
      this.contexts =
          new ExecutorContextFactory(
              context.spec(),
              sizing,
              config.get(YarnConfig.EXECUTOR_JAVA_OPTIONS),
              context.javaCommand(),
              context.containerEnv(),
              context.credentials(),
              context.secret(),
              ClusterBackend.shuffleEncryptionEnabled(config));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    boolean dynamic = DynamicAllocationSettings.enabled(config);
    int instances;
    if (dynamic) {
      ShuffleServiceCheck.requireConfigured(context.hadoopConf());
      instances =
          DynamicAllocationSettings.of(
                  config,
                  config.contains(YarnConfig.EXECUTOR_INSTANCES)
                      ? config.get(YarnConfig.EXECUTOR_INSTANCES)
                      : null)
              .initialExecutors();
    } else {
      instances = config.get(YarnConfig.EXECUTOR_INSTANCES);
    }
    Integer maxFailures = config.get(YarnConfig.MAX_EXECUTOR_FAILURES);
    boolean includePort =
        context
            .hadoopConf()
            .getBoolean(
                YarnConfiguration.RM_SCHEDULER_INCLUDE_PORT_IN_NODE_NAME,
                YarnConfiguration.DEFAULT_RM_SCHEDULER_USE_PORT_FOR_NODE_NAME);
    RackResolver.init(context.hadoopConf());
    NodeNames names = new NodeNames(includePort, HostNames.of(config), YarnProvisioner::rackOf);
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "weft-yarn-allocator");
              t.setDaemon(true);
              loopThread = t;
              return t;
            });
    this.allocator =
        new Allocator(
            new Allocator.Settings(
                instances,
                config.get(CoreConfig.EXECUTOR_CORES),
                maxFailures != null ? maxFailures : 0,
                config.get(YarnConfig.EXECUTOR_REGISTRATION_TIMEOUT),
                names,
                new ExitClassifier(
                    ConfigType.formatSize(sizing.heapBytes()), sizing.overheadText()),
                new NodeExclusion(
                    config.get(YarnConfig.NODE_EXCLUSION_MAX_FAILURES),
                    config.get(YarnConfig.NODE_EXCLUSION_TIMEOUT),
                    System::currentTimeMillis),
                System::currentTimeMillis,
                dynamic),
            new AmrmPort(),
            this::launch,
            context.failApplication(),
            context.registeredExecutors());
    allocator.amAttempt(context.amAttempt());
    allocator.failuresExpireAfter(config.get(YarnConfig.EXECUTOR_FAILURES_VALIDITY_INTERVAL));
    this.watchdog =
        new AllocationWatchdog(
            config.get(YarnConfig.EXECUTOR_ALLOCATION_TIMEOUT),
            capability.getMemorySize() + " MB and " + capability.getVirtualCores() + " vcores",
            config.get(YarnConfig.QUEUE),
            System::currentTimeMillis,
            context.failApplication());
    this.pace = new HeartbeatPace(ms -> context.amrm().setHeartbeatInterval(ms));
    this.nmClient = NMClientAsync.createNMClientAsync(new NmCallbacks());
    nmClient.init(context.hadoopConf());
    nmClient.start();
    LOG.info(
        "Executor containers: {} MB ({} heap, {} overhead), {} vcores",
        capability.getMemorySize(),
        sizing.jvmMemoryOptions().get(0),
        sizing.overheadText(),
        capability.getVirtualCores());
  }

  /**
   * Gives executors launched from now on {@code fresh} delegation tokens (the running ones get them
   * from the driver).
   */
  public void updateCredentials(org.apache.hadoop.security.Credentials fresh) {
    contexts.updateCredentials(fresh);
  }

  @Override
  public void start(DriverAddress driver, ProvisionerCallbacks callbacks) {
    post(() -> allocator.start(driver, callbacks));
    loop.scheduleWithFixedDelay(
        () ->
            safely(
                () -> {
                  allocator.tick();
                  pace.requestsWaiting(!allocator.outstandingRequests().isEmpty());
                  watchdog.check(allocator.liveCount(), allocator.outstandingRequests().size());
                }),
        1,
        1,
        TimeUnit.SECONDS);
  }

  @Override
  public void backlogChanged(Backlog backlog) {
    post(() -> allocator.backlogChanged(backlog));
  }

  @Override
  public CompletableFuture<Integer> shufflePort(String executorId) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    if (!post(() -> allocator.shufflePort(executorId, result))) {
      result.completeExceptionally(new IllegalStateException("The application stopped"));
    }
    return result;
  }

  @Override
  public void killExecutor(String executorId, String reason) {
    post(() -> allocator.killExecutor(executorId, reason));
  }

  @Override
  public int targetExecutors() {
    return allocator.target();
  }

  /** True: the allocator follows any target the driver sets. */
  @Override
  public boolean supportsDynamicAllocation() {
    return true;
  }

  @Override
  public void requestTotalExecutors(int total) {
    post(() -> allocator.setTarget(total));
  }

  /** The ResourceManager granted containers (its callback thread). */
  public void onContainersAllocated(List<Container> containers) {
    if (!post(() -> allocator.onContainersAllocated(containers))) {
      containers.forEach(c -> context.amrm().releaseAssignedContainer(c.getId()));
    }
  }

  /** Nodes changed state (the ResourceManager client's callback thread). */
  public void onNodesUpdated(List<org.apache.hadoop.yarn.api.records.NodeReport> reports) {
    post(() -> allocator.onNodesUpdated(reports));
  }

  /** Containers completed (the ResourceManager client's callback thread). */
  public void onContainersCompleted(List<ContainerStatus> statuses) {
    post(() -> allocator.onContainersCompleted(statuses));
  }

  @Override
  public void stop() {
    if (stopped) {
      return;
    }
    try {
      if (Thread.currentThread() == loopThread) {
        allocator.stop();
      } else {
        loop.submit(allocator::stop).get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.warn("Could not release the executors' containers cleanly", e);
    }
    stopped = true;
    loop.shutdownNow();
    nmClient.stop();
    LOG.info("Stopped the YARN executor provisioner");
  }

  private boolean post(Runnable task) {
    if (stopped) {
      return false;
    }
    try {
      loop.execute(() -> safely(task));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private static void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("Executor allocator failed on an event", e);
    }
  }

  private void launch(Container container, ExecutorLaunch launch) {
    logUrls.put(launch.executorId(), containerLogUrl(container));
    nmClient.startContainerAsync(container, contexts.create(launch));
  }

  @Override
  public String executorLogUrl(String executorId) {
    return logUrls.get(executorId);
  }

  /** The NodeManager's page of a container's logs: {@code /node/containerlogs/<id>/<user>}. */
  private String containerLogUrl(Container container) {
    String user;
    try {
      user = org.apache.hadoop.security.UserGroupInformation.getCurrentUser().getShortUserName();
    } catch (java.io.IOException e) {
      user = System.getProperty("user.name");
    }
    String scheme = YarnConfiguration.useHttps(context.hadoopConf()) ? "https://" : "http://";
    return scheme
        + container.getNodeHttpAddress()
        + "/node/containerlogs/"
        + container.getId()
        + "/"
        + user;
  }

  private static String rackOf(String host) {
    try {
      Node node = RackResolver.resolve(host);
      String rack = node == null ? null : node.getNetworkLocation();
      return rack == null || rack.isEmpty() ? NetworkTopology.DEFAULT_RACK : rack;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Requests and releases through the AM's ResourceManager client; allocator thread only. */
  private final class AmrmPort implements Allocator.ResourceManagerPort {
    @Override
    public void addRequest(long requestId, List<String> nodes) {
      ContainerRequest r =
          new ContainerRequest(
              capability,
              nodes.isEmpty() ? null : nodes.toArray(String[]::new),
              null,
              PRIORITY,
              true);
      requests.put(requestId, r);
      context.amrm().addContainerRequest(r);
      pace.requestsWaiting(true);
    }

    @Override
    public void removeRequest(long requestId) {
      ContainerRequest r = requests.remove(requestId);
      if (r != null) {
        context.amrm().removeContainerRequest(r);
      }
    }

    @Override
    public void release(ContainerId container) {
      context.amrm().releaseAssignedContainer(container);
    }

    @Override
    public void updateExclusions(List<String> add, List<String> remove) {
      context.amrm().updateBlacklist(add, remove);
    }
  }

  /** Forwards the NodeManager client's callbacks to the allocator thread. */
  private final class NmCallbacks extends NMClientAsync.AbstractCallbackHandler {
    @Override
    public void onContainerStarted(ContainerId containerId, Map<String, ByteBuffer> data) {
      Map<String, ByteBuffer> copy = data == null ? Map.of() : Map.copyOf(data);
      post(() -> allocator.onContainerStarted(containerId, copy));
    }

    @Override
    public void onStartContainerError(ContainerId containerId, Throwable t) {
      post(() -> allocator.onStartFailed(containerId, t));
    }

    @Override
    public void onContainerStatusReceived(ContainerId containerId, ContainerStatus status) {}

    @Override
    public void onContainerStopped(ContainerId containerId) {}

    @Override
    public void onContainerResourceIncreased(ContainerId containerId, Resource resource) {}

    @Override
    public void onContainerResourceUpdated(ContainerId containerId, Resource resource) {}

    @Override
    public void onGetContainerStatusError(ContainerId containerId, Throwable t) {}

    @Override
    public void onIncreaseContainerResourceError(ContainerId containerId, Throwable t) {}

    @Override
    public void onUpdateContainerResourceError(ContainerId containerId, Throwable t) {}

    @Override
    public void onStopContainerError(ContainerId containerId, Throwable t) {}
  }
}
