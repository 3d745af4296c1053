package io.wxpay4j.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers payment notifications ({@code TRANSACTION.SUCCESS}), refund notifications ({@code
 * REFUND.SUCCESS}, {@code REFUND.ABNORMAL}, {@code REFUND.CLOSED}) and contract notices ({@code
 * ENTRUST.SIGN}, {@code ENTRUST.TERMINATE}) to their URLs and retries on WeChat Pay's schedule:
 * after a non-2xx answer or no answer, again after 15 s, 15 s, 30 s, 3 m, 10 m, 20 m, 30 m, 30 m,
 * 30 m, 60 m, 3 h, 3 h, 3 h, 6 h, 6 h (16 attempts in all), each interval multiplied by the time
 * scale. Every attempt is recorded. A {@code notify_url} whose host {@link NotificationHosts}
 * refuses gets one attempt, recorded as not sent with the reason, and no retries.
 */
final class Notifier {
  static final List<Duration> RETRY_INTERVALS =
      List.of(
          Duration.ofSeconds(15),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(3),
          Duration.ofMinutes(10),
          Duration.ofMinutes(20),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(60),
          Duration.ofHours(3),
          Duration.ofHours(3),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(6));
  private static final MediaType JSON = MediaType.get("application/json");
  private static final long MAX_RECORDED_ANSWER = 4096;

  private final Crypto crypto;
  private final ResponseSigner signer;
  private final OkHttpClient client;
  private final ScheduledExecutorService executor;
  private final Supplier<Instant> clock;
  private final double timeScale;
  private final Faults faults;

  /** The signing key, given whether the triggering request sent a {@code PUB_KEY_ID_…} serial. */
  private final Function<Boolean, KeyRing.SigningKey> keyChooser;

  private final String apiV3Key;
  private final NotificationHosts hosts;
  private final List<NotificationAttempt> log = new CopyOnWriteArrayList<>();
  private volatile long generation;

  Notifier(
      Crypto crypto,
      OkHttpClient client,
      ScheduledExecutorService executor,
      Supplier<Instant> clock,
      double timeScale,
      Faults faults,
      Function<Boolean, KeyRing.SigningKey> keyChooser,
      String apiV3Key,
      NotificationHosts hosts) {
    this.crypto = crypto;
    this.signer = new ResponseSigner(crypto);
    this.client = client;
    this.executor = executor;
    this.clock = clock;
    this.timeScale = timeScale;
    this.faults = faults;
    this.keyChooser = keyChooser;
    this.apiV3Key = apiV3Key;
    this.hosts = hosts;
  }

  /** Where and what one notification is: the same for each of its attempts. */
  private static final class Delivery {
    final String url;
    final String outTradeNo;
    final @Nullable String outRefundNo;
    final String eventType;
    final boolean publicKeyRequested;

    Delivery(
        String url,
        String outTradeNo,
        @Nullable String outRefundNo,
        String eventType,
        boolean publicKeyRequested) {
      this.url = url;
      this.outTradeNo = outTradeNo;
      this.outRefundNo = outRefundNo;
      this.eventType = eventType;
      this.publicKeyRequested = publicKeyRequested;
    }
  }

  /** Encrypts the paid order into a notification and sends the first attempt now. */
  void notifyPaid(Order order) {
    send(
        new Delivery(
            order.notifyUrl,
            order.outTradeNo,
            null,
            "TRANSACTION.SUCCESS",
            order.publicKeyRequested),
        "支付成功",
        "transaction",
        Json.write(order.transactionJson()));
  }

  /**
   * Encrypts the paid combine order into its one {@code TRANSACTION.SUCCESS} notice (resource
   * {@code original_type} {@code transaction}, as for a basic payment; told apart by {@code
   * combine_out_trade_no}) and sends the first attempt now.
   */
  void notifyCombinePaid(CombineOrder order) {
    send(
        new Delivery(
            order.notifyUrl,
            order.combineOutTradeNo,
            null,
            "TRANSACTION.SUCCESS",
            order.publicKeyRequested),
        "支付成功",
        "transaction",
        Json.write(order.transactionJson()));
  }

  /**
   * Encrypts the refund into a {@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL} or {@code
   * REFUND.CLOSED} notification (resource {@code original_type} {@code refund}, associated data
   * {@code refund}) and sends the first attempt now; nothing when the refund has no {@code
   * notify_url} (WeChat Pay would use the URL configured in 商户平台, which the simulator has not).
   */
  void notifyRefund(Refund refund, String eventType) {
    if (refund.notifyUrl == null) {
      return;
    }
    String summary;
    switch (eventType) {
      case "REFUND.SUCCESS":
        summary = "退款成功";
        break;
      case "REFUND.ABNORMAL":
        summary = "退款异常";
        break;
      default:
        summary = "退款关闭";
    }
    send(
        new Delivery(
            refund.notifyUrl,
            refund.order.outTradeNo,
            refund.outRefundNo,
            eventType,
            refund.publicKeyRequested),
        summary,
        "refund",
        Json.write(refund.notificationJson()));
  }

  /**
   * Encrypts the contract into an {@code ENTRUST.SIGN} or {@code ENTRUST.TERMINATE} notice
   * (resource {@code original_type} {@code entrust}, associated data {@code entrust}) and sends the
   * first attempt to {@code url} now; retried as payment notifications are.
   */
  void notifyContract(Contract contract, String eventType, String url) {
    send(
        new Delivery(url, contract.outTradeNo, null, eventType, contract.publicKeyRequested),
        eventType.equals("ENTRUST.SIGN") ? "委托代扣签约通知" : "委托代扣解约通知",
        "entrust",
        Json.write(contract.json()));
  }

  private void send(Delivery delivery, String summary, String originalType, String plaintext) {
    Instant now = clock.get();
    String nonce = crypto.randomAlphanumeric(12);
    ObjectNode envelope = Json.object();
    envelope.put("id", UUID.randomUUID().toString());
    envelope.put("create_time", Order.rfc3339(now));
    envelope.put("resource_type", "encrypt-resource");
    envelope.put("event_type", delivery.eventType);
    envelope.put("summary", summary);
    ObjectNode resource = envelope.putObject("resource");
    resource.put("original_type", originalType);
    resource.put("algorithm", "AEAD_AES_256_GCM");
    resource.put(
        "ciphertext",
        Crypto.encryptAesGcm(
            apiV3Key, nonce, originalType, plaintext.getBytes(StandardCharsets.UTF_8)));
    resource.put("associated_data", originalType);
    resource.put("nonce", nonce);
    String body = Json.write(envelope);
    long current = generation;
    schedule(
        () -> attempt(delivery, envelope.get("id").asString(), body, 1, current), Duration.ZERO);
  }

  private void schedule(Runnable task, Duration delay) {
    long nanos = (long) (delay.toNanos() * timeScale);
    try {
      executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the simulator is closing: undelivered notifications are dropped, as on a real shutdown
    }
  }

  private void attempt(
      Delivery delivery, String id, String body, int attempt, long scheduledGeneration) {
    if (scheduledGeneration != generation) {
      return; // reset() since it was scheduled
    }
    HttpUrl url = HttpUrl.parse(delivery.url);
    String refusal = url == null ? "it does not parse as a URL" : hosts.refusal(url);
    if (refusal != null) {
      record(notSent(delivery, id, body, attempt, refusal), scheduledGeneration);
      return;
    }
    Faults.Rule rule = faults.next(Faults.NOTIFICATION_ROUTE);
    Fault fault = rule != null && rule.fault.spoilsSignature() ? rule.fault : null;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        new LinkedHashMap<>(
            signer.sign(keyChooser.apply(delivery.publicKeyRequested), bytes, clock.get(), fault));
    headers.put("Content-Type", "application/json");
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(bytes, JSON));
    headers.forEach(request::header);
    request.header("User-Agent", "Mozilla/4.0 (wxpay4j-simulator)");
    Instant sentAt = clock.get();
    int status = 0;
    String answer = "";
    @Nullable String error = null;
    try (Response response = client.newCall(request.build()).execute()) {
      status = response.code();
      answer = response.peekBody(MAX_RECORDED_ANSWER).string();
    } catch (IOException | RuntimeException e) {
      NotificationHosts.RefusedException refused = refusedCause(e);
      if (refused != null) { // the name re-resolved to a public address when connecting
        record(notSent(delivery, id, body, attempt, refused.getMessage()), scheduledGeneration);
        return;
      }
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    NotificationAttempt recorded =
        new NotificationAttempt(
            id,
            delivery.outTradeNo,
            delivery.outRefundNo,
            delivery.eventType,
            attempt,
            delivery.url,
            sentAt,
            headers,
            body,
            status,
            answer,
            error,
            fault == null ? null : fault.name());
    if (!record(recorded, scheduledGeneration)) {
      return; // reset() while this attempt was in flight: it belongs to the forgotten state
    }
    boolean delivered = status >= 200 && status < 300;
    if (!delivered && attempt <= RETRY_INTERVALS.size()) {
      schedule(
          () -> attempt(delivery, id, body, attempt + 1, scheduledGeneration),
          RETRY_INTERVALS.get(attempt - 1));
    }
  }

  /** Adds an attempt to the log, unless a reset() since it was scheduled has forgotten it. */
  private boolean record(NotificationAttempt attempt, long scheduledGeneration) {
    synchronized (log) {
      if (scheduledGeneration != generation) {
        return false;
      }
      log.add(attempt);
      log.notifyAll();
    }
    return true;
  }

  /** An attempt that was never sent: nothing left this machine, so no headers and no answer. */
  private NotificationAttempt notSent(
      Delivery delivery, String id, String body, int attempt, String reason) {
    return new NotificationAttempt(
        id,
        delivery.outTradeNo,
        delivery.outRefundNo,
        delivery.eventType,
        attempt,
        delivery.url,
        clock.get(),
        Map.of(),
        body,
        0,
        "",
        "not sent: " + reason,
        null,
        false);
  }

  private static NotificationHosts.@Nullable RefusedException refusedCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NotificationHosts.RefusedException) {
        return (NotificationHosts.RefusedException) t;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (suppressed instanceof NotificationHosts.RefusedException) {
          return (NotificationHosts.RefusedException) suppressed;
        }
      }
    }
    return null;
  }

  List<NotificationAttempt> log() {
    return new ArrayList<>(log);
  }

  /** Waits until at least {@code count} attempts are recorded; returns them, or null on timeout. */
  @Nullable List<NotificationAttempt> await(int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (log) {
      while (log.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        TimeUnit.NANOSECONDS.timedWait(log, left);
      }
      return new ArrayList<>(log);
    }
  }

  void clear() {
    generation++;
    log.clear();
  }

  ArrayNode json() {
    ArrayNode array = Json.array();
    for (NotificationAttempt attempt : log) {
      ObjectNode json = array.addObject();
      json.put("notification_id", attempt.notificationId());
      json.put("event_type", attempt.eventType());
      json.put("out_trade_no", attempt.outTradeNo());
      if (attempt.outRefundNo() != null) {
        json.put("out_refund_no", attempt.outRefundNo());
      }
      json.put("attempt", attempt.attempt());
      json.put("url", attempt.url());
      json.put("sent_at", Order.rfc3339(attempt.sentAt()));
      json.put("status_code", attempt.statusCode());
      json.put("sent", attempt.sent());
      json.put("delivered", attempt.delivered());
      json.put("response_body", attempt.responseBody());
      if (attempt.error() != null) {
        json.put("error", attempt.error());
      }
      if (attempt.fault() != null) {
        json.put("fault", attempt.fault());
      }
      ObjectNode headers = json.putObject("request_headers");
      attempt.requestHeaders().forEach(headers::put);
      json.put("request_body", attempt.requestBody());
    }
    return array;
  }
}
