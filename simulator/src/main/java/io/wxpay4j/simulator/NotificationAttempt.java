package io.wxpay4j.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One delivery attempt of a payment notification (支付成功通知) or a refund notification (退款结果通知), as
 * recorded by the simulator: what was POSTed and how the merchant answered. Returned by {@link
 * WechatPaySimulator#notifications()} and {@code GET /simulator/notifications}.
 */
public final class NotificationAttempt {
  private final String notificationId;
  private final String outTradeNo;
  private final @Nullable String outRefundNo;
  private final String eventType;
  private final int attempt;
  private final String url;
  private final Instant sentAt;
  private final Map<String, String> requestHeaders;
  private final String requestBody;
  private final int statusCode;
  private final String responseBody;
  private final @Nullable String error;
  private final @Nullable String fault;
  private final boolean sent;

  NotificationAttempt(
      String notificationId,
      String outTradeNo,
      @Nullable String outRefundNo,
      String eventType,
      int attempt,
      String url,
      Instant sentAt,
      Map<String, String> requestHeaders,
      String requestBody,
      int statusCode,
      String responseBody,
      @Nullable String error,
      @Nullable String fault) {
    this(
        notificationId,
        outTradeNo,
        outRefundNo,
        eventType,
        attempt,
        url,
        sentAt,
        requestHeaders,
        requestBody,
        statusCode,
        responseBody,
        error,
        fault,
        true);
  }

  NotificationAttempt(
      String notificationId,
      String outTradeNo,
      @Nullable String outRefundNo,
      String eventType,
      int attempt,
      String url,
      Instant sentAt,
      Map<String, String> requestHeaders,
      String requestBody,
      int statusCode,
      String responseBody,
      @Nullable String error,
      @Nullable String fault,
      boolean sent) {
    this.notificationId = Objects.requireNonNull(notificationId);
    this.outTradeNo = Objects.requireNonNull(outTradeNo);
    this.outRefundNo = outRefundNo;
    this.eventType = Objects.requireNonNull(eventType);
    this.attempt = attempt;
    this.url = Objects.requireNonNull(url);
    this.sentAt = Objects.requireNonNull(sentAt);
    this.requestHeaders =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requestHeaders));
    this.requestBody = Objects.requireNonNull(requestBody);
    this.statusCode = statusCode;
    this.responseBody = Objects.requireNonNull(responseBody);
    this.error = error;
    this.fault = fault;
    this.sent = sent;
  }

  /** The notification's {@code id}; the same for every attempt of one notification. */
  public String notificationId() {
    return notificationId;
  }

  /** The order the notification is about. */
  public String outTradeNo() {
    return outTradeNo;
  }

  /** The refund a refund notification is about; null for a payment notification. */
  public @Nullable String outRefundNo() {
    return outRefundNo;
  }

  /**
   * {@code TRANSACTION.SUCCESS}, or {@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL} or {@code
   * REFUND.CLOSED}.
   */
  public String eventType() {
    return eventType;
  }

  /** 1 for the first delivery, 2 for the first retry, and so on (at most 16). */
  public int attempt() {
    return attempt;
  }

  /** The {@code notify_url} it was POSTed to. */
  public String url() {
    return url;
  }

  /** When it was sent (or refused), by the simulator's clock. */
  public Instant sentAt() {
    return sentAt;
  }

  /** The {@code Wechatpay-*} and content headers sent, with their exact names; none if not sent. */
  public Map<String, String> requestHeaders() {
    return requestHeaders;
  }

  /** The exact JSON body sent (the resource is encrypted, so it holds no payer data in clear). */
  public String requestBody() {
    return requestBody;
  }

  /** The merchant's HTTP status, or 0 when no answer came (connection failure or timeout). */
  public int statusCode() {
    return statusCode;
  }

  /** The merchant's answer body (at most its first 4 KiB), empty when there was none. */
  public String responseBody() {
    return responseBody;
  }

  /**
   * Why no answer came (exception text), or why it was not sent ({@code "not sent: …"}), or null.
   */
  public @Nullable String error() {
    return error;
  }

  /**
   * False when the simulator refused to send it: {@code notify_url}'s host is not a loopback or
   * private address and was not allowed ({@link
   * WechatPaySimulator.Builder#allowNotificationHosts(String...)}), or did not resolve. {@link
   * #error()} says why; a refused notification is not retried.
   */
  public boolean sent() {
    return sent;
  }

  /** The {@link Fault} applied to this attempt's signature, or null. */
  public @Nullable String fault() {
    return fault;
  }

  /** True when the merchant answered 2xx, which ends the retries. */
  public boolean delivered() {
    return statusCode >= 200 && statusCode < 300;
  }

  @Override
  public String toString() {
    return "NotificationAttempt{id="
        + notificationId
        + ", eventType="
        + eventType
        + ", outTradeNo="
        + outTradeNo
        + (outRefundNo != null ? ", outRefundNo=" + outRefundNo : "")
        + ", attempt="
        + attempt
        + ", statusCode="
        + statusCode
        + (error != null ? ", error=" + error : "")
        + "}";
  }
}
