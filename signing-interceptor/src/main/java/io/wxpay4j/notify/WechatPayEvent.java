package io.wxpay4j.notify;

/**
 * A verified, decrypted notification, typed by what it is about: dispatch on it with {@code
 * instanceof} or a {@code switch}.
 *
 * <pre>{@code
 * WechatPayEvent event = wechatPay.parseNotification(request);
 * if (event instanceof PaymentSucceeded) {
 *   Transaction paid = ((PaymentSucceeded) event).transaction();
 *   ...
 * } else if (event instanceof UnrecognizedEvent) {
 *   ... // an event type this version does not know: log event.notification().eventType()
 * }
 * }</pre>
 *
 * <p>Every event has been verified (signature, 300-second window), decrypted with the APIv3 key,
 * decoded, and checked to be about the merchant and the apps of the client that parsed it. What the
 * application must still check itself: the amount and the state against its own order, and that it
 * has not handled the same order already (notifications are delivered at least once).
 */
public sealed interface WechatPayEvent
    permits PaymentSucceeded,
        PartnerPaymentSucceeded,
        CombinePaymentSucceeded,
        RefundEvent,
        ContractEvent,
        UnrecognizedEvent {
  /**
   * The envelope: {@code id}, {@code create_time}, {@code event_type}, {@code
   * resource.original_type} and {@code resource.associated_data}.
   */
  WechatPayNotification notification();
}
