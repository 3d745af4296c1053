package io.wxpay4j.bill;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One detail line of a trade bill (交易账单): a payment ({@code 交易状态 SUCCESS}), a refund ({@code
 * REFUND}) or a revoked payment ({@code REVOKED}). The same type serves the {@code ALL}, {@code
 * SUCCESS} and {@code REFUND} bills; a column a bill type lacks reads as null, or 0 for amounts.
 * Values have their backtick prefix removed; amounts are exact fen. Columns this class does not
 * know are still readable by name with {@link #column(String)}.
 */
public final class TradeBillRow {
  private final String[] values;
  private final Columns columns;
  private final OffsetDateTime tradeTime;
  private final long settlementTotal;
  private final long couponAmount;
  private final long refundAmount;
  private final long rechargeCouponRefundAmount;
  private final BigDecimal fee;
  private final long orderAmount;
  private final long appliedRefundAmount;
  private final @Nullable OffsetDateTime refundApplyTime;
  private final @Nullable OffsetDateTime refundSuccessTime;
  private final Layout layout;

  /** Where each known column is in one bill's header, resolved once per bill. */
  static final class Layout {
    final int tradeTime;
    final int appId;
    final int merchantId;
    final int subMerchantId;
    final int deviceId;
    final int transactionId;
    final int outTradeNo;
    final int openid;
    final int tradeType;
    final int tradeState;
    final int bankType;
    final int currency;
    final int settlementTotal;
    final int couponAmount;
    final int refundId;
    final int outRefundNo;
    final int refundAmount;
    final int rechargeCouponRefundAmount;
    final int refundType;
    final int refundStatus;
    final int goodsName;
    final int attach;
    final int fee;
    final int feeRate;
    final int orderAmount;
    final int appliedRefundAmount;
    final int feeRemark;
    final int refundApplyTime;
    final int refundSuccessTime;

    Layout(Columns c, long line) {
      tradeTime = c.require(line, "交易时间");
      appId = c.find("公众账号ID");
      merchantId = c.find("商户号");
      subMerchantId = c.find("特约商户号", "子商户号");
      deviceId = c.find("设备号");
      transactionId = c.find("微信订单号");
      outTradeNo = c.require(line, "商户订单号");
      openid = c.find("用户标识");
      tradeType = c.find("交易类型");
      tradeState = c.require(line, "交易状态");
      bankType = c.find("付款银行");
      currency = c.find("货币种类");
      // Old-format bills say 总金额 and 企业红包金额 (or 代金券或立减优惠金额) instead.
      settlementTotal = c.find("应结订单金额", "总金额");
      couponAmount = c.find("代金券金额", "企业红包金额", "代金券或立减优惠金额");
      refundId = c.find("微信退款单号");
      outRefundNo = c.find("商户退款单号");
      refundAmount = c.find("退款金额");
      rechargeCouponRefundAmount = c.find("充值券退款金额", "企业红包退款金额", "代金券或立减优惠退款金额");
      refundType = c.find("退款类型");
      refundStatus = c.find("退款状态");
      goodsName = c.find("商品名称");
      attach = c.find("商户数据包");
      fee = c.find("手续费");
      feeRate = c.find("费率");
      orderAmount = c.find("订单金额");
      appliedRefundAmount = c.find("申请退款金额");
      feeRemark = c.find("费率备注");
      refundApplyTime = c.find("退款申请时间");
      refundSuccessTime = c.find("退款成功时间");
    }
  }

  TradeBillRow(String[] values, Columns columns, Layout layout, long line) {
    this.values = values;
    this.columns = columns;
    this.layout = layout;
    Cells cells = new Cells(values, columns, line);
    this.tradeTime = cells.requiredTime(layout.tradeTime);
    this.settlementTotal = cells.fen(layout.settlementTotal);
    this.couponAmount = cells.fen(layout.couponAmount);
    this.refundAmount = cells.fen(layout.refundAmount);
    this.rechargeCouponRefundAmount = cells.fen(layout.rechargeCouponRefundAmount);
    this.fee = cells.decimal(layout.fee);
    this.orderAmount = cells.fen(layout.orderAmount);
    this.appliedRefundAmount = cells.fen(layout.appliedRefundAmount);
    this.refundApplyTime = cells.time(layout.refundApplyTime);
    this.refundSuccessTime = cells.time(layout.refundSuccessTime);
  }

  private @Nullable String value(int at) {
    String value = Columns.get(values, at);
    return value == null || value.isEmpty() ? null : value;
  }

  /** An id column where {@code 0} means none (payment lines show refund ids as {@code 0}). */
  private @Nullable String id(int at) {
    String value = value(at);
    return value == null || value.equals("0") ? null : value;
  }

  /** 交易时间: when the payment succeeded, or when the refund was applied for. */
  public OffsetDateTime tradeTime() {
    return tradeTime;
  }

  /** 公众账号ID: the {@code appid} of the order. */
  public @Nullable String appId() {
    return value(layout.appId);
  }

  /** 商户号: the merchant that placed the order. */
  public @Nullable String merchantId() {
    return value(layout.merchantId);
  }

  /** 特约商户号: the sub-merchant of a service provider's order; null for a direct merchant's (0). */
  public @Nullable String subMerchantId() {
    return id(layout.subMerchantId);
  }

  /** 设备号, if the order had one. */
  public @Nullable String deviceId() {
    return value(layout.deviceId);
  }

  /** 微信订单号: WeChat Pay's {@code transaction_id}. */
  public @Nullable String transactionId() {
    return value(layout.transactionId);
  }

  /** 商户订单号: the merchant's {@code out_trade_no}. */
  public String outTradeNo() {
    String value = value(layout.outTradeNo);
    return value == null ? "" : value;
  }

  /** 用户标识: the payer's openid. Payer data: keep it out of logs. */
  public @Nullable String openid() {
    return value(layout.openid);
  }

  /** 交易类型, e.g. {@code JSAPI}, {@code NATIVE}, {@code APP}, {@code MWEB}, {@code MICROPAY}. */
  public @Nullable String tradeType() {
    return value(layout.tradeType);
  }

  /** 交易状态: {@code SUCCESS} (payment), {@code REFUND} (refund) or {@code REVOKED}. */
  public String tradeState() {
    String value = value(layout.tradeState);
    return value == null ? "" : value;
  }

  /** True for a refund line ({@code 交易状态 REFUND}). */
  public boolean isRefund() {
    return "REFUND".equals(tradeState());
  }

  /** 付款银行, e.g. {@code OTHERS}, {@code CMC}. */
  public @Nullable String bankType() {
    return value(layout.bankType);
  }

  /** 货币种类, {@code CNY}. */
  public @Nullable String currency() {
    return value(layout.currency);
  }

  /** 应结订单金额 (old format: 总金额) in fen: the order amount less 免充值 coupons; 0 on refunds. */
  public long settlementTotal() {
    return settlementTotal;
  }

  /** 代金券金额 (old format: 企业红包金额) in fen. */
  public long couponAmount() {
    return couponAmount;
  }

  /** 微信退款单号 ({@code refund_id}) of a refund line; null on payments. */
  public @Nullable String refundId() {
    return id(layout.refundId);
  }

  /** 商户退款单号 ({@code out_refund_no}) of a refund line; null on payments. */
  public @Nullable String outRefundNo() {
    return id(layout.outRefundNo);
  }

  /** 退款金额 in fen. */
  public long refundAmount() {
    return refundAmount;
  }

  /** 充值券退款金额 in fen. */
  public long rechargeCouponRefundAmount() {
    return rechargeCouponRefundAmount;
  }

  /** 退款类型, e.g. {@code ORIGINAL}; null on payments. */
  public @Nullable String refundType() {
    return value(layout.refundType);
  }

  /**
   * 退款状态 when the bill was made ({@code SUCCESS}, {@code PROCESSING}, …): never updated later;
   * query the refund for its current status. Null on payments.
   */
  public @Nullable String refundStatus() {
    return value(layout.refundStatus);
  }

  /** 商品名称: the order's {@code description}. */
  public @Nullable String goodsName() {
    return value(layout.goodsName);
  }

  /** 商户数据包: the order's {@code attach}. */
  public @Nullable String attach() {
    return value(layout.attach);
  }

  /** 手续费 in yuan, exact (bills give 5 decimals); negative on refunds (fee returned). */
  public BigDecimal fee() {
    return fee;
  }

  /** 费率, e.g. {@code 0.60%}, as written. */
  public @Nullable String feeRate() {
    return value(layout.feeRate);
  }

  /** 订单金额 in fen; 0 on refunds and in old-format bills without the column. */
  public long orderAmount() {
    return orderAmount;
  }

  /** 申请退款金额 in fen: the refund amount asked for. */
  public long appliedRefundAmount() {
    return appliedRefundAmount;
  }

  /** 费率备注. */
  public @Nullable String feeRemark() {
    return value(layout.feeRemark);
  }

  /** 退款申请时间 ({@code REFUND} bills only). */
  public @Nullable OffsetDateTime refundApplyTime() {
    return refundApplyTime;
  }

  /** 退款成功时间 ({@code REFUND} bills only; null while not successful). */
  public @Nullable OffsetDateTime refundSuccessTime() {
    return refundSuccessTime;
  }

  /**
   * Any column by its header name (backtick removed), e.g. one added after this SDK; empty if
   * absent.
   */
  public Optional<String> column(String name) {
    return Optional.ofNullable(Columns.get(values, columns.find(name)));
  }

  /** The line's kind, time and numbers; ids of payers and goods are left out. */
  @Override
  public String toString() {
    return "TradeBillRow{"
        + tradeState()
        + " "
        + tradeTime
        + " outTradeNo="
        + outTradeNo()
        + (isRefund() ? " outRefundNo=" + outRefundNo() + " refund=" + refundAmount : "")
        + " settlementTotal="
        + settlementTotal
        + "}";
  }
}
