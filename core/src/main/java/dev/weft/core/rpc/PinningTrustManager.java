package dev.weft.core.rpc;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * An executor's trust in its driver's TLS certificate. The driver's certificate is self-signed and
 * made for one run, so no CA vouches for it; instead, until the driver has proved that it knows the
 * application's secret, any certificate is accepted for the TLS handshake (nothing but the
 * authentication hello is sent before that proof, and the proof covers the certificate's
 * fingerprint), and after it only that certificate is: a reconnection to another process on the
 * driver's port fails the TLS handshake. Extends {@link X509ExtendedTrustManager} so that JSSE
 * leaves host name checks to it (there are none: the pin replaces them).
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  private volatile byte[] pinned;

  /** Accepts only the certificate with this SHA-256 fingerprint from now on. */
  void pin(byte[] fingerprint) {
    byte[] current = pinned;
    if (current != null && !MessageDigest.isEqual(current, fingerprint)) {
      throw new IllegalStateException("the driver's certificate is pinned already");
    }
    pinned = fingerprint.clone();
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the driver presented no certificate");
    }
    byte[] expected = pinned;
    if (expected != null
        && !MessageDigest.isEqual(expected, SelfSignedCertificate.fingerprint(chain[0]))) {
      throw new CertificateException(
          "the driver presented a certificate other than the one it proved at authentication");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("an executor does not accept TLS clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("an executor does not accept TLS clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("an executor does not accept TLS clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
