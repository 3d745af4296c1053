package io.wxpay4j.bill;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a trade bill with the merchant's own records of the same day (对账) and lists every
 * difference: payments and refunds in the bill but not in the records ({@linkplain
 * BillDifference.Kind#MISSING missing}), in the records but not in the bill ({@linkplain
 * BillDifference.Kind#EXTRA extra}), and in both with another amount or state ({@linkplain
 * BillDifference.Kind#AMOUNT_MISMATCH mismatched}).
 *
 * <pre>{@code
 * try (BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(file)) {
 *   BillReconciliation result = BillReconciliation.reconcile(bill, myRecordsOf(day));
 *   if (!result.matches()) result.differences().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>The rows stream through; only the records are held, by number. A payment line ({@code 交易状态
 * SUCCESS}) is compared by {@code out_trade_no} with a {@linkplain MerchantTrade#payment payment}
 * record: the amount with 订单金额 (or 应结订单金额 in old bills without it), the state {@code SUCCESS} with
 * {@code SUCCESS} or {@code REFUND} (a refunded order keeps its {@code SUCCESS} line). A refund
 * line ({@code REFUND}) is compared by {@code out_refund_no} with a {@linkplain
 * MerchantTrade#refund refund} record: the amount with 申请退款金额 (or 退款金额), the status with 退款状态,
 * which is the status when the bill was made: a refund still {@code PROCESSING} then shows up as a
 * state mismatch; query it. Other lines ({@code REVOKED}) are compared as payments with their own
 * state. Immutable.
 */
public final class BillReconciliation {
  private final List<BillDifference> missing;
  private final List<BillDifference> extra;
  private final List<BillDifference> mismatched;
  private final long rows;

  private BillReconciliation(
      List<BillDifference> missing,
      List<BillDifference> extra,
      List<BillDifference> mismatched,
      long rows) {
    this.missing = Collections.unmodifiableList(missing);
    this.extra = Collections.unmodifiableList(extra);
    this.mismatched = Collections.unmodifiableList(mismatched);
    this.rows = rows;
  }

  /**
   * Reads every remaining row of {@code bill} and compares them with {@code records}.
   *
   * @throws IllegalArgumentException if two records have the same number and kind
   */
  public static BillReconciliation reconcile(
      Iterator<TradeBillRow> bill, Collection<MerchantTrade> records) {
    Objects.requireNonNull(bill, "bill == null");
    Objects.requireNonNull(records, "records == null");
    Map<String, MerchantTrade> payments = new LinkedHashMap<>();
    Map<String, MerchantTrade> refunds = new LinkedHashMap<>();
    for (MerchantTrade record : records) {
      Map<String, MerchantTrade> byId = record.isRefund() ? refunds : payments;
      if (byId.putIfAbsent(record.id(), record) != null) {
        throw new IllegalArgumentException("two records for " + record.id());
      }
    }
    List<BillDifference> missing = new ArrayList<>();
    List<BillDifference> mismatched = new ArrayList<>();
    long rows = 0;
    while (bill.hasNext()) {
      TradeBillRow row = bill.next();
      rows++;
      boolean refund = row.isRefund();
      String id = refund ? Objects.requireNonNullElse(row.outRefundNo(), "") : row.outTradeNo();
      long amount = refund ? refundAmount(row) : paymentAmount(row);
      String state = refund ? Objects.requireNonNullElse(row.refundStatus(), "") : row.tradeState();
      MerchantTrade record = (refund ? refunds : payments).remove(id);
      if (record == null) {
        missing.add(
            new BillDifference(BillDifference.Kind.MISSING, refund, id, amount, state, null));
      } else if (record.amount() != amount) {
        mismatched.add(
            new BillDifference(
                BillDifference.Kind.AMOUNT_MISMATCH, refund, id, amount, state, record));
      } else if (!sameState(refund, state, record.state())) {
        mismatched.add(
            new BillDifference(
                BillDifference.Kind.STATE_MISMATCH, refund, id, amount, state, record));
      }
    }
    List<BillDifference> extra = new ArrayList<>();
    for (MerchantTrade record : payments.values()) {
      extra.add(
          new BillDifference(BillDifference.Kind.EXTRA, false, record.id(), null, null, record));
    }
    for (MerchantTrade record : refunds.values()) {
      extra.add(
          new BillDifference(BillDifference.Kind.EXTRA, true, record.id(), null, null, record));
    }
    return new BillReconciliation(missing, extra, mismatched, rows);
  }

  private static long paymentAmount(TradeBillRow row) {
    return row.column("订单金额").isPresent() ? row.orderAmount() : row.settlementTotal();
  }

  private static long refundAmount(TradeBillRow row) {
    return row.column("申请退款金额").isPresent() ? row.appliedRefundAmount() : row.refundAmount();
  }

  private static boolean sameState(boolean refund, String bill, String record) {
    if (!refund && bill.equals("SUCCESS")) {
      return record.equals("SUCCESS") || record.equals("REFUND");
    }
    return bill.equals(record);
  }

  /** True if the bill and the records agree on every payment and refund. */
  public boolean matches() {
    return missing.isEmpty() && extra.isEmpty() && mismatched.isEmpty();
  }

  /** Payments and refunds in the bill that the records lack. */
  public List<BillDifference> missing() {
    return missing;
  }

  /** Payments and refunds in the records that the bill lacks. */
  public List<BillDifference> extra() {
    return extra;
  }

  /** Payments and refunds in both, with another amount or state. */
  public List<BillDifference> mismatched() {
    return mismatched;
  }

  /** Every difference: missing, then extra, then mismatched. */
  public List<BillDifference> differences() {
    List<BillDifference> all = new ArrayList<>(missing);
    all.addAll(extra);
    all.addAll(mismatched);
    return Collections.unmodifiableList(all);
  }

  /** How many bill rows were compared. */
  public long rows() {
    return rows;
  }

  @Override
  public String toString() {
    return "BillReconciliation{rows="
        + rows
        + ", missing="
        + missing.size()
        + ", extra="
        + extra.size()
        + ", mismatched="
        + mismatched.size()
        + "}";
  }
}
