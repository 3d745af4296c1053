package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.model.Amount;
import java.io.PrintStream;
import java.util.Map;

/**
 * Example: APP prepay (APP支付) with the signed parameters of the OpenSDK PayReq.
 */
public final class PrepayApp {
  static final String SUMMARY = "APP prepay (APP支付) with the signed parameters of the OpenSDK PayReq";

  private PrepayApp() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, PrepayApp.class, SUMMARY, PrepayApp::example);
  }

  static void example(Setup setup, PrintStream out) {
    WechatPayClient wechatPay = setup.client();
    String outTradeNo = OrderNumbers.next("app");

    // region prepay-app
    WechatPayResponse<AppPayParameters> created =
        wechatPay.orders().prepayAppWithPayParameters(order -> order
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(1).build()));

    // The app fills the OpenSDK's PayReq (appId, partnerId, prepayId, packageValue, nonceStr, timeStamp, sign):
    AppPayParameters pay = created.body();
    String payReqJson = pay.toJson();
    // endregion
    out.println("out_trade_no  " + outTradeNo);
    out.println("Request-ID    " + created.requestId());
    out.println("PayReq:");
    out.println(Text.indent(Text.prettyJson(payReqJson), "  "));
  }
}
