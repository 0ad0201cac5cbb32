package dev.weft.core.rpc;

import dev.weft.auth.ChallengeResponse;
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
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/**
 * The driver's RPC service as both sides see it: the methods of {@code weft.driver.Driver} (see
 * {@code driver.proto}), the metadata headers every call carries, and the protocol version. Written
 * by hand instead of generated stubs. Internal: shared by {@link ClusterBackend} and the executor.
 */
public final class DriverRpc {
  private DriverRpc() {}

  /** The version both sides must agree on at authentication and registration. */
  public static final int PROTOCOL_VERSION = 2;

  /** The label of the driver RPC's challenge-response transcripts. */
  static final ChallengeResponse AUTH = new ChallengeResponse("weft-driver-rpc");

  /** The service's full name. */
  public static final String SERVICE = "weft.driver.Driver";

  /** The session key both sides derived when the connection authenticated (binary header). */
  public static final Metadata.Key<byte[]> SESSION_HEADER =
      Metadata.Key.of("weft-session-bin", Metadata.BINARY_BYTE_MARSHALLER);

  /** The calling executor's id. */
  public static final Metadata.Key<String> EXECUTOR_ID_HEADER =
      Metadata.Key.of("weft-executor-id", Metadata.ASCII_STRING_MARSHALLER);

  /** The challenge-response that opens every connection. */
  public static final MethodDescriptor<AuthMessage, AuthMessage> AUTHENTICATE =
      MethodDescriptor.<AuthMessage, AuthMessage>newBuilder()
          .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Authenticate"))
          .setRequestMarshaller(ProtoUtils.marshaller(AuthMessage.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(AuthMessage.getDefaultInstance()))
          .build();

  public static final MethodDescriptor<RegisterExecutorRequest, RegisterExecutorResponse> REGISTER =
      unary(
          "RegisterExecutor",
          RegisterExecutorRequest.getDefaultInstance(),
          RegisterExecutorResponse.getDefaultInstance());

  /** Executor -> driver messages up, driver -> executor messages down. */
  public static final MethodDescriptor<ExecutorMessage, DriverMessage> CONNECT =
      MethodDescriptor.<ExecutorMessage, DriverMessage>newBuilder()
          .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Connect"))
          .setRequestMarshaller(ProtoUtils.marshaller(ExecutorMessage.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(DriverMessage.getDefaultInstance()))
          .build();

  public static final MethodDescriptor<MapStatusesRequest, MapStatusesResponse> MAP_STATUSES =
      unary(
          "GetMapStatuses",
          MapStatusesRequest.getDefaultInstance(),
          MapStatusesResponse.getDefaultInstance());

  public static final MethodDescriptor<BroadcastRequest, BroadcastResponse> BROADCAST =
      unary(
          "GetBroadcast",
          BroadcastRequest.getDefaultInstance(),
          BroadcastResponse.getDefaultInstance());

  public static final MethodDescriptor<CanCommitRequest, CanCommitResponse> CAN_COMMIT =
      unary(
          "CanCommit",
          CanCommitRequest.getDefaultInstance(),
          CanCommitResponse.getDefaultInstance());

  private static <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message>
      MethodDescriptor<Q, R> unary(String name, Q request, R response) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(ProtoUtils.marshaller(request))
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .build();
  }

  /**
   * A client interceptor that adds the session and executor id headers to every call.
   *
   * @param session the session key of an authenticated connection, or null to send none (tests of
   *     refusals)
   */
  static ClientInterceptor session(byte[] session, String executorId) {
    byte[] copy = session == null ? null : session.clone();
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            if (copy != null) {
              headers.put(SESSION_HEADER, copy);
            }
            headers.put(EXECUTOR_ID_HEADER, executorId);
            super.start(listener, headers);
          }
        };
      }
    };
  }
}
