package io.wxpay4j.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wxpay4j.OrderOutcome;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.model.CombineCloseSubOrder;
import io.wxpay4j.model.CombinePayerInfo;
import io.wxpay4j.model.CombineSubOrder;
import io.wxpay4j.model.CombineSubOrderAmount;
import io.wxpay4j.model.CombineSubTransaction;
import io.wxpay4j.model.CombineTransaction;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.notify.CombinePaymentSucceeded;
import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.PaymentSucceeded;
import io.wxpay4j.pay.JsapiPayParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Example: combine payment (合单支付), one payment for the sub-orders of two merchants. A Native combine order: its
 * one QR code, the simulated payer pays both sub-orders at once, the one notice is verified on a local endpoint
 * (typed as a combine payment, never a plain one), and the combine order is queried. A JSAPI combine order: its
 * {@code getBrandWCPayRequest} parameters, then it is closed with its sub-orders and reconciled. {@code --mchid} is
 * the initiator ({@code combine_mchid}); {@code --combine-mchids} the two sub-order merchants.
 */
public final class CombineOrderLifecycle {
  static final String SUMMARY =
      "combine payment (合单支付): Native and JSAPI combine orders of two merchants, pay, notice, query, close";

  private CombineOrderLifecycle() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, CombineOrderLifecycle.class, SUMMARY, CombineOrderLifecycle::example);
  }

  // region handle-combine-notice
  static void handle(HttpExchange exchange, WechatPayClient wechatPay, Consumer<CombineTransaction> shop)
      throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes(); // the raw bytes: re-encoded JSON fails to verify
    NotificationAnswer answer = wechatPay.notifications().handle( // verifies, decrypts, skips repeats
        NotificationRequest.create(exchange.getRequestHeaders()::getFirst, body),
        event -> {
          if (event instanceof CombinePaymentSucceeded combine) { // TRANSACTION.SUCCESS with combine_out_trade_no
            shop.accept(combine.transaction()); // every sub-order: check trade_state and amount, idempotently
          } else if (event instanceof PaymentSucceeded plain) { // a basic order: never a combine one
            throw new IllegalStateException("no basic order here: " + plain.transaction().getOutTradeNo());
          }
        });
    ContractNotifyEndpoint.answer(exchange, answer.status(), answer.contentType(), answer.body());
  }
  // endregion

  static void example(Setup setup, PrintStream out) throws Exception {
    List<String> shops = setup.combineMchids();
    SimulatedPayer payer =
        setup.payer()
            .orElseThrow(() -> new IllegalStateException(
                "this example needs a simulator to pay; against WeChat Pay, show the code_url as a QR code and pay it"
                    + " with WeChat 扫一扫"));
    String shopA = shops.get(0);
    String shopB = shops.get(1);
    BlockingQueue<CombineTransaction> notices = new LinkedBlockingQueue<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    server.setExecutor(executor);
    String notifyUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/wechatpay/combine";
    try (WechatPayClient wechatPay = setup.merchant().clientBuilder().notifyUrl(notifyUrl).build()) {
      server.createContext("/wechatpay/combine", exchange -> handle(exchange, wechatPay, notices::add));
      server.start();
      out.println("combine_mchid       " + wechatPay.merchantId() + " (this client, the initiator)");
      out.println("sub-order merchants " + shopA + ", " + shopB);
      out.println("notify_url          " + notifyUrl);
      out.println();

      String combineOutTradeNo = OrderNumbers.next("combine");
      String drinks = OrderNumbers.next("sub");
      String snacks = OrderNumbers.next("sub");
      // region combine-prepay
      WechatPayResponse<NativePrepayResponse> created =
          wechatPay.combine().prepayNative(order -> order
              .combineOutTradeNo(combineOutTradeNo) // 合单商户订单号
              .subOrders(List.of( // 2 to 10 sub-orders, each its merchant's order
                  CombineSubOrder.builder()
                      .mchid(shopA)
                      .outTradeNo(drinks)
                      .description("饮料")
                      .attach("stall A") // required for sub-orders; comes back in the query and the bill
                      .amount(CombineSubOrderAmount.builder().totalAmount(300L).currency("CNY").build())
                      .build(),
                  CombineSubOrder.builder()
                      .mchid(shopB)
                      .outTradeNo(snacks)
                      .description("零食")
                      .attach("stall B")
                      .amount(CombineSubOrderAmount.builder().totalAmount(500L).currency("CNY").build())
                      .build())));
      String codeUrl = created.body().getCodeUrl(); // one QR code pays both merchants
      // endregion
      out.println("Native combine      " + combineOutTradeNo + "  code_url " + codeUrl);
      out.println("  sub-orders        " + drinks + " (" + shopA + ", ¥3.00), " + snacks + " (" + shopB + ", ¥5.00)");

      payer.pay("combine_out_trade_no", combineOutTradeNo);
      out.println("paid                by the simulated payer, both sub-orders at once");
      CombineTransaction notified = notices.poll(10, TimeUnit.SECONDS);
      if (notified == null) {
        throw new IllegalStateException("no combine notice reached " + notifyUrl + " within 10 s");
      }
      out.println("combine notice      TRANSACTION.SUCCESS verified, typed CombinePaymentSucceeded, answered 204: "
          + notified.getSubOrders().size() + " sub-orders");

      // region combine-query
      CombineTransaction order = wechatPay.combine().queryByOutTradeNo(combineOutTradeNo).body();
      for (CombineSubTransaction sub : order.getSubOrders()) {
        // each sub-order has its own transaction_id: its merchant refunds it with refunds().create(...)
        out.println("  " + sub.getMchid() + "  " + sub.getOutTradeNo() + "  " + sub.getTradeState()
            + "  " + Text.yuan(sub.getAmount().getTotalAmount()) + "  transaction_id " + sub.getTransactionId());
      }
      // endregion
      out.println("  payer openid      " + Text.maskOpenid(order.getCombinePayerInfo().getOpenid()));
      OrderOutcome<CombineTransaction> paid = wechatPay.combine().reconcile(combineOutTradeNo);
      out.println("reconcile           " + paid.status());
      if (paid.status() != OrderOutcome.Status.PAID) {
        throw new IllegalStateException("the paid combine order reconciled as " + paid.status());
      }
      out.println();

      String second = OrderNumbers.next("combine");
      String first = OrderNumbers.next("sub");
      String other = OrderNumbers.next("sub");
      JsapiPayParameters pay =
          wechatPay.combine().prepayJsapiWithPayParameters(o -> o
              .combineOutTradeNo(second)
              .combinePayerInfo(CombinePayerInfo.builder().openid(setup.openid()).build()) // under combine_appid
              .subOrders(List.of(
                  subOrder(shopA, first, 100),
                  subOrder(shopB, other, 200))))
              .body();
      out.println("JSAPI combine       " + second + "  getBrandWCPayRequest(");
      out.println(Text.indent(Text.prettyJson(pay.toJson()), "  ").stripTrailing() + ")");
      // region combine-close
      wechatPay.combine().close(second, close -> close.subOrders(List.of( // exactly the prepay's sub-orders
          CombineCloseSubOrder.builder().mchid(shopA).outTradeNo(first).build(),
          CombineCloseSubOrder.builder().mchid(shopB).outTradeNo(other).build())));
      // endregion
      OrderOutcome<CombineTransaction> closed = wechatPay.combine().reconcile(second);
      out.println("closed              " + second + ", reconcile " + closed.status() + " ("
          + closed.transaction().getSubOrders().size() + " sub-orders CLOSED)");
      if (closed.status() != OrderOutcome.Status.CLOSED) {
        throw new IllegalStateException("the closed combine order reconciled as " + closed.status());
      }
      out.println();
      out.println("OK");
    } finally {
      server.stop(0);
      executor.shutdownNow();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static CombineSubOrder subOrder(String mchid, String outTradeNo, long fen) {
    return CombineSubOrder.builder()
        .mchid(mchid)
        .outTradeNo(outTradeNo)
        .description("wxpay4j combine example")
        .attach("example")
        .amount(CombineSubOrderAmount.builder().totalAmount(fen).currency("CNY").build())
        .build();
  }
}
