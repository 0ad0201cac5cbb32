package dev.weft.core.rpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.protobuf.ByteString;
import dev.weft.auth.ChallengeResponse;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.proto.AuthChallenge;
import dev.weft.core.rpc.proto.AuthHello;
import dev.weft.core.rpc.proto.AuthMessage;
import dev.weft.core.rpc.proto.AuthProof;
import dev.weft.core.rpc.proto.MapStatusesRequest;
import dev.weft.core.rpc.proto.RegisterExecutorRequest;
import dev.weft.core.rpc.proto.RegisterExecutorResponse;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskEndReason;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/**
 * Driver and executors authenticate each other without sending the secret, calls need the session
 * of their own connection, and with {@code weft.rpc.encryption.enabled} the traffic is TLS.
 */
public class DriverRpcSecurityTest {
  private static final byte[] SECRET = "the-application-secret-42".getBytes(StandardCharsets.UTF_8);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<String> added = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @After
  public void close() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) {
      closeAfter.get(i).close();
    }
  }

  private ClusterBackend driver(String appId, byte[] secret, boolean encrypted) {
    WeftConfig config =
        WeftConfig.of(Map.of("weft.rpc.encryption.enabled", Boolean.toString(encrypted)));
    ClusterBackend backend =
        new ClusterBackend(
            config,
            new ClusterBackendTest.FakeServices(),
            new ClusterBackendTest.FakeProvisioner(),
            appId,
            secret,
            "localhost");
    backend.start(
        new SchedulerCallbacks() {
          @Override
          public void executorAdded(ExecutorDescriptor executor) {
            added.add(executor.executorId());
          }

          @Override
          public void executorRemoved(String executorId, String reason) {}

          @Override
          public void taskEnded(long taskId, TaskEndReason reason) {}
        });
    closeAfter.add(backend::stop);
    return backend;
  }

  private ExecutorChannel executorChannel(int port, boolean encrypted) {
    ExecutorChannel c = ExecutorChannel.open("localhost", port, encrypted, 1 << 20);
    closeAfter.add(c);
    return c;
  }

  private static RegisterExecutorResponse register(Channel channel, String id) {
    return ClientCalls.blockingUnaryCall(
        channel,
        DriverRpc.REGISTER,
        CallOptions.DEFAULT,
        RegisterExecutorRequest.newBuilder()
            .setProtocolVersion(DriverRpc.PROTOCOL_VERSION)
            .setExecutorId(id)
            .setHost("node-1")
            .setCores(2)
            .setShuffleHost("node-1")
            .build());
  }

  private static Status.Code refusal(Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    return e.getStatus().getCode();
  }

  /**
   * Runs the driver's side of the handshake as a client that ignores the driver's proof and sends
   * its own made with {@code secret}; returns how the driver ended the call.
   */
  private Status proveBlindly(int port, String appId, String executorId, byte[] secret)
      throws Exception {
    ManagedChannel raw = NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
    closeAfter.add(raw::shutdownNow);
    CompletableFuture<Status> ended = new CompletableFuture<>();
    CompletableFuture<AuthChallenge> challenge = new CompletableFuture<>();
    StreamObserver<AuthMessage> up =
        ClientCalls.asyncBidiStreamingCall(
            raw.newCall(DriverRpc.AUTHENTICATE, CallOptions.DEFAULT),
            new StreamObserver<>() {
              @Override
              public void onNext(AuthMessage m) {
                if (m.hasChallenge()) {
                  challenge.complete(m.getChallenge());
                }
              }

              @Override
              public void onError(Throwable t) {
                challenge.completeExceptionally(t);
                ended.complete(Status.fromThrowable(t));
              }

              @Override
              public void onCompleted() {
                ended.complete(Status.OK);
              }
            });
    byte[] clientNonce = ChallengeResponse.newNonce();
    up.onNext(
        AuthMessage.newBuilder()
            .setHello(
                AuthHello.newBuilder()
                    .setProtocolVersion(DriverRpc.PROTOCOL_VERSION)
                    .setApplicationId(appId)
                    .setExecutorId(executorId)
                    .setClientNonce(ByteString.copyFrom(clientNonce)))
            .build());
    AuthChallenge c;
    try {
      c = challenge.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException refusedAtHello) {
      return ended.get(10, TimeUnit.SECONDS);
    }
    byte[] proof =
        DriverRpc.AUTH.clientProof(
            new ChallengeResponse.Exchange(
                secret,
                DriverRpc.PROTOCOL_VERSION,
                appId,
                clientNonce,
                c.getServerNonce().toByteArray(),
                executorId.getBytes(StandardCharsets.UTF_8),
                new byte[0]));
    up.onNext(
        AuthMessage.newBuilder()
            .setProof(AuthProof.newBuilder().setClientProof(ByteString.copyFrom(proof)))
            .build());
    up.onCompleted();
    return ended.get(10, TimeUnit.SECONDS);
  }

  @Test
  public void anExecutorWithTheSecretAuthenticatesAndRegisters() {
    ClusterBackend driver = driver("app-1", SECRET, false);
    ExecutorChannel exec = executorChannel(driver.port(), false);
    exec.authenticate("app-1", "exec-1", SECRET, TIMEOUT);

    assertEquals(7337, register(exec.channel(), "exec-1").getShufflePort());
  }

  @Test
  public void anExecutorProvingAWrongSecretIsRefused() throws Exception {
    ClusterBackend driver = driver("app-1", SECRET, false);

    Status status = proveBlindly(driver.port(), "app-1", "exec-1", "guess".getBytes());

    assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
    assertTrue(status.getDescription(), status.getDescription().contains("does not match"));
    assertEquals(Status.Code.OK, proveBlindly(driver.port(), "app-1", "exec-1", SECRET).getCode());
  }

  @Test
  public void anExecutorOfAnotherApplicationIsRefusedEvenWithTheSameSecret() throws Exception {
    ClusterBackend driver = driver("app-1", SECRET, false);

    Status status = proveBlindly(driver.port(), "app-2", "exec-1", SECRET);

    assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
    assertTrue(status.getDescription(), status.getDescription().contains("application app-2"));
    RpcAuthenticationException e =
        assertThrows(
            RpcAuthenticationException.class,
            () ->
                executorChannel(driver.port(), false)
                    .authenticate("app-2", "exec-2", SECRET, TIMEOUT));
    assertTrue(e.getMessage(), e.getMessage().contains("application app-2"));
  }

  @Test
  public void aSessionReplayedOnAnotherConnectionIsRefused() {
    ClusterBackend driver = driver("app-1", SECRET, false);
    ExecutorChannel exec = executorChannel(driver.port(), false);
    exec.authenticate("app-1", "exec-1", SECRET, TIMEOUT);
    register(exec.channel(), "exec-1");
    ManagedChannel other =
        NettyChannelBuilder.forAddress("localhost", driver.port()).usePlaintext().build();
    closeAfter.add(other::shutdownNow);
    Channel replay =
        ClientInterceptors.intercept(other, DriverRpc.session(exec.sessionKey(), "exec-1"));

    assertEquals(
        Status.Code.UNAUTHENTICATED,
        refusal(
            () ->
                ClientCalls.blockingUnaryCall(
                    replay,
                    DriverRpc.MAP_STATUSES,
                    CallOptions.DEFAULT,
                    MapStatusesRequest.newBuilder().setShuffleId(5).build())));
  }

  @Test
  public void aFakeDriverIsRefusedAndReceivesNeitherTheSecretNorAProof() throws Exception {
    List<AuthMessage> received = new CopyOnWriteArrayList<>();
    Server fake = fakeDriver(received, "not-the-secret".getBytes());
    try (RecordingProxy proxy = new RecordingProxy(fake.getPort())) {
      ExecutorChannel exec = executorChannel(proxy.port(), false);

      RpcAuthenticationException e =
          assertThrows(
              RpcAuthenticationException.class,
              () -> exec.authenticate("app-1", "exec-1", SECRET, TIMEOUT));

      assertTrue(e.getMessage(), e.getMessage().contains("failed to prove"));
      assertEquals(1, received.size());
      assertTrue(received.get(0).hasHello());
      assertFalse(RecordingProxy.contains(proxy.sent(), SECRET));
    }
  }

  /** A process on the driver's port that knows the protocol but not the secret. */
  private Server fakeDriver(List<AuthMessage> received, byte[] wrongSecret) throws Exception {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(DriverRpc.SERVICE)
            .addMethod(
                DriverRpc.AUTHENTICATE,
                ServerCalls.asyncBidiStreamingCall(
                    out ->
                        new StreamObserver<AuthMessage>() {
                          @Override
                          public void onNext(AuthMessage m) {
                            received.add(m);
                            if (m.hasHello()) {
                              byte[] serverNonce = ChallengeResponse.newNonce();
                              byte[] proof =
                                  DriverRpc.AUTH.serverProof(
                                      new ChallengeResponse.Exchange(
                                          wrongSecret,
                                          DriverRpc.PROTOCOL_VERSION,
                                          m.getHello().getApplicationId(),
                                          m.getHello().getClientNonce().toByteArray(),
                                          serverNonce,
                                          m.getHello()
                                              .getExecutorId()
                                              .getBytes(StandardCharsets.UTF_8),
                                          new byte[0]));
                              out.onNext(
                                  AuthMessage.newBuilder()
                                      .setChallenge(
                                          AuthChallenge.newBuilder()
                                              .setServerNonce(ByteString.copyFrom(serverNonce))
                                              .setServerProof(ByteString.copyFrom(proof)))
                                      .build());
                            }
                          }

                          @Override
                          public void onError(Throwable t) {}

                          @Override
                          public void onCompleted() {
                            out.onCompleted();
                          }
                        }))
            .build();
    Server server = NettyServerBuilder.forPort(0).addService(service).build().start();
    closeAfter.add(server::shutdownNow);
    return server;
  }

  @Test
  public void theSecretNeverCrossesTheWireInAWholeConversation() throws Exception {
    ClusterBackend driver = driver("app-1", SECRET, false);
    try (RecordingProxy proxy = new RecordingProxy(driver.port())) {
      ExecutorChannel exec = executorChannel(proxy.port(), false);
      exec.authenticate("app-1", "exec-1", SECRET, TIMEOUT);
      register(exec.channel(), "exec-1");

      assertTrue(
          "the conversation was recorded (plaintext)",
          RecordingProxy.contains(proxy.sent(), "RegisterExecutor".getBytes()));
      assertFalse(RecordingProxy.contains(proxy.sent(), SECRET));
      assertFalse(RecordingProxy.contains(proxy.received(), SECRET));
    }
  }

  @Test
  public void withEncryptionTheRpcWorksAndTheTrafficIsNotPlaintext() throws Exception {
    ClusterBackend driver = driver("app-1", SECRET, true);
    assertTrue(driver.encrypted());
    try (RecordingProxy proxy = new RecordingProxy(driver.port())) {
      ExecutorChannel exec = executorChannel(proxy.port(), true);
      exec.authenticate("app-1", "exec-1", SECRET, TIMEOUT);
      RegisterExecutorResponse answer = register(exec.channel(), "exec-1");

      assertEquals(7337, answer.getShufflePort());
      assertTrue(proxy.sent().length > 0);
      assertFalse(RecordingProxy.contains(proxy.sent(), "RegisterExecutor".getBytes()));
      assertFalse(RecordingProxy.contains(proxy.sent(), "exec-1".getBytes()));
      assertFalse(RecordingProxy.contains(proxy.received(), "weft.rpc.encryption".getBytes()));
    }
  }

  @Test
  public void aPlaintextExecutorCannotTalkToAnEncryptedDriver() {
    ClusterBackend driver = driver("app-1", SECRET, true);

    assertThrows(
        RpcAuthenticationException.class,
        () ->
            executorChannel(driver.port(), false)
                .authenticate("app-1", "e", SECRET, Duration.ofSeconds(2)));
  }

  @Test
  public void encryptionFollowsTheKeyAndIsOffWithoutHadoopSecurity() {
    assertTrue(
        ClusterBackend.encryptionEnabled(
            WeftConfig.of(Map.of("weft.rpc.encryption.enabled", "true"))));
    assertFalse(ClusterBackend.encryptionEnabled(WeftConfig.of(Map.of())));
  }
}
