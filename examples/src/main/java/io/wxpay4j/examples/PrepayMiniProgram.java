package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.pay.JsapiPayParameters;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.Payer;
import java.io.PrintStream;
import java.util.Map;

/**
 * Example: mini-program prepay (小程序支付) with the signed parameters for wx.requestPayment.
 */
public final class PrepayMiniProgram {
  static final String SUMMARY = "mini-program prepay (小程序支付) with the signed parameters for wx.requestPayment";

  private PrepayMiniProgram() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, PrepayMiniProgram.class, SUMMARY, PrepayMiniProgram::example);
  }

  static void example(Setup setup, PrintStream out) {
    WechatPayClient wechatPay = setup.client();
    String outTradeNo = OrderNumbers.next("mini");
    String openid = setup.openid(); // from wx.login + code2Session in the mini-program
    String miniProgramAppId = setup.merchant().appId(); // the mini-program's appid, if not the client default

    // region prepay-mini-program
    WechatPayResponse<JsapiPayParameters> created =
        wechatPay.orders().prepayMiniProgramWithPayParameters(order -> order
            .appid(miniProgramAppId)
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(1).build())
            .payer(Payer.builder().openid(openid).build()));

    // The mini-program calls wx.requestPayment({...<this JSON>, success, fail}):
    String payParameters = created.body().toMiniProgramJson();
    // endregion
    out.println("out_trade_no  " + outTradeNo + "  (payer " + Text.maskOpenid(openid) + ")");
    out.println("Request-ID    " + created.requestId());
    out.println("wx.requestPayment parameters:");
    out.println(Text.indent(Text.prettyJson(payParameters), "  "));
  }
}
