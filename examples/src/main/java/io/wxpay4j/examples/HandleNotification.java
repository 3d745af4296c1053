package io.wxpay4j.examples;

import com.sun.net.httpserver.HttpExchange;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayNotificationException;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.simulator.NotificationAttempt;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Example: the notify endpoint. WeChat Pay POSTs a signed, encrypted notification to {@code notify_url} when an
 * order is paid; {@link WechatPayClient#parsePaymentNotification} verifies and decrypts it, and the endpoint
 * answers 204, or the failure answer so that WeChat Pay sends it again. Then a forged copy is refused.
 */
public final class HandleNotification {
  static final String SUMMARY = "verify and decrypt a payment notification on a local notify endpoint";

  private HandleNotification() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, HandleNotification.class, SUMMARY, HandleNotification::example);
  }

  /** What the shop does with notifications. */
  interface Shop {
    /** Records the payment; must be idempotent, as WeChat Pay may deliver a notification twice. */
    void markPaid(Transaction paid);

    /** A notification failed verification: not from WeChat Pay, or the keys are wrong. */
    void rejected(WechatPayNotificationException e);
  }

  // region handle-notification
  static void handle(HttpExchange exchange, WechatPayClient wechatPay, Shop shop) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes(); // the raw bytes: re-encoded JSON fails to verify
    NotificationAnswer answer;
    try {
      Transaction paid =
          wechatPay.parsePaymentNotification(
              NotificationRequest.create(exchange.getRequestHeaders()::getFirst, body));
      shop.markPaid(paid); // idempotent: the same notification can arrive twice
      answer = NotificationAnswer.success(); // 204
    } catch (WechatPayNotificationException e) {
      shop.rejected(e);
      answer = e.answer(); // 4xx/5xx with {"code":"FAIL",...}: WeChat Pay sends it again later
    } catch (RuntimeException e) {
      answer = NotificationAnswer.failure("try again later"); // our side failed: 500, WeChat Pay retries
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    if (answer.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
  // endregion

  static void example(Setup setup, PrintStream out) throws Exception {
    SimulatedPayer payer =
        setup.payer()
            .orElseThrow(() -> new IllegalStateException(
                "this example needs a simulator to pay the order; against WeChat Pay, see OrderLifecycle"));
    try (NotifyEndpoint endpoint = NotifyEndpoint.start("127.0.0.1", 0, "/wechatpay/notify");
        WechatPayClient wechatPay = setup.merchant().clientBuilder().notifyUrl(endpoint.url()).build()) {
      endpoint.verifyWith(wechatPay);
      out.println("notify endpoint   " + endpoint.url());

      String outTradeNo = OrderNumbers.next("notify");
      wechatPay.orders().prepayNative(order -> order
          .description("wxpay4j notification example")
          .outTradeNo(outTradeNo)
          .amount(Amount.builder().total(1).build()));
      payer.pay("out_trade_no", outTradeNo);
      out.println("order             " + outTradeNo + " paid by the simulated payer");

      NotifyEndpoint.Arrival arrival = endpoint.await(Duration.ofSeconds(10));
      if (arrival == null) {
        throw new IllegalStateException("no notification reached " + endpoint.url() + " within 10 s");
      }
      if (arrival.paid == null) {
        throw new IllegalStateException("the notification was rejected", arrival.rejection);
      }
      Transaction paid = arrival.paid;
      out.println("notification      verified and decrypted, answered 204");
      out.println("  out_trade_no    " + paid.getOutTradeNo());
      out.println("  transaction_id  " + paid.getTransactionId());
      out.println("  trade_state     " + paid.getTradeState());
      out.println("  amount          " + Text.yuan(paid.getAmount().getTotal()));
      out.println("  payer openid    " + Text.maskOpenid(paid.getPayer() == null ? null : paid.getPayer().getOpenid()));

      Optional<WechatPaySimulator> simulator = setup.embeddedSimulator();
      if (simulator.isPresent()) {
        // Replay the delivered notification with one byte of its body changed: the signature no longer matches.
        List<NotificationAttempt> attempts = simulator.get().awaitNotifications(1, Duration.ofSeconds(5));
        NotificationAttempt delivered = attempts.get(0);
        String forged = delivered.requestBody().replaceFirst("\"ciphertext\":\"(.)", "\"ciphertext\":\"A$1");
        Request request =
            new Request.Builder()
                .url(endpoint.url())
                .headers(Headers.of(delivered.requestHeaders()))
                .post(RequestBody.create(forged, MediaType.get("application/json")))
                .build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
          NotifyEndpoint.Arrival rejected = endpoint.await(Duration.ofSeconds(5));
          out.println("forged copy       answered " + response.code() + " " + response.body().string()
              + (rejected != null && rejected.rejection != null ? " (" + rejected.rejection.kind() + ")" : ""));
          if (response.code() != 401) {
            throw new IllegalStateException("a forged notification was answered " + response.code());
          }
        }
      }
    }
  }
}
