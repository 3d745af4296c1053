package io.wxpay4j.notify;

import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.RefundStatus;
import java.util.Objects;

/**
 * {@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL} or {@code REFUND.CLOSED} (退款结果通知): a refund
 * reached a final state. Its {@code mchid} (for a service provider {@code sp_mchid}, and {@code
 * sub_mchid} if the parser expects given sub-merchants) is the client's. The same refund may be
 * notified more than once: act on ({@code refund_id}, {@code refund_status}) idempotently.
 * Immutable; {@link #toString()} leaves out the receiving account.
 */
public final class RefundEvent implements WechatPayEvent {
  private final WechatPayNotification notification;
  private final RefundNotification refund;

  RefundEvent(WechatPayNotification notification, RefundNotification refund) {
    this.notification = Objects.requireNonNull(notification);
    this.refund = Objects.requireNonNull(refund);
  }

  @Override
  public WechatPayNotification notification() {
    return notification;
  }

  /** The refund as notified. */
  public RefundNotification refund() {
    return refund;
  }

  /** {@code SUCCESS}, {@code ABNORMAL} or {@code CLOSED}. */
  public RefundStatus status() {
    return refund.getRefundStatus();
  }

  @Override
  public String toString() {
    return "RefundEvent{id="
        + Events.shown(notification.id())
        + ", outRefundNo="
        + refund.getOutRefundNo()
        + ", status="
        + refund.getRefundStatus()
        + "}";
  }
}
