package io.wxpay4j;

import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.CryptoProvider;
import io.wxpay4j.auth.PlatformCertificateVerifier;
import io.wxpay4j.auth.PublicKeyVerifier;
import io.wxpay4j.auth.RsaSha256Signer;
import io.wxpay4j.auth.Signer;
import io.wxpay4j.auth.Verifier;
import io.wxpay4j.model.ContractNotification;
import io.wxpay4j.model.PartnerTransaction;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.notify.NotificationParser;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayNotificationException;
import io.wxpay4j.pay.PayParametersSigner;
import java.io.Closeable;
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
import retrofit2.Retrofit;

/**
 * A WeChat Pay API v3 client for one merchant: create one per merchant ID, share it, close it on
 * shutdown.
 *
 * <pre>{@code
 * WechatPayClient wechatPay = WechatPayClient.builder()
 *     .merchantId("1900000109")
 *     .merchantKey(MERCHANT_SERIAL, Pem.readPrivateKey(Path.of("apiclient_key.pem")))
 *     .platformPublicKey(PUB_KEY_ID, Pem.readPublicKey(Path.of("pub_key.pem")))
 *     .apiV3Key(System.getenv("WECHATPAY_API_V3_KEY"))
 *     .appId("wxd678efh567hg6787")
 *     .notifyUrl("https://example.com/wechatpay/notify")
 *     .build();
 *
 * Transaction order = wechatPay.orders().queryByOutTradeNo("1217752501201407033233368018").body();
 * }</pre>
 *
 * <p>Every request is signed with the merchant private key and every answer verified with WeChat
 * Pay's key before it is decoded. Verification keys come from the WeChat Pay public key ({@link
 * Builder#platformPublicKey}, the default for new merchants), from platform certificates downloaded
 * and refreshed automatically ({@link Builder#platformCertificates()}), or from both during the
 * migration between them.
 *
 * <p>Immutable and thread-safe. Several clients (several merchants) can live in one JVM side by
 * side, and cost little: they share one connection pool and dispatcher (those of the {@link
 * Builder#okHttpClient} given, or else one default for the whole process), and their platform
 * certificate refreshes share one daemon thread. {@link #close()} cancels this client's refresh, if
 * any, and leaves the shared pool to the others.
 */
public final class WechatPayClient implements Closeable {
  /** The primary host (api.mch.weixin.qq.com); {@code api2.mch.weixin.qq.com} is the backup. */
  public static final String PRIMARY_BASE_URL = "https://api.mch.weixin.qq.com/";

  private final String merchantId;
  private final Signer signer;
  private final Verifier verifier;
  private final @Nullable PlatformCertificateVerifier certificates;
  private final @Nullable NotificationParser notifications;
  private final OkHttpClient okHttpClient;
  private final Pipeline pipeline;
  private final Orders orders;
  private final Contracts contracts;
  private final PartnerOrders partner;
  private final Bills bills;
  private final Refunds refunds;
  private final PartnerRefunds partnerRefunds;
  private final PayParametersSigner payParameters;
  private final Clock clock;

  private WechatPayClient(
      Builder builder,
      Signer signer,
      Verifier verifier,
      @Nullable PlatformCertificateVerifier certificates,
      HttpUrl baseUrl,
      OkHttpClient okHttpClient) {
    this.merchantId = builder.merchantId;
    this.signer = signer;
    this.verifier = verifier;
    this.certificates = certificates;
    this.notifications =
        builder.apiV3Key == null
            ? null
            : NotificationParser.builder()
                .verifier(verifier)
                .apiV3Key(builder.apiV3Key)
                .merchantId(merchantId)
                .appIds(builder.knownAppIds())
                .clock(builder.clock)
                .build();
    this.clock = builder.clock;
    this.okHttpClient = okHttpClient;
    this.payParameters = PayParametersSigner.builder().signer(signer).clock(clock).build();
    ClientContext context =
        new ClientContext(
            merchantId,
            builder.appId,
            builder.notifyUrl,
            new RequestChecks(RequestChecks.isLoopback(baseUrl.host())),
            payParameters,
            builder.refundNotifyUrl,
            verifier);
    this.pipeline = Pipeline.create(context, new Retrofit.Builder().baseUrl(baseUrl), okHttpClient);
    this.orders = new Orders(pipeline);
    this.contracts = new Contracts(pipeline);
    this.partner = new PartnerOrders(pipeline);
    this.bills = new Bills(pipeline, okHttpClient, baseUrl, clock);
    this.refunds = new Refunds(pipeline);
    this.partnerRefunds = new PartnerRefunds(pipeline);
  }

  /**
   * Returns a builder; {@code merchantId}, {@code merchantKey} and a verification source are
   * required.
   *
   * @throws IllegalStateException if the class path holds an OkHttp older than 5, two OkHttp jars,
   *     or a kotlin-stdlib older than 1.9 (the message names the fix)
   */
  public static Builder builder() {
    RuntimeVersions.check();
    return new Builder();
  }

  /** The merchant ID (商户号) this client signs for. */
  public String merchantId() {
    return merchantId;
  }

  /** Prepay, query and close of this merchant's orders. */
  public Orders orders() {
    return orders;
  }

  /**
   * <b>Beta.</b> Query and terminate of deduction contracts signed while paying (支付中签约, {@link
   * Orders#prepayAppWithContract}).
   */
  public Contracts contracts() {
    return contracts;
  }

  /**
   * Orders a service provider (服务商) places for its sub-merchants; this client's merchant ID is then
   * the {@code sp_mchid} and its default {@code appid} the {@code sp_appid}.
   */
  public PartnerOrders partner() {
    return partner;
  }

  /** Trade and fund-flow bills (账单): apply, download, verify. */
  public Bills bills() {
    return bills;
  }

  /** Refunds (退款) of this merchant's paid orders: create, query, abnormal refund, reconcile. */
  public Refunds refunds() {
    return refunds;
  }

  /**
   * Refunds a service provider (服务商) makes of its sub-merchants' orders; each call names the
   * sub-merchant ({@code sub_mchid}) first.
   */
  public PartnerRefunds partnerRefunds() {
    return partnerRefunds;
  }

  /**
   * Signs front-end pay parameters (JSAPI, mini-program, APP) for a {@code prepay_id} obtained
   * elsewhere, with this merchant's key.
   */
  public PayParametersSigner payParameters() {
    return payParameters;
  }

  /**
   * Verifies and decrypts notifications (回调通知) and types them as {@link
   * io.wxpay4j.notify.WechatPayEvent}s, refusing any that are not about this merchant ({@code
   * mchid} / {@code sp_mchid}) and its apps ({@link Builder#appId}, {@link Builder#appIds}). See
   * {@link NotificationParser#handle} for a handler that answers WeChat Pay and skips repeats.
   *
   * @throws IllegalStateException if the client was built without {@link Builder#apiV3Key}
   */
  public NotificationParser notifications() {
    if (notifications == null) {
      throw new IllegalStateException(
          "apiV3Key(...) is required to decrypt notifications: set the APIv3 key (APIv3密钥) on the builder");
    }
    return notifications;
  }

  /**
   * Verifies and decrypts a payment notification (支付成功回调) of this merchant and returns the paid
   * order: {@code notifications().parseTransaction(request)}. Any other notification (a refund, a
   * partner or combine payment, another merchant's or app's) is refused.
   *
   * <pre>{@code
   * try {
   *   Transaction paid = wechatPay.parsePaymentNotification(
   *       NotificationRequest.read(servletRequest::getHeader, servletRequest.getInputStream(), 64 * 1024));
   *   ... // check amount and state; mark paid idempotently: the same notification can arrive twice
   *   answer = NotificationAnswer.success();   // 204
   * } catch (WechatPayNotificationException e) {
   *   answer = e.answer();                      // 4xx/5xx: WeChat Pay sends it again later
   * }
   * }</pre>
   *
   * @throws WechatPayNotificationException with the reason (bad or probe signature, stale, unknown
   *     serial, undecryptable, malformed, another event or merchant) and the answer to send back
   * @throws IllegalStateException if the client was built without {@link Builder#apiV3Key}
   */
  public Transaction parsePaymentNotification(NotificationRequest request)
      throws WechatPayNotificationException {
    return notifications().parseTransaction(request);
  }

  /**
   * Verifies and decrypts a service provider's payment notification and returns the paid order in
   * the partner shape ({@code sp_mchid}, {@code sub_mchid}, {@code payer.sp_openid} / {@code
   * payer.sub_openid}): {@code notifications().parsePartnerTransaction(request)}.
   *
   * @throws WechatPayNotificationException as {@link #parsePaymentNotification}
   * @throws IllegalStateException if the client was built without {@link Builder#apiV3Key}
   */
  public PartnerTransaction parsePartnerPaymentNotification(NotificationRequest request)
      throws WechatPayNotificationException {
    return notifications().parsePartnerTransaction(request);
  }

  /**
   * <b>Beta.</b> Verifies and decrypts a v3 contract notice ({@code ENTRUST.SIGN} / {@code
   * ENTRUST.TERMINATE}, 委托代扣签约/解约通知) of this merchant and returns its resource: {@code
   * notifications().parseContract(request)}. The notice proves only that WeChat Pay sent it: act on
   * {@link Contracts#query} (the shape is unconfirmed, and a v3 with-contract order may send the v2
   * XML notice instead: see {@link ContractNoticeHint}).
   *
   * @throws WechatPayNotificationException as {@link #parsePaymentNotification}
   * @throws IllegalStateException if the client was built without {@link Builder#apiV3Key}
   */
  public ContractNotification parseContractNotification(NotificationRequest request)
      throws WechatPayNotificationException {
    return notifications().parseContract(request);
  }

  /**
   * Returns the generated Retrofit interface {@code service} (e.g. {@code OrdersApi.class}) over
   * this client's signing and verifying {@link OkHttpClient}, for Retrofit-style calls ({@code
   * Call<T>}, {@code execute()}, {@code enqueue()}). Non-2xx answers are then Retrofit {@code
   * Response}s to read with {@link io.wxpay4j.WechatPayErrorResponse#parse}; failed verification is
   * an {@code IOException} from which {@link WechatPaySignatureException#from} gets the reason.
   */
  public <T> T api(Class<T> service) {
    return pipeline.retrofit().create(Objects.requireNonNull(service, "service == null"));
  }

  /**
   * The signing and verifying {@link OkHttpClient}, for endpoints the spec does not cover yet:
   * every request sent through it is signed (after this client's retries and host failover), every
   * 2xx answer verified; a failed verification is an {@code IOException} from which {@link
   * WechatPaySignatureException#from} gets the reason. Derive variants with {@code newBuilder()}.
   */
  public OkHttpClient okHttpClient() {
    return okHttpClient;
  }

  /** The verification keys in use (public key, platform certificates or both). */
  public Verifier verifier() {
    return verifier;
  }

  /**
   * Cancels this client's platform-certificate refresh, if any. The connection pool and dispatcher
   * are shared (with the other clients, or the {@link Builder#okHttpClient} given), so they stay.
   * The client must not be used afterwards.
   */
  @Override
  public void close() {
    if (certificates != null) {
      certificates.close();
    }
  }

  @Override
  public String toString() {
    return "WechatPayClient{merchantId="
        + merchantId
        + ", signer="
        + signer
        + ", verifier="
        + verifier
        + "}";
  }

  /**
   * Configures a {@link WechatPayClient}. Setters fail fast on malformed values; {@link #build()}
   * on gaps.
   */
  public static final class Builder {
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
    HttpUrl baseUrl = HttpUrl.get(PRIMARY_BASE_URL);
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

    private Builder() {}

    /** The merchant ID (商户号, {@code mchid}), e.g. {@code 1900000109}. Required. */
    public Builder merchantId(String merchantId) {
      Objects.requireNonNull(merchantId, "merchantId == null");
      if (!merchantId.matches("[0-9]{1,32}")) {
        throw new IllegalArgumentException(
            "merchantId must be the merchant ID (商户号): digits only, e.g. 1900000109");
      }
      this.merchantId = merchantId;
      return this;
    }

    /**
     * The merchant API certificate's serial number (商户API证书序列号, upper-case hex as {@code openssl
     * x509 -noout -serial} prints it) and the merchant API private key (商户API私钥, {@code
     * apiclient_key.pem}; load it with {@link io.wxpay4j.auth.Pem}). Required, unless {@link
     * #signer} is set.
     */
    public Builder merchantKey(String serialNumber, PrivateKey privateKey) {
      this.signer = RsaSha256Signer.create(serialNumber, privateKey, cryptoProvider);
      this.merchantSerial = serialNumber;
      this.merchantPrivateKey = privateKey;
      return this;
    }

    /** A custom signer of requests (e.g. a key held in an HSM), instead of {@link #merchantKey}. */
    public Builder signer(Signer signer) {
      this.signer = Objects.requireNonNull(signer, "signer == null");
      this.merchantSerial = null;
      this.merchantPrivateKey = null;
      return this;
    }

    /**
     * The JCA provider of SHA256withRSA for the merchant key and the WeChat Pay public key: {@link
     * CryptoProvider#automatic()} (the native Amazon Corretto Crypto Provider when it is on the
     * class path, the JDK otherwise) unless set; {@link CryptoProvider#jdk()} forces the JDK. Per
     * client, never JVM-wide.
     */
    public Builder cryptoProvider(CryptoProvider cryptoProvider) {
      this.cryptoProvider = Objects.requireNonNull(cryptoProvider, "cryptoProvider == null");
      if (merchantSerial != null && merchantPrivateKey != null) {
        this.signer = RsaSha256Signer.create(merchantSerial, merchantPrivateKey, cryptoProvider);
      }
      return this;
    }

    /**
     * The WeChat Pay public key (微信支付公钥, e.g. {@code pub_key.pem}) and its ID ({@code
     * PUB_KEY_ID_…}), from 商户平台 → 账户中心 → API安全. The default verification source for new merchants.
     */
    public Builder platformPublicKey(String publicKeyId, PublicKey publicKey) {
      PublicKeyVerifier.create(
          publicKeyId, publicKey); // Fails fast on a malformed id or a non-RSA key.
      this.publicKeyId = publicKeyId;
      this.publicKey = publicKey;
      return this;
    }

    /**
     * Verifies with platform certificates (平台证书) downloaded from {@code /v3/certificates},
     * decrypted with the {@link #apiV3Key}, and refreshed hourly (see {@link
     * #platformCertificateRefreshInterval}) and whenever an unknown serial appears. Combine with
     * {@link #platformPublicKey} while a merchant migrates from certificates to the public key:
     * each answer is then verified with the key its {@code Wechatpay-Serial} names. {@link
     * #build()} downloads the certificates.
     */
    public Builder platformCertificates() {
      this.platformCertificates = true;
      return this;
    }

    /**
     * How often the platform certificates are downloaded again in the background; one hour by
     * default. WeChat Pay lists a new certificate 24 hours before it signs with it and advises
     * polling more often than every 12 hours; a later download is accepted only if it is signed by
     * a certificate already trusted, so a client that polls in time moves to the new certificate
     * without a gap. Needs {@link #platformCertificates()}.
     *
     * @throws IllegalArgumentException if the interval is not positive
     */
    public Builder platformCertificateRefreshInterval(Duration interval) {
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
    public Builder apiV3Key(String apiV3Key) {
      this.apiV3Key = ApiV3Key.of(apiV3Key);
      return this;
    }

    /** The default {@code appid} of prepay requests; a request may set another. */
    public Builder appId(String appId) {
      this.appId = Objects.requireNonNull(appId, "appId == null");
      return this;
    }

    /**
     * More apps ({@code appid}; for a service provider {@code sp_appid}) of this merchant besides
     * {@link #appId}: notifications of payments in any other app are refused.
     */
    public Builder appIds(String... appIds) {
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
    public Builder notifyUrl(String notifyUrl) {
      this.notifyUrl = Objects.requireNonNull(notifyUrl, "notifyUrl == null");
      return this;
    }

    /**
     * The default {@code notify_url} of refunds ({@link Refunds#create}, {@link
     * PartnerRefunds#create}), where WeChat Pay sends {@code REFUND.*} notifications: https, no
     * query string; a request may set another. Unset, refunds carry no {@code notify_url} and
     * WeChat Pay notifies the refund URL configured in 商户平台 (service providers: 服务商平台 → 退款配置).
     *
     * @throws IllegalArgumentException if it is not an absolute URL without query string, or http
     *     for a host other than loopback (loopback http, for a local simulator, is checked against
     *     {@link #baseUrl} when a refund is created)
     */
    public Builder refundNotifyUrl(String refundNotifyUrl) {
      Objects.requireNonNull(refundNotifyUrl, "refundNotifyUrl == null");
      new RequestChecks(true).notifyUrl(refundNotifyUrl);
      this.refundNotifyUrl = refundNotifyUrl;
      return this;
    }

    /** The API host, {@link #PRIMARY_BASE_URL} by default; a simulator's URL in tests. */
    public Builder baseUrl(String baseUrl) {
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

    /**
     * An {@link OkHttpClient} to share (its connection pool and dispatcher): the client derives its
     * own with {@code newBuilder()} and never changes or closes this one. Without it, all clients
     * in the process share one default pool and dispatcher.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    /** Connect timeout; OkHttp's 10 s by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /** Read timeout; OkHttp's 10 s by default. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /** Write timeout; OkHttp's 10 s by default. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /** Timeout of a whole call; none by default. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /**
     * How calls are retried: {@link RetryPolicy#defaults()} (3 attempts, backoff with jitter, 10 s
     * in all) unless set; {@link RetryPolicy#none()} turns retries off. {@link
     * Orders#withRetryPolicy} overrides it per call. The client turns off OkHttp's own {@code
     * retryOnConnectionFailure}, so that every attempt is counted.
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * The backup host (备域名) that calls and certificate downloads move to for {@link
     * #failoverCoolDown} after a connection-level failure (refused, reset, timed out; never an HTTP
     * error answer) on {@link #baseUrl}. Defaults to {@code https://api2.mch.weixin.qq.com/} when
     * {@code baseUrl} is the primary host (and to {@code https://api2.wechatpay.cn/} for {@code
     * api.wechatpay.cn}); other base URLs (a simulator, the HK host {@code
     * apihk.mch.weixin.qq.com}) have no backup unless set here. The retry of a failed call goes to
     * the backup, so failover needs a {@link #retryPolicy} with more than one attempt to save that
     * call; later calls use the backup in any case.
     */
    public Builder backupBaseUrl(String backupBaseUrl) {
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
    public Builder disableFailover() {
      this.failover = false;
      this.backupBaseUrl = null;
      return this;
    }

    /**
     * How long calls stay on the backup host before the primary is tried again; 1 minute by
     * default.
     */
    public Builder failoverCoolDown(Duration coolDown) {
      Objects.requireNonNull(coolDown, "coolDown == null");
      if (coolDown.isNegative() || coolDown.isZero()) {
        throw new IllegalArgumentException("failoverCoolDown must be positive, was " + coolDown);
      }
      this.failoverCoolDown = coolDown;
      return this;
    }

    /**
     * Test hook: the waits between attempts, the monotonic time and the jitter source of retries.
     */
    Builder retryTiming(
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
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Returns the client. With {@link #platformCertificates()} this downloads the certificates
     * first.
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
        new RequestChecks(RequestChecks.isLoopback(baseUrl.host())).notifyUrl(notifyUrl);
      }
      HttpStack stack = HttpStack.create(this);
      return new WechatPayClient(
          this, signer, stack.verifier, stack.certificates, baseUrl, stack.client);
    }
  }
}
