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
    try {
      if (generator == null) {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
      }
      KeyPair pair = generator.generateKeyPair();
      X500Name name = new X500Name("CN=Tenpay.com TEST-ONLY platform,OU=" + serialHex);
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          name,
                          new BigInteger(serialHex, 16),
                          Date.from(notBefore),
                          Date.from(notAfter),
                          name,
                          pair.getPublic())
                      .build(
                          new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
      return new Issued(serialHex, pair, cert);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
