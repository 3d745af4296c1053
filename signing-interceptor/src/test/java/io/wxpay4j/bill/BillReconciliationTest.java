package io.wxpay4j.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Missing, extra and mismatched payments and refunds (BillReaderTest.ALL: ORDER_0001 1.00 paid,
 * R_ORDER_0001 0.40 PROCESSING).
 */
final class BillReconciliationTest {
  private static BillReconciliation reconcile(MerchantTrade... records) {
    return BillReconciliation.reconcile(
        BillReader.trade(new StringReader(BillReaderTest.ALL)), List.of(records));
  }

  @Test
  void matchingRecordsMatch() {
    BillReconciliation result =
        reconcile(
            MerchantTrade.payment("ORDER_0001", 100, "REFUND"),
            MerchantTrade.refund("R_ORDER_0001", 40, "PROCESSING"));

    assertThat(result.matches()).isTrue();
    assertThat(result.rows()).isEqualTo(2);
    assertThat(result.differences()).isEmpty();
  }

  @Test
  void paymentAndRefundMissingFromTheRecords() {
    BillReconciliation result = reconcile();

    assertThat(result.missing())
        .extracting(BillDifference::toString)
        .containsExactly(
            "MISSING payment ORDER_0001: bill 100 fen SUCCESS, records -",
            "MISSING refund R_ORDER_0001: bill 40 fen PROCESSING, records -");
    assertThat(result.matches()).isFalse();
  }

  @Test
  void recordsTheBillDoesNotHaveAreExtra() {
    BillReconciliation result =
        reconcile(
            MerchantTrade.payment("ORDER_0001", 100, "SUCCESS"),
            MerchantTrade.refund("R_ORDER_0001", 40, "PROCESSING"),
            MerchantTrade.payment("ORDER_LOST", 500, "SUCCESS"),
            MerchantTrade.refund("R_LOST", 5, "SUCCESS"));

    assertThat(result.extra())
        .extracting(BillDifference::kind, BillDifference::isRefund, BillDifference::id)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BillDifference.Kind.EXTRA, false, "ORDER_LOST"),
            org.assertj.core.groups.Tuple.tuple(BillDifference.Kind.EXTRA, true, "R_LOST"));
    assertThat(result.extra().get(0).billAmount()).isNull();
    assertThat(result.missing()).isEmpty();
  }

  @Test
  void amountsAndStatesThatDifferAreMismatched() {
    BillReconciliation result =
        reconcile(
            MerchantTrade.payment("ORDER_0001", 90, "SUCCESS"),
            MerchantTrade.refund("R_ORDER_0001", 40, "SUCCESS"));

    assertThat(result.mismatched())
        .extracting(BillDifference::toString)
        .containsExactly(
            "AMOUNT_MISMATCH payment ORDER_0001: bill 100 fen SUCCESS, records 90 fen SUCCESS",
            "STATE_MISMATCH refund R_ORDER_0001: bill 40 fen PROCESSING, records 40 fen SUCCESS");
  }

  @Test
  void unpaidPaymentStateAndRefundAmountMismatch() {
    BillReconciliation result =
        reconcile(
            MerchantTrade.payment("ORDER_0001", 100, "NOTPAY"),
            MerchantTrade.refund("R_ORDER_0001", 41, "PROCESSING"));

    assertThat(result.mismatched())
        .extracting(BillDifference::kind)
        .containsExactly(BillDifference.Kind.STATE_MISMATCH, BillDifference.Kind.AMOUNT_MISMATCH);
    assertThat(result.mismatched().get(1).record())
        .isEqualTo(MerchantTrade.refund("R_ORDER_0001", 41, "PROCESSING"));
  }

  @Test
  void duplicateRecordsAreRefused() {
    assertThatThrownBy(
            () ->
                reconcile(
                    MerchantTrade.payment("ORDER_0001", 100, "SUCCESS"),
                    MerchantTrade.payment("ORDER_0001", 100, "SUCCESS")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two records for ORDER_0001");
  }
}
