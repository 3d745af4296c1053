package io.wxpay4j.auth;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** TEST-ONLY platform certificates made with Bouncy Castle for the certificate-download tests. */
public final class TestCertificates {
  private static KeyPairGenerator generator;

  private TestCertificates() {}

  /** A TEST-ONLY key pair and self-signed certificate. */
  public static final class Issued {
    public final String serial;
    public final KeyPair keyPair;
    final X509Certificate certificate;

    Issued(String serial, KeyPair keyPair, X509Certificate certificate) {
      this.serial = serial;
      this.keyPair = keyPair;
      this.certificate = certificate;
    }

    String pem() {
      try {
        return "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  public static synchronized Issued issue(String serialHex, Instant notBefore, Instant notAfter) {
    if (generator == null) {
      generator = generator(2048);
    }
    KeyPair pair = generator.generateKeyPair();
    X500Name name = name(serialHex);
    return new Issued(
        serialHex, pair, certificate(name, serialHex, notBefore, notAfter, name, pair, pair));
  }

  /** A self-signed certificate with an RSA key of {@code bits} bits. */
  public static Issued issueWithKeySize(
      String serialHex, Instant notBefore, Instant notAfter, int bits) {
    KeyPair pair = generator(bits).generateKeyPair();
    X500Name name = name(serialHex);
    return new Issued(
        serialHex, pair, certificate(name, serialHex, notBefore, notAfter, name, pair, pair));
  }

  /** A certificate issued by {@code ca} (its subject is the issuer, its key signs). */
  public static synchronized Issued issueBy(
      Issued ca, String serialHex, Instant notBefore, Instant notAfter) {
    if (generator == null) {
      generator = generator(2048);
    }
    KeyPair pair = generator.generateKeyPair();
    X500Name issuer = X500Name.getInstance(ca.certificate.getSubjectX500Principal().getEncoded());
    return new Issued(
        serialHex,
        pair,
        certificate(name(serialHex), serialHex, notBefore, notAfter, issuer, pair, ca.keyPair));
  }

  private static X500Name name(String serialHex) {
    return new X500Name("CN=Tenpay.com TEST-ONLY platform,OU=" + serialHex);
  }

  private static KeyPairGenerator generator(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static X509Certificate certificate(
      X500Name subject,
      String serialHex,
      Instant notBefore,
      Instant notAfter,
      X500Name issuer,
      KeyPair subjectKeys,
      KeyPair issuerKeys) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              new JcaX509v3CertificateBuilder(
                      issuer,
                      new BigInteger(serialHex, 16),
                      Date.from(notBefore),
                      Date.from(notAfter),
                      subject,
                      subjectKeys.getPublic())
                  .build(
                      new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
