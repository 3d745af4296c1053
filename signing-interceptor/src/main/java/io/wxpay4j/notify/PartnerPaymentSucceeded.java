package io.wxpay4j.notify;

import io.wxpay4j.model.PartnerTransaction;
import java.util.Objects;

/**
 * {@code TRANSACTION.SUCCESS} for a service provider (服务商): a sub-merchant's order was paid. The
 * transaction's {@code sp_mchid} is the client's, its {@code sp_appid} (or {@code sub_appid}) one
 * the client knows, and its {@code sub_mchid} one of the sub-merchants the parser expects, if it
 * was given any. Immutable; {@link #toString()} leaves out payer data.
 */
public final class PartnerPaymentSucceeded implements WechatPayEvent {
  private final WechatPayNotification notification;
  private final PartnerTransaction transaction;

  PartnerPaymentSucceeded(WechatPayNotification notification, PartnerTransaction transaction) {
    this.notification = Objects.requireNonNull(notification);
    this.transaction = Objects.requireNonNull(transaction);
  }

  @Override
  public WechatPayNotification notification() {
    return notification;
  }

  /** The paid order. Check its amount and {@code trade_state} against your own order. */
  public PartnerTransaction transaction() {
    return transaction;
  }

  @Override
  public String toString() {
    return "PartnerPaymentSucceeded{id="
        + Events.shown(notification.id())
        + ", subMchid="
        + transaction.getSubMchid()
        + ", outTradeNo="
        + transaction.getOutTradeNo()
        + ", tradeState="
        + transaction.getTradeState()
        + "}";
  }
}
