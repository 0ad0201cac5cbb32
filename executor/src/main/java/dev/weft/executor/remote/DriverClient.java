package dev.weft.executor.remote;

import dev.weft.core.rpc.DriverRpc;
import dev.weft.core.rpc.RpcCodec;
import dev.weft.core.rpc.proto.BroadcastRequest;
import dev.weft.core.rpc.proto.BroadcastResponse;
import dev.weft.core.rpc.proto.CanCommitRequest;
import dev.weft.core.rpc.proto.DriverMessage;
import dev.weft.core.rpc.proto.ExecutorMessage;
import dev.weft.core.rpc.proto.MapStatusesRequest;
import dev.weft.core.rpc.proto.RegisterExecutorRequest;
import dev.weft.core.rpc.proto.RegisterExecutorResponse;
import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.runtime.MapStatus;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An executor's RPC client of its driver: registration, the stream, and the unary calls its tasks
 * make (map statuses, broadcasts, commits), each carrying the application's secret. Thread-safe.
 */
final class DriverClient implements MapOutputSource, AutoCloseable {
  private final ManagedChannel managed;
  private final Channel channel;
  private final String driver;

  /**
   * @param maxMessageBytes the largest message accepted from the driver
   */
  DriverClient(String host, int port, byte[] secret, String executorId, int maxMessageBytes) {
    this.driver = host + ":" + port;
    this.managed =
        NettyChannelBuilder.forAddress(host, port)
            .usePlaintext()
            .maxInboundMessageSize(maxMessageBytes)
            .build();
    this.channel = ClientInterceptors.intercept(managed, DriverRpc.credentials(secret, executorId));
  }

  String driver() {
    return driver;
  }

  /** Registers; the answer carries the shuffle port and the application's configuration. */
  RegisterExecutorResponse register(RegisterExecutorRequest request, Duration timeout) {
    return ClientCalls.blockingUnaryCall(
        channel,
        DriverRpc.REGISTER,
        CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS),
        request);
  }

  /** Opens the stream; returns the (not thread-safe) observer of messages to the driver. */
  ClientCall<ExecutorMessage, DriverMessage> newStream() {
    return channel.newCall(DriverRpc.CONNECT, CallOptions.DEFAULT);
  }

  StreamObserver<ExecutorMessage> connect(
      ClientCall<ExecutorMessage, DriverMessage> call, StreamObserver<DriverMessage> inbound) {
    return ClientCalls.asyncBidiStreamingCall(call, inbound);
  }

  @Override
  public MapStatus[] statuses(int shuffleId) {
    return RpcCodec.decodeStatuses(
        ClientCalls.blockingUnaryCall(
            channel,
            DriverRpc.MAP_STATUSES,
            CallOptions.DEFAULT,
            MapStatusesRequest.newBuilder().setShuffleId(shuffleId).build()));
  }

  /** A broadcast's serialized value. */
  byte[] broadcast(long broadcastId) {
    BroadcastResponse r =
        ClientCalls.blockingUnaryCall(
            channel,
            DriverRpc.BROADCAST,
            CallOptions.DEFAULT,
            BroadcastRequest.newBuilder().setBroadcastId(broadcastId).build());
    if (!r.getFound()) {
      throw new IllegalStateException(
          "The driver at " + driver + " has no broadcast " + broadcastId);
    }
    return r.getValue().toByteArray();
  }

  boolean canCommit(int stageId, int partition, long taskAttemptId) {
    return ClientCalls.blockingUnaryCall(
            channel,
            DriverRpc.CAN_COMMIT,
            CallOptions.DEFAULT,
            CanCommitRequest.newBuilder()
                .setStageId(stageId)
                .setPartition(partition)
                .setTaskAttemptId(taskAttemptId)
                .build())
        .getAllowed();
  }

  @Override
  public void close() {
    managed.shutdownNow();
    try {
      managed.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
