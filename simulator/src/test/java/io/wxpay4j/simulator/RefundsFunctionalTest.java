package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.simulator.TestClient.Answer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Refunds (退款) end to end over loopback: create, query, abnormal refund, the lifecycle, the
 * business rules of the reference (refunds.md §5–§8), notifications, faults and partner refunds.
 * Only the clock is faked: the simulator's own ({@code advanceClock}), which the test client signs
 * with.
 */
class RefundsFunctionalTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Duration DELAY = Duration.ofHours(1);
  private static final String REFUNDS = "/v3/refund/domestic/refunds";

  private static final MockWebServer receiver = new MockWebServer();
  private static WechatPaySimulator simulator;
  private static TestClient client;
  private static SimulatorMerchant merchant;
  private static PublicKey platformKey;

  /**
   * Refunds take an hour of simulator time, so they stay PROCESSING until a test advances the clock
   * or scripts them (the real-time trigger, an hour at scale 1, never fires here).
   */
  @BeforeAll
  static void start() throws Exception {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(204).build();
          }
        });
    receiver.start(InetAddress.getLoopbackAddress(), 0);
    simulator = WechatPaySimulator.builder().refundDelay(DELAY).start();
    client = new TestClient(simulator);
    merchant = simulator.merchant();
    platformKey = merchant.platformCertificate().getPublicKey();
  }

  @AfterAll
  static void stop() {
    simulator.close();
    receiver.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  private static String id(String prefix) {
    return prefix + "_" + IDS.incrementAndGet();
  }

  private static String notifyUrl() {
    return "http://127.0.0.1:" + receiver.getPort() + "/refund/notify";
  }

  /** A paid JSAPI order of 100 fen (its payment notification goes to the receiver too). */
  private static String paidOrder(String outTradeNo) {
    Answer prepay =
        client.post(
            "/v3/pay/transactions/jsapi",
            TestClient.prepayBody(merchant, outTradeNo, notifyUrl(), TestClient.PAYER));
    assertThat(prepay.status()).as(prepay.body()).isEqualTo(200);
    return simulator.pay(outTradeNo).transactionId();
  }

  private static String refundBody(String transactionId, String outRefundNo, long refund) {
    return "{\"transaction_id\":\""
        + transactionId
        + "\",\"out_refund_no\":\""
        + outRefundNo
        + "\",\"reason\":\"商品已售完\",\"notify_url\":\""
        + notifyUrl()
        + "\",\"amount\":{\"refund\":"
        + refund
        + ",\"total\":100,\"currency\":\"CNY\"}}";
  }

  private static Answer refund(String transactionId, String outRefundNo, long refund) {
    return client.post(REFUNDS, refundBody(transactionId, outRefundNo, refund));
  }

  private static Answer query(String outRefundNo) {
    return client.get(REFUNDS + "/" + outRefundNo);
  }

  private static Answer accepted(Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.signedBy(platformKey)).isTrue();
    return answer;
  }

  private static void assertInvalidRequest(Answer answer, String messagePart) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
    assertThat(answer.json().path("message").asString()).contains(messagePart);
  }

  /** The first delivery of this refund's notification of this type (waits for it to be made). */
  private static NotificationAttempt notification(String outRefundNo, String eventType) {
    int seen = 0;
    while (true) {
      List<NotificationAttempt> log =
          simulator.awaitNotifications(seen + 1, Duration.ofSeconds(10));
      for (NotificationAttempt attempt : log) {
        if (outRefundNo.equals(attempt.outRefundNo()) && eventType.equals(attempt.eventType())) {
          return attempt;
        }
      }
      seen = log.size();
    }
  }

  /**
   * Checks what a merchant's notify handler checks (delivered, signature by {@code key}, envelope)
   * and returns the decrypted resource.
   */
  private static JsonNode verifiedResource(
      NotificationAttempt attempt, PublicKey key, String eventType, String summary) {
    assertThat(attempt.delivered()).as(attempt.toString()).isTrue();
    Map<String, String> headers = attempt.requestHeaders();
    String body = attempt.requestBody();
    assertThat(
            TestCrypto.verify(
                key,
                headers.get("Wechatpay-Timestamp")
                    + "\n"
                    + headers.get("Wechatpay-Nonce")
                    + "\n"
                    + body
                    + "\n",
                headers.get("Wechatpay-Signature")))
        .as("signature")
        .isTrue();
    JsonNode envelope = Json.parse(body);
    assertThat(envelope.path("id").asString()).isEqualTo(attempt.notificationId());
    assertThat(envelope.path("event_type").asString()).isEqualTo(eventType);
    assertThat(envelope.path("summary").asString()).isEqualTo(summary);
    assertThat(envelope.path("resource_type").asString()).isEqualTo("encrypt-resource");
    JsonNode resource = envelope.path("resource");
    assertThat(resource.path("original_type").asString()).isEqualTo("refund");
    assertThat(resource.path("algorithm").asString()).isEqualTo("AEAD_AES_256_GCM");
    assertThat(resource.path("associated_data").asString()).isEqualTo("refund");
    assertThat(resource.path("nonce").asString()).hasSize(12);
    return Json.parse(
        TestCrypto.decrypt(
            merchant.apiV3Key(),
            resource.path("nonce").asString(),
            resource.path("associated_data").asString(),
            resource.path("ciphertext").asString()));
  }

  private static Answer control(String method, String path) {
    return client.raw(method, client.url(path), method.equals("POST") ? "" : null, null);
  }

  // ---------------------------------------------------------------- create, amounts, order state

  @Test
  void fullRefundIsAcceptedAsProcessingWithTheDocumentedFields() {
    String outTradeNo = id("RF_ORDER");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = id("RF");
    Instant before = simulator.now();

    JsonNode json = accepted(refund(transactionId, outRefundNo, 100)).json();

    assertThat(json.path("refund_id").asString()).matches("5030[0-9]{25}");
    assertThat(json.path("out_refund_no").asString()).isEqualTo(outRefundNo);
    assertThat(json.path("transaction_id").asString()).isEqualTo(transactionId);
    assertThat(json.path("out_trade_no").asString()).isEqualTo(outTradeNo);
    assertThat(json.path("channel").asString()).isEqualTo("ORIGINAL");
    assertThat(json.path("user_received_account").asString()).isEqualTo("支付用户零钱");
    assertThat(json.path("status").asString()).isEqualTo("PROCESSING");
    assertThat(json.has("success_time")).isFalse();
    assertThat(java.time.OffsetDateTime.parse(json.path("create_time").asString()).toInstant())
        .isBetween(before.minusSeconds(1), simulator.now());
    assertThat(json.path("funds_account").asString()).isEqualTo("UNSETTLED");
    assertThat(json.path("amount").toString())
        .isEqualTo(
            "{\"total\":100,\"refund\":100,\"payer_total\":100,\"payer_refund\":100,"
                + "\"settlement_refund\":100,\"settlement_total\":100,\"discount_refund\":0,"
                + "\"currency\":\"CNY\"}");
    assertThat(json.path("promotion_detail").isArray()).isTrue();
    assertThat(simulator.refunds())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outRefundNo()).isEqualTo(outRefundNo);
              assertThat(r.refund()).isEqualTo(100);
              assertThat(r.reason()).isEqualTo("商品已售完");
            });
  }

  @Test
  void refundByOutTradeNoFindsThePaidOrder() {
    String outTradeNo = id("RF_ORDER");
    String transactionId = paidOrder(outTradeNo);

    Answer answer =
        client.post(
            REFUNDS,
            "{\"out_trade_no\":\""
                + outTradeNo
                + "\",\"out_refund_no\":\""
                + id("RF")
                + "\",\"amount\":{\"refund\":10,\"total\":100,\"currency\":\"CNY\"}}");

    assertThat(accepted(answer).json().path("transaction_id").asString()).isEqualTo(transactionId);
  }

  @Test
  void paidOrderTurnsToTradeStateRefundOnceARefundIsRequested() {
    String outTradeNo = id("RF_ORDER");
    String transactionId = paidOrder(outTradeNo);
    assertThat(client.queryByOutTradeNo(outTradeNo).json().path("trade_state").asString())
        .isEqualTo("SUCCESS");

    accepted(refund(transactionId, id("RF"), 30));

    JsonNode order = client.queryByOutTradeNo(outTradeNo).json();
    assertThat(order.path("trade_state").asString()).isEqualTo("REFUND");
    assertThat(order.path("trade_state_desc").asString()).isEqualTo("转入退款");
    assertThat(order.path("transaction_id").asString()).isEqualTo(transactionId);
    assertThat(order.at("/amount/payer_total").asInt()).isEqualTo(100);
    assertThat(client.queryById(transactionId).json().path("trade_state").asString())
        .isEqualTo("REFUND");
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("REFUND");
    Answer close = client.close(outTradeNo);
    assertThat(close.status()).isEqualTo(403);
    assertThat(close.code()).isEqualTo("TRADE_ERROR");
  }

  @Test
  void partialRefundsAMinuteApartMaySumToTheTotal() {
    String transactionId = paidOrder(id("RF_ORDER"));

    accepted(refund(transactionId, id("RF"), 30));
    simulator.advanceClock(Duration.ofMinutes(1));
    accepted(refund(transactionId, id("RF"), 30));
    simulator.advanceClock(Duration.ofMinutes(1));
    accepted(refund(transactionId, id("RF"), 40));

    assertThat(simulator.refunds())
        .extracting(SimulatorRefund::refund)
        .containsExactly(30L, 30L, 40L);
  }

  @Test
  void refundOverTheRemainingRefundableAmountIsRefused() {
    String transactionId = paidOrder(id("RF_ORDER"));
    accepted(refund(transactionId, id("RF"), 60));
    simulator.advanceClock(Duration.ofMinutes(1));

    Answer over = refund(transactionId, id("RF"), 41);

    assertInvalidRequest(over, "申请退款金额超过订单可退金额 (refund 41 > refundable 40 of total 100)");
    assertThat(over.signedBy(platformKey)).isTrue();
    accepted(refund(transactionId, id("RF"), 40));
    simulator.advanceClock(Duration.ofMinutes(1));
    assertInvalidRequest(refund(transactionId, id("RF"), 1), "refundable 0");
  }

  @Test
  void closedRefundsAmountIsRefundableAgainUnderANewOutRefundNo() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String first = id("RF");
    accepted(refund(transactionId, first, 100));

    simulator.closeRefund(first);
    simulator.advanceClock(Duration.ofMinutes(1));

    assertThat(accepted(refund(transactionId, first, 100)).json().path("status").asString())
        .isEqualTo("CLOSED");
    accepted(refund(transactionId, id("RF"), 100));
  }

  @Test
  void fiftyFirstRefundOfAnOrderIsRefused() {
    String transactionId = paidOrder(id("RF_ORDER"));
    for (int i = 0; i < RefundBook.MAX_REFUNDS_PER_ORDER; i++) {
      accepted(refund(transactionId, id("RF"), 1));
      simulator.advanceClock(Duration.ofMinutes(1));
    }

    assertInvalidRequest(
        refund(transactionId, id("RF"), 1), "退款次数超过限制 (an order can have at most 50 refunds");
    assertThat(simulator.refunds()).hasSize(50);
  }

  @Test
  void secondRefundOfAnOrderWithinAMinuteIsRefused() {
    String transactionId = paidOrder(id("RF_ORDER"));
    accepted(refund(transactionId, id("RF"), 10));
    simulator.advanceClock(Duration.ofSeconds(59));

    assertInvalidRequest(refund(transactionId, id("RF"), 10), "同一笔订单多次退款的请求需相隔1分钟");

    simulator.advanceClock(Duration.ofSeconds(1));
    accepted(refund(transactionId, id("RF"), 10));
  }

  @Test
  void refundMoreThan365DaysAfterPaymentIsRefused() {
    try (WechatPaySimulator own = WechatPaySimulator.builder().start()) {
      TestClient ownClient = new TestClient(own);
      String outTradeNo = id("RF_ORDER");
      ownClient.prepayJsapi(outTradeNo);
      String transactionId = own.pay(outTradeNo).transactionId();
      own.advanceClock(Duration.ofDays(365));

      Answer answer = ownClient.post(REFUNDS, refundBody(transactionId, id("RF"), 1));

      assertInvalidRequest(answer, "订单已超过退款期限");
    }
  }

  // ---------------------------------------------------------------- idempotency (out_refund_no)

  @Test
  void sameOutRefundNoWithTheSameParametersReturnsTheSameRefund() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String outRefundNo = id("RF");
    JsonNode first = accepted(refund(transactionId, outRefundNo, 25)).json();

    JsonNode again = accepted(refund(transactionId, outRefundNo, 25)).json();

    assertThat(again.path("refund_id").asString()).isEqualTo(first.path("refund_id").asString());
    assertThat(again.path("create_time")).isEqualTo(first.path("create_time"));
    assertThat(simulator.refunds()).hasSize(1);
  }

  @Test
  void sameOutRefundNoWithADifferentAmountIsRefused() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String outRefundNo = id("RF");
    accepted(refund(transactionId, outRefundNo, 25));

    assertInvalidRequest(refund(transactionId, outRefundNo, 26), "订单金额或退款金额与之前请求不一致");
    simulator.advanceClock(Duration.ofMinutes(1));
    String otherOrder = paidOrder(id("RF_ORDER"));
    assertInvalidRequest(refund(otherOrder, outRefundNo, 25), "订单金额或退款金额与之前请求不一致");
    assertThat(simulator.refunds())
        .singleElement()
        .extracting(SimulatorRefund::refund)
        .isEqualTo(25L);
  }

  // ---------------------------------------------------------------- orders that cannot be refunded

  @Test
  void unpaidOrUnknownOrderCannotBeRefunded() {
    String unpaid = id("RF_ORDER");
    client.post(
        "/v3/pay/transactions/jsapi",
        TestClient.prepayBody(merchant, unpaid, notifyUrl(), TestClient.PAYER));

    Answer byOutTradeNo =
        client.post(
            REFUNDS,
            "{\"out_trade_no\":\""
                + unpaid
                + "\",\"out_refund_no\":\""
                + id("RF")
                + "\",\"amount\":{\"refund\":1,\"total\":100,\"currency\":\"CNY\"}}");
    Answer unknown = refund("4200000000000000000000000000", id("RF"), 1);

    assertThat(byOutTradeNo.status()).isEqualTo(404);
    assertThat(byOutTradeNo.code()).isEqualTo("RESOURCE_NOT_EXISTS");
    assertThat(byOutTradeNo.json().path("message").asString())
        .contains("is NOTPAY: only paid orders can be refunded");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("RESOURCE_NOT_EXISTS");
    assertThat(simulator.refunds()).isEmpty();
  }

  @Test
  void requestMustNameTheOrderOnceAndWithItsTotal() {
    String outTradeNo = id("RF_ORDER");
    String transactionId = paidOrder(outTradeNo);
    String other = id("RF_ORDER");
    paidOrder(other);

    Answer neither =
        client.post(
            REFUNDS,
            "{\"out_refund_no\":\""
                + id("RF")
                + "\",\"amount\":{\"refund\":1,\"total\":100,\"currency\":\"CNY\"}}");
    Answer mismatched =
        client.post(
            REFUNDS,
            "{\"transaction_id\":\""
                + transactionId
                + "\",\"out_trade_no\":\""
                + other
                + "\",\"out_refund_no\":\""
                + id("RF")
                + "\",\"amount\":{\"refund\":1,\"total\":100,\"currency\":\"CNY\"}}");
    Answer bothSame =
        client.post(
            REFUNDS,
            "{\"transaction_id\":\""
                + transactionId
                + "\",\"out_trade_no\":\""
                + outTradeNo
                + "\",\"out_refund_no\":\""
                + id("RF")
                + "\",\"amount\":{\"refund\":1,\"total\":100,\"currency\":\"CNY\"}}");
    Answer wrongTotal =
        client.post(
            REFUNDS,
            refundBody(transactionId, id("RF"), 1).replace("\"total\":100", "\"total\":99"));

    TestClient.assertParamError(neither, "/transaction_id", "body");
    assertInvalidRequest(mismatched, "transaction_id和out_trade_no不匹配");
    accepted(bothSame);
    TestClient.assertParamError(wrongTotal, "/amount/total", "body");
  }

  @Test
  void specValidationCoversTheRefundRoutes() {
    String transactionId = paidOrder(id("RF_ORDER"));

    TestClient.assertParamError(query("R%201"), "out_refund_no", "path");
    TestClient.assertParamError(query("R".repeat(65)), "out_refund_no", "path");
    TestClient.assertParamError(
        client.post(REFUNDS, refundBody(transactionId, id("RF"), 0)), "/amount/refund", "body");
    TestClient.assertParamError(
        client.post(
            REFUNDS, refundBody(transactionId, id("RF"), 1).replace(",\"currency\":\"CNY\"", "")),
        "/amount/currency",
        "body");
    TestClient.assertParamError(
        client.post(
            REFUNDS,
            refundBody(transactionId, id("RF"), 1).replace("\"refund\":1", "\"refund\":1.5")),
        "/amount/refund",
        "body");
    TestClient.assertParamError(
        client.post(
            REFUNDS,
            refundBody(transactionId, id("RF"), 1)
                .replace("\"reason\":\"商品已售完\"", "\"reason\":\"" + "退".repeat(81) + "\"")),
        "/reason",
        "body");
    TestClient.assertParamError(
        client.post(
            REFUNDS + "/50300000000000000000000000000/apply-abnormal-refund",
            "{\"out_refund_no\":\"R1\",\"type\":\"USER_BANK_CARD\",\"bank_type\":\"XYZ_DEBIT\"}"),
        "/bank_type",
        "body");
    TestClient serialClient = new TestClient(simulator);
    serialClient.wechatpaySerial = "X".repeat(65);
    TestClient.assertParamError(
        serialClient.post(
            REFUNDS + "/50300000000000000000000000000/apply-abnormal-refund",
            "{\"out_refund_no\":\"R1\",\"type\":\"MERCHANT_BANK_CARD\"}"),
        "Wechatpay-Serial",
        "header");
    assertThat(simulator.refunds()).isEmpty();
  }

  // ---------------------------------------------------------------- lifecycle

  @Test
  void processingRefundSucceedsOnceTheDelayHasPassedOnTheSimulatorClock() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String outRefundNo = id("RF");
    accepted(refund(transactionId, outRefundNo, 100));
    Instant created = simulator.refund(outRefundNo).orElseThrow().createTime();

    simulator.advanceClock(DELAY.minusSeconds(1));
    assertThat(accepted(query(outRefundNo)).json().path("status").asString())
        .isEqualTo("PROCESSING");
    simulator.advanceClock(Duration.ofSeconds(1));
    JsonNode done = accepted(query(outRefundNo)).json();

    assertThat(done.path("status").asString()).isEqualTo("SUCCESS");
    assertThat(done.path("success_time").asString()).isEqualTo(Order.rfc3339(created.plus(DELAY)));
    assertThat(simulator.refund(outRefundNo).orElseThrow().successTime())
        .isEqualTo(created.plus(DELAY));
    JsonNode resource =
        verifiedResource(
            notification(outRefundNo, "REFUND.SUCCESS"), platformKey, "REFUND.SUCCESS", "退款成功");
    assertThat(resource.path("refund_status").asString()).isEqualTo("SUCCESS");
    assertThat(resource.path("success_time").asString())
        .isEqualTo(done.path("success_time").asString());
  }

  @Test
  void refundSucceedsAfterTheScaledDelayInRealTimeWithoutTouchingTheClock() {
    try (WechatPaySimulator fast =
        WechatPaySimulator.builder()
            .refundDelay(Duration.ofMinutes(1))
            .notificationTimeScale(0.0001) // one minute becomes 6 ms
            .start()) {
      TestClient fastClient = new TestClient(fast);
      String outTradeNo = id("RF_ORDER");
      fastClient.prepayJsapi(outTradeNo);
      String transactionId = fast.pay(outTradeNo).transactionId();
      String outRefundNo = id("RF");

      Answer created = fastClient.post(REFUNDS, refundBody(transactionId, outRefundNo, 100));
      assertThat(created.json().path("status").asString()).isEqualTo("PROCESSING");

      NotificationAttempt success = null;
      for (int seen = 0; success == null; ) {
        List<NotificationAttempt> log = fast.awaitNotifications(seen + 1, Duration.ofSeconds(10));
        success =
            log.stream()
                .filter(a -> "REFUND.SUCCESS".equals(a.eventType()))
                .findFirst()
                .orElse(null);
        seen = log.size();
      }
      assertThat(success.outRefundNo()).isEqualTo(outRefundNo);
      assertThat(success.delivered()).isTrue();
      assertThat(fastClient.get(REFUNDS + "/" + outRefundNo).json().path("status").asString())
          .isEqualTo("SUCCESS");
    }
  }

  @Test
  void scriptedAbnormalRefundIsQueriedAndNotifiedAsAbnormal() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String outRefundNo = id("RF");
    accepted(refund(transactionId, outRefundNo, 100));

    assertThat(simulator.markRefundAbnormal(outRefundNo).status()).isEqualTo("ABNORMAL");

    assertThat(accepted(query(outRefundNo)).json().path("status").asString()).isEqualTo("ABNORMAL");
    simulator.advanceClock(DELAY); // ABNORMAL is not PROCESSING: the delay no longer applies
    assertThat(query(outRefundNo).json().path("status").asString()).isEqualTo("ABNORMAL");
    JsonNode resource =
        verifiedResource(
            notification(outRefundNo, "REFUND.ABNORMAL"), platformKey, "REFUND.ABNORMAL", "退款异常");
    assertThat(resource.path("refund_status").asString()).isEqualTo("ABNORMAL");
    assertThat(resource.has("success_time")).isFalse();
  }

  @Test
  void scriptedCloseIsFinalAndNotified() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String outRefundNo = id("RF");
    accepted(refund(transactionId, outRefundNo, 100));

    simulator.closeRefund(outRefundNo);

    assertThat(accepted(query(outRefundNo)).json().path("status").asString()).isEqualTo("CLOSED");
    assertThatThrownBy(() -> simulator.succeedRefund(outRefundNo))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("REFUND_NOT_CHANGEABLE: refund " + outRefundNo + " is CLOSED, not PROCESSING");
    assertThatThrownBy(() -> simulator.markRefundAbnormal("NO_SUCH_REFUND"))
        .isInstanceOf(NoSuchElementException.class);
    JsonNode resource =
        verifiedResource(
            notification(outRefundNo, "REFUND.CLOSED"), platformKey, "REFUND.CLOSED", "退款关闭");
    assertThat(resource.path("refund_status").asString()).isEqualTo("CLOSED");
  }

  @Test
  void notificationsOfEachEventTypeAreDeliveredSignedAndDecryptable() {
    String[] outTradeNos = {id("RF_ORDER"), id("RF_ORDER"), id("RF_ORDER")};
    String[] outRefundNos = {id("RF"), id("RF"), id("RF")};
    String[] transactionIds = new String[3];
    for (int i = 0; i < 3; i++) {
      transactionIds[i] = paidOrder(outTradeNos[i]);
      accepted(refund(transactionIds[i], outRefundNos[i], 10 + i));
    }

    simulator.succeedRefund(outRefundNos[0]);
    simulator.markRefundAbnormal(outRefundNos[1]);
    simulator.closeRefund(outRefundNos[2]);

    String[][] events = {
      {"REFUND.SUCCESS", "退款成功", "SUCCESS"},
      {"REFUND.ABNORMAL", "退款异常", "ABNORMAL"},
      {"REFUND.CLOSED", "退款关闭", "CLOSED"}
    };
    for (int i = 0; i < 3; i++) {
      NotificationAttempt attempt = notification(outRefundNos[i], events[i][0]);
      assertThat(attempt.outTradeNo()).isEqualTo(outTradeNos[i]);
      assertThat(attempt.url()).isEqualTo(notifyUrl());
      assertThat(attempt.requestHeaders().get("Wechatpay-Serial"))
          .isEqualTo(merchant.platformSerialNumber());
      assertThat(attempt.requestBody()).doesNotContain(outRefundNos[i]);
      JsonNode resource = verifiedResource(attempt, platformKey, events[i][0], events[i][1]);
      assertThat(resource.path("mchid").asString()).isEqualTo(merchant.merchantId());
      assertThat(resource.path("out_trade_no").asString()).isEqualTo(outTradeNos[i]);
      assertThat(resource.path("transaction_id").asString()).isEqualTo(transactionIds[i]);
      assertThat(resource.path("out_refund_no").asString()).isEqualTo(outRefundNos[i]);
      assertThat(resource.path("refund_id").asString())
          .isEqualTo(simulator.refund(outRefundNos[i]).orElseThrow().refundId());
      assertThat(resource.path("refund_status").asString()).isEqualTo(events[i][2]);
      assertThat(resource.has("success_time")).isEqualTo(i == 0);
      assertThat(resource.path("user_received_account").asString()).isEqualTo("支付用户零钱");
      assertThat(resource.path("amount").toString())
          .isEqualTo(
              "{\"total\":100,\"refund\":"
                  + (10 + i)
                  + ",\"payer_total\":100,\"payer_refund\":"
                  + (10 + i)
                  + "}");
      assertThat(resource.has("channel")).isFalse();
      assertThat(resource.has("create_time")).isFalse();
    }
  }

  @Test
  void refundRequestedInPublicKeyModeIsAnsweredAndNotifiedWithThePublicKey() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String outRefundNo = id("RF");
    TestClient publicKeyClient = new TestClient(simulator);
    publicKeyClient.wechatpaySerial = merchant.wechatPayPublicKeyId();

    Answer answer = publicKeyClient.post(REFUNDS, refundBody(transactionId, outRefundNo, 5));
    simulator.succeedRefund(outRefundNo);

    assertThat(answer.header("Wechatpay-Serial")).isEqualTo(merchant.wechatPayPublicKeyId());
    assertThat(answer.signedBy(merchant.wechatPayPublicKey())).isTrue();
    NotificationAttempt attempt = notification(outRefundNo, "REFUND.SUCCESS");
    assertThat(attempt.requestHeaders().get("Wechatpay-Serial"))
        .isEqualTo(merchant.wechatPayPublicKeyId());
    verifiedResource(attempt, merchant.wechatPayPublicKey(), "REFUND.SUCCESS", "退款成功");
  }

  @Test
  void refundWithoutNotifyUrlIsNotNotified() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String quiet = id("RF");
    client.post(
        REFUNDS,
        refundBody(transactionId, quiet, 1).replace(",\"notify_url\":\"" + notifyUrl() + "\"", ""));
    simulator.advanceClock(Duration.ofMinutes(1));
    String loud = id("RF");
    accepted(refund(transactionId, loud, 1));

    simulator.succeedRefund(quiet);
    simulator.succeedRefund(loud);

    notification(loud, "REFUND.SUCCESS"); // notifications go out in order: the quiet one had none
    assertThat(simulator.notifications())
        .extracting(NotificationAttempt::outRefundNo)
        .doesNotContain(quiet);
    assertThat(simulator.refund(quiet).orElseThrow().notifyUrl()).isNull();
  }

  // ---------------------------------------------------------------- abnormal refund (OAEP fields)

  /** JDK RSA-OAEP with SHA-1 and MGF1-SHA-1, Base64: what a merchant sends. */
  private static String jdkOaep(PublicKey key, String plaintext) throws Exception {
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    cipher.init(Cipher.ENCRYPT_MODE, key);
    return Base64.getEncoder()
        .encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
  }

  private static String abnormalBody(String outRefundNo, String bankAccount, String realName) {
    return "{\"out_refund_no\":\""
        + outRefundNo
        + "\",\"type\":\"USER_BANK_CARD\",\"bank_type\":\"CMB_DEBIT\",\"bank_account\":\""
        + bankAccount
        + "\",\"real_name\":\""
        + realName
        + "\"}";
  }

  /** An ABNORMAL refund of 100; returns its refund_id. */
  private static String abnormalRefund(String outRefundNo) {
    String transactionId = paidOrder(id("RF_ORDER"));
    String refundId =
        accepted(refund(transactionId, outRefundNo, 100)).json().path("refund_id").asString();
    simulator.markRefundAbnormal(outRefundNo);
    return refundId;
  }

  private static String abnormalPath(String refundId) {
    return REFUNDS + "/" + refundId + "/apply-abnormal-refund";
  }

  @Test
  void abnormalRefundDecryptsTheOaepFieldsWithTheWechatPayPublicKeysPrivateHalf() throws Exception {
    String outRefundNo = id("RF");
    String refundId = abnormalRefund(outRefundNo);
    TestClient publicKeyClient = new TestClient(simulator);
    publicKeyClient.wechatpaySerial = merchant.wechatPayPublicKeyId();
    PublicKey key = merchant.wechatPayPublicKey();

    Answer answer =
        publicKeyClient.post(
            abnormalPath(refundId),
            abnormalBody(outRefundNo, jdkOaep(key, "6214830000000403"), jdkOaep(key, "测试用户")));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.signedBy(key)).isTrue();
    JsonNode json = answer.json();
    assertThat(json.path("status").asString()).isEqualTo("PROCESSING");
    assertThat(json.path("channel").asString()).isEqualTo("OTHER_BANKCARD");
    assertThat(json.path("user_received_account").asString()).isEqualTo("招商银行借记卡0403");
    SimulatorRefund refund = simulator.refund(outRefundNo).orElseThrow();
    assertThat(refund.abnormalRefundType()).isEqualTo("USER_BANK_CARD");
    assertThat(refund.bankType()).isEqualTo("CMB_DEBIT");
    assertThat(refund.bankAccount()).isEqualTo("6214830000000403");
    assertThat(refund.realName()).isEqualTo("测试用户");
    assertThat(refund.toString()).doesNotContain("6214830000000403").doesNotContain("测试用户");
    Answer listed = control("GET", "/simulator/refunds/" + outRefundNo);
    assertThat(listed.body()).doesNotContain("6214830000000403").doesNotContain("测试用户");
    assertThat(listed.json().at("/abnormal_refund/bank_account_last4").asString())
        .isEqualTo("0403");

    simulator.advanceClock(DELAY);
    JsonNode done = query(outRefundNo).json();
    assertThat(done.path("status").asString()).isEqualTo("SUCCESS");
    assertThat(done.path("channel").asString()).isEqualTo("OTHER_BANKCARD");
    JsonNode resource =
        verifiedResource(
            notification(outRefundNo, "REFUND.SUCCESS"), platformKey, "REFUND.SUCCESS", "退款成功");
    assertThat(resource.path("user_received_account").asString()).isEqualTo("招商银行借记卡0403");
  }

  @Test
  void abnormalRefundDecryptsWithThePlatformCertificateThatWechatpaySerialNames() {
    String outRefundNo = id("RF");
    String refundId = abnormalRefund(outRefundNo);
    TestClient certificateClient = new TestClient(simulator);
    certificateClient.wechatpaySerial = merchant.platformSerialNumber();

    Answer answer =
        certificateClient.post(
            abnormalPath(refundId),
            abnormalBody(
                outRefundNo,
                TestCrypto.encryptOaep(platformKey, "6222020000001234"),
                TestCrypto.encryptOaep(platformKey, "张三")));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.signedBy(platformKey)).isTrue();
    assertThat(answer.json().path("user_received_account").asString()).isEqualTo("招商银行借记卡1234");
    assertThat(simulator.refund(outRefundNo).orElseThrow().realName()).isEqualTo("张三");
  }

  @Test
  void undecryptableOrUnattributableFieldsAreRefused() throws Exception {
    String outRefundNo = id("RF");
    String refundId = abnormalRefund(outRefundNo);
    TestClient publicKeyClient = new TestClient(simulator);
    publicKeyClient.wechatpaySerial = merchant.wechatPayPublicKeyId();
    PublicKey key = merchant.wechatPayPublicKey();
    String goodAccount = jdkOaep(key, "6214830000000403");
    String goodName = jdkOaep(key, "测试用户");

    // Encrypted for the wrong key (the platform certificate's) while naming the public key.
    Answer wrongKey =
        publicKeyClient.post(
            abnormalPath(refundId),
            abnormalBody(outRefundNo, jdkOaep(platformKey, "6214830000000403"), goodName));
    Answer notBase64 =
        publicKeyClient.post(
            abnormalPath(refundId), abnormalBody(outRefundNo, goodAccount, "not*base64"));
    Answer noSerial =
        client.post(abnormalPath(refundId), abnormalBody(outRefundNo, goodAccount, goodName));
    TestClient unknownSerialClient = new TestClient(simulator);
    unknownSerialClient.wechatpaySerial = "PUB_KEY_ID_0000000000000000000000000000000000";
    Answer unknownSerial =
        unknownSerialClient.post(
            abnormalPath(refundId), abnormalBody(outRefundNo, goodAccount, goodName));
    Answer missingName =
        publicKeyClient.post(
            abnormalPath(refundId),
            "{\"out_refund_no\":\""
                + outRefundNo
                + "\",\"type\":\"USER_BANK_CARD\",\"bank_type\":\"CMB_DEBIT\",\"bank_account\":\""
                + goodAccount
                + "\"}");

    TestClient.assertParamError(wrongKey, "/bank_account", "body");
    assertThat(wrongKey.json().at("/detail/issue").asString())
        .contains("cannot be decrypted with the private key of Wechatpay-Serial PUB_KEY_ID_");
    TestClient.assertParamError(notBase64, "/real_name", "body");
    TestClient.assertParamError(noSerial, "Wechatpay-Serial", "header");
    TestClient.assertParamError(unknownSerial, "Wechatpay-Serial", "header");
    TestClient.assertParamError(missingName, "/real_name", "body");
    assertThat(wrongKey.body() + notBase64.body()).doesNotContain("6214830000000403");
    assertThat(simulator.refund(outRefundNo).orElseThrow().status()).isEqualTo("ABNORMAL");
  }

  @Test
  void abnormalRefundNeedsAnAbnormalRefundAndItsOwnOutRefundNo() throws Exception {
    String transactionId = paidOrder(id("RF_ORDER"));
    String outRefundNo = id("RF");
    String refundId =
        accepted(refund(transactionId, outRefundNo, 100)).json().path("refund_id").asString();
    String merchantCard =
        "{\"out_refund_no\":\"" + outRefundNo + "\",\"type\":\"MERCHANT_BANK_CARD\"}";

    Answer processing = client.post(abnormalPath(refundId), merchantCard);
    Answer otherNumber =
        client.post(abnormalPath(refundId), merchantCard.replace(outRefundNo, "SOMEONE_ELSE"));
    Answer unknown = client.post(abnormalPath("50300000000000000000000000000"), merchantCard);

    assertInvalidRequest(processing, "is PROCESSING; only an ABNORMAL refund");
    TestClient.assertParamError(otherNumber, "/out_refund_no", "body");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("RESOURCE_NOT_EXISTS");

    simulator.markRefundAbnormal(outRefundNo);
    JsonNode sentOn = accepted(client.post(abnormalPath(refundId), merchantCard)).json();
    assertThat(sentOn.path("status").asString()).isEqualTo("PROCESSING");
    assertThat(sentOn.path("user_received_account").asString()).isEqualTo("商户结算银行账户");
  }

  // ---------------------------------------------------------------- faults, partner, control API

  @Test
  void faultsApplyToTheRefundRoutes() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String outRefundNo = id("RF");
    simulator.injectFault("createRefund", Fault.SYSTEM_ERROR, 1);

    Answer failed = refund(transactionId, outRefundNo, 10);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.code()).isEqualTo("SYSTEM_ERROR");
    assertThat(failed.signedBy(platformKey)).isTrue();
    assertThat(simulator.refunds()).isEmpty(); // an overload answer: nothing happened
    String refundId =
        accepted(refund(transactionId, outRefundNo, 10)).json().path("refund_id").asString();

    String lostTransaction = paidOrder(id("RF_ORDER"));
    String lost = id("RF");
    simulator.injectFault("createRefund", Fault.CONNECTION_RESET, 1);
    assertThatThrownBy(() -> refund(lostTransaction, lost, 10))
        .isInstanceOf(UncheckedIOException.class);
    // The refund took effect although the answer was lost: the query finds it, and re-sending the
    // same out_refund_no returns it instead of refunding twice.
    String lostId = accepted(query(lost)).json().path("refund_id").asString();
    assertThat(accepted(refund(lostTransaction, lost, 10)).json().path("refund_id").asString())
        .isEqualTo(lostId);

    simulator.injectFault("queryRefundByOutRefundNo", Fault.FREQUENCY_LIMITED, 1);
    Answer limited = query(outRefundNo);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("FREQUENCY_LIMITED");
    simulator.injectFault("applyAbnormalRefund", Fault.SERVICE_UNAVAILABLE, 1);
    Answer unavailable =
        client.post(
            abnormalPath(refundId),
            "{\"out_refund_no\":\"" + outRefundNo + "\",\"type\":\"MERCHANT_BANK_CARD\"}");
    assertThat(unavailable.status()).isEqualTo(503);
    simulator.injectFault("queryRefundByOutRefundNo", Fault.PROBE_SIGNATURE, 1);
    Answer probed = query(outRefundNo);
    assertThat(probed.header("Wechatpay-Signature")).startsWith("WECHATPAY/SIGNTEST/");
    assertThat(probed.signedBy(platformKey)).isFalse();
    assertThat(accepted(query(outRefundNo)).json().path("refund_id").asString())
        .isEqualTo(refundId);
  }

  @Test
  void partnerRefundNamesTheSubMerchantInBodyQueryAndNotification() {
    String outTradeNo = id("RF_PARTNER");
    Answer prepay =
        client.post(
            "/v3/pay/partner/transactions/jsapi",
            PartnerOrdersFunctionalTest.partnerBody(
                merchant, outTradeNo, notifyUrl(), "\"payer\":{\"sp_openid\":\"oSpOpenid0001\"}"));
    assertThat(prepay.status()).as(prepay.body()).isEqualTo(200);
    String transactionId = simulator.pay(outTradeNo).transactionId();
    String outRefundNo = id("RF");
    String partnerRefund =
        "{\"sub_mchid\":\""
            + merchant.subMerchantId()
            + "\",\"transaction_id\":\""
            + transactionId
            + "\",\"out_refund_no\":\""
            + outRefundNo
            + "\",\"notify_url\":\""
            + notifyUrl()
            + "\",\"amount\":{\"refund\":300,\"total\":300,\"currency\":\"CNY\"}}";

    Answer direct =
        client.post(REFUNDS, partnerRefund.replaceFirst("\"sub_mchid\":\"[0-9]+\",", ""));
    Answer strangerSub =
        client.post(REFUNDS, partnerRefund.replace(merchant.subMerchantId(), "1999999999"));
    JsonNode created = accepted(client.post(REFUNDS, partnerRefund)).json();

    assertThat(direct.status()).isEqualTo(404);
    assertThat(direct.code()).isEqualTo("RESOURCE_NOT_EXISTS");
    assertThat(strangerSub.status()).isEqualTo(400);
    assertThat(strangerSub.code()).isEqualTo("MCH_NOT_EXISTS");
    assertThat(created.path("out_trade_no").asString()).isEqualTo(outTradeNo);
    assertThat(created.at("/amount/total").asInt()).isEqualTo(300);
    assertThat(query(outRefundNo).status()).isEqualTo(404);
    JsonNode queried =
        accepted(client.get(REFUNDS + "/" + outRefundNo + "?sub_mchid=" + merchant.subMerchantId()))
            .json();
    assertThat(queried.path("refund_id")).isEqualTo(created.path("refund_id"));
    assertThat(simulator.refund(outRefundNo).orElseThrow().subMchid())
        .isEqualTo(merchant.subMerchantId());

    simulator.succeedRefund(outRefundNo);
    JsonNode resource =
        verifiedResource(
            notification(outRefundNo, "REFUND.SUCCESS"), platformKey, "REFUND.SUCCESS", "退款成功");
    assertThat(resource.path("sp_mchid").asString()).isEqualTo(merchant.merchantId());
    assertThat(resource.path("sub_mchid").asString()).isEqualTo(merchant.subMerchantId());
    assertThat(resource.has("mchid")).isFalse();
    assertThat(client.queryByOutTradeNo(outTradeNo).status())
        .as("a partner order is not found through the direct query")
        .isEqualTo(404);
  }

  @Test
  void controlApiListsAndScriptsRefunds() {
    String transactionId = paidOrder(id("RF_ORDER"));
    String first = id("RF");
    String second = id("RF");
    accepted(refund(transactionId, first, 10));
    simulator.advanceClock(Duration.ofMinutes(1));
    accepted(refund(transactionId, second, 20));

    Answer abnormal = control("POST", "/simulator/refunds/" + first + "/abnormal");
    Answer closed = control("POST", "/simulator/refunds/" + first + "/close");
    Answer succeeded = control("POST", "/simulator/refunds/" + second + "/succeed");
    Answer again = control("POST", "/simulator/refunds/" + second + "/abnormal");
    Answer missing = control("POST", "/simulator/refunds/NO_SUCH_REFUND/close");
    Answer list = control("GET", "/simulator/refunds");

    assertThat(abnormal.json().path("status").asString()).isEqualTo("ABNORMAL");
    assertThat(closed.json().path("status").asString()).isEqualTo("CLOSED");
    assertThat(succeeded.json().path("status").asString()).isEqualTo("SUCCESS");
    assertThat(succeeded.json().has("success_time")).isTrue();
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("REFUND_NOT_CHANGEABLE");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json()).hasSize(2);
    assertThat(list.json().get(0).path("out_refund_no").asString()).isEqualTo(first);
    assertThat(list.json().get(0).path("status").asString()).isEqualTo("CLOSED");
    assertThat(list.json().get(1).path("refund").asLong()).isEqualTo(20);
    assertThat(list.json().get(1).path("transaction_id").asString()).isEqualTo(transactionId);
    simulator.reset();
    assertThat(control("GET", "/simulator/refunds").json()).isEmpty();
  }
}
