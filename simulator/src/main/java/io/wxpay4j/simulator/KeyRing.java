package io.wxpay4j.simulator;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The server-side keys: platform certificates (rotatable) and the WeChat Pay public-key pair. */
final class KeyRing {
  /** One platform certificate with its private key and the expiry that {@code /v3/certificates} reports. */
  static final class PlatformEntry {
    final X509Certificate certificate;
    final PrivateKey privateKey;
    final String serial;
    volatile Instant reportedExpiry;

    PlatformEntry(X509Certificate certificate, PrivateKey privateKey) {
      this.certificate = certificate;
      this.privateKey = privateKey;
      this.serial = Crypto.serialHex(certificate);
      this.reportedExpiry = certificate.getNotAfter().toInstant();
    }
  }

  /** The key that signs an answer and the serial sent in {@code Wechatpay-Serial}. */
  static final class SigningKey {
    final String serial;
    final PrivateKey privateKey;

    SigningKey(String serial, PrivateKey privateKey) {
      this.serial = serial;
      this.privateKey = privateKey;
    }
  }

  private final Crypto crypto;
  private final List<PlatformEntry> platform = new CopyOnWriteArrayList<>();
  private final SigningKey publicKey;

  KeyRing(Crypto crypto, Credentials credentials) {
    this.crypto = crypto;
    this.platform.add(new PlatformEntry(credentials.platformCertificate, credentials.platformPrivateKey));
    this.publicKey = new SigningKey(credentials.publicKeyId, credentials.wechatPayKeys.getPrivate());
  }

  SigningKey publicKey() {
    return publicKey;
  }

  List<PlatformEntry> platformEntries() {
    return List.copyOf(platform);
  }

  /** The newest platform certificate: the one with the latest expiry, as the official SDKs choose. */
  SigningKey newestPlatformKey() {
    PlatformEntry newest =
        platform.stream()
            .max(Comparator.comparing(entry -> entry.certificate.getNotAfter()))
            .orElseThrow();
    return new SigningKey(newest.serial, newest.privateKey);
  }

  /**
   * Adds a new platform certificate, which from now on signs answers, and shortens every older one's
   * reported expiry to 24 hours from now, as WeChat Pay does when it rotates.
   */
  synchronized X509Certificate rotate(Instant now) {
    KeyPair keys = crypto.newRsaKeyPair();
    X509Certificate certificate = Credentials.newPlatformCertificate(crypto, keys, now);
    Instant latest =
        platform.stream().map(e -> e.certificate.getNotAfter().toInstant()).max(Comparator.naturalOrder())
            .orElseThrow();
    if (!certificate.getNotAfter().toInstant().isAfter(latest)) {
      certificate =
          crypto.selfSignedCertificate(
              keys,
              certificate.getSubjectX500Principal().getName(),
              now.minus(Duration.ofDays(1)),
              latest.plus(Duration.ofDays(1)));
    }
    Instant shortened = now.plus(Duration.ofHours(24));
    for (PlatformEntry entry : platform) {
      if (entry.reportedExpiry.isAfter(shortened)) {
        entry.reportedExpiry = shortened;
      }
    }
    platform.add(new PlatformEntry(certificate, keys.getPrivate()));
    return certificate;
  }

  List<X509Certificate> certificates() {
    List<X509Certificate> result = new ArrayList<>();
    for (PlatformEntry entry : platform) {
      result.add(entry.certificate);
    }
    return result;
  }
}
