package dev.weft.core.rpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.proto.MapStatusesRequest;
import dev.weft.core.rpc.proto.RegisterExecutorRequest;
import dev.weft.core.rpc.proto.RegisterExecutorResponse;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorProvisioner;
import dev.weft.spi.cluster.ProvisionerCallbacks;
import dev.weft.spi.scheduler.Backlog;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.NodeStatus;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The driver endpoint's admission rules and its bookkeeping of executors, without executors. */
public class ClusterBackendTest {
  private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
  private static final MapStatus STATUS =
      new MapStatus("exec-9", "node-9", 7337, 0, 0, new long[] {4, 0});

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final FakeProvisioner provisioner = new FakeProvisioner();
  private ClusterBackend backend;
  private ManagedChannel channel;

  @Before
  public void start() {
    WeftConfig config = WeftConfig.of(Map.of("weft.app.name", "rpc-test"));
    backend =
        new ClusterBackend(config, new FakeServices(), provisioner, "app-1", SECRET, "localhost");
    backend.start(new RecordingCallbacks());
    channel = NettyChannelBuilder.forAddress("localhost", backend.port()).usePlaintext().build();
  }

  @After
  public void stop() throws InterruptedException {
    backend.stop();
    executorChannels.values().forEach(ExecutorChannel::close);
    closeAfter.forEach(ExecutorChannel::close);
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final Map<String, ExecutorChannel> executorChannels = new HashMap<>();
  private final List<ExecutorChannel> closeAfter = new ArrayList<>();

  /** The channel of an executor that authenticated with the driver (one connection per id). */
  private Channel as(String executorId) {
    return executorChannels
        .computeIfAbsent(
            executorId,
            id -> {
              ExecutorChannel c = ExecutorChannel.open("localhost", backend.port(), false, 1 << 20);
              c.authenticate("app-1", id, SECRET, Duration.ofSeconds(10));
              return c;
            })
        .channel();
  }

  private static MapStatusesRequest statusesOf(int shuffle) {
    return MapStatusesRequest.newBuilder().setShuffleId(shuffle).build();
  }

  private static RegisterExecutorRequest registration(String id) {
    return RegisterExecutorRequest.newBuilder()
        .setProtocolVersion(DriverRpc.PROTOCOL_VERSION)
        .setExecutorId(id)
        .setHost("node-1")
        .setCores(3)
        .setShuffleHost("node-1")
        .build();
  }

  private static Status.Code refusal(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
    fail("the call was accepted");
    return null;
  }

  @Test
  public void theProvisionersNodeReportsReachTheScheduler() {
    provisioner.callbacks.nodeChanged(
        new NodeStatus(
            "node-3", "node-3", 7337, NodeStatus.Availability.GONE, "YARN reports node-3 LOST"));
    assertEquals(List.of("node node-3 GONE"), events);
  }

  @Test
  public void callWithoutASessionIsRefusedAsUnauthenticated() {
    Channel anonymous = ClientInterceptors.intercept(channel, DriverRpc.session(null, "exec-1"));
    assertEquals(
        Status.Code.UNAUTHENTICATED,
        refusal(
            () ->
                ClientCalls.blockingUnaryCall(
                    anonymous, DriverRpc.REGISTER, CallOptions.DEFAULT, registration("exec-1"))));
  }

  @Test
  public void unregisteredExecutorMayNotCallTheDriver() {
    assertEquals(
        Status.Code.PERMISSION_DENIED,
        refusal(
            () ->
                ClientCalls.blockingUnaryCall(
                    as("exec-7"), DriverRpc.MAP_STATUSES, CallOptions.DEFAULT, statusesOf(1))));
  }

  @Test
  public void registrationAnswersTheShufflePortAndTheConfigurationAndRefusesDuplicates() {
    RegisterExecutorResponse r =
        ClientCalls.blockingUnaryCall(
            as("exec-1"), DriverRpc.REGISTER, CallOptions.DEFAULT, registration("exec-1"));
    assertEquals(7337, r.getShufflePort());
    assertEquals("rpc-test", r.getConfigMap().get("weft.app.name"));
    assertEquals(
        Status.Code.ALREADY_EXISTS,
        refusal(
            () ->
                ClientCalls.blockingUnaryCall(
                    as("exec-1"),
                    DriverRpc.REGISTER,
                    CallOptions.DEFAULT,
                    registration("exec-1"))));
    MapStatus[] statuses =
        RpcCodec.decodeStatuses(
            ClientCalls.blockingUnaryCall(
                as("exec-1"), DriverRpc.MAP_STATUSES, CallOptions.DEFAULT, statusesOf(5)));
    assertEquals(2, statuses.length);
    assertEquals(STATUS, statuses[0]);
    assertEquals(null, statuses[1]);
  }

  @Test
  public void registrationFailsWhenTheNodeHasNoShuffleService() {
    provisioner.port = CompletableFuture.failedFuture(new IllegalStateException("no aux service"));
    assertEquals(
        Status.Code.UNAVAILABLE,
        refusal(
            () ->
                ClientCalls.blockingUnaryCall(
                    as("exec-2"),
                    DriverRpc.REGISTER,
                    CallOptions.DEFAULT,
                    registration("exec-2"))));
    assertTrue(events.isEmpty());
  }

  @Test
  public void taskLaunchedOnAnUnknownExecutorEndsAsExecutorLost() {
    backend.launchTask(new TaskDescription(42, "exec-5", 1, 0, 0, 0, new byte[] {1}));
    assertEquals(List.of("ended 42 ExecutorLost"), events);
    backend.killTask("exec-5", 42, "no reason"); // ignored
    assertEquals(1, events.size());
  }

  @Test
  public void exitReportedByTheProvisionerRemovesTheExecutorOnce() {
    ClientCalls.blockingUnaryCall(
        as("exec-3"), DriverRpc.REGISTER, CallOptions.DEFAULT, registration("exec-3"));
    provisioner.callbacks.executorExited("exec-3", "container killed", true);
    provisioner.callbacks.executorExited("exec-3", "container killed", true);
    assertEquals(List.of("removed exec-3: container killed"), events);
    assertFalse(provisioner.killed.contains("exec-3"));
    assertEquals(
        Status.Code.PERMISSION_DENIED,
        refusal(
            () ->
                ClientCalls.blockingUnaryCall(
                    as("exec-3"), DriverRpc.MAP_STATUSES, CallOptions.DEFAULT, statusesOf(1))));
  }

  @Test
  public void silentExecutorIsDeclaredLostAfterTheNetworkTimeoutAndItsProcessKilled()
      throws InterruptedException {
    // Long enough for the stream to open after registering on a loaded machine.
    String reason =
        removedSilentExecutor(
            Map.of("weft.executor.heartbeatInterval", "50ms", "weft.network.timeout", "2s"));

    assertTrue(reason, reason.contains("(weft.network.timeout is 2000 ms)"));
  }

  @Test
  public void anExplicitHeartbeatTimeoutOverridesTheNetworkTimeout() throws InterruptedException {
    String reason =
        removedSilentExecutor(
            Map.of(
                "weft.executor.heartbeatInterval", "50ms",
                "weft.network.timeout", "10min",
                "weft.executor.heartbeatTimeout", "2s"));

    assertTrue(reason, reason.contains("(weft.executor.heartbeatTimeout is 2000 ms)"));
  }

  /**
   * Registers an executor that opens its stream and never heartbeats; returns why the backend
   * removed it once it did.
   */
  private String removedSilentExecutor(Map<String, String> conf) throws InterruptedException {
    WeftConfig config = WeftConfig.of(conf);
    FakeProvisioner own = new FakeProvisioner();
    ClusterBackend silent =
        new ClusterBackend(config, new FakeServices(), own, "app-2", SECRET, "localhost");
    silent.start(new RecordingCallbacks());
    ManagedChannel ch =
        NettyChannelBuilder.forAddress("localhost", silent.port()).usePlaintext().build();
    try {
      ExecutorChannel authenticated =
          ExecutorChannel.open("localhost", silent.port(), false, 1 << 20);
      authenticated.authenticate("app-2", "exec-h", SECRET, Duration.ofSeconds(10));
      closeAfter.add(authenticated);
      Channel exec = authenticated.channel();
      ClientCalls.blockingUnaryCall(
          exec, DriverRpc.REGISTER, CallOptions.DEFAULT, registration("exec-h"));
      CompletableFuture<Status> closed = new CompletableFuture<>();
      ClientCalls.asyncBidiStreamingCall(
          exec.newCall(DriverRpc.CONNECT, CallOptions.DEFAULT),
          new io.grpc.stub.StreamObserver<dev.weft.core.rpc.proto.DriverMessage>() {
            @Override
            public void onNext(dev.weft.core.rpc.proto.DriverMessage m) {}

            @Override
            public void onError(Throwable t) {
              closed.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
              closed.complete(Status.OK);
            }
          });
      Status status = closed.orTimeout(10, TimeUnit.SECONDS).join();

      assertEquals(Status.Code.UNAVAILABLE, status.getCode());
      assertEquals("added exec-h", events.get(0));
      assertTrue(events.get(1), events.get(1).startsWith("removed exec-h: no heartbeat for"));
      assertEquals(List.of("exec-h"), own.killed);
      assertTrue(silent.liveExecutors().isEmpty());
      return events.get(1);
    } finally {
      silent.stop();
      ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  public void defaultParallelismIsAtLeastTwoWithoutExecutors() {
    assertEquals(2, backend.defaultParallelism());
    assertEquals("app-1", backend.applicationId());
  }

  private final class RecordingCallbacks implements SchedulerCallbacks {
    @Override
    public void executorAdded(ExecutorDescriptor executor) {
      events.add("added " + executor.executorId());
    }

    @Override
    public void executorRemoved(String executorId, String reason) {
      events.add("removed " + executorId + ": " + reason);
    }

    @Override
    public void taskEnded(long taskId, TaskEndReason reason) {
      events.add("ended " + taskId + " " + reason.getClass().getSimpleName());
    }

    @Override
    public void nodeChanged(NodeStatus status) {
      events.add("node " + status.host() + " " + status.availability());
    }
  }

  static final class FakeProvisioner implements ExecutorProvisioner {
    volatile CompletableFuture<Integer> port = CompletableFuture.completedFuture(7337);
    volatile ProvisionerCallbacks callbacks;
    final List<String> killed = new CopyOnWriteArrayList<>();

    @Override
    public void start(DriverAddress driver, ProvisionerCallbacks callbacks) {
      this.callbacks = callbacks;
    }

    @Override
    public void backlogChanged(Backlog backlog) {}

    @Override
    public CompletableFuture<Integer> shufflePort(String executorId) {
      return port;
    }

    @Override
    public void killExecutor(String executorId, String reason) {
      killed.add(executorId);
    }

    @Override
    public void stop() {}
  }

  static final class FakeServices implements DriverServices {
    @Override
    public MapOutputSource mapOutputs() {
      return shuffle -> shuffle == 5 ? new MapStatus[] {STATUS, null} : null;
    }

    @Override
    public BlockStatusListener blockStatus() {
      return (executorId, host, block, level, memoryBytes, diskBytes) -> {};
    }

    @Override
    public byte[] broadcastBytes(long broadcastId) {
      return null;
    }

    @Override
    public KryoSerializer serializer() {
      return null;
    }

    @Override
    public boolean canCommit(int stageId, int partition, long taskAttemptId) {
      return false;
    }

    @Override
    public void addListener(SchedulerListener listener) {}

    @Override
    public dev.weft.core.status.StatusEventSource statusEvents() {
      return new dev.weft.core.status.StatusEventSource(System::currentTimeMillis, 0);
    }

    @Override
    public boolean cancelJob(int jobId, String reason) {
      return false;
    }

    @Override
    public boolean cancelStage(int stageId, String reason) {
      return false;
    }
  }
}
