package dev.weft.core.rpc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A fresh EC P-256 key pair and a self-signed X.509 certificate for it, made by the driver for one
 * application run. Executors do not trust it through a CA: they pin its SHA-256 fingerprint, which
 * the driver's challenge-response proof covers (see {@link ExecutorChannel}).
 *
 * <p>The JDK has no public API to issue a certificate, and the few fields needed here do not
 * justify a dependency, so the DER is written by hand: a v3 certificate without extensions, signed
 * with ECDSA over SHA-256.
 */
final class SelfSignedCertificate {
  private static final byte[] ECDSA_WITH_SHA256 = {
    0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02
  };
  private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

  private final KeyPair keys;
  private final X509Certificate certificate;

  private SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  /**
   * @param commonName the subject's and issuer's common name
   */
  static SelfSignedCertificate generate(String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair keys = generator.generateKeyPair();
      byte[] algorithm = sequence(tlv(0x06, ECDSA_WITH_SHA256));
      byte[] name =
          sequence(
              tlv(
                  0x31,
                  sequence(
                      tlv(0x06, COMMON_NAME),
                      tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      byte[] serial = new byte[16];
      new SecureRandom().nextBytes(serial);
      serial[0] &= 0x7F;
      byte[] tbs =
          sequence(
              tlv(0xA0, tlv(0x02, new byte[] {2})),
              tlv(0x02, new BigInteger(1, serial).toByteArray()),
              algorithm,
              name,
              sequence(time(now.minusDays(1)), time(now.plusYears(10))),
              name,
              keys.getPublic().getEncoded());
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] signature = signer.sign();
      byte[] bits = new byte[signature.length + 1];
      System.arraycopy(signature, 0, bits, 1, signature.length);
      byte[] der = sequence(tbs, algorithm, tlv(0x03, bits));
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      certificate.verify(keys.getPublic());
      return new SelfSignedCertificate(keys, certificate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the driver's TLS certificate: " + e, e);
    }
  }

  KeyPair keys() {
    return keys;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** SHA-256 of the certificate's DER encoding. */
  byte[] fingerprint() {
    return fingerprint(certificate);
  }

  static byte[] fingerprint(java.security.cert.Certificate certificate) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode a certificate: " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  private static byte[] time(ZonedDateTime t) {
    // UTCTime holds years up to 2049; later dates would need GeneralizedTime.
    ZonedDateTime capped = t.getYear() >= 2050 ? t.withYear(2049) : t;
    return tlv(0x17, UTC_TIME.format(capped).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      body.writeBytes(p);
    }
    return tlv(0x30, body.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xFFFFFF ? 4 : n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
