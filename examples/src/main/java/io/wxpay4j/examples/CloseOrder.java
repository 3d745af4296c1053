package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.TradeState;
import java.io.PrintStream;
import java.util.Map;

/**
 * Example: close an unpaid order (关闭订单); it can no longer be paid.
 */
public final class CloseOrder {
  static final String SUMMARY = "close an unpaid order (关闭订单); it can no longer be paid";

  private CloseOrder() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, CloseOrder.class, SUMMARY, CloseOrder::example);
  }

  static void example(Setup setup, PrintStream out) {
    WechatPayClient wechatPay = setup.client();
    String outTradeNo = OrderNumbers.next("close");
    wechatPay.orders().prepayNative(order -> order
        .description("wxpay4j close example")
        .outTradeNo(outTradeNo)
        .amount(Amount.builder().total(1).build()));
    out.println("placed        " + outTradeNo);

    // region close-order
    WechatPayResponse<Void> closed = wechatPay.orders().close(outTradeNo); // 204 No Content
    TradeState state = wechatPay.orders().queryByOutTradeNo(outTradeNo).body().getTradeState(); // CLOSED
    // endregion
    out.println("closed        HTTP " + closed.httpStatus() + ", Request-ID " + closed.requestId());
    out.println("trade_state   " + state);
    if (state != TradeState.CLOSED) {
      throw new IllegalStateException("the closed order is " + state);
    }
    if (setup.payer().isPresent()) {
      try {
        setup.payer().get().pay("out_trade_no", outTradeNo);
        throw new AssertionError("a closed order was paid");
      } catch (IllegalStateException e) {
        out.println("payer pays    refused: " + e.getMessage());
      }
    }
  }
}
