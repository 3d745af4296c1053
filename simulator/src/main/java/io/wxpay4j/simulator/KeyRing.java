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
import org.jspecify.annotations.Nullable;

/**
 * The server-side keys: platform certificates (rotatable) and the WeChat Pay public-key pair.
 *
 * <p>Rotation follows WeChat Pay: a new certificate is first only listed by {@code
 * /v3/certificates}, with an {@code effective_time} 24 hours ahead, and every older certificate's
 * reported {@code expire_time} is shortened to that moment; answers and notifications stay signed
 * by the current certificate until the new one is activated, explicitly or because the clock
 * reached its {@code effective_time}.
 */
final class KeyRing {
  /** How long a new certificate is listed before it signs, and how long the old one stays valid. */
  static final Duration SWITCH_NOTICE = Duration.ofHours(24);

  /**
   * One platform certificate with its private key and the times that {@code /v3/certificates}
   * reports.
   */
  static final class PlatformEntry {
    final X509Certificate certificate;
    final PrivateKey privateKey;
    final String serial;
    final SigningKey signingKey;
    volatile Instant reportedEffective;
    volatile Instant reportedExpiry;

    PlatformEntry(X509Certificate certificate, PrivateKey privateKey, Instant reportedEffective) {
      this.certificate = certificate;
      this.privateKey = privateKey;
      this.serial = Crypto.serialHex(certificate);
      this.signingKey = new SigningKey(serial, privateKey);
      this.reportedEffective = reportedEffective;
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

  /** Oldest first; the entries after {@link #signing} are listed but not yet signing. */
  private final List<PlatformEntry> platform = new CopyOnWriteArrayList<>();

  private final SigningKey publicKey;
  private volatile PlatformEntry signing;

  KeyRing(Crypto crypto, Credentials credentials) {
    this.crypto = crypto;
    PlatformEntry first =
        new PlatformEntry(
            credentials.platformCertificate,
            credentials.platformPrivateKey,
            credentials.platformCertificate.getNotBefore().toInstant());
    this.platform.add(first);
    this.signing = first;
    this.publicKey =
        new SigningKey(credentials.publicKeyId, credentials.wechatPayKeys.getPrivate());
  }

  SigningKey publicKey() {
    return publicKey;
  }

  List<PlatformEntry> platformEntries() {
    return List.copyOf(platform);
  }

  /**
   * The platform certificate that signs answers and notifications at {@code now}: the last one
   * activated, or a newer listed one whose {@code effective_time} has come (which this call
   * activates).
   */
  PlatformEntry signingEntry(Instant now) {
    PlatformEntry current = signing;
    if (dueAfter(current, now) == null) {
      return current;
    }
    synchronized (this) {
      PlatformEntry due = dueAfter(signing, now);
      if (due != null) {
        signing = due;
      }
      return signing;
    }
  }

  SigningKey platformSigningKey(Instant now) {
    return signingEntry(now).signingKey;
  }

  /**
   * The newest entry listed after {@code current} whose effective time is not after {@code now}, if
   * any.
   */
  private @Nullable PlatformEntry dueAfter(PlatformEntry current, Instant now) {
    PlatformEntry due = null;
    boolean after = false;
    for (PlatformEntry entry : platform) {
      if (entry == current) {
        after = true;
      } else if (after && !entry.reportedEffective.isAfter(now)) {
        due = entry;
      }
    }
    return due;
  }

  /**
   * Lists a new platform certificate in {@code /v3/certificates} without signing with it: its
   * reported {@code effective_time} is 24 hours from now, and every older certificate's reported
   * {@code expire_time} is shortened to that moment, as WeChat Pay does 24 hours before a switch.
   */
  synchronized X509Certificate add(Instant now) {
    signingEntry(now); // settle any activation that is due before the new one is listed
    KeyPair keys = crypto.newRsaKeyPair();
    X509Certificate certificate = Credentials.newPlatformCertificate(crypto, keys, now);
    Instant latest =
        platform.stream()
            .map(e -> e.certificate.getNotAfter().toInstant())
            .max(Comparator.naturalOrder())
            .orElseThrow();
    if (!certificate.getNotAfter().toInstant().isAfter(latest)) {
      certificate =
          crypto.selfSignedCertificate(
              keys,
              certificate.getSubjectX500Principal().getName(),
              now.minus(Duration.ofDays(1)),
              latest.plus(Duration.ofDays(1)));
    }
    Instant switchAt = now.plus(SWITCH_NOTICE);
    for (PlatformEntry entry : platform) {
      if (entry.reportedExpiry.isAfter(switchAt)) {
        entry.reportedExpiry = switchAt;
      }
    }
    platform.add(new PlatformEntry(certificate, keys.getPrivate(), switchAt));
    return certificate;
  }

  /**
   * The newest listed certificate starts signing now (its reported {@code effective_time} becomes
   * now if that was later). Older certificates stay listed until their reported expiry.
   *
   * @throws IllegalStateException if the newest listed certificate already signs
   */
  synchronized X509Certificate activate(Instant now) {
    PlatformEntry current = signingEntry(now);
    PlatformEntry newest = platform.get(platform.size() - 1);
    if (newest == current) {
      throw new IllegalStateException(
          "no listed platform certificate is waiting to sign: the newest, "
              + newest.serial
              + ", already signs; add one first (addPlatformCertificate(), POST /simulator/certificates/add)");
    }
    if (newest.reportedEffective.isAfter(now)) {
      newest.reportedEffective = now;
    }
    signing = newest;
    return newest.certificate;
  }

  /**
   * {@link #add} and {@link #activate} at once: the new certificate signs before any client could
   * list it.
   */
  synchronized X509Certificate rotate(Instant now) {
    add(now);
    return activate(now);
  }

  /**
   * Replaces the platform certificates with those a journal kept (oldest first, the credentials'
   * first one included) and the one that signed.
   */
  synchronized void restore(List<PlatformEntry> entries, String signingSerial) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("no platform certificates to restore");
    }
    PlatformEntry signs = entries.get(0);
    for (PlatformEntry entry : entries) {
      if (entry.serial.equals(signingSerial)) {
        signs = entry;
      }
    }
    platform.clear();
    platform.addAll(entries);
    signing = signs;
  }

  List<X509Certificate> certificates() {
    List<X509Certificate> result = new ArrayList<>();
    for (PlatformEntry entry : platform) {
      result.add(entry.certificate);
    }
    return result;
  }
}
