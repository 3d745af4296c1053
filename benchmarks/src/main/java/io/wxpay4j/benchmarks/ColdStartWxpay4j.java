package io.wxpay4j.benchmarks;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.auth.Pem;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.Payer;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import okhttp3.OkHttpClient;

/**
 * A new wxpay4j user's first program, one fresh JVM per run (started by {@link ColdStart}): reads
 * {@code apiclient_key.pem} and {@code pub_key.pem}, builds a client the way the README does (the
 * crypto provider left to its automatic choice: native when ACCP is on the class path), places one
 * JSAPI prepay against the simulator, prints its {@link ColdStartClock} stamps and exits.
 * References wxpay4j only, so that its class path needs nothing of the official SDK's.
 *
 * <pre>
 * ColdStartWxpay4j BASE_URL STATE_DIR MERCHANT_ID SERIAL PUBLIC_KEY_ID API_V3_KEY APP_ID OUT_TRADE_NO
 * </pre>
 */
final class ColdStartWxpay4j {
  private ColdStartWxpay4j() {}

  public static void main(String[] args) {
    ColdStartClock clock = ColdStartClock.start();
    Path state = Path.of(args[1]);
    PrivateKey merchantKey = Pem.readPrivateKey(state.resolve("apiclient_key.pem"));
    PublicKey wechatPayKey = Pem.readPublicKey(state.resolve("pub_key.pem"));
    clock.mark("keys");

    WechatPayClient wechatPay =
        WechatPayClient.builder()
            .merchantId(args[2])
            .merchantKey(args[3], merchantKey)
            .platformPublicKey(args[4], wechatPayKey)
            .apiV3Key(args[5])
            .appId(args[6])
            .notifyUrl(Fixtures.NOTIFY_URL)
            .baseUrl(args[0])
            .okHttpClient(new OkHttpClient.Builder().addNetworkInterceptor(clock.wire()).build())
            .build();
    clock.mark("client");

    String prepayId =
        wechatPay
            .orders()
            .prepayJsapi(
                order ->
                    order
                        .description(Fixtures.DESCRIPTION)
                        .outTradeNo(args[7])
                        .amount(Amount.builder().total(100).currency("CNY").build())
                        .payer(Payer.builder().openid(Fixtures.OPENID).build()))
            .body()
            .getPrepayId();
    clock.mark("verified");
    clock.print(prepayId);
  }
}
