package io.wxpay4j.notify;

import com.squareup.moshi.JsonDataException;
import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.Verifier;
import io.wxpay4j.internal.SignatureCheck;
import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.CombineTransaction;
import io.wxpay4j.model.ContractNotification;
import io.wxpay4j.model.EncryptedResource;
import io.wxpay4j.model.Notification;
import io.wxpay4j.model.PartnerTransaction;
import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.notify.WechatPayNotificationException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Verifies, decrypts, decodes and types WeChat Pay notifications (回调通知) for one merchant,
 * independent of any web framework.
 *
 * <pre>{@code
 * NotificationParser parser = wechatPay.notifications();   // bound to the client's merchant and apps
 * NotificationAnswer answer = parser.handle(
 *     NotificationRequest.read(servletRequest::getHeader, servletRequest.getInputStream(), 64 * 1024),
 *     event -> {
 *       if (event instanceof PaymentSucceeded) {
 *         markPaid(((PaymentSucceeded) event).transaction()); // check amount and state; idempotent
 *       }
 *     });
 * servletResponse.setStatus(answer.httpStatus());           // 204, or 4xx/5xx: WeChat Pay sends it again
 * }</pre>
 *
 * <p>Order of work: refuse a body over {@link Builder#maxBodyBytes} and a v2 XML notice; verify the
 * signature exactly as for answers (headers, the 300-second window in both directions, key by
 * {@code Wechatpay-Serial}, raw body); decrypt {@code resource} with AES-256-GCM and the APIv3 key;
 * decode it by what it is ({@code event_type}, {@code original_type} and the resource's own
 * members, so that a refund or a combine notice is never read as a payment); and check that it is
 * about this merchant ({@code mchid} or {@code sp_mchid}), one of its apps and, if given, one of
 * its sub-merchants. Nothing is decrypted before the signature is verified. Immutable and
 * thread-safe.
 */
public final class NotificationParser {
  /** The default cap on a notification body: 64 KiB (a payment notice is about 1 KiB). */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  private static final String ALGORITHM = "AEAD_AES_256_GCM";

  private final Verifier verifier;
  private final ApiV3Key apiV3Key;
  private final Clock clock;
  final String merchantId;
  final Set<String> appIds;
  final Set<String> subMerchantIds;
  final Set<String> combineSubOrderMerchantIds;
  private final int maxBodyBytes;
  private final NotificationDeduplicator deduplicator;

  private NotificationParser(Builder b) {
    this.verifier = Objects.requireNonNull(b.verifier);
    this.apiV3Key = Objects.requireNonNull(b.apiV3Key);
    this.clock = b.clock;
    this.merchantId = Objects.requireNonNull(b.merchantId);
    this.appIds = Set.copyOf(b.appIds);
    this.subMerchantIds = Set.copyOf(b.subMerchantIds);
    this.combineSubOrderMerchantIds = Set.copyOf(b.combineSubOrderMerchantIds);
    this.maxBodyBytes = b.maxBodyBytes;
    this.deduplicator = b.deduplicator;
  }

  /** Returns a builder; {@code verifier}, {@code apiV3Key} and {@code merchantId} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies, decrypts and types {@code request}: a {@link PaymentSucceeded}, a {@link
   * PartnerPaymentSucceeded}, a {@link CombinePaymentSucceeded}, a {@link RefundEvent}, a {@link
   * ContractEvent}, or an {@link UnrecognizedEvent} for event types this version does not decode.
   *
   * @throws WechatPayNotificationException if any check fails; send {@link
   *     WechatPayNotificationException#answer()}
   */
  public WechatPayEvent parse(NotificationRequest request) throws WechatPayNotificationException {
    return Events.type(open(request), this);
  }

  /**
   * Verifies and decrypts a direct merchant's payment notification ({@code TRANSACTION.SUCCESS})
   * and returns the paid order; any other event is refused with {@link Kind#UNEXPECTED_EVENT}.
   *
   * @throws WechatPayNotificationException if any check fails, or the notification is not a direct
   *     merchant's payment
   */
  public Transaction parseTransaction(NotificationRequest request)
      throws WechatPayNotificationException {
    return expect(
            request, PaymentSucceeded.class, "a direct merchant's payment (TRANSACTION.SUCCESS)")
        .transaction();
  }

  /**
   * Verifies and decrypts a service provider's payment notification ({@code TRANSACTION.SUCCESS}
   * with {@code sp_mchid}) and returns the paid order; any other event is refused with {@link
   * Kind#UNEXPECTED_EVENT}.
   *
   * @throws WechatPayNotificationException if any check fails, or the notification is not a service
   *     provider's payment
   */
  public PartnerTransaction parsePartnerTransaction(NotificationRequest request)
      throws WechatPayNotificationException {
    return expect(
            request,
            PartnerPaymentSucceeded.class,
            "a service provider's payment (TRANSACTION.SUCCESS)")
        .transaction();
  }

  /**
   * Verifies and decrypts a combine payment notice (合单支付成功通知: {@code TRANSACTION.SUCCESS} whose
   * resource has {@code combine_out_trade_no}) and returns the combine order with all its
   * sub-orders; any other event, a plain payment included, is refused with {@link
   * Kind#UNEXPECTED_EVENT}.
   *
   * @throws WechatPayNotificationException if any check fails, or the notification is not a combine
   *     payment
   */
  public CombineTransaction parseCombineTransaction(NotificationRequest request)
      throws WechatPayNotificationException {
    return expect(
            request,
            CombinePaymentSucceeded.class,
            "a combine payment (TRANSACTION.SUCCESS with combine_out_trade_no)")
        .transaction();
  }

  /**
   * Verifies and decrypts a refund notification ({@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL},
   * {@code REFUND.CLOSED}) of this merchant; any other event is refused with {@link
   * Kind#UNEXPECTED_EVENT}.
   *
   * @throws WechatPayNotificationException if any check fails, or the notification is not a refund
   */
  public RefundNotification parseRefund(NotificationRequest request)
      throws WechatPayNotificationException {
    return expect(request, RefundEvent.class, "a refund notification (REFUND.*)").refund();
  }

  /**
   * <b>Beta.</b> Verifies and decrypts a contract notice ({@code ENTRUST.SIGN} / {@code
   * ENTRUST.TERMINATE}) of this merchant; any other event is refused with {@link
   * Kind#UNEXPECTED_EVENT}. Confirm the contract with {@code contracts().query(...)} before acting.
   *
   * @throws WechatPayNotificationException if any check fails, or the notification is not a
   *     contract notice
   */
  public ContractNotification parseContract(NotificationRequest request)
      throws WechatPayNotificationException {
    return expect(
            request, ContractEvent.class, "a contract notice (ENTRUST.SIGN or ENTRUST.TERMINATE)")
        .contract();
  }

  /** Parses {@code request} and returns it if it is an {@code E}; refuses any other event. */
  private <E extends WechatPayEvent> E expect(
      NotificationRequest request, Class<E> type, String expected)
      throws WechatPayNotificationException {
    WechatPayEvent event = parse(request);
    if (type.isInstance(event)) {
      return type.cast(event);
    }
    throw Events.unexpected(event, expected);
  }

  /**
   * Parses {@code request} and hands the event to {@code handler} once: a notification whose {@code
   * id} the {@link Builder#deduplicator deduplicator} says was handled is answered with success
   * without calling the handler again, and one is remembered only after the handler returned.
   * Returns the answer to send: success (204), the failure's answer if the notification was
   * refused, or 500 if the handler threw (WeChat Pay then sends it again).
   */
  public NotificationAnswer handle(NotificationRequest request, Handler handler) {
    Objects.requireNonNull(handler, "handler == null");
    WechatPayEvent event;
    try {
      event = parse(request);
    } catch (WechatPayNotificationException e) {
      Log.LOGGER.log(System.Logger.Level.WARNING, e.getMessage());
      return e.answer();
    }
    String id = event.notification().id();
    if (id != null && deduplicator.handled(id)) {
      return NotificationAnswer.success();
    }
    try {
      handler.handle(event);
    } catch (Exception | Error e) {
      Log.LOGGER.log(
          System.Logger.Level.WARNING,
          "handler of notification " + id + " (" + event.notification().eventType() + ") failed",
          e);
      return NotificationAnswer.failure(500, "handler failed");
    }
    if (id != null) {
      deduplicator.remember(id);
    }
    return NotificationAnswer.success();
  }

  /** Handles one verified event; throw to have WeChat Pay send it again. */
  @FunctionalInterface
  public interface Handler {
    /** Acts on {@code event}, idempotently: the same order may be notified more than once. */
    void handle(WechatPayEvent event) throws Exception;
  }

  /** The size cap, the v2 check, the signature, the envelope and the decryption. */
  private WechatPayNotification open(NotificationRequest request)
      throws WechatPayNotificationException {
    Objects.requireNonNull(request, "request == null");
    byte[] body = request.bodyUnsafe();
    if (body.length > maxBodyBytes || request.truncated()) {
      throw new WechatPayNotificationException(
          Kind.TOO_LARGE,
          "Notification rejected: the body has "
              + (request.truncated()
                  ? "more than " + (body.length - 1)
                  : String.valueOf(body.length))
              + " bytes, more than the "
              + maxBodyBytes
              + " allowed (NotificationParser.Builder.maxBodyBytes)",
          null);
    }
    if (Events.isXml(body)) {
      throw new WechatPayNotificationException(
          Kind.V2_XML_NOTICE,
          "Notification rejected: an API v2 XML notice arrived. Refunds started by hand in 商户平台 are"
              + " notified in the v2 format even to merchants on API v3; it carries no v3 signature and"
              + " decrypts only with the API v2 key. Confirm the refund with"
              + " refunds().queryByOutRefundNo(...) instead of trusting it",
          null);
    }
    try {
      SignatureCheck.verify("Notification", request::header, body, verifier, clock, null);
    } catch (WechatPaySignatureException e) {
      throw WechatPayNotificationException.of(e);
    }
    Notification envelope;
    try {
      envelope =
          WechatPayJson.moshi()
              .adapter(Notification.class)
              .fromJson(new String(body, StandardCharsets.UTF_8));
    } catch (IOException | JsonDataException e) {
      throw malformed("the body is not notification JSON (" + e.getMessage() + ")", e);
    }
    if (envelope == null) {
      throw malformed("the body is JSON null", null);
    }
    EncryptedResource resource = envelope.getResource();
    if (resource == null) {
      throw malformed("the notification has no resource", null);
    }
    if (resource.getAlgorithm() != null && !ALGORITHM.equals(resource.getAlgorithm())) {
      throw malformed(
          "resource.algorithm is "
              + SignatureCheck.printable(resource.getAlgorithm())
              + ", only "
              + ALGORITHM
              + " is supported",
          null);
    }
    if (resource.getCiphertext() == null || resource.getNonce() == null) {
      throw malformed("resource.ciphertext or resource.nonce is missing", null);
    }
    byte[] plaintext;
    try {
      plaintext =
          apiV3Key.decrypt(
              resource.getAssociatedData(), resource.getNonce(), resource.getCiphertext());
    } catch (GeneralSecurityException e) {
      throw new WechatPayNotificationException(
          Kind.DECRYPTION_FAILED,
          "Notification "
              + envelope.getId()
              + " verified but its resource could not be decrypted ("
              + e.getMessage()
              + "): the APIv3 key is the likely cause; it must be this merchant's APIv3 key"
              + " (APIv3密钥, 商户平台 → API安全), not the API v2 key",
          e);
    }
    return new WechatPayNotification(
        envelope.getId(),
        envelope.getCreateTime(),
        envelope.getEventType(),
        envelope.getResourceType(),
        envelope.getSummary(),
        resource.getOriginalType(),
        resource.getAssociatedData(),
        new String(plaintext, StandardCharsets.UTF_8));
  }

  static WechatPayNotificationException malformed(String detail, @Nullable Throwable cause) {
    return new WechatPayNotificationException(
        Kind.MALFORMED_BODY, "Notification rejected: " + detail, cause);
  }

  @Override
  public String toString() {
    return "NotificationParser{merchantId="
        + merchantId
        + ", appIds="
        + new TreeSet<>(appIds)
        + ", verifier="
        + verifier
        + "}";
  }

  /** Configures a {@link NotificationParser}. */
  public static final class Builder {
    private @Nullable Verifier verifier;
    private @Nullable ApiV3Key apiV3Key;
    private @Nullable String merchantId;
    private Set<String> appIds = Set.of();
    private Set<String> subMerchantIds = Set.of();
    private Set<String> combineSubOrderMerchantIds = Set.of();
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private NotificationDeduplicator deduplicator = NotificationDeduplicator.inMemory(10_000);

    private Builder() {}

    /** The source of WeChat Pay keys. Required. */
    public Builder verifier(Verifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier == null");
      return this;
    }

    /** Decrypts the resource. Required. */
    public Builder apiV3Key(ApiV3Key apiV3Key) {
      this.apiV3Key = Objects.requireNonNull(apiV3Key, "apiV3Key == null");
      return this;
    }

    /**
     * The merchant (商户号) the notifications must be about: {@code mchid}, or {@code sp_mchid} for a
     * service provider. Required.
     */
    public Builder merchantId(String merchantId) {
      this.merchantId = Objects.requireNonNull(merchantId, "merchantId == null");
      return this;
    }

    /**
     * The apps ({@code appid}, for a service provider {@code sp_appid}) whose payments this
     * merchant accepts; a payment of any other app is refused with {@link Kind#FOREIGN_MERCHANT}.
     */
    public Builder appIds(Collection<String> appIds) {
      this.appIds = Set.copyOf(Objects.requireNonNull(appIds, "appIds == null"));
      return this;
    }

    /**
     * The sub-merchants ({@code sub_mchid}) whose payments and refunds a service provider expects;
     * any sub-merchant when empty (the default).
     */
    public Builder subMerchantIds(Collection<String> subMerchantIds) {
      this.subMerchantIds =
          Set.copyOf(Objects.requireNonNull(subMerchantIds, "subMerchantIds == null"));
      return this;
    }

    /**
     * The merchants ({@code sub_orders[].mchid}) whose sub-orders this merchant's combine orders
     * carry; a combine notice with a sub-order of any other merchant is refused with {@link
     * Kind#FOREIGN_MERCHANT}. Any merchant when empty (the default).
     */
    public Builder combineSubOrderMerchantIds(Collection<String> merchantIds) {
      this.combineSubOrderMerchantIds =
          Set.copyOf(Objects.requireNonNull(merchantIds, "merchantIds == null"));
      return this;
    }

    /** The clock for the 300-second window; defaults to the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * The largest body accepted, {@link #DEFAULT_MAX_BODY_BYTES} by default.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * What {@link #handle} consults about notifications handled before; {@link
     * NotificationDeduplicator#inMemory(int) inMemory(10_000)} by default.
     */
    public Builder deduplicator(NotificationDeduplicator deduplicator) {
      this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator == null");
      return this;
    }

    /**
     * Returns the parser.
     *
     * @throws IllegalStateException naming a required setter that was not called
     */
    public NotificationParser build() {
      if (verifier == null) {
        throw new IllegalStateException(
            "verifier(...) is required: e.g. PublicKeyVerifier.create(...)");
      }
      if (apiV3Key == null) {
        throw new IllegalStateException("apiV3Key(...) is required: ApiV3Key.of(...)");
      }
      if (merchantId == null) {
        throw new IllegalStateException(
            "merchantId(...) is required: notifications of other merchants are refused");
      }
      return new NotificationParser(this);
    }
  }

  /**
   * The logger, created on first use: {@code System.getLogger} searches the class path for a
   * logging backend and starts one, which a program that never logs here need not wait for.
   */
  private static final class Log {
    static final System.Logger LOGGER = System.getLogger(NotificationParser.class.getName());
  }
}
