package dev.weft.core.rpc;

import static org.junit.Assert.assertThrows;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.Test;

public class PinningTrustManagerTest {
  private final SelfSignedCertificate driver = SelfSignedCertificate.generate("weft-driver a");
  private final SelfSignedCertificate impostor = SelfSignedCertificate.generate("weft-driver a");

  @Test
  public void anyCertificateIsAcceptedUntilPinnedThenOnlyThePinnedOne() throws Exception {
    PinningTrustManager trust = new PinningTrustManager();
    trust.checkServerTrusted(new X509Certificate[] {impostor.certificate()}, "ECDHE_ECDSA");

    trust.pin(driver.fingerprint());

    trust.checkServerTrusted(new X509Certificate[] {driver.certificate()}, "ECDHE_ECDSA");
    assertThrows(
        CertificateException.class,
        () ->
            trust.checkServerTrusted(
                new X509Certificate[] {impostor.certificate()}, "ECDHE_ECDSA"));
    assertThrows(IllegalStateException.class, () -> trust.pin(impostor.fingerprint()));
  }

  @Test
  public void anExecutorRefusesTlsClients() {
    assertThrows(
        CertificateException.class,
        () ->
            new PinningTrustManager()
                .checkClientTrusted(new X509Certificate[] {driver.certificate()}, "ECDHE_ECDSA"));
  }
}
