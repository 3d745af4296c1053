package io.wxpay4j.auth;

import io.wxpay4j.WechatPaySignatureException;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The platform certificates a merchant trusts right now, with their effective and expiry times:
 * which serial to send, which key a serial names, and a download when an unknown serial appears —
 * one at a time (single-flight), at most once per {@code unknownSerialRefreshInterval}. Readers
 * never block on a download unless they ask for an unknown serial. Thread-safe.
 */
final class TrustedCertificates {
  private static final System.Logger LOG = System.getLogger(TrustedCertificates.class.getName());

  private final CertificateDownloader downloader;
  private final Clock clock;
  private final Duration unknownSerialRefreshInterval;
  private final ReentrantLock refreshLock = new ReentrantLock();

  private volatile Map<String, TrustedCertificate> trusted = Map.of();
  private @Nullable Instant lastUnknownSerialRefresh; // guarded by refreshLock

  TrustedCertificates(
      CertificateDownloader downloader, Clock clock, Duration unknownSerialRefreshInterval) {
    this.downloader = downloader;
    this.clock = clock;
    this.unknownSerialRefreshInterval = unknownSerialRefreshInterval;
  }

  /** The newest certificate in effect (latest expiry); before any is in effect, the latest one. */
  String serial() {
    Instant now = clock.instant();
    TrustedCertificate best = null;
    for (TrustedCertificate t : trusted.values()) {
      boolean better =
          best == null
              || (t.inEffect(now) && !best.inEffect(now))
              || (t.inEffect(now) == best.inEffect(now) && t.expire.isAfter(best.expire));
      if (better) {
        best = t;
      }
    }
    if (best == null) {
      throw new IllegalStateException(
          "no platform certificate downloaded yet"); // the verifier's build() prevents this
    }
    return best.serial;
  }

  /** The serials of the unexpired certificates, sorted. */
  Set<String> serials() {
    Instant now = clock.instant();
    Set<String> result = new TreeSet<>();
    for (TrustedCertificate t : trusted.values()) {
      if (!t.expiredAt(now)) {
        result.add(t.serial);
      }
    }
    return Collections.unmodifiableSet(result);
  }

  /** The unexpired certificates by serial. */
  Map<String, X509Certificate> certificates() {
    Instant now = clock.instant();
    Map<String, X509Certificate> result = new TreeMap<>();
    for (TrustedCertificate t : trusted.values()) {
      if (!t.expiredAt(now)) {
        result.put(t.serial, t.certificate);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /** The key of the unexpired certificate {@code serial}, downloading first if it is unknown. */
  @Nullable PublicKey publicKey(String serial) {
    String key = serial.toUpperCase(Locale.ROOT);
    TrustedCertificate t = usable(key);
    if (t == null) {
      refreshForUnknownSerial(key);
      t = usable(key);
    }
    return t == null ? null : t.certificate.getPublicKey();
  }

  private @Nullable TrustedCertificate usable(String serial) {
    TrustedCertificate t = trusted.get(serial);
    return t == null || t.expiredAt(clock.instant()) ? null : t;
  }

  private void refreshForUnknownSerial(String serial) {
    refreshLock.lock();
    try {
      if (usable(serial) != null) {
        return; // another thread's download brought it while this one waited
      }
      Instant now = clock.instant();
      if (lastUnknownSerialRefresh != null
          && now.isBefore(lastUnknownSerialRefresh.plus(unknownSerialRefreshInterval))) {
        return;
      }
      lastUnknownSerialRefresh = now;
      refresh();
    } catch (IOException | WechatPaySignatureException e) {
      // The caller reports the unknown serial; the reason the download failed goes to the log.
      LOG.log(
          System.Logger.Level.WARNING,
          "platform certificate refresh for unknown serial "
              + serial
              + " failed: "
              + e.getMessage());
    } finally {
      refreshLock.unlock();
    }
  }

  /**
   * Downloads now and trusts the result; on failure the certificates already trusted stay.
   *
   * @throws WechatPayCertificateException for an error answer or an unusable certificate
   * @throws WechatPaySignatureException if the download is not signed by a trusted certificate
   */
  void refresh() throws IOException {
    refreshLock.lock();
    try {
      trusted = downloader.download(trusted);
    } finally {
      refreshLock.unlock();
    }
  }
}
