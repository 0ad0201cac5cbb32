package dev.weft.core.rpc;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/** The TLS contexts of the driver RPC when {@code weft.rpc.encryption.enabled}. */
final class RpcTls {
  private RpcTls() {}

  /** The driver's side: its per-run key and self-signed certificate, no client certificates. */
  static SslContext serverContext(SelfSignedCertificate certificate) {
    try {
      return GrpcSslContexts.configure(
              SslContextBuilder.forServer(
                  certificate.keys().getPrivate(), certificate.certificate()))
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS for the driver endpoint: " + e, e);
    }
  }

  /** An executor's side: trusts the certificate it pins (see {@link PinningTrustManager}). */
  static SslContext clientContext(PinningTrustManager trust) {
    try {
      return GrpcSslContexts.forClient().trustManager(trust).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS to the driver: " + e, e);
    }
  }
}
