package io.wxpay4j.auth;

import io.wxpay4j.WechatPaySignatureException;
import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The platform certificates a merchant trusts right now, with their effective and expiry times:
 * which serial to send, which key a serial names, and a download when an unknown serial appears.
 *
 * <p>Downloads are single-flight: while one runs (scheduled, or started by an unknown serial),
 * every lookup of an unknown serial and every refresh joins it instead of starting another, so
 * concurrent unknown serials cost one download. An unknown serial starts a download at most once
 * per {@code unknownSerialRefreshInterval}, on a shared daemon thread, and the looking-up thread
 * waits for it at most {@code unknownSerialWait}: a slow download never holds a request thread
 * longer (the serial is then reported unknown, and the download still completes for later lookups).
 * Readers of known serials never wait. Thread-safe.
 */
final class TrustedCertificates {
  private static final System.Logger LOG = System.getLogger(TrustedCertificates.class.getName());

  private final CertificateDownloader downloader;
  private final Clock clock;
  private final Duration unknownSerialRefreshInterval;
  private final Duration unknownSerialWait;

  private volatile Map<String, TrustedCertificate> trusted = Map.of();
  private @Nullable CompletableFuture<Void> inFlight; // guarded by this
  private @Nullable Instant lastUnknownSerialRefresh; // guarded by this

  TrustedCertificates(
      CertificateDownloader downloader,
      Clock clock,
      Duration unknownSerialRefreshInterval,
      Duration unknownSerialWait) {
    this.downloader = downloader;
    this.clock = clock;
    this.unknownSerialRefreshInterval = unknownSerialRefreshInterval;
    this.unknownSerialWait = unknownSerialWait;
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

  /**
   * Joins the download in flight, or starts one on a shared daemon thread if the rate limit allows;
   * waits at most {@code unknownSerialWait} either way.
   */
  private void refreshForUnknownSerial(String serial) {
    CompletableFuture<Void> download;
    synchronized (this) {
      download = inFlight;
      if (download == null) {
        if (usable(serial) != null) {
          return; // a download that just ended brought it
        }
        Instant now = clock.instant();
        if (lastUnknownSerialRefresh != null
            && now.isBefore(lastUnknownSerialRefresh.plus(unknownSerialRefreshInterval))) {
          return;
        }
        lastUnknownSerialRefresh = now;
        CompletableFuture<Void> started = new CompletableFuture<>();
        inFlight = download = started;
        RefreshScheduler.download(() -> run(started));
      }
    }
    try {
      download.get(unknownSerialWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      warn(
          serial,
          "still runs after "
              + unknownSerialWait.toMillis()
              + " ms; the serial is reported"
              + " unknown for now, and later lookups see the download's result");
    } catch (ExecutionException e) {
      // The caller reports the unknown serial; the reason the download failed goes to the log.
      warn(serial, "failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void warn(String serial, String what) {
    LOG.log(
        System.Logger.Level.WARNING,
        "platform certificate download for unknown serial "
            + serial
            + " of merchant "
            + downloader.merchantId()
            + " "
            + what);
  }

  /**
   * Downloads now and trusts the result, or joins the download in flight; on failure the
   * certificates already trusted stay.
   *
   * @throws WechatPayCertificateException for an error answer or an unusable certificate
   * @throws WechatPaySignatureException if the download is not signed by a trusted certificate
   */
  void refresh() throws IOException {
    CompletableFuture<Void> download;
    boolean lead = false;
    synchronized (this) {
      download = inFlight;
      if (download == null) {
        inFlight = download = new CompletableFuture<>();
        lead = true;
      }
    }
    if (lead) {
      run(download);
    }
    try {
      download.get(); // bounded: the download call has a timeout (CertificateDownloader)
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the platform certificates download");
    }
  }

  /**
   * Runs one download, trusts its result, and completes {@code download}, after it is no longer the
   * download in flight: whoever joins a download joins one that has not ended yet.
   */
  private void run(CompletableFuture<Void> download) {
    Throwable failure = null;
    try {
      trusted = downloader.download(trusted);
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    }
    synchronized (this) {
      if (inFlight == download) {
        inFlight = null;
      }
    }
    if (failure == null) {
      download.complete(null);
    } else {
      download.completeExceptionally(failure);
    }
  }
}
