package io.wxpay4j.examples;

import io.wxpay4j.RetryPolicy;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayClientBuilder;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.Transaction;
import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;

/**
 * Example: client options (a shared {@link OkHttpClient}, timeouts), per-order settings that override the
 * client's defaults, and the asynchronous form of every call.
 */
public final class PerRequestOptions {
  static final String SUMMARY = "client options, per-order overrides of the defaults, and async calls";

  private PerRequestOptions() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, PerRequestOptions.class, SUMMARY, PerRequestOptions::example);
  }

  static void example(Setup setup, PrintStream out) throws Exception {
    OkHttpClient shared = new OkHttpClient(); // your application's client
    WechatPayClientBuilder builder = setup.merchant().clientBuilder(); // keys set as in the first call
    String appId = setup.merchant().appId();
    String outTradeNo = OrderNumbers.next("options");

    // region client-options
    WechatPayClient wechatPay =
        builder
            .okHttpClient(shared) // shares its connection pool and threads; the client derives its own
            .connectTimeout(Duration.ofSeconds(3))
            .readTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofSeconds(15))
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).build()) // default: 3 attempts, 10 s in all
            .build();
    // endregion
    try (wechatPay) {
      // region per-request-options
      WechatPayResponse<NativePrepayResponse> created =
          wechatPay.orders().prepayNative(order -> order
              .appid(appId) // overrides the client's default appid
              .notifyUrl("https://example.com/wechatpay/notify/shop-42") // and its default notify_url
              .description("Image形象店-深圳腾大-QQ公仔")
              .outTradeNo(outTradeNo)
              .timeExpire(OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(30))
              .attach("cart=42") // comes back in queries and notifications
              .amount(Amount.builder().total(1).build()));

      // Per call: another retry policy, e.g. none where your own job retries.
      Transaction now = wechatPay.orders().withRetryPolicy(RetryPolicy.none()).queryByOutTradeNo(outTradeNo).body();

      // Every call has a CompletableFuture form, failing with the same exceptions:
      CompletableFuture<TradeState> state =
          wechatPay.orders().queryByOutTradeNoAsync(outTradeNo).thenApply(response -> response.body().getTradeState());
      // endregion
      out.println("out_trade_no  " + outTradeNo + "  (Request-ID " + created.requestId() + ")");
      out.println("code_url      " + created.body().getCodeUrl());
      out.println("no retries    " + now.getTradeState());
      out.println("async query   " + state.get());
      out.println("attach        " + wechatPay.orders().queryByOutTradeNo(outTradeNo).body().getAttach());
    } finally {
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
  }
}
