package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.Transaction;
import java.io.PrintStream;
import java.util.Map;

/**
 * Example: query an order by out_trade_no (商户订单号) and by transaction_id (微信支付订单号).
 */
public final class QueryOrder {
  static final String SUMMARY = "query an order by out_trade_no (商户订单号) and by transaction_id (微信支付订单号)";

  private QueryOrder() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, QueryOrder.class, SUMMARY, QueryOrder::example);
  }

  static void example(Setup setup, PrintStream out) {
    WechatPayClient wechatPay = setup.client();
    String outTradeNo = OrderNumbers.next("query");
    wechatPay.orders().prepayNative(order -> order
        .description("wxpay4j query example")
        .outTradeNo(outTradeNo)
        .amount(Amount.builder().total(1).build()));
    out.println("placed        " + outTradeNo);
    setup.payer().ifPresent(payer -> {
      payer.pay("out_trade_no", outTradeNo);
      out.println("paid          by the simulated payer");
    });

    // region query-order
    Transaction order = wechatPay.orders().queryByOutTradeNo(outTradeNo).body();
    if (order.getTradeState() == TradeState.SUCCESS) {
      // Only paid orders have a transaction_id; unpaid ones answer 404 ORDER_NOT_EXIST to queryById.
      Transaction same = wechatPay.orders().queryById(order.getTransactionId()).body();
    }
    // endregion
    out.println("by out_trade_no  " + order.getTradeState() + "  " + order.getTradeStateDesc()
        + ", " + Text.yuan(order.getAmount().getTotal()));
    if (order.getTradeState() == TradeState.SUCCESS) {
      Transaction byId = wechatPay.orders().queryById(order.getTransactionId()).body();
      out.println("by transaction_id " + order.getTransactionId() + "  " + byId.getTradeState()
          + ", out_trade_no " + byId.getOutTradeNo());
    }
  }
}
