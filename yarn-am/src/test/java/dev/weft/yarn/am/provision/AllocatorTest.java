package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.core.scheduler.HostNames;
import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorLaunch;
import dev.weft.spi.cluster.ProvisionerCallbacks;
import dev.weft.spi.scheduler.Backlog;
import dev.weft.spi.scheduler.NodeStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.Test;

public class AllocatorTest {
  private static final ApplicationAttemptId ATTEMPT =
      ApplicationAttemptId.newInstance(ApplicationId.newInstance(1, 1), 1);

  /** A hand-written ResourceManager. */
  static final class FakeRm implements Allocator.ResourceManagerPort {
    final Map<Long, List<String>> requests = new HashMap<>();
    final List<ContainerId> released = new ArrayList<>();
    final List<String> excluded = new ArrayList<>();

    @Override
    public void addRequest(long requestId, List<String> nodes) {
      requests.put(requestId, nodes);
    }

    @Override
    public void removeRequest(long requestId) {
      requests.remove(requestId);
    }

    @Override
    public void release(ContainerId container) {
      released.add(container);
    }

    @Override
    public void updateExclusions(List<String> add, List<String> remove) {
      excluded.addAll(add);
      excluded.removeAll(remove);
    }
  }

  private final FakeRm rm = new FakeRm();
  private final List<ExecutorLaunch> launched = new ArrayList<>();
  private final List<String> exits = new ArrayList<>();
  private final List<NodeStatus> nodeChanges = new ArrayList<>();
  private final List<String> appFailures = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private int registered;
  private int nextContainer;

  private Allocator allocator(int target, int maxFailures, boolean includePort) {
    return allocator(target, maxFailures, includePort, false);
  }

  private Allocator dynamicAllocator(int target, int maxFailures) {
    return allocator(target, maxFailures, false, true);
  }

  private Allocator allocator(
      int target, int maxFailures, boolean includePort, boolean dynamicAllocation) {
    Allocator a =
        new Allocator(
            new Allocator.Settings(
                target,
                1,
                maxFailures,
                Duration.ofSeconds(30),
                new NodeNames(includePort, HostNames.parse(null), h -> "/rack1"),
                new ExitClassifier("1g", "384m"),
                new NodeExclusion(2, Duration.ofMinutes(10), now::get),
                now::get,
                dynamicAllocation),
            rm,
            (c, launch) -> launched.add(launch),
            appFailures::add,
            n -> registered = n);
    a.start(
        new DriverAddress("am-host", 4000, "application_1_0001"),
        new ProvisionerCallbacks() {
          @Override
          public void executorExited(String id, String reason, boolean failure) {
            exits.add(id + (failure ? " failed: " : " ended: ") + reason);
          }

          @Override
          public void nodeChanged(NodeStatus status) {
            nodeChanges.add(status);
          }
        });
    return a;
  }

  private static NodeReport report(String host, NodeState state) {
    return NodeReport.newInstance(
        NodeId.newInstance(host, 8041),
        state,
        host + ":8042",
        "/rack1",
        Resource.newInstance(0, 0),
        Resource.newInstance(8192, 8),
        0,
        "",
        0L);
  }

  /** Two executors, on n1 and n2, started with the shuffle service on port 7337. */
  private Allocator twoExecutorsOnTwoNodes() {
    Allocator a = allocator(2, 6, false);
    Container c1 = container("n1");
    Container c2 = container("n2");
    a.onContainersAllocated(List.of(c1, c2));
    a.onContainerStarted(c1.getId(), shufflePortData(7337));
    a.onContainerStarted(c2.getId(), shufflePortData(7337));
    assertTrue(rm.requests.isEmpty());
    return a;
  }

  @Test
  public void aDecommissioningNodeDrainsNoContainerIsAskedOrKeptThereAndItsExecutorIsReplaced() {
    Allocator a = twoExecutorsOnTwoNodes();

    a.onNodesUpdated(List.of(report("n2", NodeState.DECOMMISSIONING)));

    assertEquals(
        List.of(
            new NodeStatus(
                "n2",
                "n2",
                7337,
                NodeStatus.Availability.DRAINING,
                "YARN reports node n2 DECOMMISSIONING")),
        nodeChanges);
    assertEquals("a replacement for the draining executor", 1, rm.requests.size());
    a.backlogChanged(new Backlog(4, 0, Map.of("n2", 4)));
    assertFalse(
        rm.requests.toString(), rm.requests.values().stream().anyMatch(n -> n.contains("n2")));
    Container onN2 = container("n2");
    a.onContainersAllocated(List.of(onN2));
    assertTrue(rm.released.contains(onN2.getId()));
    assertEquals("the draining executor keeps running", 2, a.liveCount());
    assertTrue(exits.isEmpty());
  }

  @Test
  public void lostDecommissionedAndShutDownNodesAreGoneWithTheirShuffleService() {
    Allocator a = twoExecutorsOnTwoNodes();

    a.onNodesUpdated(
        List.of(
            report("n1", NodeState.LOST),
            report("n2", NodeState.UNHEALTHY),
            report("n3", NodeState.DECOMMISSIONED)));
    a.onNodesUpdated(List.of(report("n2", NodeState.SHUTDOWN)));

    assertEquals(
        List.of(
            "n1 GONE 7337",
            "n2 DRAINING 7337",
            "n3 GONE 0", // no executor ran there: no output of ours either
            "n2 GONE 7337"),
        nodeChanges.stream()
            .map(n -> n.host() + " " + n.availability() + " " + n.shufflePort())
            .toList());
  }

  @Test
  public void aNodeRunningAgainIsUsableAndRepeatedReportsChangeNothing() {
    Allocator a = twoExecutorsOnTwoNodes();
    a.onNodesUpdated(List.of(report("n2", NodeState.UNHEALTHY)));
    a.onNodesUpdated(List.of(report("n2", NodeState.DECOMMISSIONING)));

    a.onNodesUpdated(List.of(report("n2", NodeState.RUNNING), report("n1", NodeState.RUNNING)));

    assertEquals(
        List.of(NodeStatus.Availability.DRAINING, NodeStatus.Availability.USABLE),
        nodeChanges.stream().map(NodeStatus::availability).toList());
    a.backlogChanged(new Backlog(4, 0, Map.of("n2", 4)));
    a.setTarget(3);
    assertTrue(rm.requests.toString(), rm.requests.containsValue(List.of("n2")));
  }

  private Container container(String host) {
    return Container.newInstance(
        ContainerId.newContainerId(ATTEMPT, ++nextContainer),
        NodeId.newInstance(host, 8041),
        host + ":8042",
        Resource.newInstance(1408, 1),
        Priority.newInstance(1),
        null);
  }

  private static ContainerStatus completed(Container c, int exitStatus, String diagnostics) {
    return ContainerStatus.newInstance(c.getId(), ContainerState.COMPLETE, diagnostics, exitStatus);
  }

  private static Map<String, ByteBuffer> shufflePortData(int port) {
    return Map.of(
        ExecutorContextFactory.SHUFFLE_SERVICE,
        (ByteBuffer) ByteBuffer.allocate(4).putInt(port).flip());
  }

  @Test
  public void asksForTheTargetWhenStarted() {
    allocator(3, 6, false);
    assertEquals(3, rm.requests.size());
  }

  @Test
  public void launchesExecutorsInGrantedContainersOnTheirCanonicalHost() {
    Allocator a = allocator(2, 6, false);
    a.onContainersAllocated(List.of(container("Node1.Example.COM")));
    assertEquals(1, launched.size());
    ExecutorLaunch l = launched.get(0);
    assertEquals("node1.example.com", l.host());
    assertEquals("/rack1", l.rack());
    assertEquals("1", l.executorId());
    assertEquals(1, rm.requests.size());
  }

  @Test
  public void executorIdsOfASecondAmAttemptNeverEqualThoseOfTheFirst() {
    Allocator first = allocator(3, 6, false);
    first.onContainersAllocated(List.of(container("n1"), container("n2"), container("n3")));
    Allocator second = allocator(3, 6, false);
    second.amAttempt(2);
    second.onContainersAllocated(List.of(container("n1"), container("n2"), container("n3")));

    List<String> ids = launched.stream().map(ExecutorLaunch::executorId).toList();
    assertEquals(List.of("1", "2", "3", "a2-1", "a2-2", "a2-3"), ids);
    for (int attempt = 1; attempt <= 3; attempt++) {
      for (int later = attempt + 1; later <= 4; later++) {
        for (int n = 1; n <= 200; n++) {
          for (int m = 1; m <= 200; m++) {
            assertFalse(Allocator.executorId(attempt, n).equals(Allocator.executorId(later, m)));
          }
        }
      }
    }
  }

  @Test
  public void executorHostIncludesThePortWhenTheClusterNamesNodesSo() {
    Allocator a = allocator(1, 6, true);
    a.onContainersAllocated(List.of(container("localhost")));
    assertEquals("localhost:8041", launched.get(0).host());
  }

  @Test
  public void releasesContainersBeyondTheTarget() {
    Allocator a = allocator(1, 6, false);
    Container first = container("n1");
    Container extra = container("n2");
    a.onContainersAllocated(List.of(first, extra));
    assertEquals(1, launched.size());
    assertEquals(List.of(extra.getId()), rm.released);
    assertTrue(rm.requests.isEmpty());
  }

  @Test
  public void matchesGrantsToTheRequestNamingTheirHost() {
    Allocator a = allocator(2, 6, false);
    a.backlogChanged(new Backlog(2, 0, Map.of("n1", 1)));
    assertTrue(rm.requests.containsValue(List.of("n1")));
    a.onContainersAllocated(List.of(container("n1")));
    assertEquals(List.of(List.of()), List.copyOf(rm.requests.values()));
  }

  @Test
  public void replacesStaleRequestsWhenTheBacklogMoves() {
    Allocator a = allocator(1, 6, false);
    a.backlogChanged(new Backlog(1, 0, Map.of("n1", 1)));
    assertEquals(List.of(List.of("n1")), List.copyOf(rm.requests.values()));
    a.backlogChanged(new Backlog(1, 0, Map.of("n2", 1)));
    assertEquals(List.of(List.of("n2")), List.copyOf(rm.requests.values()));
  }

  @Test
  public void shufflePortComesFromTheNodeManagersStartData() throws Exception {
    Allocator a = allocator(1, 6, false);
    a.onContainersAllocated(List.of(container("n1")));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    a.shufflePort("1", port);
    assertFalse("waits for the container's start", port.isDone());
    assertEquals(1, registered);
    a.onContainerStarted(ContainerId.newContainerId(ATTEMPT, 1), shufflePortData(7337));
    assertEquals(Integer.valueOf(7337), port.get());
  }

  @Test
  public void nodeWithoutShuffleServiceFailsRegistrationWithInstallHint() {
    Allocator a = allocator(1, 6, false);
    Container c = container("n1");
    a.onContainersAllocated(List.of(c));
    a.onContainerStarted(c.getId(), Map.of());
    CompletableFuture<Integer> port = new CompletableFuture<>();
    a.shufflePort("1", port);
    try {
      port.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException | InterruptedException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("Install the shuffle service"));
      assertTrue(e.getMessage(), e.getMessage().contains("conf/yarn-site-weft-shuffle.xml"));
    }
  }

  @Test
  public void replacesAFailedExecutorAndCountsTheFailure() {
    Allocator a = allocator(1, 6, false);
    Container c = container("n1");
    a.onContainersAllocated(List.of(c));
    assertTrue(rm.requests.isEmpty());
    a.onContainersCompleted(List.of(completed(c, 1, "boom")));
    assertEquals(1, a.failures());
    assertEquals(1, rm.requests.size());
    assertTrue(exits.get(0), exits.get(0).startsWith("1 failed: executor exited with code 1"));
  }

  @Test
  public void preemptionIsReplacedWithoutCountingAFailure() {
    Allocator a = allocator(1, 6, false);
    Container c = container("n1");
    a.onContainersAllocated(List.of(c));
    a.onContainersCompleted(List.of(completed(c, ContainerExitStatus.PREEMPTED, "")));
    assertEquals(0, a.failures());
    assertEquals(1, rm.requests.size());
  }

  @Test
  public void failsTheApplicationAfterMaxExecutorFailures() {
    Allocator a = allocator(1, 2, false);
    for (int i = 0; i < 3; i++) {
      Container c = container("n" + i);
      a.onContainersAllocated(List.of(c));
      a.onContainersCompleted(List.of(completed(c, 1, "boom")));
    }
    assertEquals(1, appFailures.size());
    assertTrue(appFailures.get(0), appFailures.get(0).startsWith("2 executors failed"));
    assertTrue(appFailures.get(0), appFailures.get(0).contains("weft.yarn.maxExecutorFailures"));
  }

  @Test
  public void executorFailuresOlderThanTheValidityIntervalStopCounting() {
    Allocator a = allocator(1, 2, false);
    a.failuresExpireAfter(Duration.ofMinutes(10));
    for (int i = 0; i < 3; i++) {
      now.addAndGet(Duration.ofMinutes(11).toMillis());
      Container c = container("n" + i);
      a.onContainersAllocated(List.of(c));
      a.onContainersCompleted(List.of(completed(c, 1, "boom")));
    }
    assertEquals("only the last failure is within 10 minutes", 1, a.failures());
    assertTrue(appFailures.toString(), appFailures.isEmpty());

    now.addAndGet(Duration.ofMinutes(11).toMillis());
    assertEquals(0, a.failures());
  }

  @Test
  public void excludesANodeWhereExecutorsKeepFailingAndPutsItBack() {
    Allocator a = allocator(1, 10, false);
    for (int i = 0; i < 2; i++) {
      Container c = container("bad");
      a.onContainersAllocated(List.of(c));
      a.onContainersCompleted(List.of(completed(c, 1, "boom")));
    }
    assertEquals(List.of("bad"), rm.excluded);
    now.addAndGet(Duration.ofMinutes(10).toMillis());
    a.tick();
    assertTrue(rm.excluded.isEmpty());
  }

  @Test
  public void releasesExecutorsThatDoNotRegisterInTime() {
    Allocator a = allocator(1, 6, false);
    Container c = container("n1");
    a.onContainersAllocated(List.of(c));
    a.onContainerStarted(c.getId(), shufflePortData(1));
    now.addAndGet(29_999);
    a.tick();
    assertTrue(rm.released.isEmpty());
    now.addAndGet(1);
    a.tick();
    assertEquals(List.of(c.getId()), rm.released);
    assertEquals("a replacement is asked at once", 1, rm.requests.size());
    a.onContainersCompleted(List.of(completed(c, ContainerExitStatus.ABORTED, "released")));
    assertEquals(1, a.failures());
    assertTrue(exits.get(0), exits.get(0).contains("did not register with the driver within 30s"));
  }

  @Test
  public void registeredExecutorsAreNotTimedOut() {
    Allocator a = allocator(1, 6, false);
    Container c = container("n1");
    a.onContainersAllocated(List.of(c));
    a.onContainerStarted(c.getId(), shufflePortData(1));
    a.shufflePort("1", new CompletableFuture<>());
    now.addAndGet(60_000);
    a.tick();
    assertTrue(rm.released.isEmpty());
  }

  @Test
  public void killedExecutorsAreReleasedAndNotFailures() {
    Allocator a = allocator(1, 6, false);
    Container c = container("n1");
    a.onContainersAllocated(List.of(c));
    a.killExecutor("1", "idle");
    assertEquals(List.of(c.getId()), rm.released);
    a.onContainersCompleted(List.of(completed(c, ContainerExitStatus.KILLED_BY_APPMASTER, "")));
    assertEquals(0, a.failures());
    assertTrue(exits.get(0), exits.get(0).startsWith("1 ended: killed by the driver: idle"));
  }

  @Test
  public void aRaisedTargetAsksForMoreAndALowerOneWithdrawsTheRequestsItNoLongerNeeds() {
    Allocator a = dynamicAllocator(1, 6);
    a.onContainersAllocated(List.of(container("n1")));
    assertTrue(rm.requests.isEmpty());

    a.setTarget(5);
    assertEquals(4, rm.requests.size());

    a.backlogChanged(new Backlog(3, 1, Map.of("n2", 1)));
    a.setTarget(3);
    assertEquals("2 requests left, the one for n2's waiting task kept", 2, rm.requests.size());
    assertTrue(rm.requests.containsValue(List.of("n2")));

    a.setTarget(1);
    assertTrue(rm.requests.isEmpty());
    assertEquals(1, a.target());
  }

  @Test
  public void containersGrantedAfterTheTargetDroppedAreGivenBack() {
    Allocator a = dynamicAllocator(3, 6);
    a.setTarget(1);
    Container first = container("n1");
    Container late = container("n2");

    a.onContainersAllocated(List.of(first, late));

    assertEquals(1, launched.size());
    assertEquals(List.of(late.getId()), rm.released);
  }

  @Test
  public void anExecutorReleasedByDynamicAllocationIsNeitherAFailureNorReplaced() {
    Allocator a = dynamicAllocator(2, 6);
    Container c1 = container("n1");
    Container c2 = container("n2");
    a.onContainersAllocated(List.of(c1, c2));

    a.setTarget(1);
    a.killExecutor("1", "idle for 60000 ms");
    a.onContainersCompleted(List.of(completed(c1, ContainerExitStatus.KILLED_BY_APPMASTER, "")));

    assertEquals(List.of(c1.getId()), rm.released);
    assertEquals(0, a.failures());
    assertTrue("no replacement asked", rm.requests.isEmpty());
    assertTrue(rm.excluded.isEmpty());
    assertEquals(1, a.liveCount());
    assertTrue(exits.get(0), exits.get(0).startsWith("1 ended: killed by the driver: idle"));
  }

  @Test
  public void withDynamicAllocationANodeWithoutShuffleServiceFailsTheApplication() {
    Allocator a = dynamicAllocator(1, 6);
    Container c = container("n1");
    a.onContainersAllocated(List.of(c));

    a.onContainerStarted(c.getId(), Map.of());

    assertEquals(1, appFailures.size());
    String message = appFailures.get(0);
    assertTrue(message, message.contains("weft.dynamicAllocation.enabled"));
    assertTrue(message, message.contains("Install the shuffle service"));
    assertTrue(message, message.contains("n1"));
  }

  @Test
  public void withoutAFailureLimitTheApplicationFailsAfterTwiceTheHighestTarget() {
    Allocator a = dynamicAllocator(1, 0);
    a.setTarget(3);
    a.setTarget(1);
    for (int i = 0; i < 5; i++) {
      Container c = container("n" + i);
      a.onContainersAllocated(List.of(c));
      a.onContainersCompleted(List.of(completed(c, 1, "boom")));
    }
    assertEquals(List.of(), appFailures);

    Container sixth = container("n6");
    a.onContainersAllocated(List.of(sixth));
    a.onContainersCompleted(List.of(completed(sixth, 1, "boom")));

    assertEquals(1, appFailures.size());
    assertTrue(appFailures.get(0), appFailures.get(0).startsWith("6 executors failed"));
  }

  @Test
  public void stopReleasesEverythingAndWithdrawsRequests() {
    Allocator a = allocator(2, 6, false);
    Container c = container("n1");
    a.onContainersAllocated(List.of(c));
    a.stop();
    assertTrue(rm.requests.isEmpty());
    assertEquals(List.of(c.getId()), rm.released);
    a.onContainersAllocated(List.of(container("n2")));
    assertEquals(2, rm.released.size());
  }

  @Test
  public void unknownExecutorsGetNoShufflePort() {
    Allocator a = allocator(1, 6, false);
    CompletableFuture<Integer> port = new CompletableFuture<>();
    a.shufflePort("99", port);
    assertTrue(port.isCompletedExceptionally());
  }
}
