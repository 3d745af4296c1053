package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.auth.Pem;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.Transaction;
import java.nio.file.Path;
import java.io.PrintStream;
import java.util.Map;

/**
 * Example: the first call: build a client from the three credentials, place a Native order, query it.
 */
public final class FirstCall {
  static final String SUMMARY = "the first call: build a client from the three credentials, place a Native order, query it";

  private FirstCall() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, FirstCall.class, SUMMARY, FirstCall::example);
  }

  static void example(Setup setup, PrintStream out) {
    // The embedded simulator's TEST-ONLY merchant, or the account given as options (see the README's glossary).
    Merchant merchant = setup.merchant();
    String merchantId = merchant.merchantId();
    String merchantSerial = merchant.merchantSerial();
    Path privateKeyFile = merchant.privateKeyFile();
    String publicKeyId = merchant.publicKeyId();
    Path publicKeyFile = merchant.publicKeyFile();
    String appId = merchant.appId();
    String notifyUrl = setup.notifyUrl();
    String baseUrl = merchant.baseUrl();
    String outTradeNo = OrderNumbers.next("first");

    // region first-call
    WechatPayClient wechatPay =
        WechatPayClient.builder()
            .merchantId(merchantId) // 商户号, e.g. "1900000109"
            .merchantKey(merchantSerial, Pem.readPrivateKey(privateKeyFile)) // 商户API证书序列号, apiclient_key.pem
            .platformPublicKey(publicKeyId, Pem.readPublicKey(publicKeyFile)) // PUB_KEY_ID_…, pub_key.pem
            .appId(appId) // the default appid of orders
            .notifyUrl(notifyUrl) // the default notify_url: https, called when an order is paid
            .baseUrl(baseUrl) // the simulator here; leave it out for api.mch.weixin.qq.com
            .build(); // create one per merchant and share it: immutable and thread-safe

    WechatPayResponse<NativePrepayResponse> created =
        wechatPay.orders().prepayNative(order -> order
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(1).build())); // in fen (分): ¥0.01
    String codeUrl = created.body().getCodeUrl(); // show it as a QR code

    Transaction order = wechatPay.orders().queryByOutTradeNo(outTradeNo).body();
    // endregion
    try (wechatPay) {
      out.println("prepayNative      code_url " + codeUrl + "  (Request-ID " + created.requestId() + ")");
      out.println("queryByOutTradeNo " + order.getOutTradeNo() + " is " + order.getTradeState()
          + ", " + Text.yuan(order.getAmount().getTotal()));
    }
  }
}
