package dev.weft.core.rpc;

import com.google.protobuf.ByteString;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.proto.DriverMessage;
import dev.weft.core.rpc.proto.KillTask;
import dev.weft.core.rpc.proto.RemoveBroadcast;
import dev.weft.core.rpc.proto.Unpersist;
import dev.weft.core.rpc.proto.UpdateCredentials;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorProvisioner;
import dev.weft.spi.cluster.ProvisionerCallbacks;
import dev.weft.spi.scheduler.Backlog;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The scheduler backend of executors in other processes (YARN containers): it runs the driver's
 * gRPC endpoint, which executors register with and keep a stream open to, and leaves starting and
 * stopping executor processes to an {@link ExecutorProvisioner}.
 *
 * <p>An executor is offered to the scheduler once its stream is open, and removed (once) when its
 * stream fails or ends, when it is silent past {@code weft.network.timeout}, or when the
 * provisioner reports that its process ended. The scheduler's calls only queue messages on the
 * executors' streams and never block.
 */
public final class ClusterBackend implements SchedulerBackend {
  private static final Logger LOG = LogManager.getLogger(ClusterBackend.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

  private final WeftConfig config;
  private final DriverServices services;
  private final ExecutorProvisioner provisioner;
  private final String applicationId;
  private final int applicationAttempt;
  private final byte[] secret;
  private final String bindHost;
  private final boolean encrypted;

  /** With dynamic allocation, the provisioner's target at start: readiness is measured on it. */
  private final int initialTarget;

  private final boolean dynamicAllocation;

  /** Every executor id that ever asked to register: ids are never reused. */
  private final Set<String> knownIds = ConcurrentHashMap.newKeySet();

  private final Map<String, ExecutorConnection> executors = new ConcurrentHashMap<>();
  private volatile SchedulerCallbacks callbacks;

  /** The latest delegation tokens, sent to executors as they connect; null before any. */
  private volatile DriverMessage credentials;

  private Server server;
  private ScheduledExecutorService timer;
  private volatile boolean stopped;

  /**
   * @param config the application's configuration
   * @param services what executors ask the driver for (map outputs, broadcasts, commits)
   * @param provisioner starts and stops executor processes
   * @param applicationId the application's id
   * @param secret the application's secret; executors prove that they know it, and the driver
   *     proves it to them, without sending it
   * @param bindHost the host name executors reach the driver at (the endpoint listens on all
   *     interfaces)
   */
  public ClusterBackend(
      WeftConfig config,
      DriverServices services,
      ExecutorProvisioner provisioner,
      String applicationId,
      byte[] secret,
      String bindHost) {
    this(config, services, provisioner, applicationId, 1, secret, bindHost);
  }

  /**
   * @param applicationAttempt which attempt at the application this driver is (1 for the first)
   * @see #ClusterBackend(WeftConfig, DriverServices, ExecutorProvisioner, String, byte[], String)
   */
  public ClusterBackend(
      WeftConfig config,
      DriverServices services,
      ExecutorProvisioner provisioner,
      String applicationId,
      int applicationAttempt,
      byte[] secret,
      String bindHost) {
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException(
          "expected a non-empty secret for application " + applicationId + ", found none");
    }
    this.config = config;
    this.services = services;
    this.provisioner = provisioner;
    this.applicationId = applicationId;
    this.applicationAttempt = applicationAttempt;
    this.secret = secret.clone();
    this.bindHost = bindHost;
    this.dynamicAllocation =
        config.get(CoreConfig.DYNAMIC_ALLOCATION_ENABLED)
            && provisioner.supportsDynamicAllocation();
    this.initialTarget = provisioner.targetExecutors();
    this.encrypted = encryptionEnabled(config);
  }

  /**
   * Whether the driver RPC is encrypted: {@code weft.rpc.encryption.enabled} when set, else whether
   * Hadoop security (Kerberos) is enabled.
   */
  public static boolean encryptionEnabled(WeftConfig config) {
    Boolean configured = config.get(CoreConfig.RPC_ENCRYPTION_ENABLED);
    return configured != null ? configured : UserGroupInformation.isSecurityEnabled();
  }

  /**
   * Whether shuffle connections are encrypted: {@code weft.shuffle.encryption.enabled} when set,
   * else whether Hadoop security (Kerberos) is enabled. The driver tells its executors the value it
   * resolved (see {@link #executorConfig}), and the launcher tells the shuffle service.
   */
  public static boolean shuffleEncryptionEnabled(WeftConfig config) {
    Boolean configured = config.get(CoreConfig.SHUFFLE_ENCRYPTION_ENABLED);
    return configured != null ? configured : UserGroupInformation.isSecurityEnabled();
  }

  /**
   * The settings executors receive at registration: the driver's, with the choices the driver
   * resolved from its own environment (whether shuffle connections are encrypted) made explicit.
   */
  static Map<String, String> executorConfig(WeftConfig config) {
    Map<String, String> entries = new HashMap<>(config.entries());
    entries.put(
        CoreConfig.SHUFFLE_ENCRYPTION_ENABLED.name(),
        Boolean.toString(shuffleEncryptionEnabled(config)));
    return entries;
  }

  /** Whether this driver's RPC is encrypted. */
  public boolean encrypted() {
    return encrypted;
  }

  /**
   * Starts the endpoint on {@code weft.driver.port}, then the provisioner with its address.
   *
   * @throws UncheckedIOException naming the port when the endpoint cannot listen
   */
  @Override
  public synchronized void start(SchedulerCallbacks callbacks) {
    this.callbacks = callbacks;
    int port = config.get(CoreConfig.DRIVER_PORT);
    DriverService service =
        new DriverService(
            this,
            services,
            executorConfig(config),
            config.get(CoreConfig.RPC_REGISTRATION_TIMEOUT));
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "weft-driver-heartbeats");
              t.setDaemon(true);
              return t;
            });
    SelfSignedCertificate certificate =
        encrypted ? SelfSignedCertificate.generate("weft-driver " + applicationId) : null;
    DriverAuthenticator authenticator =
        new DriverAuthenticator(
            applicationId,
            secret,
            certificate == null ? new byte[0] : certificate.fingerprint(),
            config.get(CoreConfig.RPC_REGISTRATION_TIMEOUT).toMillis(),
            timer,
            (id, why) -> LOG.warn("Refused the authentication of executor {}: {}", id, why));
    AuthInterceptor auth = new AuthInterceptor(authenticator, this::isLive);
    try {
      NettyServerBuilder builder =
          NettyServerBuilder.forPort(port)
              .maxInboundMessageSize(Math.toIntExact(config.get(CoreConfig.RPC_MESSAGE_MAX_SIZE)))
              .addTransportFilter(authenticator.transportFilter())
              .addService(
                  ServerInterceptors.intercept(
                      service.definition(authenticator::authenticate), auth));
      if (certificate != null) {
        builder.sslContext(RpcTls.serverContext(certificate));
      }
      server = builder.build().start();
    } catch (IOException e) {
      timer.shutdownNow();
      throw new UncheckedIOException(
          "Cannot start the driver endpoint on port " + port + " (weft.driver.port): " + e, e);
    }
    long checkMillis = config.get(CoreConfig.EXECUTOR_HEARTBEAT_INTERVAL).toMillis();
    timer.scheduleWithFixedDelay(
        this::checkHeartbeats, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    if (services != null) {
      services.addListener(
          new SchedulerListener() {
            @Override
            public void onStageCompleted(StageInfo stage, String failure) {
              executors.values().forEach(c -> c.dropStage(stage.stageId(), stage.attempt()));
            }
          });
    }
    LOG.info(
        "Driver endpoint of {} listens on {}:{} ({})",
        applicationId,
        bindHost,
        port(),
        encrypted ? "TLS" : "not encrypted");
    provisioner.start(
        new DriverAddress(bindHost, port(), applicationId, encrypted),
        new ProvisionerCallbacks() {
          @Override
          public void executorExited(String executorId, String reason, boolean countsAsFailure) {
            removeExecutor(executorId, reason, false);
          }

          @Override
          public void nodeChanged(dev.weft.spi.scheduler.NodeStatus status) {
            callbacks.nodeChanged(status);
          }
        });
  }

  @Override
  public void launchTask(TaskDescription task) {
    ExecutorConnection c = executors.get(task.executorId());
    if (c == null || !c.launch(task)) {
      callbacks.taskEnded(
          task.taskId(),
          new TaskEndReason.ExecutorLost(
              task.executorId(),
              c == null
                  ? "executor " + task.executorId() + " is not registered"
                  : "executor " + task.executorId() + " is gone"));
    }
  }

  @Override
  public void killTask(String executorId, long taskId, String reason) {
    ExecutorConnection c = executors.get(executorId);
    if (c != null) {
      c.send(
          DriverMessage.newBuilder()
              .setKillTask(KillTask.newBuilder().setTaskId(taskId).setReason(reason))
              .build());
    }
  }

  @Override
  public void unpersist(int nodeId) {
    sendToAll(
        DriverMessage.newBuilder().setUnpersist(Unpersist.newBuilder().setNodeId(nodeId)).build());
  }

  @Override
  public void removeBroadcast(long broadcastId) {
    sendToAll(
        DriverMessage.newBuilder()
            .setRemoveBroadcast(RemoveBroadcast.newBuilder().setBroadcastId(broadcastId))
            .build());
  }

  /**
   * Sends fresh Hadoop delegation tokens to every connected executor, and to each executor that
   * connects later, which adds them to its Hadoop user (a secure cluster's AM re-obtains tokens
   * before the old ones expire).
   *
   * @param tokens {@code org.apache.hadoop.security.Credentials} in their token storage format
   */
  public void updateCredentials(byte[] tokens) {
    DriverMessage message =
        DriverMessage.newBuilder()
            .setUpdateCredentials(
                UpdateCredentials.newBuilder().setTokens(ByteString.copyFrom(tokens)))
            .build();
    credentials = message;
    sendToAll(message);
    LOG.info("Sent updated delegation tokens to {} executors", liveExecutors().size());
  }

  private void sendToAll(DriverMessage message) {
    executors.values().forEach(c -> c.send(message));
  }

  @Override
  public void backlogChanged(Backlog backlog) {
    provisioner.backlogChanged(backlog);
  }

  @Override
  public boolean supportsDynamicAllocation() {
    return provisioner.supportsDynamicAllocation();
  }

  @Override
  public int targetExecutors() {
    return provisioner.targetExecutors();
  }

  @Override
  public void requestTotalExecutors(int total) {
    provisioner.requestTotalExecutors(total);
  }

  /**
   * Stops the executor (a stop message on its stream, so it ends cleanly) and has the provisioner
   * release it; the scheduler is not told, since it released the executor itself.
   */
  @Override
  public void releaseExecutor(String executorId, String reason) {
    ExecutorConnection c = executors.get(executorId);
    if (c == null || stopped || !c.remove(reason, true)) {
      return;
    }
    LOG.debug("Executor {} released: {}", executorId, reason);
    provisioner.killExecutor(executorId, reason);
  }

  /** {@code weft.default.parallelism} when set, else the cores of live executors (at least 2). */
  @Override
  public int defaultParallelism() {
    if (config.contains(CoreConfig.DEFAULT_PARALLELISM)) {
      return config.get(CoreConfig.DEFAULT_PARALLELISM);
    }
    int cores = 0;
    for (ExecutorConnection c : executors.values()) {
      if (c.state() == ExecutorConnection.State.CONNECTED) {
        cores += c.descriptor().cores();
      }
    }
    return Math.max(2, cores);
  }

  @Override
  public String applicationId() {
    return applicationId;
  }

  @Override
  public int applicationAttempt() {
    return applicationAttempt;
  }

  /** The port the driver endpoint listens on, once started; -1 before. */
  public synchronized int port() {
    return server == null ? -1 : server.getPort();
  }

  /**
   * Ready once {@code weft.scheduler.minRegisteredExecutorsRatio} of the provisioner's target have
   * an open stream (always, when the provisioner names no target). With dynamic allocation the
   * target moves with the backlog, so the share is of the initial target.
   */
  @Override
  public boolean isReady() {
    int target = dynamicAllocation ? initialTarget : provisioner.targetExecutors();
    if (target <= 0) {
      return true;
    }
    double ratio = config.get(CoreConfig.MIN_REGISTERED_EXECUTORS_RATIO);
    return liveExecutors().size() >= Math.ceil(ratio * target);
  }

  /** The executors whose stream is open, by id. */
  public Set<String> liveExecutors() {
    Set<String> live = new TreeSet<>();
    executors.forEach(
        (id, c) -> {
          if (c.state() == ExecutorConnection.State.CONNECTED) {
            live.add(id);
          }
        });
    return live;
  }

  /** Tells executors to stop, stops the provisioner and the endpoint (within a bound). */
  @Override
  public void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    executors.values().forEach(c -> c.remove("the driver is stopping", true));
    try {
      provisioner.stop();
    } finally {
      if (timer != null) {
        timer.shutdownNow();
      }
      if (server != null) {
        server.shutdown();
        try {
          if (!server.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            server.shutdownNow().awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
          }
        } catch (InterruptedException e) {
          server.shutdownNow();
          Thread.currentThread().interrupt();
        }
      }
      LOG.info("Driver endpoint of {} stopped", applicationId);
    }
  }

  // ---- called by DriverService and the timer ----

  /** Claims an executor id for registration; false when it was seen before. */
  boolean reserve(String executorId) {
    return !stopped && knownIds.add(executorId);
  }

  CompletableFuture<Integer> shufflePort(String executorId) {
    return provisioner.shufflePort(executorId).copy();
  }

  void registered(ExecutorConnection c) {
    executors.put(c.descriptor().executorId(), c);
  }

  /** Attaches an executor's stream and offers the executor; null when it may not connect. */
  ExecutorConnection connect(String executorId, StreamObserver<DriverMessage> stream) {
    ExecutorConnection c = executors.get(executorId);
    if (c == null || stopped || !c.connect(stream, System.nanoTime())) {
      return null;
    }
    LOG.info("Executor {} connected", executorId);
    DriverMessage tokens = credentials;
    if (tokens != null) {
      c.send(tokens); // it may have been launched with tokens older than the latest
    }
    callbacks.executorAdded(c.descriptor());
    return c;
  }

  void taskEnded(long taskId, TaskEndReason reason) {
    callbacks.taskEnded(taskId, reason);
  }

  /**
   * Removes an executor once: closes its stream and tells the scheduler.
   *
   * @param kill whether to ask the provisioner to end its process too
   */
  void removeExecutor(String executorId, String reason, boolean kill) {
    ExecutorConnection c = executors.get(executorId);
    if (c == null) {
      knownIds.add(executorId); // it exited before registering: never accept it later
      return;
    }
    if (!c.remove(reason, false) || stopped) {
      return;
    }
    LOG.info("Executor {} removed: {}", executorId, reason);
    if (kill) {
      provisioner.killExecutor(executorId, reason);
    }
    callbacks.executorRemoved(executorId, reason);
  }

  private boolean isLive(String executorId) {
    ExecutorConnection c = executors.get(executorId);
    return c != null && c.state() != ExecutorConnection.State.REMOVED;
  }

  private void checkHeartbeats() {
    Map.Entry<Duration, String> limit = CoreConfig.executorSilenceLimit(config);
    long timeout = limit.getKey().toNanos();
    long now = System.nanoTime();
    executors.forEach(
        (id, c) -> {
          if (c.state() != ExecutorConnection.State.REMOVED && now - c.lastHeardNanos() > timeout) {
            removeExecutor(
                id,
                "no heartbeat for "
                    + Duration.ofNanos(now - c.lastHeardNanos()).toMillis()
                    + " ms ("
                    + limit.getValue()
                    + " is "
                    + limit.getKey().toMillis()
                    + " ms)",
                true);
          }
        });
  }
}
