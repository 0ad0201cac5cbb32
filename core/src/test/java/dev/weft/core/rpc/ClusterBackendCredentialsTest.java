package dev.weft.core.rpc;

import static org.junit.Assert.assertEquals;

import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.proto.DriverMessage;
import dev.weft.core.rpc.proto.RegisterExecutorRequest;
import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorProvisioner;
import dev.weft.spi.cluster.ProvisionerCallbacks;
import dev.weft.spi.scheduler.Backlog;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskEndReason;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Fresh delegation tokens reach every executor: those connected, and those that connect later. */
public class ClusterBackendCredentialsTest {
  private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);

  private ClusterBackend backend;
  private ManagedChannel channel;
  private final java.util.List<ExecutorChannel> executorChannels =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  @Before
  public void start() {
    backend =
        new ClusterBackend(
            WeftConfig.of(Map.of("weft.app.name", "tokens-test")),
            null,
            new PortOnlyProvisioner(),
            "app-1",
            SECRET,
            "localhost");
    backend.start(new IgnoringCallbacks());
    channel = NettyChannelBuilder.forAddress("localhost", backend.port()).usePlaintext().build();
  }

  @After
  public void stop() throws Exception {
    for (ExecutorChannel c : executorChannels) {
      c.close();
    }
    backend.stop();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  public void anExecutorThatConnectsGetsTheLatestTokensThenEachUpdate() throws Exception {
    backend.updateCredentials(bytes("first"));
    backend.updateCredentials(bytes("second"));

    BlockingQueue<DriverMessage> received = connect("exec-1");
    assertEquals("second", tokensOf(received.poll(10, TimeUnit.SECONDS)));

    backend.updateCredentials(bytes("third"));
    assertEquals("third", tokensOf(received.poll(10, TimeUnit.SECONDS)));
  }

  @Test
  public void anExecutorConnectedBeforeAnyTokensGetsNothingUntilAnUpdate() throws Exception {
    BlockingQueue<DriverMessage> received = connect("exec-2");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!backend.liveExecutors().contains("exec-2") && System.nanoTime() < deadline) {
      Thread.sleep(10); // polling the backend's state with a deadline
    }
    assertEquals(null, received.peek());

    backend.updateCredentials(bytes("fresh"));
    assertEquals("fresh", tokensOf(received.poll(10, TimeUnit.SECONDS)));
  }

  private BlockingQueue<DriverMessage> connect(String executorId) throws Exception {
    ExecutorChannel authenticated =
        ExecutorChannel.open("localhost", backend.port(), false, 1 << 20);
    executorChannels.add(authenticated);
    authenticated.authenticate("app-1", executorId, SECRET, java.time.Duration.ofSeconds(10));
    Channel exec = authenticated.channel();
    ClientCalls.blockingUnaryCall(
        exec,
        DriverRpc.REGISTER,
        CallOptions.DEFAULT,
        RegisterExecutorRequest.newBuilder()
            .setProtocolVersion(DriverRpc.PROTOCOL_VERSION)
            .setExecutorId(executorId)
            .setHost("node-1")
            .setCores(1)
            .setShuffleHost("node-1")
            .build());
    BlockingQueue<DriverMessage> received = new LinkedBlockingQueue<>();
    ClientCalls.asyncBidiStreamingCall(
        exec.newCall(DriverRpc.CONNECT, CallOptions.DEFAULT),
        new StreamObserver<DriverMessage>() {
          @Override
          public void onNext(DriverMessage m) {
            received.add(m);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    return received;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String tokensOf(DriverMessage m) {
    assertEquals(DriverMessage.KindCase.UPDATE_CREDENTIALS, m.getKindCase());
    return m.getUpdateCredentials().getTokens().toStringUtf8();
  }

  private static final class PortOnlyProvisioner implements ExecutorProvisioner {
    @Override
    public void start(DriverAddress driver, ProvisionerCallbacks callbacks) {}

    @Override
    public void backlogChanged(Backlog backlog) {}

    @Override
    public CompletableFuture<Integer> shufflePort(String executorId) {
      return CompletableFuture.completedFuture(7337);
    }

    @Override
    public void killExecutor(String executorId, String reason) {}

    @Override
    public void stop() {}
  }

  private static final class IgnoringCallbacks implements SchedulerCallbacks {
    @Override
    public void executorAdded(ExecutorDescriptor executor) {}

    @Override
    public void executorRemoved(String executorId, String reason) {}

    @Override
    public void taskEnded(long taskId, TaskEndReason reason) {}
  }
}
