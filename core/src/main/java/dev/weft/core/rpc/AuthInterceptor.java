package dev.weft.core.rpc;

import dev.weft.auth.ChallengeResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Admits Authenticate calls from anyone, and every other call only with the session of an executor
 * that authenticated on the same connection (compared in constant time); except for registration,
 * only from executors that registered. The caller's executor id is put in the call's {@link
 * Context} under {@link #EXECUTOR_ID}.
 */
final class AuthInterceptor implements ServerInterceptor {
  private static final Logger LOG = LogManager.getLogger(AuthInterceptor.class);
  private static final int MAX_LOGGED_PEERS = 1024;

  /** The executor id of the current call. */
  static final Context.Key<String> EXECUTOR_ID = Context.key("weft-executor-id");

  private final DriverAuthenticator authenticator;
  private final Predicate<String> registered;
  private final Set<String> loggedPeers = ConcurrentHashMap.newKeySet();

  /**
   * @param registered whether an executor id has registered and was not removed
   */
  AuthInterceptor(DriverAuthenticator authenticator, Predicate<String> registered) {
    this.authenticator = authenticator;
    this.registered = registered;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Object connection = call.getAttributes().get(DriverAuthenticator.CONNECTION);
    if (DriverRpc.AUTHENTICATE.getFullMethodName().equals(method)) {
      Context context =
          Context.current().withValue(DriverAuthenticator.CALL_CONNECTION, connection);
      return Contexts.interceptCall(context, call, headers, next);
    }
    String executorId = headers.get(DriverRpc.EXECUTOR_ID_HEADER);
    if (executorId == null || executorId.isEmpty()) {
      call.close(
          Status.INVALID_ARGUMENT.withDescription("call without an executor id header"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    byte[] given = headers.get(DriverRpc.SESSION_HEADER);
    DriverAuthenticator.Session session = authenticator.session(executorId);
    if (given == null
        || session == null
        || connection == null
        || session.connection() != connection
        || !ChallengeResponse.matches(session.key(), given)) {
      String why =
          given == null
              ? "no session"
              : session == null
                  ? "a session of an executor that has not authenticated"
                  : "a session that was not made on this connection";
      logRefusal(call, why, executorId);
      call.close(Status.UNAUTHENTICATED.withDescription("call with " + why), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    boolean registering = DriverRpc.REGISTER.getFullMethodName().equals(method);
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

  /** Logs a refusal once per peer host. */
  void logRefusal(SocketAddress peer, String method, String why, String executorId) {
    String peerName = String.valueOf(peer);
    String host =
        peerName.contains(":") ? peerName.substring(0, peerName.lastIndexOf(':')) : peerName;
    if (loggedPeers.size() < MAX_LOGGED_PEERS && loggedPeers.add(host)) {
      LOG.warn(
          "Refused a call to {} from {} (executor id {}) with {}; further refusals from this"
              + " host are not logged",
          method,
          peerName,
          executorId,
          why);
    }
  }

  private void logRefusal(ServerCall<?, ?> call, String why, String executorId) {
    logRefusal(
        call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
        call.getMethodDescriptor().getFullMethodName(),
        why,
        executorId);
  }
}
