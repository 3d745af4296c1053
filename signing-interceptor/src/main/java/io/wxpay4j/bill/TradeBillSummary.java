package io.wxpay4j.bill;

import java.math.BigDecimal;

/**
 * The summary line of a trade bill (汇总). Amounts in fen, the fee total in yuan; a total the bill
 * type does not print (a {@code SUCCESS} bill has no refund totals) reads 0.
 */
public final class TradeBillSummary {
  private final long count;
  private final long settlementTotal;
  private final long refundTotal;
  private final long rechargeCouponRefundTotal;
  private final BigDecimal feeTotal;
  private final long orderTotal;
  private final long appliedRefundTotal;

  TradeBillSummary(String[] values, Columns columns, long line) {
    Cells cells = new Cells(values, columns, line);
    this.count = cells.count(columns.require(line, "总交易单数"));
    this.settlementTotal = cells.fen(columns.find("应结订单总金额", "总交易额"));
    this.refundTotal = cells.fen(columns.find("退款总金额", "总退款金额"));
    this.rechargeCouponRefundTotal =
        cells.fen(columns.find("充值券退款总金额", "总企业红包退款金额", "总代金券或立减优惠退款金额"));
    this.feeTotal = cells.decimal(columns.find("手续费总金额"));
    this.orderTotal = cells.fen(columns.find("订单总金额"));
    this.appliedRefundTotal = cells.fen(columns.find("申请退款总金额"));
  }

  /** 总交易单数: the number of detail lines. */
  public long count() {
    return count;
  }

  /** 应结订单总金额 in fen. */
  public long settlementTotal() {
    return settlementTotal;
  }

  /** 退款总金额 in fen. */
  public long refundTotal() {
    return refundTotal;
  }

  /** 充值券退款总金额 in fen. */
  public long rechargeCouponRefundTotal() {
    return rechargeCouponRefundTotal;
  }

  /** 手续费总金额 in yuan, exact. */
  public BigDecimal feeTotal() {
    return feeTotal;
  }

  /** 订单总金额 in fen. */
  public long orderTotal() {
    return orderTotal;
  }

  /** 申请退款总金额 in fen. */
  public long appliedRefundTotal() {
    return appliedRefundTotal;
  }

  @Override
  public String toString() {
    return "TradeBillSummary{count="
        + count
        + ", settlementTotal="
        + settlementTotal
        + ", refundTotal="
        + refundTotal
        + ", feeTotal="
        + feeTotal
        + ", orderTotal="
        + orderTotal
        + ", appliedRefundTotal="
        + appliedRefundTotal
        + "}";
  }
}
