package io.wxpay4j.auth;

import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.internal.SharedHttp;
import java.io.Closeable;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Verifies with WeChat Pay platform certificates (平台证书) that it downloads from {@code GET
 * /v3/certificates}, decrypts with the APIv3 key and keeps fresh.
 *
 * <pre>{@code
 * PlatformCertificateVerifier verifier = PlatformCertificateVerifier.builder()
 *     .merchantId("1900000109")
 *     .signer(signer)
 *     .apiV3Key(ApiV3Key.of(apiV3KeyText))
 *     .build();                 // downloads now: fails fast on a wrong key or a public-key-only merchant
 * ...
 * verifier.close();             // stops the scheduled refresh
 * }</pre>
 *
 * <ul>
 *   <li>{@link Builder#build()} downloads the certificates once and fails if that fails. A merchant
 *       that has only the WeChat Pay public key gets a {@link WechatPayCertificateException} saying
 *       to use {@link PublicKeyVerifier} instead.
 *   <li>Each certificate is decrypted with AES-256-GCM and the APIv3 key (which authenticates it),
 *       parsed as X.509 and checked against its {@code serial_no}; expired ones are dropped, and
 *       one whose key is not RSA of 2048 bits or more, or whose {@code notBefore} is more than five
 *       minutes ahead of the clock, is not trusted (logged). With {@link Builder#issuers issuers}
 *       pinned, each must also chain to one of them.
 *   <li>The list is read only up to 256 KiB and 16 certificates; a larger answer is refused.
 *   <li>It refreshes every {@link Builder#refreshInterval refreshInterval} (default one hour;
 *       WeChat Pay lists a new certificate 24 h before using it), and when a response names an
 *       unknown serial: one download at a time (concurrent unknown serials join it), at most once
 *       per {@link Builder#unknownSerialRefreshInterval unknownSerialRefreshInterval} (default one
 *       minute), and a request thread waits for it at most {@link Builder#unknownSerialWait
 *       unknownSerialWait} (default five seconds).
 *   <li>After the first download, a download is accepted only if its response signature verifies
 *       with a certificate already trusted. The first download must be signed by a certificate it
 *       contains. Once every trusted certificate has expired (all refreshes failed for that long),
 *       downloads fail closed with a {@link WechatPayCertificateException} that says what to do:
 *       trust is never re-armed on first use by itself.
 * </ul>
 *
 * <p>Thread-safe. Instances are independent (several merchants side by side), but cheap: the
 * scheduled refreshes of all verifiers in the process share one daemon thread ({@code
 * wxpay4j-platform-certificates}), and downloads share a connection pool (the {@link
 * Builder#okHttpClient okHttpClient}'s, or one default pool for the whole process). {@link
 * #close()} cancels this verifier's refresh; one that is dropped unclosed stops refreshing once
 * garbage-collected.
 */
public final class PlatformCertificateVerifier implements Verifier, Closeable {
  private static final System.Logger LOG =
      System.getLogger(PlatformCertificateVerifier.class.getName());

  private final String merchantId;
  private final Duration refreshInterval;
  private final TrustedCertificates trusted;
  private volatile @Nullable ScheduledFuture<?> refreshes;

  private PlatformCertificateVerifier(Builder b) {
    this.merchantId = Objects.requireNonNull(b.merchantId);
    this.refreshInterval = b.refreshInterval;
    CertificateDownloader downloader =
        new CertificateDownloader(
            merchantId, Objects.requireNonNull(b.apiV3Key), b.baseUrl, http(b), b.clock, b.issuers);
    this.trusted =
        new TrustedCertificates(
            downloader, b.clock, b.unknownSerialRefreshInterval, b.unknownSerialWait);
  }

  /**
   * The client downloads go through: the one given if it already signs for this merchant (a {@code
   * WechatPayClient}'s, with its retries and host failover), else one derived from it (or from the
   * process-wide default) that signs them.
   */
  private OkHttpClient http(Builder b) {
    OkHttpClient base = b.okHttpClient != null ? b.okHttpClient : SharedHttp.client();
    for (Interceptor interceptor : base.interceptors()) {
      if (interceptor instanceof WechatPaySignatureInterceptor) {
        String signsFor = ((WechatPaySignatureInterceptor) interceptor).merchantId();
        if (!signsFor.equals(merchantId)) {
          throw new IllegalArgumentException(
              "okHttpClient signs for merchant "
                  + signsFor
                  + ", not for merchant "
                  + merchantId
                  + " whose certificates are to be downloaded");
        }
        return base;
      }
    }
    WechatPaySignatureInterceptor signing =
        WechatPaySignatureInterceptor.builder()
            .merchantId(merchantId)
            .signer(Objects.requireNonNull(b.signer))
            .verifier(this) // never consulted: the downloader verifies the download itself
            .clock(b.clock)
            .build();
    return base.newBuilder().addInterceptor(signing).build();
  }

  /**
   * The CA that issues WeChat Pay's platform certificates today, "Tenpay.com Root CA" (issued by
   * iTrusChina Class 2 Enterprise CA - G3; SHA-256 fingerprint {@code B2:9F:8B:25:…:3A:94:52},
   * valid to 2032-08-09), to pin with {@link Builder#issuers}. Its bytes are the same in WeChat
   * Pay's own Java SDK and in WeChat Pay's published trust chain ({@code CertTrustChain.p7b}).
   */
  public static X509Certificate tenpayRootCa() {
    return TenpayRootCa.certificate();
  }

  /** Returns a builder; {@code merchantId}, {@code signer} and {@code apiV3Key} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The merchant whose certificates these are. */
  public String merchantId() {
    return merchantId;
  }

  /**
   * The serial of the newest certificate in effect (latest expiry), sent as {@code
   * Wechatpay-Serial}; also the certificate to encrypt sensitive fields with.
   */
  @Override
  public String serial() {
    return trusted.serial();
  }

  /** The serials of the unexpired certificates. */
  @Override
  public Set<String> serials() {
    return trusted.serials();
  }

  /** The unexpired certificates by serial, e.g. to encrypt sensitive fields. */
  public Map<String, X509Certificate> certificates() {
    return trusted.certificates();
  }

  /**
   * Returns the key of the unexpired certificate {@code serial}. An unknown serial triggers a
   * download first (single-flight and rate-limited), since WeChat Pay may have started using a new
   * certificate.
   */
  @Override
  public @Nullable PublicKey publicKey(String serial) {
    return trusted.publicKey(serial);
  }

  /** Downloads the certificates now. Package-private: tests and the schedule call it. */
  void refresh() throws IOException {
    trusted.refresh();
  }

  /** One scheduled refresh; a failure keeps the certificates already trusted. */
  void scheduledRefresh() {
    try {
      refresh();
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "scheduled platform certificate refresh for merchant "
              + merchantId
              + " failed: "
              + e.getMessage());
    }
  }

  private void start() {
    if (!refreshInterval.isZero()) {
      refreshes =
          RefreshScheduler.scheduleWhileReachable(
              this, PlatformCertificateVerifier::scheduledRefresh, refreshInterval);
    }
  }

  /** True once {@link #close()} has cancelled the scheduled refresh (or none was scheduled). */
  boolean isClosed() {
    ScheduledFuture<?> scheduled = refreshes;
    return scheduled == null || scheduled.isCancelled();
  }

  /**
   * Cancels the scheduled refresh; the shared refresh thread stays for other verifiers. The
   * certificates already trusted stay usable until they expire.
   */
  @Override
  public void close() {
    ScheduledFuture<?> scheduled = refreshes;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }

  @Override
  public String toString() {
    return "PlatformCertificateVerifier{merchantId=" + merchantId + ", serials=" + serials() + "}";
  }

  /** Configures a {@link PlatformCertificateVerifier}. */
  public static final class Builder {
    private @Nullable String merchantId;
    private @Nullable Signer signer;
    private @Nullable ApiV3Key apiV3Key;
    private @Nullable OkHttpClient okHttpClient;
    private HttpUrl baseUrl =
        Objects.requireNonNull(HttpUrl.parse("https://api.mch.weixin.qq.com/"));
    private Clock clock = Clock.systemUTC();
    private Duration refreshInterval = Duration.ofHours(1);
    private Duration unknownSerialRefreshInterval = Duration.ofMinutes(1);
    private Duration unknownSerialWait = Duration.ofSeconds(5);
    private List<X509Certificate> issuers = List.of();

    private Builder() {}

    /** The merchant ID (商户号). Required. */
    public Builder merchantId(String merchantId) {
      this.merchantId = WechatPaySignatureInterceptor.checkMerchantId(merchantId);
      return this;
    }

    /** Signs the download request with the merchant key. Required. */
    public Builder signer(Signer signer) {
      this.signer = Objects.requireNonNull(signer, "signer == null");
      return this;
    }

    /** Decrypts the certificates. Required. */
    public Builder apiV3Key(ApiV3Key apiV3Key) {
      this.apiV3Key = Objects.requireNonNull(apiV3Key, "apiV3Key == null");
      return this;
    }

    /**
     * The client downloads go through (its pool and dispatcher are shared). If it already signs for
     * this merchant (it has a {@link WechatPaySignatureInterceptor}, like {@code
     * WechatPayClient.okHttpClient()}), downloads use it as it is, with its retries and host
     * failover; otherwise the verifier derives one that signs with {@link #signer}. Without it,
     * downloads share the process-wide default connection pool of wxpay4j.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    /** Defaults to {@code https://api.mch.weixin.qq.com/}; must end in {@code /}. */
    public Builder baseUrl(HttpUrl baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      if (!baseUrl.encodedPath().endsWith("/")) {
        throw new IllegalArgumentException("baseUrl must end in /, found " + baseUrl);
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * The clock for expiry, the response window and rate limiting; defaults to the system clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * How often to download in the background; default one hour, {@link Duration#ZERO} for no
     * scheduled refresh (then only unknown serials trigger downloads).
     */
    public Builder refreshInterval(Duration refreshInterval) {
      Objects.requireNonNull(refreshInterval, "refreshInterval == null");
      if (refreshInterval.isNegative()) {
        throw new IllegalArgumentException("refreshInterval must not be negative");
      }
      this.refreshInterval = refreshInterval;
      return this;
    }

    /** The least time between two downloads caused by unknown serials; default one minute. */
    public Builder unknownSerialRefreshInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval == null");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("unknownSerialRefreshInterval must not be negative");
      }
      this.unknownSerialRefreshInterval = interval;
      return this;
    }

    /**
     * The longest a thread that meets an unknown serial waits for the download it causes (or
     * joins); default five seconds. The download goes on after that, and the serial is known to
     * later lookups once it completes.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder unknownSerialWait(Duration wait) {
      Objects.requireNonNull(wait, "wait == null");
      if (wait.isNegative() || wait.isZero()) {
        throw new IllegalArgumentException("unknownSerialWait must be positive, was " + wait);
      }
      this.unknownSerialWait = wait;
      return this;
    }

    /**
     * Pins the CAs that issue platform certificates: a downloaded certificate is trusted only if it
     * chains to one of them (PKIX, at the verifier's clock, without revocation checks). Off by
     * default; {@link #tenpayRootCa()} is the CA WeChat Pay uses today. The certificate list is
     * already authenticated by the APIv3 key and by a signature of a trusted certificate, so
     * pinning adds a third, independent check, at the cost of failing closed should WeChat Pay move
     * to another CA (this one expires on 2032-08-09).
     *
     * @throws IllegalArgumentException if {@code issuers} is empty
     */
    public Builder issuers(Collection<X509Certificate> issuers) {
      Objects.requireNonNull(issuers, "issuers == null");
      if (issuers.isEmpty()) {
        throw new IllegalArgumentException("issuers must name at least one CA certificate");
      }
      this.issuers = List.copyOf(issuers);
      return this;
    }

    /**
     * Downloads the certificates and returns the verifier, with its refresh scheduled.
     *
     * @throws WechatPayCertificateException if WeChat Pay has no certificate for the merchant (use
     *     the public key), answers with an error, or a certificate cannot be decrypted (wrong APIv3
     *     key)
     * @throws WechatPaySignatureException if the download answer is not signed by a certificate it
     *     contains
     * @throws IOException on a network failure
     * @throws IllegalStateException naming a required setter that was not called
     * @throws IllegalArgumentException if {@link #okHttpClient} signs for another merchant
     */
    public PlatformCertificateVerifier build() throws IOException {
      if (merchantId == null) {
        throw new IllegalStateException("merchantId(...) is required: the merchant ID (商户号)");
      }
      if (signer == null) {
        throw new IllegalStateException(
            "signer(...) is required: it signs the certificate download");
      }
      if (apiV3Key == null) {
        throw new IllegalStateException("apiV3Key(...) is required: it decrypts the certificates");
      }
      PlatformCertificateVerifier verifier = new PlatformCertificateVerifier(this);
      verifier.refresh();
      verifier.start();
      return verifier;
    }
  }
}
