package io.wxpay4j.examples;

import com.sun.net.httpserver.HttpExchange;
import io.wxpay4j.RefundOutcome;
import io.wxpay4j.Refunds;
import io.wxpay4j.RetryPolicy;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayException;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.Refund;
import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.model.RefundStatus;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.notify.NotificationParser;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.RefundEvent;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Example: refunds (退款). Pays an order of ¥1.00 on the simulator, refunds ¥0.30 of it, then the remaining ¥0.70
 * (the order is then refunded in full), each {@code REFUND.SUCCESS} notification verified and decrypted on a local
 * notify endpoint, the refunds queried by {@code out_refund_no}; then a refund whose answer is lost after WeChat
 * Pay made it, reconciled, and created again with the same {@code out_refund_no} without refunding twice.
 */
public final class RefundOrder {
  static final String SUMMARY = "refund a paid order in part and in full, verify REFUND.SUCCESS notifications, query"
      + " refunds, reconcile a lost answer";

  private RefundOrder() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, RefundOrder.class, SUMMARY, RefundOrder::example);
  }

  /** What the shop does with refund notifications. */
  interface Ledger {
    /**
     * Records the refund's state; idempotent on ({@code refund_id}, {@code refund_status}), as WeChat Pay may
     * deliver a notification twice.
     */
    void update(RefundNotification refund);
  }

  // region handle-refund-notification
  static NotificationAnswer handle(HttpExchange exchange, NotificationParser notifications, Ledger ledger)
      throws IOException {
    NotificationRequest request = NotificationRequest.read( // the raw bytes, capped: re-encoded JSON fails to verify
        exchange.getRequestHeaders()::getFirst, exchange.getRequestBody(), NotificationParser.DEFAULT_MAX_BODY_BYTES);
    NotificationAnswer answer = notifications.handle(request, RefundEvent.class, // a payment notice here: 400
        refund -> ledger.update(refund.refund())); // refund_status SUCCESS, ABNORMAL or CLOSED
    HandleNotification.send(exchange, answer); // 204, or 4xx/5xx: WeChat Pay sends it again later
    return answer;
  }
  // endregion

  static void example(Setup setup, PrintStream out) throws Exception {
    SimulatedPayer payer =
        setup.payer()
            .orElseThrow(() -> new IllegalStateException(
                "this example needs a simulator to pay the orders; against WeChat Pay, OrderLifecycle refunds the"
                    + " order it had paid"));
    Optional<WechatPaySimulator> simulator = setup.embeddedSimulator();
    try (NotifyEndpoint endpoint = NotifyEndpoint.start("127.0.0.1", 0, "/wechatpay/notify");
        WechatPayClient wechatPay = setup.merchant().clientBuilder()
            .notifyUrl(endpoint.url())
            .refundNotifyUrl(endpoint.refundUrl()) // the default notify_url of refunds
            .build()) {
      endpoint.verifyWith(wechatPay);
      out.println("refund notify_url   " + endpoint.refundUrl());

      String outTradeNo = OrderNumbers.next("native");
      endpoint.ordered(outTradeNo, 100); // the shop's record, checked against the payment notification
      wechatPay.orders().prepayNative(order -> order
          .description("wxpay4j refund example")
          .outTradeNo(outTradeNo)
          .amount(Amount.builder().total(100).build()));
      payer.pay("out_trade_no", outTradeNo);
      String transactionId = wechatPay.orders().queryByOutTradeNo(outTradeNo).body().getTransactionId();
      out.println("order               " + outTradeNo + ", " + Text.yuan(100) + " paid by the simulated payer,"
          + " transaction_id " + transactionId);

      out.println();
      String outRefundNo = OrderNumbers.next("refund") + "_1";
      // region refund-create
      Refund refund = wechatPay.refunds().create(r -> r
          .transactionId(transactionId) // or .outTradeNo(outTradeNo): exactly one of the two
          .outRefundNo(outRefundNo) // yours, unique per merchant: one out_refund_no never refunds twice
          .reason("商品已售完")
          .amount(RefundRequestAmount.builder().refund(30L).total(100L).currency("CNY").build()))
          .body(); // accepted, not yet refunded: PROCESSING
      // endregion
      printRefund(out, "partial refund", refund);
      RefundNotification notified = notification(out, endpoint, outRefundNo);
      // region refund-query
      Refund queried = wechatPay.refunds().queryByOutRefundNo(outRefundNo).body(); // SUCCESS, with success_time
      // endregion
      out.println("  queried           " + queried.getStatus() + " at " + queried.getSuccessTime() + ", to "
          + queried.getUserReceivedAccount() + " (channel " + queried.getChannel() + ")");
      expect(queried.getStatus() == RefundStatus.SUCCESS, "the refund is " + queried.getStatus());
      expect(queried.getRefundId().equals(notified.getRefundId()), "notification and query disagree on refund_id");

      // WeChat Pay accepts another refund of the same order one minute after the last.
      if (simulator.isPresent()) {
        simulator.get().advanceClock(Duration.ofSeconds(61));
      } else {
        out.println("(waiting 61 s: WeChat Pay accepts a second refund of an order a minute after the first)");
        Thread.sleep(61_000);
      }
      out.println();
      String restNo = OrderNumbers.next("refund") + "_2";
      Refund rest = wechatPay.refunds().create(r -> r
          .outTradeNo(outTradeNo)
          .outRefundNo(restNo)
          .amount(RefundRequestAmount.builder().refund(70L).total(100L).currency("CNY").build()))
          .body();
      printRefund(out, "the remaining", rest);
      notification(out, endpoint, restNo);
      TradeState state = wechatPay.orders().queryByOutTradeNo(outTradeNo).body().getTradeState();
      out.println("  order now         trade_state " + state + ", refunded " + Text.yuan(30) + " + "
          + Text.yuan(70) + " = " + Text.yuan(100) + ": in full");
      expect(state == TradeState.REFUND, "the refunded order is " + state);

      out.println();
      lostAnswer(setup, wechatPay, payer, endpoint, out);
    }
  }

  /** A refund whose answer is cut off after WeChat Pay made it (on the embedded simulator): reconcile it. */
  private static void lostAnswer(
      Setup setup, WechatPayClient wechatPay, SimulatedPayer payer, NotifyEndpoint endpoint, PrintStream out) {
    String outTradeNo = OrderNumbers.next("native");
    endpoint.ordered(outTradeNo, 1);
    wechatPay.orders().prepayNative(order -> order
        .description("wxpay4j refund example (lost answer)")
        .outTradeNo(outTradeNo)
        .amount(Amount.builder().total(1).build()));
    payer.pay("out_trade_no", outTradeNo);
    String outRefundNo = OrderNumbers.next("refund") + "_3";
    Consumer<CreateRefundRequest.Builder> request = r -> r
        .outTradeNo(outTradeNo)
        .outRefundNo(outRefundNo)
        .amount(RefundRequestAmount.builder().refund(1L).total(1L).currency("CNY").build());
    setup.embeddedSimulator().ifPresent(s -> s.injectFault("createRefund", Fault.TRUNCATED_BODY, 1));
    Refunds refunds = wechatPay.refunds().withRetryPolicy(RetryPolicy.none()); // show the failure itself
    out.println("lost answer         " + outRefundNo + " for order " + outTradeNo + " ("
        + (setup.embeddedSimulator().isPresent() ? "the simulator cuts the answer off after making the refund)"
            : "no fault injected on this server)"));

    // region refund-reconcile
    Refund refund;
    try {
      refund = refunds.create(request).body();
    } catch (WechatPayException e) {
      if (!e.mayHaveTakenEffect()) {
        throw e; // certainly not made: fix or repeat the call
      }
      RefundOutcome outcome = wechatPay.refunds().reconcile(outRefundNo);
      out.println("  reconciled        " + outcome); // status, out_refund_no and refund_id; never amounts
      switch (outcome.status()) {
        case NOT_FOUND: // it took no effect: create it again, with the same out_refund_no
          refund = wechatPay.refunds().create(request).body();
          break;
        case UNKNOWN: // the query failed too: ask again later, never with a new out_refund_no
          throw e;
        default: // PROCESSING, SUCCESS, ABNORMAL, CLOSED: it was made, once
          refund = outcome.refund();
      }
    }
    // endregion
    Refund again = wechatPay.refunds().create(request).body(); // the same out_refund_no, once more
    out.println("  created again     refund_id " + again.getRefundId() + " (the same: WeChat Pay made one refund)");
    expect(again.getRefundId().equals(refund.getRefundId()), "a second refund was made: " + again.getRefundId());
    out.println("  refunds           " + setup.embeddedSimulator()
        .map(s -> s.refunds().stream().filter(r -> r.outTradeNo().equals(outTradeNo)).count() + " of this order in"
            + " the simulator")
        .orElse("(not counted on this server)"));
  }

  private static void printRefund(PrintStream out, String what, Refund refund) {
    out.println(Text.pad(what, 20) + refund.getOutRefundNo() + ": " + Text.yuan(refund.getAmount().getRefund())
        + " of " + Text.yuan(refund.getAmount().getTotal()));
    out.println("  status            " + refund.getStatus() + "  (accepted; the result is notified)");
    out.println("  refund_id         " + refund.getRefundId());
  }

  private static RefundNotification notification(PrintStream out, NotifyEndpoint endpoint, String outRefundNo)
      throws InterruptedException {
    NotifyEndpoint.Arrival arrival = endpoint.awaitRefund(Duration.ofSeconds(30));
    if (arrival == null) {
      throw new IllegalStateException("no refund notification reached " + endpoint.refundUrl() + " within 30 s");
    }
    if (arrival.refund == null) {
      throw new IllegalStateException("the refund notification was refused: " + arrival.refusal());
    }
    RefundNotification refund = arrival.refund;
    out.println("  REFUND." + refund.getRefundStatus() + "    verified and decrypted at the refund notify_url,"
        + " answered 204");
    out.println("    refund_status   " + refund.getRefundStatus() + ", success_time " + refund.getSuccessTime());
    out.println("    amount          " + Text.yuan(refund.getAmount().getRefund()) + " refunded, "
        + Text.yuan(refund.getAmount().getPayerRefund()) + " to the payer");
    expect(outRefundNo.equals(refund.getOutRefundNo()), "the notification is about " + refund.getOutRefundNo());
    expect(refund.getRefundStatus() == RefundStatus.SUCCESS, "the notification says " + refund.getRefundStatus());
    return refund;
  }

  private static void expect(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}
