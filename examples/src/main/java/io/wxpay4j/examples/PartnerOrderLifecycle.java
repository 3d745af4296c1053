package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.H5Info;
import io.wxpay4j.model.H5Type;
import io.wxpay4j.model.PartnerPayer;
import io.wxpay4j.model.PartnerTransaction;
import io.wxpay4j.model.SceneInfo;
import io.wxpay4j.model.TradeState;
import java.io.PrintStream;
import java.util.Map;

/**
 * Example: a service provider (服务商) places orders for its sub-merchant: a mini-program order paid by a
 * {@code sub_openid}, with pay parameters signed over the sub-merchant's appid; APP, H5 and Native orders; the payment;
 * queries by both ids; and a close. {@code --mchid}/{@code --appid} are the {@code sp_mchid}/{@code sp_appid}.
 */
public final class PartnerOrderLifecycle {
  static final String SUMMARY =
      "service provider (服务商) orders for a sub-merchant: prepay, pay parameters, pay, query, close";

  private PartnerOrderLifecycle() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, PartnerOrderLifecycle.class, SUMMARY, PartnerOrderLifecycle::example);
  }

  static void example(Setup setup, PrintStream out) {
    WechatPayClient wechatPay = setup.client();
    String subMchid = setup.subMchid();
    String subAppid = setup.subAppid();
    String subOpenid = setup.openid();
    String outTradeNo = OrderNumbers.next("partner");

    // region partner-prepay
    WechatPayResponse<JsapiPayParameters> created =
        wechatPay.partner().prepayMiniProgramWithPayParameters(order -> order
            .subMchid(subMchid) // the sub-merchant (子商户号) the order is for
            .subAppid(subAppid) // its mini-program, under which the payer's sub_openid is
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(1).build())
            .payer(PartnerPayer.builder().subOpenid(subOpenid).build()));

    String forMiniProgram = created.body().toMiniProgramJson(); // signed over sub_appid: wx.requestPayment(…)
    // endregion
    out.println("sp_mchid      " + wechatPay.merchantId() + " (this client)");
    out.println("sub_mchid     " + subMchid + ", sub_appid " + subAppid);
    out.println("out_trade_no  " + outTradeNo + "  Request-ID " + created.requestId());
    out.println("appId signed  " + created.body().appId());
    out.println("payer         " + Text.maskOpenid(subOpenid) + " (sub_openid)");
    out.println("wx.requestPayment(");
    out.println(Text.indent(Text.prettyJson(forMiniProgram), "  ").stripTrailing() + ")");
    out.println();

    AppPayParameters app =
        wechatPay.partner().prepayAppWithPayParameters(order -> order
            .subMchid(subMchid)
            .subAppid(subAppid) // the sub-merchant's app: PayReq.appid
            .description("wxpay4j partner example")
            .outTradeNo(OrderNumbers.next("partner"))
            .amount(Amount.builder().total(1).build()))
            .body();
    out.println("APP order     PayReq appid " + app.appId() + ", partnerid " + app.partnerId()
        + ", prepayid " + app.prepayId());

    String h5Url =
        wechatPay.partner().prepayH5(order -> order
            .subMchid(subMchid)
            .description("wxpay4j partner example")
            .outTradeNo(OrderNumbers.next("partner"))
            .amount(Amount.builder().total(1).build())
            .sceneInfo(SceneInfo.builder()
                .payerClientIp("14.23.150.211") // the payer's real IP
                .h5Info(H5Info.builder().type(H5Type.WAP).build())
                .build()))
            .body()
            .getH5Url();
    out.println("H5 order      h5_url " + h5Url);

    String unpaid = OrderNumbers.next("partner");
    String codeUrl =
        wechatPay.partner().prepayNative(order -> order
            .subMchid(subMchid)
            .description("wxpay4j partner example")
            .outTradeNo(unpaid)
            .amount(Amount.builder().total(1).build()))
            .body()
            .getCodeUrl();
    out.println("Native order  " + unpaid + "  code_url " + codeUrl);

    setup.payer().ifPresentOrElse(
        payer -> {
          payer.pay("out_trade_no", outTradeNo);
          out.println("paid          " + outTradeNo + " by the simulated payer");
        },
        () -> out.println("paying        open the mini-program with the parameters above; this example only queries"));

    // region partner-query
    PartnerTransaction order = wechatPay.partner().queryByOutTradeNo(subMchid, outTradeNo).body();
    // endregion
    out.println("by out_trade_no  " + order.getTradeState() + "  " + order.getTradeStateDesc()
        + ", sub_mchid " + order.getSubMchid());
    if (order.getTradeState() == TradeState.SUCCESS) {
      PartnerTransaction byId = wechatPay.partner().queryById(subMchid, order.getTransactionId()).body();
      out.println("by transaction_id " + order.getTransactionId() + "  " + byId.getTradeState());
    }

    int closed = wechatPay.partner().close(subMchid, unpaid).httpStatus();
    out.println("closed        " + unpaid + "  HTTP " + closed + ", now "
        + wechatPay.partner().queryByOutTradeNo(subMchid, unpaid).body().getTradeState());
  }
}
