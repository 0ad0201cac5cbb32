package dev.weft.core.rpc;

import com.google.protobuf.ByteString;
import dev.weft.auth.ChallengeResponse;
import dev.weft.core.rpc.proto.AuthChallenge;
import dev.weft.core.rpc.proto.AuthHello;
import dev.weft.core.rpc.proto.AuthMessage;
import dev.weft.core.rpc.proto.AuthOk;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The driver's side of the challenge-response that opens every executor connection (see {@code
 * driver.proto}), and the sessions it creates: one per executor id, valid only on the connection
 * that authenticated.
 */
final class DriverAuthenticator {
  private static final Logger LOG = LogManager.getLogger(DriverAuthenticator.class);

  /** A transport attribute that identifies one connection. */
  static final Attributes.Key<Object> CONNECTION = Attributes.Key.create("weft-connection");

  /** The connection of the current Authenticate call (set by {@link AuthInterceptor}). */
  static final Context.Key<Object> CALL_CONNECTION = Context.key("weft-call-connection");

  /** An authenticated executor: its connection and the session key derived on it. */
  record Session(Object connection, byte[] key) {}

  private final String applicationId;
  private final byte[] secret;
  private final byte[] certificateFingerprint;
  private final long timeoutMillis;
  private final ScheduledExecutorService timer;
  private final BiConsumer<String, String> refused;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /**
   * @param certificateFingerprint SHA-256 of the driver's TLS certificate, or an empty array when
   *     the RPC is not encrypted
   * @param timeoutMillis how long an Authenticate call may take before it is closed
   * @param refused told (executor id, reason) of each refused authentication
   */
  DriverAuthenticator(
      String applicationId,
      byte[] secret,
      byte[] certificateFingerprint,
      long timeoutMillis,
      ScheduledExecutorService timer,
      BiConsumer<String, String> refused) {
    this.applicationId = applicationId;
    this.secret = secret.clone();
    this.certificateFingerprint = certificateFingerprint.clone();
    this.timeoutMillis = timeoutMillis;
    this.timer = timer;
    this.refused = refused;
  }

  /** Marks each connection with its own {@link #CONNECTION} and drops its sessions at its end. */
  ServerTransportFilter transportFilter() {
    return new ServerTransportFilter() {
      @Override
      public Attributes transportReady(Attributes attributes) {
        return attributes.toBuilder().set(CONNECTION, new Object()).build();
      }

      @Override
      public void transportTerminated(Attributes attributes) {
        Object connection = attributes.get(CONNECTION);
        if (connection != null) {
          sessions.values().removeIf(s -> s.connection() == connection);
        }
      }
    };
  }

  /** The session of an executor id, or null when it has not authenticated. */
  Session session(String executorId) {
    return sessions.get(executorId);
  }

  /** Handles one Authenticate call. */
  StreamObserver<AuthMessage> authenticate(StreamObserver<AuthMessage> out) {
    Object connection = CALL_CONNECTION.get();
    return new StreamObserver<>() {
      private AuthHello hello;
      private byte[] serverNonce;
      private boolean done;
      private final ScheduledFuture<?> timeout =
          timer.schedule(
              () -> refuse("expected authentication within " + timeoutMillis + " ms"),
              timeoutMillis,
              TimeUnit.MILLISECONDS);

      @Override
      public synchronized void onNext(AuthMessage message) {
        if (done) {
          return;
        }
        if (message.hasHello() && hello == null) {
          onHello(message.getHello());
        } else if (message.hasProof() && serverNonce != null) {
          onProof(message.getProof().getClientProof().toByteArray());
        } else {
          refuse(
              "expected "
                  + (hello == null ? "a hello" : "a proof")
                  + ", found "
                  + message.getKindCase());
        }
      }

      private void onHello(AuthHello h) {
        hello = h;
        if (h.getProtocolVersion() != DriverRpc.PROTOCOL_VERSION) {
          refuse(
              "executor speaks protocol version "
                  + h.getProtocolVersion()
                  + ", the driver "
                  + DriverRpc.PROTOCOL_VERSION);
          return;
        }
        if (!applicationId.equals(h.getApplicationId())) {
          refuse(
              "executor of application "
                  + h.getApplicationId()
                  + " called the driver of "
                  + applicationId);
          return;
        }
        if (h.getExecutorId().isEmpty()
            || h.getClientNonce().size() != ChallengeResponse.NONCE_BYTES) {
          refuse(
              "expected an executor id and a nonce of "
                  + ChallengeResponse.NONCE_BYTES
                  + " bytes, found '"
                  + h.getExecutorId()
                  + "' and "
                  + h.getClientNonce().size()
                  + " bytes");
          return;
        }
        serverNonce = ChallengeResponse.newNonce();
        out.onNext(
            AuthMessage.newBuilder()
                .setChallenge(
                    AuthChallenge.newBuilder()
                        .setServerNonce(ByteString.copyFrom(serverNonce))
                        .setServerProof(
                            ByteString.copyFrom(DriverRpc.AUTH.serverProof(exchange()))))
                .build());
      }

      private void onProof(byte[] proof) {
        ChallengeResponse.Exchange exchange = exchange();
        if (!ChallengeResponse.matches(DriverRpc.AUTH.clientProof(exchange), proof)) {
          refuse("its proof does not match the application's secret");
          return;
        }
        done = true;
        timeout.cancel(false);
        sessions.put(
            hello.getExecutorId(), new Session(connection, DriverRpc.AUTH.sessionKey(exchange)));
        LOG.debug("Executor {} authenticated", hello.getExecutorId());
        out.onNext(AuthMessage.newBuilder().setOk(AuthOk.getDefaultInstance()).build());
        out.onCompleted();
      }

      private ChallengeResponse.Exchange exchange() {
        return new ChallengeResponse.Exchange(
            secret,
            DriverRpc.PROTOCOL_VERSION,
            applicationId,
            hello.getClientNonce().toByteArray(),
            serverNonce,
            hello.getExecutorId().getBytes(StandardCharsets.UTF_8),
            certificateFingerprint);
      }

      private synchronized void refuse(String why) {
        if (done) {
          return;
        }
        done = true;
        timeout.cancel(false);
        String id = hello == null ? "(none)" : hello.getExecutorId();
        refused.accept(id, why);
        try {
          out.onError(
              Status.UNAUTHENTICATED
                  .withDescription("authentication of executor " + id + " refused: " + why)
                  .asRuntimeException());
        } catch (IllegalStateException alreadyClosed) {
          // the call ended meanwhile
        }
      }

      @Override
      public synchronized void onError(Throwable t) {
        done = true;
        timeout.cancel(false);
      }

      @Override
      public synchronized void onCompleted() {
        if (!done) {
          refuse("the executor ended the authentication early");
        }
      }
    };
  }
}
