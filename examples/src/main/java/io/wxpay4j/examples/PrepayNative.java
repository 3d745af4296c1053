package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.NativePrepayResponse;
import java.io.PrintStream;
import java.util.Map;

/**
 * Example: Native prepay (Native支付): a code_url to show as a QR code.
 */
public final class PrepayNative {
  static final String SUMMARY = "Native prepay (Native支付): a code_url to show as a QR code";

  private PrepayNative() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, PrepayNative.class, SUMMARY, PrepayNative::example);
  }

  static void example(Setup setup, PrintStream out) {
    WechatPayClient wechatPay = setup.client();
    String outTradeNo = OrderNumbers.next("native");

    // region prepay-native
    WechatPayResponse<NativePrepayResponse> created =
        wechatPay.orders().prepayNative(order -> order
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(1).build()));

    String codeUrl = created.body().getCodeUrl(); // weixin://wxpay/bizpayurl?pr=…: draw it as a QR code
    // endregion
    out.println("out_trade_no  " + outTradeNo);
    out.println("Request-ID    " + created.requestId());
    out.println("code_url      " + codeUrl);
    out.println();
    out.print(Text.indent(QrCode.render(codeUrl).stripTrailing(), "  "));
    out.println();
  }
}
