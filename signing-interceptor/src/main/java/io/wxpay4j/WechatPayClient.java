package io.wxpay4j;

import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.PlatformCertificateVerifier;
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
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
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
 * WechatPayClientBuilder#platformPublicKey}, the default for new merchants), from platform
 * certificates downloaded and refreshed automatically ({@link
 * WechatPayClientBuilder#platformCertificates()}), or from both during the migration between them.
 *
 * <p>Immutable and thread-safe. Several clients (several merchants) can live in one JVM side by
 * side, and cost little: they share one connection pool and dispatcher (those of the {@link
 * WechatPayClientBuilder#okHttpClient} given, or else one default for the whole process), and their
 * platform certificate refreshes share one daemon thread. {@link #close()} cancels this client's
 * refresh, if any, and leaves the shared pool to the others.
 */
public final class WechatPayClient implements Closeable {
  /** The primary host (api.mch.weixin.qq.com); {@code api2.mch.weixin.qq.com} is the backup. */
  public static final String PRIMARY_BASE_URL = "https://api.mch.weixin.qq.com/";

  private final String merchantId;
  private final Signer signer;
  private final Verifier verifier;
  private final @Nullable PlatformCertificateVerifier certificates;
  private final OkHttpClient okHttpClient;
  private final HttpUrl baseUrl;
  private final Pipeline pipeline;
  private final Orders orders;
  private final PayParametersSigner payParameters;
  private final Clock clock;

  // What the notification parser is made of; the parser itself, and every API family but orders,
  // is made on first use: a program that only places orders never loads them (see ColdStart in
  // benchmarks/).
  private final @Nullable ApiV3Key apiV3Key;
  private final Set<String> appIds;
  private @Nullable NotificationParser notifications; // guarded by this
  private @Nullable Contracts contracts; // guarded by this
  private @Nullable Combine combine; // guarded by this
  private @Nullable PartnerOrders partner; // guarded by this
  private @Nullable Bills bills; // guarded by this
  private @Nullable Refunds refunds; // guarded by this
  private @Nullable PartnerRefunds partnerRefunds; // guarded by this

  WechatPayClient(
      WechatPayClientBuilder builder,
      Signer signer,
      Verifier verifier,
      @Nullable PlatformCertificateVerifier certificates,
      HttpUrl baseUrl,
      OkHttpClient okHttpClient) {
    this.merchantId = builder.merchantId;
    this.signer = signer;
    this.verifier = verifier;
    this.certificates = certificates;
    this.apiV3Key = builder.apiV3Key;
    this.appIds = builder.knownAppIds();
    this.clock = builder.clock;
    this.baseUrl = baseUrl;
    this.okHttpClient = okHttpClient;
    this.payParameters = PayParametersSigner.create(signer, clock);
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
  }

  /**
   * Returns a builder; {@code merchantId}, {@code merchantKey} and a verification source are
   * required.
   *
   * @throws IllegalStateException if the class path holds an OkHttp older than 5, two OkHttp jars,
   *     or a kotlin-stdlib older than 1.9 (the message names the fix)
   */
  public static WechatPayClientBuilder builder() {
    RuntimeVersions.check();
    return new WechatPayClientBuilder();
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
  public synchronized Contracts contracts() {
    if (contracts == null) {
      contracts = new Contracts(pipeline);
    }
    return contracts;
  }

  /**
   * Combine payment (合单支付): one payment for the sub-orders of 2 to 10 merchants, placed by this
   * merchant ({@code combine_mchid}) with its default {@code appid} as {@code combine_appid}.
   */
  public synchronized Combine combine() {
    if (combine == null) {
      combine = new Combine(pipeline);
    }
    return combine;
  }

  /**
   * Orders a service provider (服务商) places for its sub-merchants; this client's merchant ID is then
   * the {@code sp_mchid} and its default {@code appid} the {@code sp_appid}.
   */
  public synchronized PartnerOrders partner() {
    if (partner == null) {
      partner = new PartnerOrders(pipeline);
    }
    return partner;
  }

  /** Trade and fund-flow bills (账单): apply, download, verify. */
  public synchronized Bills bills() {
    if (bills == null) {
      bills = new Bills(pipeline, okHttpClient, baseUrl, clock);
    }
    return bills;
  }

  /** Refunds (退款) of this merchant's paid orders: create, query, abnormal refund, reconcile. */
  public synchronized Refunds refunds() {
    if (refunds == null) {
      refunds = new Refunds(pipeline);
    }
    return refunds;
  }

  /**
   * Refunds a service provider (服务商) makes of its sub-merchants' orders; each call names the
   * sub-merchant ({@code sub_mchid}) first.
   */
  public synchronized PartnerRefunds partnerRefunds() {
    if (partnerRefunds == null) {
      partnerRefunds = new PartnerRefunds(pipeline);
    }
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
   * mchid} / {@code sp_mchid}) and its apps ({@link WechatPayClientBuilder#appId}, {@link
   * WechatPayClientBuilder#appIds}). See {@link NotificationParser#handle} for a handler that
   * answers WeChat Pay and skips repeats.
   *
   * @throws IllegalStateException if the client was built without {@link
   *     WechatPayClientBuilder#apiV3Key}
   */
  public synchronized NotificationParser notifications() {
    if (apiV3Key == null) {
      throw new IllegalStateException(
          "apiV3Key(...) is required to decrypt notifications: set the APIv3 key (APIv3密钥) on the builder");
    }
    if (notifications == null) {
      notifications =
          NotificationParser.builder()
              .verifier(verifier)
              .apiV3Key(apiV3Key)
              .merchantId(merchantId)
              .appIds(appIds)
              .clock(clock)
              .build();
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
   * @throws IllegalStateException if the client was built without {@link
   *     WechatPayClientBuilder#apiV3Key}
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
   * @throws IllegalStateException if the client was built without {@link
   *     WechatPayClientBuilder#apiV3Key}
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
   * @throws IllegalStateException if the client was built without {@link
   *     WechatPayClientBuilder#apiV3Key}
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
   * are shared (with the other clients, or the {@link WechatPayClientBuilder#okHttpClient} given),
   * so they stay. The client must not be used afterwards.
   */
  @Override
  public void close() {
    if (certificates != null) {
      certificates.close();
    }
  }

  @Override
  public String toString() {
    return String.format(
        "WechatPayClient{merchantId=%s, signer=%s, verifier=%s}", merchantId, signer, verifier);
  }
}
