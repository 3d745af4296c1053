package io.wxpay4j.examples;

import io.wxpay4j.OrderOutcome;
import io.wxpay4j.OrderPoller;
import io.wxpay4j.Orders;
import io.wxpay4j.RetryPolicy;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayException;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.PrepayRequest;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.simulator.Fault;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Example: what to do when a prepay ends without a trustworthy answer (reconcile by querying), and the
 * polling fallback for an order whose payment notification never arrives ({@link OrderPoller}).
 */
public final class ReconcileAndPoll {
  static final String SUMMARY =
      "an answer lost after the order was created: reconcile it; poll an order whose notification never comes";

  private ReconcileAndPoll() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, ReconcileAndPoll.class, SUMMARY, ReconcileAndPoll::example);
  }

  static void example(Setup setup, PrintStream out) throws Exception {
    WechatPayClient wechatPay = setup.client();
    String outTradeNo = OrderNumbers.next("reconcile");
    Consumer<PrepayRequest.Builder> order = o -> o
        .description("wxpay4j reconcile example")
        .outTradeNo(outTradeNo)
        .amount(Amount.builder().total(1).build());
    // On the embedded simulator, cut the answer off after the order is created: the case to survive.
    setup.embeddedSimulator().ifPresent(simulator -> simulator.injectFault("prepayNative", Fault.TRUNCATED_BODY, 1));
    Orders orders = wechatPay.orders().withRetryPolicy(RetryPolicy.none()); // show the failure itself

    // region reconcile
    String codeUrl = null;
    try {
      codeUrl = orders.prepayNative(order).body().getCodeUrl();
    } catch (WechatPayException e) {
      if (!e.mayHaveTakenEffect()) {
        throw e; // certainly not created: fix or repeat the call
      }
      OrderOutcome<Transaction> outcome = wechatPay.orders().reconcile(outTradeNo);
      switch (outcome.status()) {
        case CREATED: // it was created: prepay again with the same parameters for its code_url
        case NOT_FOUND: // it was not: prepay again
          codeUrl = wechatPay.orders().prepayNative(order).body().getCodeUrl();
          break;
        default: // PAID, CLOSED: nothing to create; UNKNOWN: ask again later
          break;
      }
    }
    // endregion
    out.println("out_trade_no  " + outTradeNo);
    out.println("code_url      " + codeUrl);
    out.println("orders        " + setup.embeddedSimulator()
        .map(s -> s.orders().stream().filter(o -> o.outTradeNo().equals(outTradeNo)).count() + " in the simulator")
        .orElse("(not counted against WeChat Pay)"));

    // Poll on a short schedule here; production uses OrderPoller.create(orders) and WeChat Pay's schedule
    // (5 s, 30 s, 1 min, 3 min, 5 min, 10 min, 30 min), then closes the order if it is still unpaid.
    try (OrderPoller<Transaction> poller =
        OrderPoller.builder(wechatPay.orders())
            .schedule(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300)))
            .build()) {
      // region poll
      OrderOutcome<Transaction> outcome = poller.watch(outTradeNo).get(30, TimeUnit.SECONDS);
      // endregion
      out.println("polled        " + outcome.status() + " (no notification, never paid: closed by the poller)");
    }
  }
}
