package io.wxpay4j.examples;

import com.sun.net.httpserver.HttpServer;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.Transaction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A local notify endpoint (the merchant's {@code notify_url}) on the JDK's HTTP server: each payment notification
 * is verified, decrypted and checked against the {@link Shop}'s order by {@link HandleNotification#handle}, answered
 * (204, or the failure answer), and queued for {@link #await}; each refund notification, at {@link #refundUrl()}, by
 * {@link RefundOrder#handle} and queued for {@link #awaitRefund}. A refund notice at the payment URL, another
 * merchant's notice, or a payment that is not the order's is answered non-2xx and queued as refused.
 */
final class NotifyEndpoint implements AutoCloseable {
  /** One notification as it was handled: the paid order or the refund, or the non-2xx answer it was refused with. */
  static final class Arrival {
    final @Nullable Transaction paid;
    final @Nullable RefundNotification refund;
    final @Nullable NotificationAnswer refused;

    private Arrival(@Nullable Transaction paid, @Nullable RefundNotification refund,
        @Nullable NotificationAnswer refused) {
      this.paid = paid;
      this.refund = refund;
      this.refused = refused;
    }

    /** Why it was refused, for messages: the status and the answer's body. */
    String refusal() {
      return refused == null ? "accepted" : "answered " + refused.status() + " " + refused.body();
    }
  }

  private static final String REFUND_PATH = "/refund";

  private final HttpServer server;
  private final ExecutorService executor;
  private final String url;
  private final AtomicReference<@Nullable WechatPayClient> client = new AtomicReference<>();
  private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
  private final BlockingQueue<Arrival> refunds = new LinkedBlockingQueue<>();
  private final Shop shop = new Shop(paid -> arrivals.add(new Arrival(paid, null, null)));

  private NotifyEndpoint(HttpServer server, ExecutorService executor, String url) {
    this.server = server;
    this.executor = executor;
    this.url = url;
  }

  /** Serves {@code path} (payments) and {@code path/refund} (refunds) on {@code host:port} (port 0: any free port). */
  static NotifyEndpoint start(String host, int port, String path) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "notify-endpoint");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    String hostLiteral = host.contains(":") ? "[" + host + "]" : host;
    NotifyEndpoint endpoint =
        new NotifyEndpoint(
            server, executor, "http://" + hostLiteral + ":" + server.getAddress().getPort() + path);
    server.createContext(
        path,
        exchange -> {
          WechatPayClient wechatPay = endpoint.client.get();
          if (wechatPay == null) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          if (!exchange.getRequestURI().getPath().equals(path)) { // e.g. path/refund/x: not ours
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          // An accepted payment is queued by the shop (once, however often it is notified); a refusal here.
          NotificationAnswer answer = HandleNotification.handle(exchange, wechatPay.notifications(), endpoint.shop);
          if (!answer.isSuccess()) {
            endpoint.arrivals.add(new Arrival(null, null, answer));
          }
        });
    server.createContext(
        path + REFUND_PATH,
        exchange -> {
          WechatPayClient wechatPay = endpoint.client.get();
          if (wechatPay == null) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          NotificationAnswer answer = RefundOrder.handle(exchange, wechatPay.notifications(),
              refund -> endpoint.refunds.add(new Arrival(null, refund, null)));
          if (!answer.isSuccess()) {
            endpoint.refunds.add(new Arrival(null, null, answer));
          }
        });
    server.start();
    return endpoint;
  }

  /**
   * Records an order placed with this endpoint as its {@code notify_url}: its payment is accepted only for
   * exactly this amount.
   */
  void ordered(String outTradeNo, int totalFen) {
    shop.ordered(outTradeNo, totalFen);
  }

  /** The URL to give as {@code notify_url}. */
  String url() {
    return url;
  }

  /** The URL to give as the refunds' {@code notify_url} ({@code refundNotifyUrl}). */
  String refundUrl() {
    return url + REFUND_PATH;
  }

  /** Verifies and decrypts with {@code wechatPay} from now on; until then, notifications get 503. */
  void verifyWith(WechatPayClient wechatPay) {
    client.set(wechatPay);
  }

  /** The next payment notification handled, or null if none arrives within {@code timeout}. */
  @Nullable Arrival await(Duration timeout) throws InterruptedException {
    return arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next refund notification handled, or null if none arrives within {@code timeout}. */
  @Nullable Arrival awaitRefund(Duration timeout) throws InterruptedException {
    return refunds.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
