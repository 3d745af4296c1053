package io.wxpay4j.bill;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One way a trade bill and the merchant's records disagree about a payment or a refund; see {@link
 * BillReconciliation}.
 */
public final class BillDifference {
  /** What kind of disagreement. */
  public enum Kind {
    /** In the bill, not in the merchant's records. */
    MISSING,
    /** In the merchant's records, not in the bill. */
    EXTRA,
    /** In both, with different amounts. */
    AMOUNT_MISMATCH,
    /** In both, with different states. */
    STATE_MISMATCH
  }

  private final Kind kind;
  private final boolean refund;
  private final String id;
  private final @Nullable Long billAmount;
  private final @Nullable String billState;
  private final @Nullable MerchantTrade record;

  BillDifference(
      Kind kind,
      boolean refund,
      String id,
      @Nullable Long billAmount,
      @Nullable String billState,
      @Nullable MerchantTrade record) {
    this.kind = kind;
    this.refund = refund;
    this.id = id;
    this.billAmount = billAmount;
    this.billState = billState;
    this.record = record;
  }

  /** The kind of disagreement. */
  public Kind kind() {
    return kind;
  }

  /** True if it concerns a refund, false for a payment. */
  public boolean isRefund() {
    return refund;
  }

  /** {@code out_trade_no} of a payment, {@code out_refund_no} of a refund. */
  public String id() {
    return id;
  }

  /** The amount in fen the bill says; null if the bill does not list it ({@link Kind#EXTRA}). */
  public @Nullable Long billAmount() {
    return billAmount;
  }

  /** The state the bill says; null if the bill does not list it. */
  public @Nullable String billState() {
    return billState;
  }

  /** The merchant's record; null if there is none ({@link Kind#MISSING}). */
  public @Nullable MerchantTrade record() {
    return record;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof BillDifference)) {
      return false;
    }
    BillDifference that = (BillDifference) other;
    return kind == that.kind
        && refund == that.refund
        && id.equals(that.id)
        && Objects.equals(billAmount, that.billAmount)
        && Objects.equals(billState, that.billState)
        && Objects.equals(record, that.record);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, refund, id, billAmount, billState, record);
  }

  /** E.g. {@code AMOUNT_MISMATCH payment ORDER_1: bill 100 fen SUCCESS, records 90 fen SUCCESS}. */
  @Override
  public String toString() {
    StringBuilder result =
        new StringBuilder(kind.name()).append(refund ? " refund " : " payment ").append(id);
    result.append(": bill ");
    result.append(billAmount == null ? "-" : billAmount + " fen " + billState);
    result.append(", records ");
    result.append(record == null ? "-" : record.amount() + " fen " + record.state());
    return result.toString();
  }
}
