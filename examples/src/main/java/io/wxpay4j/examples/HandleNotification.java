package io.wxpay4j.examples;

import com.sun.net.httpserver.HttpExchange;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.notify.NotificationParser;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.PaymentSucceeded;
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
 * order is paid; {@link NotificationParser#handle} reads it with a size cap, verifies and decrypts it, refuses any
 * other event (a refund notice) or merchant, skips repeats, and the {@link Shop} checks the amount and trade_state
 * against its own order before treating it as paid; the endpoint answers 204, or the failure answer so that WeChat
 * Pay sends it again. Then a forged copy is refused.
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

  // region handle-notification
  static NotificationAnswer handle(HttpExchange exchange, NotificationParser notifications, Shop shop)
      throws IOException {
    NotificationRequest request = NotificationRequest.read( // the raw bytes, capped: re-encoded JSON fails to verify
        exchange.getRequestHeaders()::getFirst, exchange.getRequestBody(), NotificationParser.DEFAULT_MAX_BODY_BYTES);
    NotificationAnswer answer = notifications.handle(request, PaymentSucceeded.class, // a refund notice here: 400
        paid -> shop.markPaid(paid.transaction())); // amount and trade_state checked, idempotent; throws: 500
    send(exchange, answer); // 204, or 4xx/5xx: WeChat Pay sends it again later
    return answer;
  }
  // endregion

  /** Writes {@code answer} as the HTTP answer of {@code exchange}. */
  static void send(HttpExchange exchange, NotificationAnswer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    if (answer.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

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
      endpoint.ordered(outTradeNo, 1); // the shop's record: the payment must be for exactly this
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
        throw new IllegalStateException("the notification was refused: " + arrival.refusal());
      }
      Transaction paid = arrival.paid;
      out.println("notification      verified, decrypted, amount and trade_state checked, answered 204");
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
              + (rejected != null && rejected.refused != null ? " (refused, nothing marked paid)" : ""));
          if (response.code() != 401) {
            throw new IllegalStateException("a forged notification was answered " + response.code());
          }
        }
      }
    }
  }
}
