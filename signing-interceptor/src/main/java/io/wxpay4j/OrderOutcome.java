package io.wxpay4j;

import io.wxpay4j.model.TradeState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of an order, as {@link Orders#reconcile(String)} or {@link
 * PartnerOrders#reconcile(String, String)} found it by querying its {@code out_trade_no}: one of
 * five {@link Status statuses}, with the verified {@link #transaction()} when the query answered.
 *
 * <pre>{@code
 * OrderOutcome<Transaction> outcome = wechatPay.orders().reconcile(outTradeNo);
 * switch (outcome.status()) {
 *   case PAID:      markPaid(outcome.transaction()); break;   // idempotently: a notification may come too
 *   case CLOSED:    markCancelled(); break;
 *   case CREATED:   break;                                    // unpaid: prepay again with the same parameters
 *   case NOT_FOUND: break;                                    // the prepay took no effect: send it again
 *   case UNKNOWN:   break;                                    // the query failed too: try again later
 * }
 * }</pre>
 *
 * @param <T> the order as queried: {@code Transaction}, or {@code PartnerTransaction} for service
 *     providers
 */
public final class OrderOutcome<T> {
  /** The state of an order, in the five cases a caller acts on. */
  public enum Status {
    /**
     * The order exists and is not paid: {@code NOTPAY}, {@code USERPAYING}, {@code ACCEPT} or
     * {@code PAYERROR}. It can still be paid, or closed.
     */
    CREATED,
    /**
     * The order was paid: {@code SUCCESS}, or {@code REFUND} (paid, then refunded in part or
     * whole).
     */
    PAID,
    /**
     * The order was closed ({@code CLOSED}) or revoked ({@code REVOKED}); it can no longer be paid.
     */
    CLOSED,
    /** WeChat Pay has no order with this {@code out_trade_no} ({@code 404 ORDER_NOT_EXIST}). */
    NOT_FOUND,
    /**
     * Still unknown: the query failed as well (see {@link #failure()}), or it answered a trade
     * state this SDK does not know. Ask again later.
     */
    UNKNOWN
  }

  private final String outTradeNo;
  private final Status status;
  private final @Nullable T transaction;
  private final @Nullable TradeState tradeState;
  private final @Nullable WechatPayException failure;

  private OrderOutcome(
      String outTradeNo,
      Status status,
      @Nullable T transaction,
      @Nullable TradeState tradeState,
      @Nullable WechatPayException failure) {
    this.outTradeNo = outTradeNo;
    this.status = status;
    this.transaction = transaction;
    this.tradeState = tradeState;
    this.failure = failure;
  }

  /** The outcome of a verified answer to a query of {@code outTradeNo}. */
  static <T> OrderOutcome<T> of(
      String outTradeNo,
      @Nullable T order,
      @Nullable String answeredOutTradeNo,
      @Nullable TradeState tradeState) {
    if (order == null || !outTradeNo.equals(answeredOutTradeNo)) {
      // A verified answer about another order would be a server bug; never guess from it.
      return new OrderOutcome<>(outTradeNo, Status.UNKNOWN, order, tradeState, null);
    }
    return new OrderOutcome<>(outTradeNo, status(tradeState), order, tradeState, null);
  }

  static <T> OrderOutcome<T> failed(String outTradeNo, WechatPayException failure) {
    boolean notFound =
        failure instanceof WechatPayApiException
            && ((WechatPayApiException) failure).isVerified()
            && failure.httpStatus() == 404
            && ((WechatPayApiException) failure).hasCode("ORDER_NOT_EXIST");
    return new OrderOutcome<>(
        outTradeNo, notFound ? Status.NOT_FOUND : Status.UNKNOWN, null, null, failure);
  }

  static Status status(@Nullable TradeState state) {
    if (state == null) {
      return Status.UNKNOWN;
    }
    switch (state) {
      case NOTPAY:
      case USERPAYING:
      case ACCEPT:
      case PAYERROR:
        return Status.CREATED;
      case SUCCESS:
      case REFUND:
        return Status.PAID;
      case CLOSED:
      case REVOKED:
        return Status.CLOSED;
      default:
        return Status.UNKNOWN;
    }
  }

  /** The merchant order number (商户订单号) that was queried. */
  public String outTradeNo() {
    return outTradeNo;
  }

  /** What became of the order. */
  public Status status() {
    return status;
  }

  /**
   * True for {@link Status#PAID} and {@link Status#CLOSED}: the order will not change state on its
   * own.
   */
  public boolean isFinal() {
    return status == Status.PAID || status == Status.CLOSED;
  }

  /**
   * The verified query answer; null for {@link Status#NOT_FOUND} and when the query failed. It is a
   * fresh object: keep or change it freely.
   */
  public @Nullable T transaction() {
    return transaction;
  }

  /**
   * Why the status is {@link Status#NOT_FOUND} or {@link Status#UNKNOWN}: the query's failure; else
   * null.
   */
  public @Nullable WechatPayException failure() {
    return failure;
  }

  /** The status, the order number and the trade state; never payer data. */
  @Override
  public String toString() {
    return "OrderOutcome{outTradeNo="
        + outTradeNo
        + ", status="
        + status
        + (tradeState != null ? ", tradeState=" + tradeState : "")
        + (failure != null ? ", failure=" + failure.getClass().getSimpleName() : "")
        + "}";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof OrderOutcome
        && outTradeNo.equals(((OrderOutcome<?>) other).outTradeNo)
        && status == ((OrderOutcome<?>) other).status
        && Objects.equals(transaction, ((OrderOutcome<?>) other).transaction)
        && Objects.equals(failure, ((OrderOutcome<?>) other).failure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(outTradeNo, status, transaction, failure);
  }
}
