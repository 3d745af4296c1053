package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.H5Info;
import io.wxpay4j.model.H5PrepayResponse;
import io.wxpay4j.model.H5Type;
import io.wxpay4j.model.SceneInfo;
import java.io.PrintStream;
import java.util.Map;

/**
 * Example: H5 prepay (H5支付) for a mobile browser outside WeChat.
 */
public final class PrepayH5 {
  static final String SUMMARY = "H5 prepay (H5支付) for a mobile browser outside WeChat";

  private PrepayH5() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, PrepayH5.class, SUMMARY, PrepayH5::example);
  }

  static void example(Setup setup, PrintStream out) {
    WechatPayClient wechatPay = setup.client();
    String outTradeNo = OrderNumbers.next("h5");
    String payerIp = "14.23.150.211"; // the payer's IP as your web server sees it

    // region prepay-h5
    WechatPayResponse<H5PrepayResponse> created =
        wechatPay.orders().prepayH5(order -> order
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(1).build())
            .sceneInfo(SceneInfo.builder()
                .payerClientIp(payerIp)
                .h5Info(H5Info.builder().type(H5Type.WAP).build())
                .build()));

    String h5Url = created.body().getH5Url(); // redirect the mobile browser here within 5 minutes
    // endregion
    out.println("out_trade_no  " + outTradeNo);
    out.println("Request-ID    " + created.requestId());
    out.println("h5_url        " + h5Url);
  }
}
