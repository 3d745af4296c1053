package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.pay.JsapiPayParameters;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.Payer;
import java.io.PrintStream;
import java.util.Map;

/**
 * Example: JSAPI prepay (公众号支付) with the signed parameters for WeixinJSBridge.
 */
public final class PrepayJsapi {
  static final String SUMMARY = "JSAPI prepay (公众号支付) with the signed parameters for WeixinJSBridge";

  private PrepayJsapi() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, PrepayJsapi.class, SUMMARY, PrepayJsapi::example);
  }

  static void example(Setup setup, PrintStream out) {
    WechatPayClient wechatPay = setup.client();
    String outTradeNo = OrderNumbers.next("jsapi");
    String openid = setup.openid(); // the payer, as your Official Account page knows them

    // region prepay-jsapi
    WechatPayResponse<JsapiPayParameters> created =
        wechatPay.orders().prepayJsapiWithPayParameters(order -> order
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(1).build())
            .payer(Payer.builder().openid(openid).build()));

    // The page calls WeixinJSBridge.invoke("getBrandWCPayRequest", <this JSON>, callback):
    String payParameters = created.body().toJson();
    // endregion
    out.println("out_trade_no  " + outTradeNo + "  (payer " + Text.maskOpenid(openid) + ")");
    out.println("Request-ID    " + created.requestId());
    out.println("getBrandWCPayRequest parameters:");
    out.println(Text.indent(Text.prettyJson(payParameters), "  "));
  }
}
