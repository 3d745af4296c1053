package io.wxpay4j.notify;

import com.squareup.moshi.JsonDataException;
import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.Verifier;
import io.wxpay4j.internal.SignatureCheck;
import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.EncryptedResource;
import io.wxpay4j.model.Notification;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.notify.WechatPayNotificationException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies, decrypts and decodes WeChat Pay notifications (回调通知), independent of any web framework.
 *
 * <pre>{@code
 * NotificationParser parser = NotificationParser.create(verifier, ApiV3Key.of(apiV3KeyText));
 * try {
 *   Transaction paid = parser.parseTransaction(NotificationRequest.create(servletRequest::getHeader, body));
 *   ...
 *   return NotificationAnswer.success();          // 204
 * } catch (WechatPayNotificationException e) {
 *   return e.answer();                            // 4xx/5xx: WeChat Pay sends it again
 * }
 * }</pre>
 *
 * <p>Order of work: verify the signature exactly as for responses (headers, the 300-second window
 * in both directions, key by {@code Wechatpay-Serial}, raw body), then decrypt {@code resource}
 * with AES-256-GCM and the APIv3 key (the associated data may be empty or absent), then decode.
 * Nothing is decrypted or parsed before the signature is verified. Immutable and thread-safe.
 */
public final class NotificationParser {
  private static final String ALGORITHM = "AEAD_AES_256_GCM";

  private final Verifier verifier;
  private final ApiV3Key apiV3Key;
  private final Clock clock;

  private NotificationParser(Verifier verifier, ApiV3Key apiV3Key, Clock clock) {
    this.verifier = verifier;
    this.apiV3Key = apiV3Key;
    this.clock = clock;
  }

  /** Returns a parser using the system clock. */
  public static NotificationParser create(Verifier verifier, ApiV3Key apiV3Key) {
    return builder().verifier(verifier).apiV3Key(apiV3Key).build();
  }

  /** Returns a builder; {@code verifier} and {@code apiV3Key} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies and decrypts {@code request}.
   *
   * @throws WechatPayNotificationException if any check fails; send {@link
   *     WechatPayNotificationException#answer()}
   */
  public WechatPayNotification parse(NotificationRequest request)
      throws WechatPayNotificationException {
    Objects.requireNonNull(request, "request == null");
    byte[] body = request.bodyUnsafe();
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
        new String(plaintext, StandardCharsets.UTF_8));
  }

  /**
   * Verifies and decrypts {@code request} and decodes its resource as {@code type}, a generated
   * model such as {@code Transaction} or {@code PartnerTransaction}.
   *
   * @throws WechatPayNotificationException if any check fails, or the resource is not a {@code
   *     type}
   */
  public <T> T parse(NotificationRequest request, Class<T> type)
      throws WechatPayNotificationException {
    Objects.requireNonNull(type, "type == null");
    WechatPayNotification notification = parse(request);
    T value;
    try {
      value = WechatPayJson.moshi().adapter(type).fromJson(notification.resourceJson());
    } catch (IOException | JsonDataException e) {
      throw malformed(
          "the decrypted resource of notification "
              + notification.id()
              + " is not a "
              + type.getSimpleName()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
    if (value == null) {
      throw malformed("the decrypted resource is JSON null", null);
    }
    return value;
  }

  /**
   * Verifies and decrypts a payment notification ({@code TRANSACTION.SUCCESS}) of a direct
   * merchant.
   *
   * @throws WechatPayNotificationException if any check fails, or the resource is not a transaction
   */
  public Transaction parseTransaction(NotificationRequest request)
      throws WechatPayNotificationException {
    return parse(request, Transaction.class);
  }

  private static WechatPayNotificationException malformed(
      String detail, @Nullable Throwable cause) {
    return new WechatPayNotificationException(
        Kind.MALFORMED_BODY, "Notification rejected: " + detail, cause);
  }

  @Override
  public String toString() {
    return "NotificationParser{verifier=" + verifier + "}";
  }

  /** Configures a {@link NotificationParser}. */
  public static final class Builder {
    private @Nullable Verifier verifier;
    private @Nullable ApiV3Key apiV3Key;
    private Clock clock = Clock.systemUTC();

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

    /** The clock for the 300-second window; defaults to the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
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
      return new NotificationParser(verifier, apiV3Key, clock);
    }
  }
}
