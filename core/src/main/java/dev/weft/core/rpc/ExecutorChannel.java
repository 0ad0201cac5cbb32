package dev.weft.core.rpc;

import com.google.protobuf.ByteString;
import dev.weft.auth.ChallengeResponse;
import dev.weft.core.rpc.proto.AuthHello;
import dev.weft.core.rpc.proto.AuthMessage;
import dev.weft.core.rpc.proto.AuthProof;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * An executor's connection to its driver: a gRPC channel (TLS when the driver's endpoint is
 * encrypted) on which the executor and the driver first prove to each other that they know the
 * application's secret ({@link #authenticate}); every later call carries the session key derived
 * from that exchange. The executor checks the driver's proof before it sends its own, so a process
 * that is not the driver learns neither the secret nor a proof it could replay. Internal: shared by
 * the executor and tests.
 */
public final class ExecutorChannel implements AutoCloseable {
  private final ManagedChannel managed;
  private final PinningTrustManager trust;
  private final String driver;
  private volatile Channel channel;
  private volatile byte[] sessionKey;

  private ExecutorChannel(ManagedChannel managed, PinningTrustManager trust, String driver) {
    this.managed = managed;
    this.trust = trust;
    this.driver = driver;
  }

  /**
   * Opens a channel; no call is made yet.
   *
   * @param encrypted whether the driver's endpoint speaks TLS
   * @param maxInboundBytes the largest message accepted from the driver
   */
  public static ExecutorChannel open(
      String host, int port, boolean encrypted, int maxInboundBytes) {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(host, port).maxInboundMessageSize(maxInboundBytes);
    PinningTrustManager trust = null;
    if (encrypted) {
      trust = new PinningTrustManager();
      builder.sslContext(RpcTls.clientContext(trust));
    } else {
      builder.usePlaintext();
    }
    return new ExecutorChannel(builder.build(), trust, host + ":" + port);
  }

  /** The driver's {@code host:port}. */
  public String driver() {
    return driver;
  }

  /**
   * Runs the challenge-response with the driver; afterwards {@link #channel()} carries the session.
   *
   * @throws RpcAuthenticationException with a one-line reason when the driver refuses this executor
   *     or fails to prove that it knows the secret
   */
  public void authenticate(
      String applicationId, String executorId, byte[] secret, Duration timeout) {
    ClientCall<AuthMessage, AuthMessage> call =
        managed.newCall(
            DriverRpc.AUTHENTICATE,
            CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS));
    BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(AuthMessage message) {
            inbox.add(message);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            inbox.add(status);
          }
        },
        new Metadata());
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] clientNonce = ChallengeResponse.newNonce();
    call.request(1);
    call.sendMessage(
        AuthMessage.newBuilder()
            .setHello(
                AuthHello.newBuilder()
                    .setProtocolVersion(DriverRpc.PROTOCOL_VERSION)
                    .setApplicationId(applicationId)
                    .setExecutorId(executorId)
                    .setClientNonce(ByteString.copyFrom(clientNonce)))
            .build());
    AuthMessage challenge = next(inbox, deadline, call);
    if (!challenge.hasChallenge()) {
      throw refused(call, "expected a challenge, found " + challenge.getKindCase());
    }
    byte[] fingerprint = peerFingerprint(call);
    ChallengeResponse.Exchange exchange =
        new ChallengeResponse.Exchange(
            secret,
            DriverRpc.PROTOCOL_VERSION,
            applicationId,
            clientNonce,
            challenge.getChallenge().getServerNonce().toByteArray(),
            executorId.getBytes(StandardCharsets.UTF_8),
            fingerprint);
    if (!ChallengeResponse.matches(
        DriverRpc.AUTH.serverProof(exchange),
        challenge.getChallenge().getServerProof().toByteArray())) {
      throw refused(
          call,
          "the process at "
              + driver
              + " failed to prove that it is the driver of "
              + applicationId
              + " (its proof does not match the application's secret)");
    }
    if (trust != null) {
      trust.pin(fingerprint);
    }
    call.request(1);
    call.sendMessage(
        AuthMessage.newBuilder()
            .setProof(
                AuthProof.newBuilder()
                    .setClientProof(ByteString.copyFrom(DriverRpc.AUTH.clientProof(exchange))))
            .build());
    call.halfClose();
    AuthMessage ok = next(inbox, deadline, call);
    if (!ok.hasOk()) {
      throw refused(call, "expected the driver's approval, found " + ok.getKindCase());
    }
    sessionKey = DriverRpc.AUTH.sessionKey(exchange);
    channel = ClientInterceptors.intercept(managed, DriverRpc.session(sessionKey, executorId));
  }

  /**
   * The channel for calls to the driver.
   *
   * @throws IllegalStateException before {@link #authenticate} succeeded
   */
  public Channel channel() {
    Channel c = channel;
    if (c == null) {
      throw new IllegalStateException("the executor has not authenticated with " + driver);
    }
    return c;
  }

  /** The session key of this connection (for tests of replays). */
  byte[] sessionKey() {
    return sessionKey.clone();
  }

  private AuthMessage next(
      BlockingQueue<Object> inbox, long deadline, ClientCall<AuthMessage, AuthMessage> call) {
    Object item;
    try {
      item = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel("interrupted", e);
      throw new RpcAuthenticationException("interrupted while authenticating with " + driver);
    }
    if (item == null) {
      throw refused(call, "no answer from the driver within the timeout");
    }
    if (item instanceof Status status) {
      throw new RpcAuthenticationException(
          "authentication with the driver at "
              + driver
              + " failed: "
              + status.getCode()
              + (status.getDescription() == null ? "" : ": " + status.getDescription()),
          status.getCause());
    }
    return (AuthMessage) item;
  }

  private RpcAuthenticationException refused(ClientCall<?, ?> call, String why) {
    call.cancel(why, null);
    return new RpcAuthenticationException(why);
  }

  /** SHA-256 of the certificate the driver presented, or an empty array without TLS. */
  private byte[] peerFingerprint(ClientCall<?, ?> call) {
    if (trust == null) {
      return new byte[0];
    }
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      throw refused(call, "expected a TLS connection to the driver at " + driver + ", found none");
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return SelfSignedCertificate.fingerprint(chain[0]);
    } catch (SSLPeerUnverifiedException e) {
      throw refused(call, "the driver at " + driver + " presented no certificate");
    }
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
