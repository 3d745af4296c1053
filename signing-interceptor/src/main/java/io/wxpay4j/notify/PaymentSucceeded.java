package io.wxpay4j.notify;

import io.wxpay4j.model.Transaction;
import java.util.Objects;

/**
 * {@code TRANSACTION.SUCCESS} for a direct merchant (直连商户): an order was paid. The transaction's
 * {@code mchid} is the client's and its {@code appid} one the client knows. Immutable; {@link
 * #toString()} leaves out payer data.
 */
public final class PaymentSucceeded implements WechatPayEvent {
  private final WechatPayNotification notification;
  private final Transaction transaction;

  PaymentSucceeded(WechatPayNotification notification, Transaction transaction) {
    this.notification = Objects.requireNonNull(notification);
    this.transaction = Objects.requireNonNull(transaction);
  }

  @Override
  public WechatPayNotification notification() {
    return notification;
  }

  /** The paid order. Check its amount and {@code trade_state} against your own order. */
  public Transaction transaction() {
    return transaction;
  }

  @Override
  public String toString() {
    return "PaymentSucceeded{id="
        + Events.shown(notification.id())
        + ", outTradeNo="
        + transaction.getOutTradeNo()
        + ", tradeState="
        + transaction.getTradeState()
        + "}";
  }
}
