package io.wxpay4j.examples;

import io.wxpay4j.Orders;
import io.wxpay4j.RetryPolicy;
import io.wxpay4j.WechatPayApiException;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayConnectionException;
import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;

/**
 * Example: what each failure looks like and what to do about it. Bad input, an unknown order, a WeChat Pay
 * error answer, an answer that fails verification, no answer at all, and a client built without a credential.
 */
public final class ErrorHandling {
  static final String SUMMARY = "the exceptions of the facade, when each happens and what to do";

  private ErrorHandling() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, ErrorHandling.class, SUMMARY, ErrorHandling::example);
  }

  // region error-handling
  static String queryOrExplain(Orders orders, String outTradeNo) {
    try {
      return "trade_state " + orders.queryByOutTradeNo(outTradeNo).body().getTradeState();
    } catch (IllegalArgumentException e) { // refused before anything was sent: fix the call
      return "bad input: " + e.getMessage();
    } catch (WechatPayApiException e) { // WeChat Pay answered 4xx/5xx
      if (e.hasCode("ORDER_NOT_EXIST")) { // also matches the old spelling ORDERNOTEXIST
        return "no such order";
      }
      return (e.isRetryable() ? "retry with the same parameters: " : "refused: ")
          + e.httpStatus() + " " + e.code() + " " + e.errorMessage() + " [Request-ID " + e.requestId() + "]";
    } catch (WechatPaySignatureException e) { // an answer that is not provably from WeChat Pay
      return "unverified answer (" + e.reason() + "): never trust it; check the keys, query again";
    } catch (WechatPayConnectionException e) { // no answer at all, after the client's retries
      return "no answer: " + (e.mayHaveTakenEffect()
          ? "orders.reconcile(outTradeNo) before repeating a prepay or close" // it may have worked
          : "not sent, safe to repeat");
    }
  }
  // endregion

  static void example(Setup setup, PrintStream out) throws IOException {
    WechatPayClient wechatPay = setup.client();
    String outTradeNo = OrderNumbers.next("errors");
    wechatPay.orders().prepayNative(order -> order
        .description("wxpay4j error example")
        .outTradeNo(outTradeNo)
        .amount(io.wxpay4j.model.Amount.builder().total(1).build()));

    Orders orders = wechatPay.orders();
    show(out, "an existing order", queryOrExplain(orders, outTradeNo));
    show(out, "out_trade_no \"no!\"", queryOrExplain(orders, "no!"));
    show(out, "an unknown order", queryOrExplain(orders, "no_such_order_0001"));

    Optional<WechatPaySimulator> simulator = setup.embeddedSimulator();
    if (simulator.isPresent()) {
      simulator.get().injectFault("queryOrderByOutTradeNo", Fault.SYSTEM_ERROR, 1);
      show(out, "one 500, retried", queryOrExplain(orders, outTradeNo) + "  (the client's retry policy absorbed it)");
      // Without retries, each failure reaches the caller:
      Orders once = orders.withRetryPolicy(RetryPolicy.none());
      simulator.get().injectFault("queryOrderByOutTradeNo", Fault.SYSTEM_ERROR, 1);
      show(out, "500 SYSTEM_ERROR", queryOrExplain(once, outTradeNo));
      simulator.get().injectFault("queryOrderByOutTradeNo", Fault.PROBE_SIGNATURE, 1);
      show(out, "a probe signature", queryOrExplain(once, outTradeNo));
      simulator.get().injectFault("queryOrderByOutTradeNo", Fault.TRUNCATED_BODY, 1);
      show(out, "answer cut off", queryOrExplain(once, outTradeNo));
    } else {
      out.println("(fault injection needs the embedded simulator: run without options to see 5xx, probe and reset)");
    }

    try (WechatPayClient nowhere = setup.merchant().clientBuilder().baseUrl(deadUrl()).build()) {
      show(out, "connection refused", queryOrExplain(nowhere.orders().withRetryPolicy(RetryPolicy.none()), outTradeNo));
    }

    try {
      WechatPayClient.builder().merchantId(setup.merchant().merchantId()).build();
      throw new AssertionError("build() accepted a client without keys");
    } catch (IllegalStateException e) { // build() names the missing setting
      show(out, "build() without keys", e.getMessage());
    }
  }

  private static void show(PrintStream out, String situation, String outcome) {
    out.println(Text.pad(situation, 24) + outcome);
  }

  /** A loopback URL where nothing listens: the port was free a moment ago. */
  private static String deadUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }
  }
}
