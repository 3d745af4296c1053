package io.wxpay4j.simulator;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one simulated order (订单), as returned by {@link WechatPaySimulator#orders()} and
 * {@code GET /simulator/orders}. It never contains the payer's openid.
 */
public final class SimulatorOrder {
  private final String outTradeNo;
  private final String tradeType;
  private final String tradeState;
  private final int total;
  private final String description;
  private final String notifyUrl;
  private final Instant createTime;
  private final Instant timeExpire;
  private final @Nullable String transactionId;
  private final @Nullable Instant successTime;
  private final @Nullable String prepayId;
  private final @Nullable String codeUrl;
  private final @Nullable String h5Url;

  SimulatorOrder(
      String outTradeNo,
      String tradeType,
      String tradeState,
      int total,
      String description,
      String notifyUrl,
      Instant createTime,
      Instant timeExpire,
      @Nullable String transactionId,
      @Nullable Instant successTime,
      @Nullable String prepayId,
      @Nullable String codeUrl,
      @Nullable String h5Url) {
    this.outTradeNo = Objects.requireNonNull(outTradeNo);
    this.tradeType = Objects.requireNonNull(tradeType);
    this.tradeState = Objects.requireNonNull(tradeState);
    this.total = total;
    this.description = Objects.requireNonNull(description);
    this.notifyUrl = Objects.requireNonNull(notifyUrl);
    this.createTime = Objects.requireNonNull(createTime);
    this.timeExpire = Objects.requireNonNull(timeExpire);
    this.transactionId = transactionId;
    this.successTime = successTime;
    this.prepayId = prepayId;
    this.codeUrl = codeUrl;
    this.h5Url = h5Url;
  }

  /** Merchant order number ({@code out_trade_no}). */
  public String outTradeNo() {
    return outTradeNo;
  }

  /** {@code JSAPI}, {@code APP}, {@code MWEB} (H5) or {@code NATIVE}. */
  public String tradeType() {
    return tradeType;
  }

  /**
   * {@code NOTPAY}, {@code SUCCESS}, {@code PAYERROR}, {@code CLOSED}, or {@code REFUND} once a
   * refund was requested against the paid order.
   */
  public String tradeState() {
    return tradeState;
  }

  /** Order total in fen (分). */
  public int total() {
    return total;
  }

  /** The order's {@code description}. */
  public String description() {
    return description;
  }

  /** Where the payment notification goes. */
  public String notifyUrl() {
    return notifyUrl;
  }

  /** When the order was created, by the simulator's clock. */
  public Instant createTime() {
    return createTime;
  }

  /** The payment deadline: {@code time_expire} after clamping, or 7 days after creation. */
  public Instant timeExpire() {
    return timeExpire;
  }

  /** WeChat Pay order number; null until paid. */
  public @Nullable String transactionId() {
    return transactionId;
  }

  /** When it was paid; null until paid. */
  public @Nullable Instant successTime() {
    return successTime;
  }

  /** {@code prepay_id} of JSAPI and APP orders; null otherwise. */
  public @Nullable String prepayId() {
    return prepayId;
  }

  /** {@code code_url} of Native orders; null otherwise. */
  public @Nullable String codeUrl() {
    return codeUrl;
  }

  /** {@code h5_url} of H5 orders; null otherwise. */
  public @Nullable String h5Url() {
    return h5Url;
  }

  @Override
  public String toString() {
    return "SimulatorOrder{outTradeNo="
        + outTradeNo
        + ", tradeType="
        + tradeType
        + ", tradeState="
        + tradeState
        + ", total="
        + total
        + ", transactionId="
        + transactionId
        + "}";
  }
}
