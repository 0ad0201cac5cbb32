package dev.weft.core.rpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Admits only calls that carry the application's secret (compared in constant time), and, except
 * for registration, only calls from executors that registered. The caller's executor id is put in
 * the call's {@link Context} under {@link #EXECUTOR_ID}.
 */
final class AuthInterceptor implements ServerInterceptor {
  private static final Logger LOG = LogManager.getLogger(AuthInterceptor.class);
  private static final int MAX_LOGGED_PEERS = 1024;

  /** The executor id of the current call. */
  static final Context.Key<String> EXECUTOR_ID = Context.key("weft-executor-id");

  private final byte[] secret;
  private final Predicate<String> registered;
  private final Set<String> loggedPeers = ConcurrentHashMap.newKeySet();

  /**
   * @param registered whether an executor id has registered and was not removed
   */
  AuthInterceptor(byte[] secret, Predicate<String> registered) {
    this.secret = secret.clone();
    this.registered = registered;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    byte[] given = headers.get(DriverRpc.SECRET_HEADER);
    String executorId = headers.get(DriverRpc.EXECUTOR_ID_HEADER);
    if (given == null || !MessageDigest.isEqual(secret, given)) {
      String why = given == null ? "no application secret" : "a wrong application secret";
      logRefusal(call, why, executorId);
      call.close(Status.UNAUTHENTICATED.withDescription("call with " + why), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (executorId == null || executorId.isEmpty()) {
      call.close(
          Status.INVALID_ARGUMENT.withDescription("call without an executor id header"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    boolean registering =
        DriverRpc.REGISTER
            .getFullMethodName()
            .equals(call.getMethodDescriptor().getFullMethodName());
    if (!registering && !registered.test(executorId)) {
      call.close(
          Status.PERMISSION_DENIED.withDescription(
              "executor " + executorId + " is not registered with the driver"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Context context = Context.current().withValue(EXECUTOR_ID, executorId);
    return Contexts.interceptCall(context, call, headers, next);
  }

  private void logRefusal(ServerCall<?, ?> call, String why, String executorId) {
    SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    String peerName = String.valueOf(peer);
    String host =
        peerName.contains(":") ? peerName.substring(0, peerName.lastIndexOf(':')) : peerName;
    if (loggedPeers.size() < MAX_LOGGED_PEERS && loggedPeers.add(host)) {
      LOG.warn(
          "Refused a call to {} from {} (executor id {}) with {}; further refusals from this"
              + " host are not logged",
          call.getMethodDescriptor().getFullMethodName(),
          peerName,
          executorId,
          why);
    }
  }
}
