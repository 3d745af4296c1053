package io.wxpay4j.simulator;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one simulated refund (退款), as returned by {@link WechatPaySimulator#refunds()} and
 * {@code GET /simulator/refunds}. Its {@code toString()} never shows the decrypted bank data of an
 * abnormal refund.
 */
public final class SimulatorRefund {
  private final String outRefundNo;
  private final String refundId;
  private final String outTradeNo;
  private final String transactionId;
  private final @Nullable String subMchid;
  private final String status;
  private final String channel;
  private final String userReceivedAccount;
  private final long refund;
  private final long total;
  private final @Nullable String reason;
  private final @Nullable String notifyUrl;
  private final Instant createTime;
  private final @Nullable Instant successTime;
  private final @Nullable String abnormalRefundType;
  private final @Nullable String bankType;
  private final @Nullable String bankAccount;
  private final @Nullable String realName;

  SimulatorRefund(
      String outRefundNo,
      String refundId,
      String outTradeNo,
      String transactionId,
      @Nullable String subMchid,
      String status,
      String channel,
      String userReceivedAccount,
      long refund,
      long total,
      @Nullable String reason,
      @Nullable String notifyUrl,
      Instant createTime,
      @Nullable Instant successTime,
      @Nullable String abnormalRefundType,
      @Nullable String bankType,
      @Nullable String bankAccount,
      @Nullable String realName) {
    this.outRefundNo = Objects.requireNonNull(outRefundNo);
    this.refundId = Objects.requireNonNull(refundId);
    this.outTradeNo = Objects.requireNonNull(outTradeNo);
    this.transactionId = Objects.requireNonNull(transactionId);
    this.subMchid = subMchid;
    this.status = Objects.requireNonNull(status);
    this.channel = Objects.requireNonNull(channel);
    this.userReceivedAccount = Objects.requireNonNull(userReceivedAccount);
    this.refund = refund;
    this.total = total;
    this.reason = reason;
    this.notifyUrl = notifyUrl;
    this.createTime = Objects.requireNonNull(createTime);
    this.successTime = successTime;
    this.abnormalRefundType = abnormalRefundType;
    this.bankType = bankType;
    this.bankAccount = bankAccount;
    this.realName = realName;
  }

  /** Merchant refund number ({@code out_refund_no}). */
  public String outRefundNo() {
    return outRefundNo;
  }

  /** WeChat Pay refund number ({@code refund_id}). */
  public String refundId() {
    return refundId;
  }

  /** The refunded order's {@code out_trade_no}. */
  public String outTradeNo() {
    return outTradeNo;
  }

  /** The refunded order's {@code transaction_id}. */
  public String transactionId() {
    return transactionId;
  }

  /** The sub-merchant of a service provider's refund; null for a direct merchant's. */
  public @Nullable String subMchid() {
    return subMchid;
  }

  /** {@code PROCESSING}, {@code SUCCESS}, {@code ABNORMAL} or {@code CLOSED}. */
  public String status() {
    return status;
  }

  /** {@code ORIGINAL}, or {@code OTHER_BANKCARD} after an abnormal refund. */
  public String channel() {
    return channel;
  }

  /** Where the money goes ({@code user_received_account}), e.g. 支付用户零钱. */
  public String userReceivedAccount() {
    return userReceivedAccount;
  }

  /** Amount refunded, in fen (分). */
  public long refund() {
    return refund;
  }

  /** The order total, in fen. */
  public long total() {
    return total;
  }

  /** The request's {@code reason}, or null. */
  public @Nullable String reason() {
    return reason;
  }

  /**
   * Where the {@code REFUND.*} notifications go; null when the request had no {@code notify_url}.
   */
  public @Nullable String notifyUrl() {
    return notifyUrl;
  }

  /** When the refund was accepted, by the simulator's clock. */
  public Instant createTime() {
    return createTime;
  }

  /** When it succeeded; null unless {@code SUCCESS}. */
  public @Nullable Instant successTime() {
    return successTime;
  }

  /** {@code USER_BANK_CARD} or {@code MERCHANT_BANK_CARD} once an abnormal refund was applied. */
  public @Nullable String abnormalRefundType() {
    return abnormalRefundType;
  }

  /** The abnormal refund's {@code bank_type}, or null. */
  public @Nullable String bankType() {
    return bankType;
  }

  /**
   * The abnormal refund's {@code bank_account} as the simulator decrypted it (TEST data; never in
   * {@link #toString()}), or null.
   */
  public @Nullable String bankAccount() {
    return bankAccount;
  }

  /**
   * The abnormal refund's {@code real_name} as the simulator decrypted it (TEST data; never in
   * {@link #toString()}), or null.
   */
  public @Nullable String realName() {
    return realName;
  }

  @Override
  public String toString() {
    return "SimulatorRefund{outRefundNo="
        + outRefundNo
        + ", refundId="
        + refundId
        + ", outTradeNo="
        + outTradeNo
        + ", status="
        + status
        + ", refund="
        + refund
        + ", total="
        + total
        + "}";
  }
}
