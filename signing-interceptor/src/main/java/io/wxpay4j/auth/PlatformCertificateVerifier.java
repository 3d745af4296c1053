package io.wxpay4j.auth;

import com.squareup.moshi.JsonDataException;
import io.wxpay4j.WechatPayErrorResponse;
import io.wxpay4j.internal.SignatureCheck;
import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.CertificateList;
import io.wxpay4j.model.EncryptedResource;
import io.wxpay4j.model.PlatformCertificate;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
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
 * verifier.close();             // stops the refresh thread
 * }</pre>
 *
 * <ul>
 *   <li>{@link Builder#build()} downloads the certificates once and fails if that fails. A merchant
 *       that has only the WeChat Pay public key gets a {@link WechatPayCertificateException} saying
 *       to use {@link PublicKeyVerifier} instead.
 *   <li>Each certificate is decrypted with AES-256-GCM and the APIv3 key (which authenticates it),
 *       parsed as X.509 and checked against its {@code serial_no}; expired ones are dropped.
 *   <li>It refreshes on its own daemon thread every {@link Builder#refreshInterval refreshInterval}
 *       (default one hour; WeChat Pay lists a new certificate 24 h before using it), and at once
 *       when a response names an unknown serial: one download at a time, at most once per {@link
 *       Builder#unknownSerialRefreshInterval unknownSerialRefreshInterval} (default one minute).
 *   <li>After the first download, a download is accepted only if its response signature verifies
 *       with a certificate already trusted (unless every trusted certificate has expired meanwhile,
 *       when it is treated like the first download). The first download must be signed by a
 *       certificate it contains.
 * </ul>
 *
 * <p>Every instance is independent (no static state), thread-safe, and owns one thread: {@link
 * #close()} it when the merchant's client is discarded. Downloads use their own {@code
 * OkHttpClient} derived from the one given, so connection pools are shared.
 */
public final class PlatformCertificateVerifier implements Verifier, Closeable {
  private static final System.Logger LOG =
      System.getLogger(PlatformCertificateVerifier.class.getName());
  private static final String CERTIFICATES_PATH = "v3/certificates?algorithm_type=RSA";

  private final String merchantId;
  private final ApiV3Key apiV3Key;
  private final Clock clock;
  private final HttpUrl url;
  private final OkHttpClient http;
  private final Duration refreshInterval;
  private final Duration unknownSerialRefreshInterval;
  private final ReentrantLock refreshLock = new ReentrantLock();
  private final @Nullable ScheduledExecutorService scheduler;

  private volatile Map<String, Trusted> trusted = Map.of();
  private @Nullable Instant lastUnknownSerialRefresh; // guarded by refreshLock

  private PlatformCertificateVerifier(Builder b) {
    this.merchantId = Objects.requireNonNull(b.merchantId);
    this.apiV3Key = Objects.requireNonNull(b.apiV3Key);
    this.clock = b.clock;
    this.url = Objects.requireNonNull(b.baseUrl.resolve(CERTIFICATES_PATH));
    this.refreshInterval = b.refreshInterval;
    this.unknownSerialRefreshInterval = b.unknownSerialRefreshInterval;
    WechatPaySignatureInterceptor signing =
        WechatPaySignatureInterceptor.builder()
            .merchantId(merchantId)
            .signer(Objects.requireNonNull(b.signer))
            .verifier(this) // never consulted: the download is verified below, by hand
            .clock(clock)
            .sendSerial(false)
            .build();
    OkHttpClient base = b.okHttpClient != null ? b.okHttpClient : new OkHttpClient();
    this.http = base.newBuilder().addInterceptor(signing).build();
    this.scheduler = refreshInterval.isZero() ? null : newScheduler(merchantId);
  }

  private static ScheduledExecutorService newScheduler(String merchantId) {
    return Executors.newSingleThreadScheduledExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "wxpay4j-platform-certificates-" + merchantId);
          thread.setDaemon(true);
          return thread;
        });
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
    Instant now = clock.instant();
    Trusted best = null;
    for (Trusted t : trusted.values()) {
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
          "no platform certificate downloaded yet"); // build() prevents this
    }
    return best.serial;
  }

  /** The serials of the unexpired certificates. */
  @Override
  public Set<String> serials() {
    Instant now = clock.instant();
    Set<String> result = new java.util.TreeSet<>();
    for (Trusted t : trusted.values()) {
      if (!t.expiredAt(now)) {
        result.add(t.serial);
      }
    }
    return Collections.unmodifiableSet(result);
  }

  /** The unexpired certificates by serial, e.g. to encrypt sensitive fields. */
  public Map<String, X509Certificate> certificates() {
    Instant now = clock.instant();
    Map<String, X509Certificate> result = new TreeMap<>();
    for (Trusted t : trusted.values()) {
      if (!t.expiredAt(now)) {
        result.put(t.serial, t.certificate);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /**
   * Returns the key of the unexpired certificate {@code serial}. An unknown serial triggers a
   * download first (single-flight and rate-limited), since WeChat Pay may have started using a new
   * certificate.
   */
  @Override
  public @Nullable PublicKey publicKey(String serial) {
    String key = serial.toUpperCase(Locale.ROOT);
    Trusted t = usable(key);
    if (t == null) {
      refreshForUnknownSerial(key);
      t = usable(key);
    }
    return t == null ? null : t.certificate.getPublicKey();
  }

  private @Nullable Trusted usable(String serial) {
    Trusted t = trusted.get(serial);
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
    } catch (IOException e) {
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

  /** Downloads the certificates now. Package-private: tests and the schedule call it. */
  void refresh() throws IOException {
    refreshLock.lock();
    try {
      trusted = download(trusted);
    } finally {
      refreshLock.unlock();
    }
  }

  private Map<String, Trusted> download(Map<String, Trusted> current) throws IOException {
    Request request =
        new Request.Builder()
            .url(url)
            .tag(SkipResponseVerification.class, SkipResponseVerification.INSTANCE)
            .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      byte[] body = responseBody != null ? responseBody.bytes() : new byte[0];
      String requestId = response.header("Request-ID");
      if (!response.isSuccessful()) {
        throw errorAnswer(WechatPayErrorResponse.parse(response.code(), requestId, body));
      }
      Instant now = clock.instant();
      Map<String, Trusted> stillTrusted = unexpired(current, now);
      // With nothing unexpired left to vouch for it (first download, or every refresh failed until
      // all certificates expired), a download is accepted like the first one.
      boolean bootstrap = stillTrusted.isEmpty();
      if (!bootstrap) {
        // Verify before parsing, with what is already trusted: a new certificate must come signed
        // by an old one.
        SignatureCheck.verify(
            "Certificate download",
            response::header,
            body,
            new Snapshot(stillTrusted),
            clock,
            requestId);
      }
      Map<String, Trusted> downloaded = unexpired(parse(body, requestId), now);
      if (downloaded.isEmpty()) {
        throw new WechatPayCertificateException(
            "GET /v3/certificates for merchant "
                + merchantId
                + " returned no unexpired platform certificate; if this merchant uses the WeChat"
                + " Pay public key (微信支付公钥), configure it with PublicKeyVerifier instead."
                + " Request-ID: "
                + requestId,
            null,
            true,
            null);
      }
      if (bootstrap) {
        // Nothing trusted yet: decryption with the APIv3 key authenticated the certificates, and
        // the answer must at least be signed by one of them.
        SignatureCheck.verify(
            "Certificate download",
            response::header,
            body,
            new Snapshot(downloaded),
            clock,
            requestId);
      }
      return downloaded;
    }
  }

  private WechatPayCertificateException errorAnswer(WechatPayErrorResponse error) {
    boolean noCertificates =
        error.httpStatus() == 404 || "RESOURCE_NOT_EXISTS".equals(error.code());
    if (noCertificates) {
      return new WechatPayCertificateException(
          "merchant "
              + merchantId
              + " has no platform certificate (GET /v3/certificates answered HTTP "
              + error.httpStatus()
              + " "
              + error.code()
              + "): it verifies with the WeChat Pay public key (微信支付公钥) instead. Download the key"
              + " and its ID (PUB_KEY_ID_…) from 商户平台 → 账户中心 → API安全 and use PublicKeyVerifier."
              + " Request-ID: "
              + error.requestId(),
          error,
          true,
          null);
    }
    return new WechatPayCertificateException(
        "GET /v3/certificates for merchant "
            + merchantId
            + " failed: HTTP "
            + error.httpStatus()
            + " "
            + error.code()
            + " "
            + error.message()
            + (error.httpStatus() == 401
                ? " (check the merchant ID, the merchant certificate serial and the private key)"
                : "")
            + ". Request-ID: "
            + error.requestId(),
        error,
        false,
        null);
  }

  private Map<String, Trusted> parse(byte[] body, @Nullable String requestId) throws IOException {
    CertificateList list;
    try {
      list =
          WechatPayJson.moshi()
              .adapter(CertificateList.class)
              .fromJson(new String(body, StandardCharsets.UTF_8));
    } catch (JsonDataException | IOException e) {
      throw new WechatPayCertificateException(
          "GET /v3/certificates returned malformed JSON ("
              + e.getMessage()
              + "). Request-ID: "
              + requestId,
          null,
          false,
          e);
    }
    List<PlatformCertificate> data =
        list == null || list.getData() == null ? List.of() : list.getData();
    Map<String, Trusted> result = new LinkedHashMap<>();
    for (PlatformCertificate item : data) {
      Trusted t = decrypt(item, requestId);
      result.put(t.serial, t);
    }
    return result;
  }

  private Trusted decrypt(PlatformCertificate item, @Nullable String requestId) throws IOException {
    String serial =
        item.getSerialNo() == null ? "" : item.getSerialNo().trim().toUpperCase(Locale.ROOT);
    EncryptedResource encrypted = item.getEncryptCertificate();
    if (serial.isEmpty()
        || encrypted == null
        || encrypted.getCiphertext() == null
        || encrypted.getNonce() == null) {
      throw new WechatPayCertificateException(
          "GET /v3/certificates returned a certificate without serial_no or encrypt_certificate."
              + " Request-ID: "
              + requestId,
          null,
          false,
          null);
    }
    byte[] pem;
    try {
      pem =
          apiV3Key.decrypt(
              encrypted.getAssociatedData(), encrypted.getNonce(), encrypted.getCiphertext());
    } catch (GeneralSecurityException e) {
      throw new WechatPayCertificateException(
          "cannot decrypt platform certificate "
              + serial
              + " of merchant "
              + merchantId
              + " ("
              + e.getMessage()
              + "): the APIv3 key is most likely wrong; it must be this merchant's APIv3 key"
              + " (APIv3密钥), not the API v2 key. Request-ID: "
              + requestId,
          null,
          false,
          e);
    }
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new WechatPayCertificateException(
          "platform certificate "
              + serial
              + " is not an X.509 certificate. Request-ID: "
              + requestId,
          null,
          false,
          e);
    }
    if (!certificate.getSerialNumber().equals(new BigInteger(serial, 16))) {
      throw new WechatPayCertificateException(
          "platform certificate listed as "
              + serial
              + " has serial "
              + Pem.serialNumber(certificate)
              + ". Request-ID: "
              + requestId,
          null,
          false,
          null);
    }
    Instant notAfter = certificate.getNotAfter().toInstant();
    Instant expire =
        item.getExpireTime() != null && item.getExpireTime().toInstant().isBefore(notAfter)
            ? item.getExpireTime().toInstant()
            : notAfter;
    Instant effective =
        item.getEffectiveTime() != null
            ? item.getEffectiveTime().toInstant()
            : certificate.getNotBefore().toInstant();
    return new Trusted(serial, certificate, effective, expire);
  }

  private static Map<String, Trusted> unexpired(Map<String, Trusted> all, Instant now) {
    Map<String, Trusted> result = new LinkedHashMap<>();
    for (Trusted t : all.values()) {
      if (!t.expiredAt(now)) {
        result.put(t.serial, t);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  private void start() {
    if (scheduler != null) {
      long millis = refreshInterval.toMillis();
      scheduler.scheduleWithFixedDelay(
          this::scheduledRefresh, millis, millis, TimeUnit.MILLISECONDS);
    }
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

  /** True once {@link #close()} has stopped the refresh thread (or none was started). */
  boolean isClosed() {
    return scheduler == null || scheduler.isShutdown();
  }

  /** Stops the refresh thread. The certificates already trusted stay usable until they expire. */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "PlatformCertificateVerifier{merchantId=" + merchantId + ", serials=" + serials() + "}";
  }

  private static final class Trusted {
    final String serial;
    final X509Certificate certificate;
    final Instant effective;
    final Instant expire;

    Trusted(String serial, X509Certificate certificate, Instant effective, Instant expire) {
      this.serial = serial;
      this.certificate = certificate;
      this.effective = effective;
      this.expire = expire;
    }

    boolean expiredAt(Instant now) {
      return !now.isBefore(expire);
    }

    boolean inEffect(Instant now) {
      return !now.isBefore(effective) && !expiredAt(now);
    }
  }

  /** A fixed set of certificates, for verifying a download. */
  private static final class Snapshot implements Verifier {
    private final Map<String, Trusted> certificates;

    Snapshot(Map<String, Trusted> certificates) {
      this.certificates = certificates;
    }

    @Override
    public String serial() {
      return certificates.keySet().iterator().next();
    }

    @Override
    public Set<String> serials() {
      return certificates.keySet();
    }

    @Override
    public @Nullable PublicKey publicKey(String serial) {
      Trusted t = certificates.get(serial.toUpperCase(Locale.ROOT));
      return t == null ? null : t.certificate.getPublicKey();
    }
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

    /** The client to derive the download client from (its pool and dispatcher are shared). */
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
     * background thread (then only unknown serials trigger downloads).
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
     * Downloads the certificates and returns the verifier, with its refresh thread running.
     *
     * @throws WechatPayCertificateException if WeChat Pay has no certificate for the merchant (use
     *     the public key), answers with an error, or a certificate cannot be decrypted (wrong APIv3
     *     key)
     * @throws WechatPaySignatureException if the download answer is not signed by a certificate it
     *     contains
     * @throws IOException on a network failure
     * @throws IllegalStateException naming a required setter that was not called
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
      try {
        verifier.refresh();
      } catch (IOException | RuntimeException e) {
        verifier.close();
        throw e;
      }
      verifier.start();
      return verifier;
    }
  }
}
