package dev.weft.core.rpc;

import com.google.protobuf.ByteString;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.proto.AuthMessage;
import dev.weft.core.rpc.proto.BroadcastRequest;
import dev.weft.core.rpc.proto.BroadcastResponse;
import dev.weft.core.rpc.proto.CanCommitRequest;
import dev.weft.core.rpc.proto.CanCommitResponse;
import dev.weft.core.rpc.proto.DriverMessage;
import dev.weft.core.rpc.proto.ExecutorMessage;
import dev.weft.core.rpc.proto.MapStatusesRequest;
import dev.weft.core.rpc.proto.MapStatusesResponse;
import dev.weft.core.rpc.proto.RegisterExecutorRequest;
import dev.weft.core.rpc.proto.RegisterExecutorResponse;
import dev.weft.core.serial.PeerClassFilter;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.TaskEndReason;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The handlers of the driver's RPC methods; see {@code driver.proto} for the conversation. */
final class DriverService {
  private static final Logger LOG = LogManager.getLogger(DriverService.class);

  private final ClusterBackend backend;
  private final DriverServices services;
  private final Map<String, String> config;
  private final Duration registrationTimeout;
  private final PeerClassFilter peerClasses;

  DriverService(
      ClusterBackend backend,
      DriverServices services,
      Map<String, String> config,
      Duration registrationTimeout) {
    this.backend = backend;
    this.services = services;
    this.config = config;
    this.registrationTimeout = registrationTimeout;
    this.peerClasses =
        new PeerClassFilter(
            WeftConfig.of(config).get(CoreConfig.RPC_DESERIALIZATION_ALLOWED_CLASSES));
  }

  /**
   * @param authenticate the handler of Authenticate calls
   */
  ServerServiceDefinition definition(
      ServerCalls.BidiStreamingMethod<AuthMessage, AuthMessage> authenticate) {
    return ServerServiceDefinition.builder(DriverRpc.SERVICE)
        .addMethod(DriverRpc.AUTHENTICATE, ServerCalls.asyncBidiStreamingCall(authenticate))
        .addMethod(DriverRpc.REGISTER, ServerCalls.asyncUnaryCall(this::register))
        .addMethod(DriverRpc.CONNECT, ServerCalls.asyncBidiStreamingCall(this::connect))
        .addMethod(DriverRpc.MAP_STATUSES, ServerCalls.asyncUnaryCall(this::mapStatuses))
        .addMethod(DriverRpc.BROADCAST, ServerCalls.asyncUnaryCall(this::broadcast))
        .addMethod(DriverRpc.CAN_COMMIT, ServerCalls.asyncUnaryCall(this::canCommit))
        .build();
  }

  private void register(
      RegisterExecutorRequest request, StreamObserver<RegisterExecutorResponse> out) {
    String id = AuthInterceptor.EXECUTOR_ID.get();
    if (request.getProtocolVersion() != DriverRpc.PROTOCOL_VERSION) {
      refuse(
          out,
          Status.FAILED_PRECONDITION,
          "executor "
              + id
              + " speaks protocol version "
              + request.getProtocolVersion()
              + ", the driver "
              + DriverRpc.PROTOCOL_VERSION);
      return;
    }
    if (!id.equals(request.getExecutorId()) || request.getCores() < 1) {
      refuse(
          out,
          Status.INVALID_ARGUMENT,
          "registration of executor '"
              + request.getExecutorId()
              + "' with "
              + request.getCores()
              + " cores sent under executor id '"
              + id
              + "'");
      return;
    }
    if (!backend.reserve(id)) {
      refuse(out, Status.ALREADY_EXISTS, "executor id " + id + " is registered already");
      return;
    }
    ExecutorDescriptor executor =
        new ExecutorDescriptor(
            id,
            request.getHost(),
            request.getRack().isEmpty() ? null : request.getRack(),
            request.getCores());
    backend
        .shufflePort(id)
        .orTimeout(registrationTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (port, error) -> {
              if (error != null) {
                LOG.warn("Refused executor {}: no shuffle service port: {}", id, error.toString());
                refuse(
                    out,
                    Status.UNAVAILABLE,
                    "no shuffle service port for executor " + id + ": " + error);
                return;
              }
              backend.registered(new ExecutorConnection(executor, port, System.nanoTime()));
              LOG.info(
                  "Executor {} registered from {} (pid {}, {} cores, shuffle service {}:{})",
                  id,
                  request.getHost(),
                  request.getPid(),
                  request.getCores(),
                  request.getShuffleHost(),
                  port);
              out.onNext(
                  RegisterExecutorResponse.newBuilder()
                      .setProtocolVersion(DriverRpc.PROTOCOL_VERSION)
                      .setShufflePort(port)
                      .putAllConfig(config)
                      .build());
              out.onCompleted();
            });
  }

  private StreamObserver<ExecutorMessage> connect(StreamObserver<DriverMessage> out) {
    String id = AuthInterceptor.EXECUTOR_ID.get();
    ExecutorConnection c = backend.connect(id, out);
    if (c == null) {
      refuse(
          out,
          Status.FAILED_PRECONDITION,
          "executor " + id + " has a stream open already or was removed");
      return new Ignoring();
    }
    return new StreamObserver<>() {
      @Override
      public void onNext(ExecutorMessage message) {
        c.heard(System.nanoTime());
        switch (message.getKindCase()) {
          case TASK_ENDED ->
              backend.taskEnded(
                  message.getTaskEnded().getTaskId(), decode(message.getTaskEnded().getReason()));
          case BLOCK_UPDATE -> {
            var u = message.getBlockUpdate();
            services
                .blockStatus()
                .blockUpdated(
                    id,
                    c.descriptor().host(),
                    RpcCodec.decodeBlockId(u),
                    dev.weft.api.StorageLevel.valueOf(u.getLevel()),
                    u.getMemoryBytes(),
                    u.getDiskBytes());
          }
          default -> {} // heartbeats only refresh the time last heard
        }
      }

      @Override
      public void onError(Throwable t) {
        backend.removeExecutor(
            id, "lost its connection to the driver: " + Status.fromThrowable(t), true);
      }

      @Override
      public void onCompleted() {
        backend.removeExecutor(id, "closed its connection to the driver", true);
      }
    };
  }

  private TaskEndReason decode(ByteString bytes) {
    try {
      return RpcCodec.decodeEnd(bytes.toByteArray(), peerClasses);
    } catch (RuntimeException e) {
      return new TaskEndReason.ExceptionFailure(
          e.getClass().getName(),
          "the driver cannot read the task's end: " + e.getMessage(),
          "",
          null,
          List.of(),
          null);
    }
  }

  private void mapStatuses(MapStatusesRequest request, StreamObserver<MapStatusesResponse> out) {
    out.onNext(RpcCodec.encodeStatuses(services.mapOutputs().statuses(request.getShuffleId())));
    out.onCompleted();
  }

  private void broadcast(BroadcastRequest request, StreamObserver<BroadcastResponse> out) {
    byte[] value = services.broadcastBytes(request.getBroadcastId());
    BroadcastResponse.Builder b = BroadcastResponse.newBuilder().setFound(value != null);
    if (value != null) {
      b.setValue(ByteString.copyFrom(value));
    }
    out.onNext(b.build());
    out.onCompleted();
  }

  private void canCommit(CanCommitRequest request, StreamObserver<CanCommitResponse> out) {
    boolean allowed =
        services.canCommit(
            request.getStageId(), request.getPartition(), request.getTaskAttemptId());
    out.onNext(CanCommitResponse.newBuilder().setAllowed(allowed).build());
    out.onCompleted();
  }

  private static void refuse(StreamObserver<?> out, Status status, String why) {
    out.onError(status.withDescription(why).asRuntimeException());
  }

  /** Swallows the messages of a refused stream. */
  private static final class Ignoring implements StreamObserver<ExecutorMessage> {
    @Override
    public void onNext(ExecutorMessage value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
