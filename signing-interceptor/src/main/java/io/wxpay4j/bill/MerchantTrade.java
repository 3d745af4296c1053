package io.wxpay4j.bill;

import java.util.Objects;

/**
 * The merchant's own record of a payment or a refund, to reconcile a trade bill with: the merchant
 * number ({@code out_trade_no} or {@code out_refund_no}), the amount in fen, and the state in
 * WeChat Pay's words ({@code SUCCESS} for a paid order, {@code REFUND} for a paid order with a
 * refund; {@code SUCCESS}, {@code PROCESSING}, {@code CLOSED}, {@code ABNORMAL} for a refund).
 *
 * <pre>{@code
 * List<MerchantTrade> mine = List.of(
 *     MerchantTrade.payment("ORDER_0001", 100, "SUCCESS"),
 *     MerchantTrade.refund("REFUND_0001", 30, "SUCCESS"));
 * }</pre>
 */
public final class MerchantTrade {
  private final boolean refund;
  private final String id;
  private final long amount;
  private final String state;

  private MerchantTrade(boolean refund, String id, long amount, String state) {
    this.refund = refund;
    this.id = Objects.requireNonNull(id, "id == null");
    this.amount = amount;
    this.state = Objects.requireNonNull(state, "state == null");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id is empty");
    }
  }

  /** A payment: the order {@code out_trade_no}, its total in fen and its state. */
  public static MerchantTrade payment(String outTradeNo, long totalFen, String state) {
    return new MerchantTrade(false, outTradeNo, totalFen, state);
  }

  /** A refund: its {@code out_refund_no}, the refund amount in fen and its status. */
  public static MerchantTrade refund(String outRefundNo, long refundFen, String status) {
    return new MerchantTrade(true, outRefundNo, refundFen, status);
  }

  /** True for a refund, false for a payment. */
  public boolean isRefund() {
    return refund;
  }

  /** {@code out_trade_no} of a payment, {@code out_refund_no} of a refund. */
  public String id() {
    return id;
  }

  /** The amount in fen. */
  public long amount() {
    return amount;
  }

  /** The state (payment) or status (refund). */
  public String state() {
    return state;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MerchantTrade
        && ((MerchantTrade) other).refund == refund
        && ((MerchantTrade) other).id.equals(id)
        && ((MerchantTrade) other).amount == amount
        && ((MerchantTrade) other).state.equals(state);
  }

  @Override
  public int hashCode() {
    return Objects.hash(refund, id, amount, state);
  }

  @Override
  public String toString() {
    return (refund ? "refund " : "payment ") + id + " " + amount + " fen " + state;
  }
}
