package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.api.OrdersApi;
import io.wxpay4j.WechatPayErrorResponse;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.Transaction;
import java.io.PrintStream;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Example: the escape hatches. The generated Retrofit interface over the signing client, for Retrofit-style
 * calls, and the signing {@code OkHttpClient} itself, for v3 endpoints the spec does not cover yet.
 */
public final class EscapeHatches {
  static final String SUMMARY = "the generated Retrofit interface and the signing OkHttpClient";

  private EscapeHatches() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, EscapeHatches.class, SUMMARY, EscapeHatches::example);
  }

  static void example(Setup setup, PrintStream out) throws Exception {
    WechatPayClient wechatPay = setup.client();
    String merchantId = setup.merchant().merchantId();
    String baseUrl = setup.merchant().baseUrl();
    String outTradeNo = OrderNumbers.next("hatch");
    wechatPay.orders().prepayNative(order -> order
        .description("wxpay4j escape hatch example")
        .outTradeNo(outTradeNo)
        .amount(Amount.builder().total(1).build()));

    // region escape-hatch-retrofit
    OrdersApi orders = wechatPay.api(OrdersApi.class); // generated; every call signed and verified
    retrofit2.Response<Transaction> response = orders.queryOrderByOutTradeNo(outTradeNo, merchantId).execute();
    if (!response.isSuccessful()) { // non-2xx is a value here, not an exception
      WechatPayErrorResponse error =
          WechatPayErrorResponse.parse(response.code(), response.headers().get("Request-ID"), response.errorBody().bytes());
    }
    // endregion
    out.println("Retrofit      HTTP " + response.code() + ", trade_state " + response.body().getTradeState());

    // region escape-hatch-okhttp
    Request request = new Request.Builder()
        .url(baseUrl + "v3/certificates?algorithm_type=RSA") // any v3 endpoint, signed like every other
        .build();
    try (Response answer = wechatPay.okHttpClient().newCall(request).execute()) { // 2xx answers are verified
      String json = answer.body().string();
    }
    // endregion
    try (Response answer = wechatPay.okHttpClient().newCall(request).execute()) {
      out.println("OkHttp        GET /v3/certificates: HTTP " + answer.code() + ", " + answer.body().string().length()
          + " bytes of JSON, signature verified");
    }
  }
}
