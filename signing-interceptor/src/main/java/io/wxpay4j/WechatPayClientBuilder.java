package io.wxpay4j;

import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.CryptoProvider;
import io.wxpay4j.auth.PublicKeyVerifier;
import io.wxpay4j.auth.RsaSha256Signer;
import io.wxpay4j.auth.Signer;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link WechatPayClient}. Setters fail fast on malformed values; {@link #build()} on
 * gaps.
 */
public final class WechatPayClientBuilder {
  // Package-private: build() checks them and hands them to HttpStack.
  @Nullable String merchantId;
  @Nullable String merchantSerial;
  @Nullable PrivateKey merchantPrivateKey;
  @Nullable Signer signer;
  CryptoProvider cryptoProvider = CryptoProvider.automatic();
  @Nullable String publicKeyId;
  @Nullable PublicKey publicKey;
  boolean platformCertificates;
  @Nullable Duration platformCertificateRefreshInterval;
  @Nullable ApiV3Key apiV3Key;
  @Nullable String appId;
  private final java.util.Set<String> appIds = new java.util.LinkedHashSet<>();
  @Nullable String notifyUrl;
  @Nullable String refundNotifyUrl; // refunds: see refundNotifyUrl(String)
  private @Nullable HttpUrl baseUrl; // null: PRIMARY_BASE_URL, parsed only when used
  @Nullable OkHttpClient okHttpClient;
  @Nullable Duration connectTimeout;
  @Nullable Duration readTimeout;
  @Nullable Duration writeTimeout;
  @Nullable Duration callTimeout;
  Clock clock = Clock.systemUTC();
  RetryPolicy retryPolicy = RetryPolicy.defaults();
  @Nullable HttpUrl backupBaseUrl;
  boolean failover = true;
  Duration failoverCoolDown = Duration.ofMinutes(1);
  RetryInterceptor.Sleeper sleeper = RetryInterceptor.THREAD_SLEEPER;
  LongSupplier nanoTime = System::nanoTime;
  DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

  WechatPayClientBuilder() {}

  /** The merchant ID (商户号, {@code mchid}), e.g. {@code 1900000109}. Required. */
  public WechatPayClientBuilder merchantId(String merchantId) {
    Objects.requireNonNull(merchantId, "merchantId == null");
    if (!merchantId.matches("[0-9]{1,32}")) {
      throw new IllegalArgumentException(
          "merchantId must be the merchant ID (商户号): digits only, e.g. 1900000109");
    }
    this.merchantId = merchantId;
    return this;
  }

  /**
   * The merchant API certificate's serial number (商户API证书序列号, upper-case hex as {@code openssl x509
   * -noout -serial} prints it) and the merchant API private key (商户API私钥, {@code
   * apiclient_key.pem}; load it with {@link io.wxpay4j.auth.Pem}). Required, unless {@link #signer}
   * is set.
   */
  public WechatPayClientBuilder merchantKey(String serialNumber, PrivateKey privateKey) {
    this.signer = RsaSha256Signer.create(serialNumber, privateKey, cryptoProvider);
    this.merchantSerial = serialNumber;
    this.merchantPrivateKey = privateKey;
    return this;
  }

  /** A custom signer of requests (e.g. a key held in an HSM), instead of {@link #merchantKey}. */
  public WechatPayClientBuilder signer(Signer signer) {
    this.signer = Objects.requireNonNull(signer, "signer == null");
    this.merchantSerial = null;
    this.merchantPrivateKey = null;
    return this;
  }

  /**
   * The JCA provider of SHA256withRSA for the merchant key and the WeChat Pay public key: {@link
   * CryptoProvider#automatic()} (the native Amazon Corretto Crypto Provider when it is on the class
   * path, the JDK otherwise) unless set; {@link CryptoProvider#jdk()} forces the JDK. Per client,
   * never JVM-wide.
   */
  public WechatPayClientBuilder cryptoProvider(CryptoProvider cryptoProvider) {
    this.cryptoProvider = Objects.requireNonNull(cryptoProvider, "cryptoProvider == null");
    if (merchantSerial != null && merchantPrivateKey != null) {
      this.signer = RsaSha256Signer.create(merchantSerial, merchantPrivateKey, cryptoProvider);
    }
    return this;
  }

  /**
   * The WeChat Pay public key (微信支付公钥, e.g. {@code pub_key.pem}) and its ID ({@code PUB_KEY_ID_…}),
   * from 商户平台 → 账户中心 → API安全. The default verification source for new merchants.
   */
  public WechatPayClientBuilder platformPublicKey(String publicKeyId, PublicKey publicKey) {
    PublicKeyVerifier.create(
        publicKeyId, publicKey); // Fails fast on a malformed id or a non-RSA key.
    this.publicKeyId = publicKeyId;
    this.publicKey = publicKey;
    return this;
  }

  /**
   * Verifies with platform certificates (平台证书) downloaded from {@code /v3/certificates}, decrypted
   * with the {@link #apiV3Key}, and refreshed hourly (see {@link
   * #platformCertificateRefreshInterval}) and whenever an unknown serial appears. Combine with
   * {@link #platformPublicKey} while a merchant migrates from certificates to the public key: each
   * answer is then verified with the key its {@code Wechatpay-Serial} names. {@link #build()}
   * downloads the certificates.
   */
  public WechatPayClientBuilder platformCertificates() {
    this.platformCertificates = true;
    return this;
  }

  /**
   * How often the platform certificates are downloaded again in the background; one hour by
   * default. WeChat Pay lists a new certificate 24 hours before it signs with it and advises
   * polling more often than every 12 hours; a later download is accepted only if it is signed by a
   * certificate already trusted, so a client that polls in time moves to the new certificate
   * without a gap. Needs {@link #platformCertificates()}.
   *
   * @throws IllegalArgumentException if the interval is not positive
   */
  public WechatPayClientBuilder platformCertificateRefreshInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval == null");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "platformCertificateRefreshInterval must be positive, was " + interval);
    }
    this.platformCertificateRefreshInterval = interval;
    return this;
  }

  /**
   * The APIv3 key (APIv3密钥): 32 ASCII characters set in 商户平台 → 账户中心 → API安全. Needed to decrypt
   * notifications and platform certificates.
   */
  public WechatPayClientBuilder apiV3Key(String apiV3Key) {
    this.apiV3Key = ApiV3Key.of(apiV3Key);
    return this;
  }

  /** The default {@code appid} of prepay requests; a request may set another. */
  public WechatPayClientBuilder appId(String appId) {
    this.appId = Objects.requireNonNull(appId, "appId == null");
    return this;
  }

  /**
   * More apps ({@code appid}; for a service provider {@code sp_appid}) of this merchant besides
   * {@link #appId}: notifications of payments in any other app are refused.
   */
  public WechatPayClientBuilder appIds(String... appIds) {
    for (String appId : appIds) {
      this.appIds.add(Objects.requireNonNull(appId, "appIds contains null"));
    }
    return this;
  }

  /** The default appid and the declared ones. */
  java.util.Set<String> knownAppIds() {
    java.util.Set<String> known = new java.util.LinkedHashSet<>(appIds);
    if (appId != null) {
      known.add(appId);
    }
    return known;
  }

  /** The default {@code notify_url} of prepay requests: https, no query string. */
  public WechatPayClientBuilder notifyUrl(String notifyUrl) {
    this.notifyUrl = Objects.requireNonNull(notifyUrl, "notifyUrl == null");
    return this;
  }

  /**
   * The default {@code notify_url} of refunds ({@link Refunds#create}, {@link
   * PartnerRefunds#create}), where WeChat Pay sends {@code REFUND.*} notifications: https, no query
   * string; a request may set another. Unset, refunds carry no {@code notify_url} and WeChat Pay
   * notifies the refund URL configured in 商户平台 (service providers: 服务商平台 → 退款配置).
   *
   * @throws IllegalArgumentException if it is not an absolute URL without query string, or http for
   *     a host other than loopback (loopback http, for a local simulator, is checked against {@link
   *     #baseUrl} when a refund is created)
   */
  public WechatPayClientBuilder refundNotifyUrl(String refundNotifyUrl) {
    Objects.requireNonNull(refundNotifyUrl, "refundNotifyUrl == null");
    new RequestChecks(true).notifyUrl(refundNotifyUrl);
    this.refundNotifyUrl = refundNotifyUrl;
    return this;
  }

  /**
   * The API host, {@link WechatPayClient#PRIMARY_BASE_URL} by default; a simulator's URL in tests.
   */
  public WechatPayClientBuilder baseUrl(String baseUrl) {
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl == null"));
    if (url == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an http(s) URL such as https://api.mch.weixin.qq.com/");
    }
    // Retrofit resolves the API's relative paths against a base that ends in '/'.
    this.baseUrl =
        url.encodedPath().endsWith("/") ? url : url.newBuilder().addPathSegment("").build();
    return this;
  }

  /** The base URL set, or the primary host's. */
  HttpUrl baseUrl() {
    HttpUrl result = baseUrl;
    if (result == null) {
      baseUrl = result = HttpUrl.get(WechatPayClient.PRIMARY_BASE_URL);
    }
    return result;
  }

  /**
   * An {@link OkHttpClient} to share (its connection pool and dispatcher): the client derives its
   * own with {@code newBuilder()} and never changes or closes this one. Without it, all clients in
   * the process share one default pool and dispatcher.
   */
  public WechatPayClientBuilder okHttpClient(OkHttpClient okHttpClient) {
    this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
    return this;
  }

  /** Connect timeout; OkHttp's 10 s by default. */
  public WechatPayClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = Objects.requireNonNull(timeout, "timeout == null");
    return this;
  }

  /** Read timeout; OkHttp's 10 s by default. */
  public WechatPayClientBuilder readTimeout(Duration timeout) {
    this.readTimeout = Objects.requireNonNull(timeout, "timeout == null");
    return this;
  }

  /** Write timeout; OkHttp's 10 s by default. */
  public WechatPayClientBuilder writeTimeout(Duration timeout) {
    this.writeTimeout = Objects.requireNonNull(timeout, "timeout == null");
    return this;
  }

  /** Timeout of a whole call; none by default. */
  public WechatPayClientBuilder callTimeout(Duration timeout) {
    this.callTimeout = Objects.requireNonNull(timeout, "timeout == null");
    return this;
  }

  /**
   * How calls are retried: {@link RetryPolicy#defaults()} (3 attempts, backoff with jitter, 10 s in
   * all) unless set; {@link RetryPolicy#none()} turns retries off. {@link Orders#withRetryPolicy}
   * overrides it per call. The client turns off OkHttp's own {@code retryOnConnectionFailure}, so
   * that every attempt is counted.
   */
  public WechatPayClientBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    return this;
  }

  /**
   * The backup host (备域名) that calls and certificate downloads move to for {@link
   * #failoverCoolDown} after a connection-level failure (refused, reset, timed out; never an HTTP
   * error answer) on {@link #baseUrl}. Defaults to {@code https://api2.mch.weixin.qq.com/} when
   * {@code baseUrl} is the primary host (and to {@code https://api2.wechatpay.cn/} for {@code
   * api.wechatpay.cn}); other base URLs (a simulator, the HK host {@code apihk.mch.weixin.qq.com})
   * have no backup unless set here. The retry of a failed call goes to the backup, so failover
   * needs a {@link #retryPolicy} with more than one attempt to save that call; later calls use the
   * backup in any case.
   */
  public WechatPayClientBuilder backupBaseUrl(String backupBaseUrl) {
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(backupBaseUrl, "backupBaseUrl == null"));
    if (url == null) {
      throw new IllegalArgumentException(
          "backupBaseUrl must be an http(s) URL such as https://api2.mch.weixin.qq.com/");
    }
    this.backupBaseUrl =
        url.encodedPath().endsWith("/") ? url : url.newBuilder().addPathSegment("").build();
    this.failover = true;
    return this;
  }

  /** Never switches to a backup host. */
  public WechatPayClientBuilder disableFailover() {
    this.failover = false;
    this.backupBaseUrl = null;
    return this;
  }

  /**
   * How long calls stay on the backup host before the primary is tried again; 1 minute by default.
   */
  public WechatPayClientBuilder failoverCoolDown(Duration coolDown) {
    Objects.requireNonNull(coolDown, "coolDown == null");
    if (coolDown.isNegative() || coolDown.isZero()) {
      throw new IllegalArgumentException("failoverCoolDown must be positive, was " + coolDown);
    }
    this.failoverCoolDown = coolDown;
    return this;
  }

  /** Test hook: the waits between attempts, the monotonic time and the jitter source of retries. */
  WechatPayClientBuilder retryTiming(
      RetryInterceptor.Sleeper sleeper, LongSupplier nanoTime, DoubleSupplier random) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
    this.random = Objects.requireNonNull(random, "random == null");
    return this;
  }

  /**
   * The clock for request timestamps and the 5-minute verification window; the system clock by
   * default.
   */
  public WechatPayClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    return this;
  }

  /**
   * Returns the client. With {@link #platformCertificates()} this downloads the certificates first.
   *
   * @throws IllegalStateException naming the missing setting
   * @throws WechatPayException if the platform certificates cannot be downloaded or verified
   */
  public WechatPayClient build() {
    if (merchantId == null) {
      throw new IllegalStateException("merchantId(...) is required: the merchant ID (商户号)");
    }
    if (signer == null) {
      throw new IllegalStateException(
          "merchantKey(serialNumber, privateKey) is required: the merchant API certificate serial"
              + " (商户API证书序列号) and private key (商户API私钥, apiclient_key.pem)");
    }
    if (publicKey == null && !platformCertificates) {
      throw new IllegalStateException(
          "a verification source is required: platformPublicKey(PUB_KEY_ID_…, key) with the WeChat Pay"
              + " public key (微信支付公钥), or platformCertificates() with apiV3Key(...)");
    }
    if (platformCertificateRefreshInterval != null && !platformCertificates) {
      throw new IllegalStateException(
          "platformCertificateRefreshInterval(...) needs platformCertificates(): without it no platform"
              + " certificates are downloaded");
    }
    if (platformCertificates && apiV3Key == null) {
      throw new IllegalStateException(
          "platformCertificates() needs apiV3Key(...): the certificates are encrypted with the APIv3 key");
    }
    if (notifyUrl != null) {
      new RequestChecks(RequestChecks.isLoopback(baseUrl().host())).notifyUrl(notifyUrl);
    }
    HttpStack stack = HttpStack.create(this);
    return new WechatPayClient(
        this, signer, stack.verifier, stack.certificates, baseUrl(), stack.client);
  }
}
