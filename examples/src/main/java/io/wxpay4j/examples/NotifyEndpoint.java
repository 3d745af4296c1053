package io.wxpay4j.examples;

import com.sun.net.httpserver.HttpServer;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.notify.WechatPayNotificationException;
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
 * is verified and decrypted by {@link HandleNotification#handle}, answered (204, or the failure answer), and
 * queued for {@link #await}; each refund notification, at {@link #refundUrl()}, by {@link RefundOrder#handle}
 * and queued for {@link #awaitRefund}.
 */
final class NotifyEndpoint implements AutoCloseable {
  /** One notification as it was handled: the paid order or the refund, or why it was rejected. */
  static final class Arrival {
    final @Nullable Transaction paid;
    final @Nullable RefundNotification refund;
    final @Nullable WechatPayNotificationException rejection;

    Arrival(@Nullable Transaction paid, @Nullable WechatPayNotificationException rejection) {
      this(paid, null, rejection);
    }

    Arrival(@Nullable Transaction paid, @Nullable RefundNotification refund,
        @Nullable WechatPayNotificationException rejection) {
      this.paid = paid;
      this.refund = refund;
      this.rejection = rejection;
    }
  }

  private static final String REFUND_PATH = "/refund";

  private final HttpServer server;
  private final ExecutorService executor;
  private final String url;
  private final AtomicReference<@Nullable WechatPayClient> client = new AtomicReference<>();
  private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
  private final BlockingQueue<Arrival> refunds = new LinkedBlockingQueue<>();

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
          HandleNotification.handle(
              exchange,
              wechatPay,
              new HandleNotification.Shop() {
                @Override
                public void markPaid(Transaction paid) {
                  endpoint.arrivals.add(new Arrival(paid, null));
                }

                @Override
                public void rejected(WechatPayNotificationException e) {
                  endpoint.arrivals.add(new Arrival(null, e));
                }
              });
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
          RefundOrder.handle(
              exchange,
              wechatPay,
              new RefundOrder.Ledger() {
                @Override
                public void update(RefundNotification refund) {
                  endpoint.refunds.add(new Arrival(null, refund, null));
                }

                @Override
                public void rejected(WechatPayNotificationException e) {
                  endpoint.refunds.add(new Arrival(null, null, e));
                }
              });
        });
    server.start();
    return endpoint;
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
