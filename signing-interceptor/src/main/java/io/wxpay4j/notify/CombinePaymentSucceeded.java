package io.wxpay4j.notify;

import io.wxpay4j.model.CombineSubTransaction;
import io.wxpay4j.model.CombineTransaction;
import java.util.Objects;

/**
 * {@code TRANSACTION.SUCCESS} for a combine order (合单支付成功通知): one notice for all its sub-orders,
 * which were paid together. It shares the event type and {@code original_type} with a plain payment
 * and is told apart by its resource ({@code combine_out_trade_no} / {@code combine_mchid}), so it
 * is never a {@link PaymentSucceeded}, nor a plain payment one of these. Its {@code combine_mchid}
 * is the client's, its {@code combine_appid} one the client knows, it has at least one sub-order,
 * and every sub-order's {@code mchid} (and a service provider's {@code sub_mchid}) is one the
 * parser expects ({@link NotificationParser.Builder#combineSubOrderMerchantIds}, {@link
 * NotificationParser.Builder#subMerchantIds}), if it was given any. Immutable; {@link #toString()}
 * leaves out payer data.
 */
public final class CombinePaymentSucceeded implements WechatPayEvent {
  private final WechatPayNotification notification;
  private final CombineTransaction transaction;

  CombinePaymentSucceeded(WechatPayNotification notification, CombineTransaction transaction) {
    this.notification = Objects.requireNonNull(notification);
    this.transaction = Objects.requireNonNull(transaction);
  }

  @Override
  public WechatPayNotification notification() {
    return notification;
  }

  /**
   * The paid combine order. Check each sub-order's {@code trade_state} and amount against your own
   * order; refund a sub-order with its {@code transaction_id}.
   */
  public CombineTransaction transaction() {
    return transaction;
  }

  @Override
  public String toString() {
    StringBuilder subOrders = new StringBuilder();
    for (CombineSubTransaction subOrder : transaction.getSubOrders()) {
      subOrders
          .append(subOrders.length() == 0 ? "" : ", ")
          .append(subOrder.getMchid())
          .append('/')
          .append(subOrder.getOutTradeNo())
          .append('=')
          .append(subOrder.getTradeState());
    }
    return "CombinePaymentSucceeded{id="
        + notification.id()
        + ", combineOutTradeNo="
        + transaction.getCombineOutTradeNo()
        + ", subOrders=["
        + subOrders
        + "]}";
  }
}
