package dev.weft.yarn.am.provision;

import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorLaunch;
import dev.weft.spi.cluster.ProvisionerCallbacks;
import dev.weft.spi.scheduler.Backlog;
import dev.weft.spi.scheduler.NodeStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The executor allocator's state: the target executor count, outstanding container requests,
 * containers and their executors, executor failures and node exclusion.
 *
 * <p>Not thread-safe: every method runs on one thread, the {@code weft-yarn-allocator} thread of
 * {@link YarnProvisioner}, which turns the ResourceManager's and NodeManagers' callbacks, the
 * backend's calls and a periodic {@link #tick} into tasks on that thread. Tests call the methods
 * directly with fake ports and a manual clock.
 */
public final class Allocator {
  private static final Logger LOG = LogManager.getLogger(Allocator.class);

  /** The ResourceManager side: container requests, releases, the blacklist. */
  public interface ResourceManagerPort {
    /** Asks for one executor container preferring {@code nodes} (empty: any node). */
    void addRequest(long requestId, List<String> nodes);

    /** Withdraws a request added with {@link #addRequest}. */
    void removeRequest(long requestId);

    /** Gives a container back. */
    void release(ContainerId container);

    /** Changes the blacklist. */
    void updateExclusions(List<String> add, List<String> remove);
  }

  /** The NodeManager side: starts an executor in an allocated container, asynchronously. */
  public interface Launcher {
    /**
     * Starts {@code launch} in {@code container}; the outcome comes back as {@link
     * #onContainerStarted} or {@link #onStartFailed}.
     */
    void launch(Container container, ExecutorLaunch launch);
  }

  /**
   * Settings and collaborators of an allocator.
   *
   * @param targetExecutors the executor count at start
   * @param maxExecutorFailures executor failures that fail the application; 0 or less: twice the
   *     highest target so far, at least 3
   * @param dynamicAllocation whether the driver moves the target; the application then fails when a
   *     node has no shuffle service, which released executors' outputs depend on
   */
  public record Settings(
      int targetExecutors,
      int coresPerExecutor,
      int maxExecutorFailures,
      Duration registrationTimeout,
      NodeNames nodeNames,
      ExitClassifier exitClassifier,
      NodeExclusion nodeExclusion,
      LongSupplier clock,
      boolean dynamicAllocation) {

    /** Settings of a fixed executor count. */
    public Settings(
        int targetExecutors,
        int coresPerExecutor,
        int maxExecutorFailures,
        Duration registrationTimeout,
        NodeNames nodeNames,
        ExitClassifier exitClassifier,
        NodeExclusion nodeExclusion,
        LongSupplier clock) {
      this(
          targetExecutors,
          coresPerExecutor,
          maxExecutorFailures,
          registrationTimeout,
          nodeNames,
          exitClassifier,
          nodeExclusion,
          clock,
          false);
    }
  }

  private enum State {
    LAUNCHING,
    STARTED,
    REGISTERED
  }

  private static final class Executor {
    final String id;
    final Container container;
    final String host;
    final String yarnName;
    State state = State.LAUNCHING;
    long startedAt;
    Integer shufflePort;
    String shuffleError;
    final List<CompletableFuture<Integer>> waiting = new ArrayList<>();
    String releaseReason;
    boolean releaseIsFailure;

    Executor(String id, Container container, String host, String yarnName) {
      this.id = id;
      this.container = container;
      this.host = host;
      this.yarnName = yarnName;
    }

    boolean live() {
      return releaseReason == null;
    }
  }

  private final Settings settings;
  private final ResourceManagerPort rm;
  private final Launcher launcher;
  private final Consumer<String> failApplication;
  private final IntConsumer registeredExecutors;

  private DriverAddress driver;
  private ProvisionerCallbacks callbacks;
  // Written on the allocator thread only; volatile for the driver's readiness check.
  private volatile int target;
  private int peakTarget;
  private Backlog backlog = Backlog.EMPTY;
  private boolean stopped;
  private boolean failed;
  // When each counted executor failure happened, oldest first; older than failuresValidity expire.
  private final ArrayDeque<Long> failureTimes = new ArrayDeque<>();
  private Duration failuresValidity;
  private long nextRequestId;
  private int nextExecutorId;
  private int amAttempt = 1;
  private final Map<Long, RequestPlanner.Outstanding> outstanding = new LinkedHashMap<>();
  private final Map<ContainerId, Executor> byContainer = new LinkedHashMap<>();
  private final Map<String, Executor> byId = new HashMap<>();
  private final Map<String, String> hostOfYarnName = new HashMap<>();
  // Nodes YARN reports draining or gone, by YARN name: no container is asked or kept there.
  private final Map<String, NodeStatus.Availability> unusableNodes = new HashMap<>();
  // The shuffle service port of each node an executor started on, by YARN name.
  private final Map<String, Integer> shufflePortOfNode = new HashMap<>();

  /**
   * @param settings sizes, limits and helpers
   * @param rm requests and releases containers
   * @param launcher starts executors in containers
   * @param failApplication called once, with the reason, when executor failures reach the limit
   * @param registeredExecutors receives the number of registered live executors when it changes
   */
  public Allocator(
      Settings settings,
      ResourceManagerPort rm,
      Launcher launcher,
      Consumer<String> failApplication,
      IntConsumer registeredExecutors) {
    this.settings = settings;
    this.rm = rm;
    this.launcher = launcher;
    this.failApplication = failApplication;
    this.registeredExecutors = registeredExecutors;
    this.target = Math.max(0, settings.targetExecutors());
    this.peakTarget = target;
  }

  /** The driver endpoint listens: start asking for executors. */
  public void start(DriverAddress driver, ProvisionerCallbacks callbacks) {
    this.driver = driver;
    this.callbacks = callbacks;
    LOG.info("Asking YARN for {} executors for driver {}:{}", target, driver.host(), driver.port());
    replan();
  }

  /** The executor count the allocator keeps running; readable from any thread. */
  public int target() {
    return target;
  }

  /**
   * The executor count to keep, running and starting; dynamic allocation moves it. A lower target
   * withdraws the requests it no longer needs (and containers granted beyond it are given back),
   * but running executors stay until {@link #killExecutor}.
   */
  public void setTarget(int executors) {
    int next = Math.max(0, executors);
    if (next != target) {
      LOG.info("Executor target {} -> {}", target, next);
    }
    target = next;
    peakTarget = Math.max(peakTarget, next);
    replan();
  }

  /** The scheduler's backlog changed. */
  public void backlogChanged(Backlog backlog) {
    this.backlog = backlog;
    replan();
  }

  /** The ResourceManager granted containers. */
  public void onContainersAllocated(List<Container> containers) {
    for (Container c : containers) {
      if (stopped || driver == null || usableLiveCount() >= target) {
        LOG.debug("Releasing container {}: not needed", c.getId());
        rm.release(c.getId());
        continue;
      }
      if (unusableNodes.containsKey(settings.nodeNames().yarnName(c.getNodeId()))) {
        LOG.info("Releasing container {}: its node {} is draining", c.getId(), c.getNodeId());
        rm.release(c.getId());
        continue;
      }
      String host = settings.nodeNames().executorHost(c.getNodeId());
      String yarnName = settings.nodeNames().yarnName(c.getNodeId());
      hostOfYarnName.put(yarnName, host);
      consumeRequest(host);
      Executor e = new Executor(executorId(amAttempt, ++nextExecutorId), c, host, yarnName);
      byContainer.put(c.getId(), e);
      byId.put(e.id, e);
      ExecutorLaunch launch =
          new ExecutorLaunch(
              driver,
              e.id,
              host,
              settings.nodeNames().rack(c.getNodeId()),
              settings.coresPerExecutor());
      LOG.info("Launching executor {} in container {} on {}", e.id, c.getId(), host);
      launcher.launch(c, launch);
    }
    replan();
  }

  /**
   * A NodeManager started an executor's container; {@code serviceData} holds aux services' data.
   */
  public void onContainerStarted(ContainerId containerId, Map<String, ByteBuffer> serviceData) {
    Executor e = byContainer.get(containerId);
    if (e == null || !e.live()) {
      return;
    }
    if (e.state == State.LAUNCHING) {
      e.state = State.STARTED;
    }
    e.startedAt = settings.clock().getAsLong();
    ByteBuffer port =
        serviceData == null ? null : serviceData.get(ExecutorContextFactory.SHUFFLE_SERVICE);
    if (port != null && port.remaining() >= 4) {
      e.shufflePort = port.duplicate().getInt();
      shufflePortOfNode.put(e.yarnName, e.shufflePort);
    } else {
      e.shuffleError = ShuffleServiceCheck.missingOn(e.yarnName, settings.dynamicAllocation());
      if (settings.dynamicAllocation() && !failed) {
        // Released executors' map outputs would be lost: no job can rely on them.
        failed = true;
        failApplication.accept(e.shuffleError);
      }
    }
    completeWaiting(e);
  }

  /** A NodeManager could not start an executor's container. */
  public void onStartFailed(ContainerId containerId, Throwable cause) {
    Executor e = byContainer.get(containerId);
    if (e != null && e.live()) {
      release(
          e,
          "its container could not be started: "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage(),
          true);
    }
  }

  /**
   * An executor registered with the driver and asks its node's shuffle port.
   *
   * @param result completed with the port, or failed when the node has none or the executor is
   *     unknown
   */
  public void shufflePort(String executorId, CompletableFuture<Integer> result) {
    Executor e = byId.get(executorId);
    if (e == null || !e.live()) {
      result.completeExceptionally(
          new IllegalStateException("No live executor '" + executorId + "' in this application"));
      return;
    }
    if (e.state != State.REGISTERED) {
      e.state = State.REGISTERED;
      LOG.info("Executor {} on {} registered", e.id, e.host);
      registeredExecutors.accept(registeredCount());
    }
    e.waiting.add(result);
    completeWaiting(e);
  }

  /** Stops an executor on the backend's request; not a failure. */
  public void killExecutor(String executorId, String reason) {
    Executor e = byId.get(executorId);
    if (e != null && e.live()) {
      release(e, "killed by the driver: " + reason, false);
    }
  }

  /** Containers completed. */
  public void onContainersCompleted(List<ContainerStatus> statuses) {
    for (ContainerStatus s : statuses) {
      Executor e = byContainer.remove(s.getContainerId());
      if (e == null) {
        continue;
      }
      byId.remove(e.id);
      boolean wasRegistered = e.state == State.REGISTERED;
      ExitExplanation x =
          e.releaseReason != null
              ? new ExitExplanation(e.releaseReason, e.releaseIsFailure, e.releaseIsFailure)
              : settings.exitClassifier().explain(s.getExitStatus(), s.getDiagnostics(), false);
      failWaiting(e, "executor " + e.id + " ended: " + x.reason());
      if (wasRegistered) {
        registeredExecutors.accept(registeredCount());
      }
      int failures = failures();
      if (x.countsAsFailure()) {
        failureTimes.addLast(settings.clock().getAsLong());
        failures++;
        LOG.warn(
            "Executor {} on {} failed ({} of at most {} failures): {}",
            e.id,
            e.host,
            failures,
            failureLimit(),
            x.reason());
      } else {
        LOG.info("Executor {} on {} ended: {}", e.id, e.host, x.reason());
      }
      if ((x.countsAsFailure() || x.nodeFault())
          && settings.nodeExclusion().recordFailure(e.yarnName)) {
        LOG.warn("Excluding node {} after repeated executor failures", e.yarnName);
      }
      if (callbacks != null) {
        callbacks.executorExited(e.id, x.reason(), x.countsAsFailure());
      }
      if (x.countsAsFailure() && failures >= failureLimit() && !failed) {
        failed = true;
        failApplication.accept(
            failures
                + " executors failed (weft.yarn.maxExecutorFailures is "
                + failureLimit()
                + "); the last: executor "
                + e.id
                + " on "
                + e.host
                + ": "
                + x.reason());
      }
    }
    applyExclusions();
    replan();
  }

  /**
   * YARN reports nodes whose state changed. A DECOMMISSIONING or UNHEALTHY node drains: no task and
   * no new container is placed there, but its executors finish their tasks and its map outputs stay
   * readable. A LOST, DECOMMISSIONED or SHUTDOWN node is gone with its shuffle service: the
   * scheduler also forgets and recomputes its map outputs at once. A RUNNING node is usable again.
   * Executors on a draining node do not count towards the target, so others replace them.
   */
  public void onNodesUpdated(List<NodeReport> reports) {
    for (NodeReport r : reports) {
      NodeStatus.Availability now = availability(r);
      if (now == null) {
        continue;
      }
      NodeId node = r.getNodeId();
      String yarnName = settings.nodeNames().yarnName(node);
      NodeStatus.Availability before =
          unusableNodes.getOrDefault(yarnName, NodeStatus.Availability.USABLE);
      if (now == before) {
        continue;
      }
      if (now == NodeStatus.Availability.USABLE) {
        unusableNodes.remove(yarnName);
      } else {
        unusableNodes.put(yarnName, now);
      }
      String host = settings.nodeNames().executorHost(node);
      hostOfYarnName.put(yarnName, host);
      String reason = "YARN reports node " + yarnName + " " + r.getNodeState();
      LOG.info("Node {}: {} -> {} ({})", yarnName, before, now, r.getNodeState());
      if (callbacks != null) {
        callbacks.nodeChanged(
            new NodeStatus(
                host, node.getHost(), shufflePortOfNode.getOrDefault(yarnName, 0), now, reason));
      }
    }
    replan();
  }

  private static NodeStatus.Availability availability(NodeReport r) {
    if (r.getNodeState() == null) {
      return null;
    }
    return switch (r.getNodeState()) {
      case RUNNING -> NodeStatus.Availability.USABLE;
      case DECOMMISSIONING, UNHEALTHY -> NodeStatus.Availability.DRAINING;
      case LOST, DECOMMISSIONED, SHUTDOWN -> NodeStatus.Availability.GONE;
      default -> null; // NEW, REBOOTED: the node reports again when it runs
    };
  }

  /** Periodic work: registration timeouts, expired exclusions. */
  public void tick() {
    long now = settings.clock().getAsLong();
    long timeout = settings.registrationTimeout().toMillis();
    for (Executor e : new ArrayList<>(byContainer.values())) {
      if (e.live() && e.state == State.STARTED && now - e.startedAt >= timeout) {
        release(
            e,
            "it did not register with the driver within "
                + settings.registrationTimeout().toSeconds()
                + "s of its container's start (see the container's stderr)",
            true);
      }
    }
    if (applyExclusions()) {
      replan();
    }
  }

  /** Releases every container and withdraws every request; idempotent. */
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    for (Long id : outstanding.keySet()) {
      rm.removeRequest(id);
    }
    outstanding.clear();
    for (Executor e : byContainer.values()) {
      if (e.live()) {
        e.releaseReason = "the application stopped";
        rm.release(e.container.getId());
      }
      failWaiting(e, "the application stopped");
    }
  }

  /** Executor failures that fail the application. */
  private int failureLimit() {
    int set = settings.maxExecutorFailures();
    return set > 0 ? set : Math.max(3, (int) Math.min(Integer.MAX_VALUE, 2L * peakTarget));
  }

  /**
   * Makes executor failures older than {@code validity} stop counting towards {@code
   * weft.yarn.maxExecutorFailures}, so that a long application is not failed by failures spread
   * over its lifetime; null: they never expire.
   */
  public void failuresExpireAfter(Duration validity) {
    this.failuresValidity = validity;
  }

  /**
   * Makes this allocator name its executors as the ApplicationMaster's attempt {@code attempt} does
   * (see {@link #executorId}); call before {@link #start}.
   */
  public void amAttempt(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("expected an AM attempt of 1 or more, found " + attempt);
    }
    this.amAttempt = attempt;
  }

  /**
   * The id of the {@code n}-th executor (from 1) of AM attempt {@code attempt}: {@code n} in the
   * first attempt, as in Spark, and {@code a<attempt>-<n>} in later ones. Ids are thus unique
   * across the attempts of an application, so an executor of an earlier attempt that is still alive
   * never shares a name, a directory or map output files with one of a later attempt.
   */
  public static String executorId(int attempt, int n) {
    return attempt <= 1 ? Integer.toString(n) : "a" + attempt + "-" + n;
  }

  /** Executor failures that count now (those within the validity interval, when one is set). */
  public int failures() {
    if (failuresValidity != null) {
      long oldest = settings.clock().getAsLong() - failuresValidity.toMillis();
      while (!failureTimes.isEmpty() && failureTimes.peekFirst() < oldest) {
        failureTimes.removeFirst();
      }
    }
    return failureTimes.size();
  }

  /** Requests outstanding now (for tests and the UI). */
  public List<RequestPlanner.Outstanding> outstandingRequests() {
    return List.copyOf(outstanding.values());
  }

  /** Live executors (launching, started or registered). */
  public int liveCount() {
    return (int) byContainer.values().stream().filter(Executor::live).count();
  }

  /** Live executors on nodes that are not draining: those that count towards the target. */
  private int usableLiveCount() {
    return (int)
        byContainer.values().stream()
            .filter(e -> e.live() && !unusableNodes.containsKey(e.yarnName))
            .count();
  }

  private int registeredCount() {
    return (int)
        byContainer.values().stream().filter(e -> e.live() && e.state == State.REGISTERED).count();
  }

  private void release(Executor e, String reason, boolean failure) {
    LOG.info("Releasing container {} of executor {}: {}", e.container.getId(), e.id, reason);
    e.releaseReason = reason;
    e.releaseIsFailure = failure;
    rm.release(e.container.getId());
    replan();
  }

  private void consumeRequest(String host) {
    Long match = null;
    for (RequestPlanner.Outstanding o : outstanding.values()) {
      if (o.nodes().contains(host)) {
        match = o.id();
        break;
      }
    }
    if (match == null) {
      match =
          outstanding.values().stream()
              .filter(o -> o.nodes().isEmpty())
              .map(RequestPlanner.Outstanding::id)
              .findFirst()
              .orElse(outstanding.isEmpty() ? null : outstanding.keySet().iterator().next());
    }
    if (match != null) {
      outstanding.remove(match);
      rm.removeRequest(match);
    }
  }

  private void completeWaiting(Executor e) {
    if (e.waiting.isEmpty()) {
      return;
    }
    if (e.shufflePort != null) {
      e.waiting.forEach(f -> f.complete(e.shufflePort));
      e.waiting.clear();
    } else if (e.shuffleError != null) {
      failWaiting(e, e.shuffleError);
    }
  }

  private static void failWaiting(Executor e, String message) {
    e.waiting.forEach(f -> f.completeExceptionally(new IllegalStateException(message)));
    e.waiting.clear();
  }

  private boolean applyExclusions() {
    NodeExclusion.Update u = settings.nodeExclusion().update();
    if (u.isEmpty()) {
      return false;
    }
    if (!u.remove().isEmpty()) {
      LOG.info("Nodes no longer excluded: {}", u.remove());
    }
    rm.updateExclusions(u.add(), u.remove());
    return true;
  }

  private void replan() {
    if (stopped || driver == null) {
      return;
    }
    Map<String, Integer> executorsByHost = new HashMap<>();
    for (Executor e : byContainer.values()) {
      if (e.live() && !unusableNodes.containsKey(e.yarnName)) {
        executorsByHost.merge(e.host, 1, Integer::sum);
      }
    }
    Set<String> excluded = new HashSet<>();
    for (String n : settings.nodeExclusion().excluded()) {
      excluded.add(n);
      excluded.add(hostOfYarnName.getOrDefault(n, n));
    }
    for (String n : unusableNodes.keySet()) {
      excluded.add(n);
      excluded.add(hostOfYarnName.getOrDefault(n, n));
    }
    RequestPlanner.Plan plan =
        RequestPlanner.plan(
            target - usableLiveCount(),
            List.copyOf(outstanding.values()),
            backlog.pendingTasksByHost(),
            executorsByHost,
            settings.coresPerExecutor(),
            excluded);
    for (Long id : plan.cancel()) {
      outstanding.remove(id);
      rm.removeRequest(id);
    }
    for (List<String> nodes : plan.add()) {
      long id = ++nextRequestId;
      outstanding.put(id, new RequestPlanner.Outstanding(id, nodes));
      rm.addRequest(id, nodes);
    }
    if (!plan.isEmpty()) {
      LOG.debug("Container requests: cancelled {}, added {}", plan.cancel(), plan.add());
    }
  }
}
