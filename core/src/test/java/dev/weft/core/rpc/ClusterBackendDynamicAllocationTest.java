package dev.weft.core.rpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.proto.DriverMessage;
import dev.weft.core.rpc.proto.RegisterExecutorRequest;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorProvisioner;
import dev.weft.spi.cluster.ProvisionerCallbacks;
import dev.weft.spi.scheduler.Backlog;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskEndReason;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** The cluster backend's side of dynamic allocation: targets, releases, readiness. */
public class ClusterBackendDynamicAllocationTest {
  private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final ScalingProvisioner provisioner = new ScalingProvisioner();
  private ClusterBackend backend;
  private final List<ExecutorChannel> opened = new java.util.ArrayList<>();

  private void start(boolean dynamicAllocation) {
    WeftConfig config =
        WeftConfig.of(
            Map.of(
                "weft.dynamicAllocation.enabled",
                Boolean.toString(dynamicAllocation),
                "weft.scheduler.minRegisteredExecutorsRatio",
                "0.5"));
    backend =
        new ClusterBackend(config, new NoServices(), provisioner, "app-1", SECRET, "localhost");
    backend.start(new RecordingCallbacks());
  }

  @After
  public void stop() throws InterruptedException {
    if (backend != null) {
      backend.stop();
    }
    opened.forEach(ExecutorChannel::close);
  }

  @Test
  public void targetRequestsGoToTheProvisioner() {
    start(true);

    assertTrue(backend.supportsDynamicAllocation());
    backend.requestTotalExecutors(7);

    assertEquals(7, backend.targetExecutors());
  }

  @Test
  public void aReleasedExecutorIsStoppedAndKilledButNotReportedRemoved() {
    start(true);
    CompletableFuture<String> ended = connect("exec-1");

    backend.releaseExecutor("exec-1", "idle for 60000 ms");

    assertEquals("stopped: idle for 60000 ms", ended.orTimeout(10, TimeUnit.SECONDS).join());
    assertEquals(List.of("exec-1"), provisioner.killed);
    provisioner.callbacks.executorExited("exec-1", "container released", false);
    assertEquals("the scheduler released it itself", List.of("added exec-1"), events);
    assertTrue(backend.liveExecutors().isEmpty());
  }

  @Test
  public void withDynamicAllocationReadinessIsMeasuredOnTheInitialTarget() {
    provisioner.target = 2;
    start(true);
    provisioner.target = 10; // the backlog raised it
    connect("exec-1");

    assertTrue("1 of the initial 2 registered, ratio 0.5", backend.isReady());
  }

  @Test
  public void withoutDynamicAllocationReadinessIsMeasuredOnTheCurrentTarget() {
    provisioner.target = 2;
    start(false);
    provisioner.target = 10;
    connect("exec-1");

    assertFalse("1 of 10 registered, ratio 0.5", backend.isReady());
  }

  /** Registers an executor and opens its stream; completes with how the stream ended. */
  private CompletableFuture<String> connect(String id) {
    ExecutorChannel authenticated =
        ExecutorChannel.open("localhost", backend.port(), false, 1 << 20);
    authenticated.authenticate("app-1", id, SECRET, java.time.Duration.ofSeconds(10));
    opened.add(authenticated);
    Channel exec = authenticated.channel();
    ClientCalls.blockingUnaryCall(
        exec,
        DriverRpc.REGISTER,
        CallOptions.DEFAULT,
        RegisterExecutorRequest.newBuilder()
            .setProtocolVersion(DriverRpc.PROTOCOL_VERSION)
            .setExecutorId(id)
            .setHost("node-1")
            .setCores(1)
            .setShuffleHost("node-1")
            .build());
    CompletableFuture<String> ended = new CompletableFuture<>();
    ClientCalls.asyncBidiStreamingCall(
        exec.newCall(DriverRpc.CONNECT, CallOptions.DEFAULT),
        new StreamObserver<DriverMessage>() {
          private String stop = "no stop message";

          @Override
          public void onNext(DriverMessage m) {
            if (m.hasStop()) {
              stop = "stopped: " + m.getStop().getReason();
            }
          }

          @Override
          public void onError(Throwable t) {
            ended.complete("failed: " + t);
          }

          @Override
          public void onCompleted() {
            ended.complete(stop);
          }
        });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!backend.liveExecutors().contains(id) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10); // the stream opens on a gRPC thread
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertTrue(id + " connected", backend.liveExecutors().contains(id));
    return ended;
  }

  private final class RecordingCallbacks implements SchedulerCallbacks {
    @Override
    public void executorAdded(ExecutorDescriptor executor) {
      events.add("added " + executor.executorId());
    }

    @Override
    public void executorRemoved(String executorId, String reason) {
      events.add("removed " + executorId);
    }

    @Override
    public void taskEnded(long taskId, TaskEndReason reason) {}
  }

  /** A provisioner whose target the test moves. */
  private static final class ScalingProvisioner implements ExecutorProvisioner {
    volatile int target;
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
      return CompletableFuture.completedFuture(7337);
    }

    @Override
    public boolean supportsDynamicAllocation() {
      return true;
    }

    @Override
    public int targetExecutors() {
      return target;
    }

    @Override
    public void requestTotalExecutors(int total) {
      target = total;
    }

    @Override
    public void killExecutor(String executorId, String reason) {
      killed.add(executorId);
    }

    @Override
    public void stop() {}
  }

  private static final class NoServices implements DriverServices {
    @Override
    public MapOutputSource mapOutputs() {
      return shuffle -> null;
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
