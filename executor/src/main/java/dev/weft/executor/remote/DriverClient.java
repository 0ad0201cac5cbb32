package dev.weft.executor.remote;

import dev.weft.core.rpc.DriverRpc;
import dev.weft.core.rpc.ExecutorChannel;
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
import dev.weft.spi.cluster.DriverAddress;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An executor's RPC client of its driver: authentication, registration, the stream, and the unary
 * calls its tasks make (map statuses, broadcasts, commits), each carrying the session that the
 * authentication derived (never the secret). Thread-safe once registered.
 */
final class DriverClient implements MapOutputSource, AutoCloseable {
  private final ExecutorChannel connection;
  private final DriverAddress address;
  private final String executorId;
  private final byte[] secret;
  private volatile Channel channel;

  /**
   * @param maxMessageBytes the largest message accepted from the driver
   */
  DriverClient(DriverAddress address, byte[] secret, String executorId, int maxMessageBytes) {
    this.address = address;
    this.executorId = executorId;
    this.secret = secret.clone();
    this.connection =
        ExecutorChannel.open(address.host(), address.port(), address.encrypted(), maxMessageBytes);
  }

  String driver() {
    return connection.driver();
  }

  /**
   * Authenticates with the driver (each proves it knows the secret), then registers; the answer
   * carries the shuffle port and the application's configuration.
   *
   * @throws dev.weft.core.rpc.RpcAuthenticationException when the driver refuses the executor or
   *     cannot prove that it is the application's driver
   */
  RegisterExecutorResponse register(RegisterExecutorRequest request, Duration timeout) {
    connection.authenticate(address.applicationId(), executorId, secret, timeout);
    channel = connection.channel();
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
          "The driver at " + driver() + " has no broadcast " + broadcastId);
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
    connection.close();
  }
}
