package io.wxpay4j.examples;

import com.squareup.moshi.Moshi;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wxpay4j.ContractNoticeHint;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayException;
import io.wxpay4j.model.Contract;
import io.wxpay4j.model.ContractNotification;
import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayNotificationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A local contract notify endpoint ({@code contract_notify_url} and the template's terminate URL) on the JDK's
 * HTTP server. It takes both forms a contract notice may have, since which one a v3 with-contract order triggers
 * is unconfirmed: v3 JSON ({@code ENTRUST.SIGN} / {@code ENTRUST.TERMINATE}, verified and decrypted) and v2 XML
 * (unverified: a {@link ContractNoticeHint}). Either way the contract is then queried, and only the query's answer
 * is acted on.
 */
final class ContractNotifyEndpoint implements AutoCloseable {
  /** What the shop does with contract changes. */
  interface Shop {
    /**
     * The contract as the query shows it, after a notice said it changed; grant or revoke on this, idempotently
     * on {@code contract_id}. {@code notice} is the verified v3 resource, or null for a v2 hint.
     */
    void contractChanged(Contract contract, @Nullable ContractNotification notice, @Nullable String eventType);

    /** A notice was refused (bad signature, hostile XML) or could not be confirmed. */
    void rejected(Exception e);
  }

  /** One notice as it was handled. */
  static final class Arrival {
    final @Nullable Contract contract;
    final @Nullable ContractNotification notice;
    final @Nullable String eventType;
    final @Nullable Exception rejection;

    Arrival(@Nullable Contract contract, @Nullable ContractNotification notice, @Nullable String eventType,
        @Nullable Exception rejection) {
      this.contract = contract;
      this.notice = notice;
      this.eventType = eventType;
      this.rejection = rejection;
    }
  }

  // region handle-contract-notice
  static void handle(HttpExchange exchange, WechatPayClient wechatPay, Shop shop) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes(); // the raw bytes: re-encoded JSON fails to verify
    Optional<ContractNoticeHint> v2;
    try {
      v2 = ContractNoticeHint.fromV2Xml(body); // v2 XML: plaintext, NOT verified
    } catch (IllegalArgumentException hostile) { // a DOCTYPE (XXE) or broken XML
      shop.rejected(hostile);
      answer(exchange, 400, "application/xml", v2Answer("FAIL", "invalid xml"));
      return;
    }
    if (v2.isPresent()) {
      try { // never act on the hint: look the contract up and act on the answer
        Contract contract = wechatPay.contracts().query(v2.get().planId(), v2.get().contractCode()).body();
        shop.contractChanged(contract, null, null);
        answer(exchange, 200, "application/xml", v2Answer("SUCCESS", "OK"));
      } catch (WechatPayException e) {
        shop.rejected(e);
        answer(exchange, 200, "application/xml", v2Answer("FAIL", "try again later")); // WeChat Pay sends it again
      }
      return;
    }
    NotificationAnswer answer;
    try {
      ContractNotification notice =
          wechatPay.parseContractNotification(NotificationRequest.create(exchange.getRequestHeaders()::getFirst, body));
      Contract contract = wechatPay.contracts().query(notice.getPlanId(), notice.getOutContractCode()).body();
      shop.contractChanged(contract, notice, eventType(body)); // idempotent on contract_id
      answer = NotificationAnswer.success(); // 204
    } catch (WechatPayNotificationException e) {
      shop.rejected(e);
      answer = e.answer(); // 4xx/5xx: WeChat Pay sends it again later
    } catch (RuntimeException e) { // the query failed (a WechatPayException) or our side did
      shop.rejected(e);
      answer = NotificationAnswer.failure("try again later"); // 500: WeChat Pay sends it again later
    }
    answer(exchange, answer.status(), answer.contentType(), answer.body());
  }
  // endregion

  private static String v2Answer(String code, String message) {
    return "<xml><return_code><![CDATA[" + code + "]]></return_code><return_msg><![CDATA[" + message
        + "]]></return_msg></xml>";
  }

  /** The {@code event_type} of a body that has just been verified. */
  private static @Nullable String eventType(byte[] verifiedBody) {
    try {
      Object envelope = new Moshi.Builder().build().adapter(Object.class)
          .fromJson(new String(verifiedBody, StandardCharsets.UTF_8));
      return envelope instanceof Map ? String.valueOf(((Map<?, ?>) envelope).get("event_type")) : null;
    } catch (IOException e) {
      return null; // it was parsed once already, as the notification
    }
  }

  /** Sends {@code body} with {@code status} and closes the exchange. */
  static void answer(HttpExchange exchange, int status, @Nullable String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String url;
  private final AtomicReference<@Nullable WechatPayClient> client = new AtomicReference<>();
  private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();

  private ContractNotifyEndpoint(HttpServer server, ExecutorService executor, String url) {
    this.server = server;
    this.executor = executor;
    this.url = url;
  }

  /** Serves {@code path} on {@code host:port} (port 0: any free port). */
  static ContractNotifyEndpoint start(String host, int port, String path) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "contract-notify-endpoint");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    String hostLiteral = host.contains(":") ? "[" + host + "]" : host;
    ContractNotifyEndpoint endpoint = new ContractNotifyEndpoint(
        server, executor, "http://" + hostLiteral + ":" + server.getAddress().getPort() + path);
    server.createContext(path, exchange -> {
      WechatPayClient wechatPay = endpoint.client.get();
      if (wechatPay == null) {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return;
      }
      handle(exchange, wechatPay, new Shop() {
        @Override
        public void contractChanged(Contract contract, @Nullable ContractNotification notice,
            @Nullable String eventType) {
          endpoint.arrivals.add(new Arrival(contract, notice, eventType, null));
        }

        @Override
        public void rejected(Exception e) {
          endpoint.arrivals.add(new Arrival(null, null, null, e));
        }
      });
    });
    server.start();
    return endpoint;
  }

  /** The URL to give as {@code contract_notify_url} and as the template's terminate URL. */
  String url() {
    return url;
  }

  /** Verifies, decrypts and queries with {@code wechatPay} from now on; until then, notices get 503. */
  void verifyWith(WechatPayClient wechatPay) {
    client.set(wechatPay);
  }

  /** The next notice handled, or null if none arrives within {@code timeout}. */
  @Nullable Arrival await(Duration timeout) throws InterruptedException {
    return arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
