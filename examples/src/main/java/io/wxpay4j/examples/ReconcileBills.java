package io.wxpay4j.examples;

import io.wxpay4j.BillOutcome;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.api.RefundsApi;
import io.wxpay4j.bill.BillDifference;
import io.wxpay4j.bill.BillReader;
import io.wxpay4j.bill.BillReconciliation;
import io.wxpay4j.bill.FundFlowBillRequest;
import io.wxpay4j.bill.FundFlowBillRow;
import io.wxpay4j.bill.FundFlowBillSummary;
import io.wxpay4j.bill.MerchantTrade;
import io.wxpay4j.bill.TradeBillRequest;
import io.wxpay4j.bill.TradeBillRow;
import io.wxpay4j.bill.TradeBillSummary;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Example: pay and refund a few orders, download the day's trade and fund-flow bills (账单), verify and parse them,
 * and reconcile them with the merchant's own records (对账). Exits non-zero on any difference.
 */
public final class ReconcileBills {
  static final String SUMMARY = "download today's trade and fund-flow bills and reconcile them with our records";
  private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

  private ReconcileBills() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, ReconcileBills.class, SUMMARY, ReconcileBills::example);
  }

  static void example(Setup setup, PrintStream out) throws Exception {
    WechatPaySimulator simulator = setup.embeddedSimulator().orElse(null);
    if (simulator == null) {
      // Against WeChat Pay (or a standalone simulator) today's bill exists only tomorrow, and this program knows
      // no records of its own: download yesterday's bills and show what they hold.
      yesterday(setup.client(), out);
      return;
    }
    Clock clock = new SimulatorClock(simulator); // the client signs with the simulator's time
    try (WechatPayClient wechatPay =
        setup.merchant().clientBuilder().notifyUrl(setup.notifyUrl()).clock(clock).build()) {
      LocalDate today = LocalDate.ofInstant(simulator.now(), BEIJING);
      List<MerchantTrade> records = new ArrayList<>();
      for (int total : new int[] {100, 250, 399}) {
        String outTradeNo = OrderNumbers.next("bill");
        wechatPay.orders().prepayNative(o -> o
            .description("wxpay4j bills example")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(total).build()));
        simulator.pay(outTradeNo);
        records.add(MerchantTrade.payment(outTradeNo, total, "SUCCESS"));
      }
      String refunded = records.get(1).id();
      String outRefundNo = "R" + refunded;
      wechatPay.api(RefundsApi.class).createRefund(CreateRefundRequest.builder()
          .outTradeNo(refunded)
          .outRefundNo(outRefundNo)
          .amount(RefundRequestAmount.builder().refund(50L).total(250L).currency("CNY").build())
          .build()).execute();
      records.set(1, MerchantTrade.payment(refunded, 250, "REFUND"));
      records.add(MerchantTrade.refund(outRefundNo, 50, "SUCCESS"));
      out.println("paid          3 orders (¥7.49), refunded ¥0.50 of " + refunded);

      // A day's bills exist from 10:00 Beijing time the next day: move the simulator there.
      Instant ready = today.plusDays(1).atTime(10, 0, 1).atOffset(BEIJING).toInstant();
      simulator.advanceClock(Duration.between(simulator.now(), ready));

      Path directory = Files.createTempDirectory("wxpay4j-bills-");
      try {
        reconcile(wechatPay, today, records, directory, out);
      } finally {
        try (var files = Files.list(directory)) {
          for (Path file : files.toList()) {
            Files.delete(file);
          }
        }
        Files.delete(directory);
      }
    }
  }

  static void reconcile(
      WechatPayClient wechatPay, LocalDate day, List<MerchantTrade> records, Path directory, PrintStream out)
      throws Exception {
    // region bills
    Path tradeFile = directory.resolve("trade-" + day + ".csv");
    BillOutcome trade = wechatPay.bills().downloadTradeBill(TradeBillRequest.of(day).gzip(true), tradeFile);
    if (trade.status() != BillOutcome.Status.DOWNLOADED) {
      throw new IllegalStateException("no trade bill: " + trade); // NO_STATEMENT, or NOT_READY: retryAfter()
    }
    BillReconciliation result;
    TradeBillSummary summary;
    try (BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(tradeFile)) {
      result = BillReconciliation.reconcile(bill, records); // records: our orders and refunds of that day
      summary = bill.summary();
    }
    for (BillDifference difference : result.differences()) {
      out.println("  " + difference); // MISSING, EXTRA, AMOUNT_MISMATCH or STATE_MISMATCH, with both sides
    }
    // endregion
    out.println("trade bill    " + trade.size() + " bytes, SHA-1 " + trade.hashValue() + " verified (gzip)");
    out.println("              " + summary.count() + " lines, orders ¥" + yuan(summary.orderTotal())
        + ", refunds ¥" + yuan(summary.appliedRefundTotal()) + ", fees ¥" + summary.feeTotal());

    Path fundFile = directory.resolve("fundflow-" + day + ".csv");
    BillOutcome fund = wechatPay.bills().downloadFundFlowBill(FundFlowBillRequest.of(day), fundFile);
    long net = 0;
    long entries = 0;
    FundFlowBillSummary fundSummary;
    try (BillReader<FundFlowBillRow, FundFlowBillSummary> bill = BillReader.fundFlow(fundFile)) {
      while (bill.hasNext()) {
        net += bill.next().signedAmount();
        entries++;
      }
      fundSummary = bill.summary();
    }
    out.println("fund flow     " + entries + " entries, in ¥" + yuan(fundSummary.incomeAmount()) + ", out ¥"
        + yuan(fundSummary.expenseAmount()) + ", SHA-1 " + fund.hashValue() + " verified");
    out.println("reconciled    " + result.rows() + " bill lines with " + records.size() + " records: "
        + result.missing().size() + " missing, " + result.extra().size() + " extra, "
        + result.mismatched().size() + " mismatched");
    boolean fundConsistent = entries == fundSummary.count()
        && net == fundSummary.incomeAmount() - fundSummary.expenseAmount();
    if (!result.matches() || !fundConsistent || summary.count() != result.rows()) {
      throw new IllegalStateException("the bills and the records differ");
    }
    out.println("result        the bills match our records");
  }

  /** Without a simulator: yesterday's bills, verified and summed, nothing to reconcile them with. */
  private static void yesterday(WechatPayClient wechatPay, PrintStream out) throws Exception {
    LocalDate day = LocalDate.now(BEIJING).minusDays(1);
    Path directory = Files.createTempDirectory("wxpay4j-bills-");
    Path file = directory.resolve("trade-" + day + ".csv");
    BillOutcome outcome = wechatPay.bills().downloadTradeBill(TradeBillRequest.of(day).gzip(true), file);
    out.println("trade bill    " + outcome);
    if (outcome.status() == BillOutcome.Status.DOWNLOADED) {
      try (BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(file)) {
        out.println("              " + bill.summary());
      }
      Files.delete(file);
    }
    Files.delete(directory);
  }

  private static String yuan(long fen) {
    return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
  }

  /** The simulator's time: its clock moves when the example moves it. */
  private static final class SimulatorClock extends Clock {
    private final WechatPaySimulator simulator;

    SimulatorClock(WechatPaySimulator simulator) {
      this.simulator = simulator;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return simulator.now();
    }
  }
}
