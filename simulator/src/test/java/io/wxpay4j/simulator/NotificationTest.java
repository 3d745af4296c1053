package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NotificationTest {
  private final MockWebServer receiver = new MockWebServer();
  private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<RecordedRequest> received = new ConcurrentLinkedQueue<>();
  private volatile PublicKey verifyingKey;
  private WechatPaySimulator simulator;

  /**
   * A merchant's notify handler: verifies the signature (401 if wrong), then answers from the
   * script or 204.
   */
  @BeforeEach
  void startReceiver() throws Exception {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            received.add(request);
            String body = request.getBody().utf8();
            String message =
                request.getHeaders().get("Wechatpay-Timestamp")
                    + "\n"
                    + request.getHeaders().get("Wechatpay-Nonce")
                    + "\n"
                    + body
                    + "\n";
            String signature = request.getHeaders().get("Wechatpay-Signature");
            if (verifyingKey != null
                && (signature == null || !TestCrypto.verify(verifyingKey, message, signature))) {
              return new MockResponse.Builder()
                  .code(401)
                  .body("{\"code\":\"FAIL\",\"message\":\"bad signature\"}")
                  .build();
            }
            MockResponse next = script.poll();
            return next != null ? next : new MockResponse.Builder().code(204).build();
          }
        });
    receiver.start(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
    receiver.close();
  }

  private String notifyUrl() {
    return "http://127.0.0.1:" + receiver.getPort() + "/wxpay/notify";
  }

  private String prepayAndPay(TestClient client, String outTradeNo) {
    TestClient.Answer answer =
        client.post(
            "/v3/pay/transactions/jsapi",
            TestClient.prepayBody(
                client.merchant,
                outTradeNo,
                notifyUrl(),
                TestClient.PAYER + ",\"attach\":\"cart-7\""));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return simulator.pay(outTradeNo).transactionId();
  }

  @Test
  void paidOrderIsNotifiedWithSignedEncryptedTransaction() {
    simulator = WechatPaySimulator.builder().start();
    verifyingKey = simulator.merchant().platformCertificate().getPublicKey();
    String transactionId = prepayAndPay(new TestClient(simulator), "NOTIFY_0001");

    NotificationAttempt attempt = simulator.awaitNotifications(1, Duration.ofSeconds(10)).get(0);

    assertThat(attempt.delivered()).as(attempt.toString()).isTrue();
    assertThat(attempt.attempt()).isEqualTo(1);
    RecordedRequest request = received.poll();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/wxpay/notify");
    assertThat(request.getHeaders().names())
        .contains(
            "Wechatpay-Timestamp",
            "Wechatpay-Nonce",
            "Wechatpay-Signature",
            "Wechatpay-Serial",
            "Wechatpay-Signature-Type");
    assertThat(request.getHeaders().get("Wechatpay-Serial"))
        .isEqualTo(simulator.merchant().platformSerialNumber());
    JsonNode envelope = Json.parse(request.getBody().utf8());
    assertThat(envelope.path("event_type").asString()).isEqualTo("TRANSACTION.SUCCESS");
    assertThat(envelope.path("resource_type").asString()).isEqualTo("encrypt-resource");
    assertThat(envelope.path("id").asString()).isEqualTo(attempt.notificationId());
    JsonNode resource = envelope.path("resource");
    assertThat(resource.path("algorithm").asString()).isEqualTo("AEAD_AES_256_GCM");
    assertThat(resource.path("associated_data").asString()).isEqualTo("transaction");
    assertThat(resource.path("nonce").asString()).hasSize(12);
    JsonNode transaction =
        Json.parse(
            TestCrypto.decrypt(
                simulator.merchant().apiV3Key(),
                resource.path("nonce").asString(),
                "transaction",
                resource.path("ciphertext").asString()));
    assertThat(transaction.path("out_trade_no").asString()).isEqualTo("NOTIFY_0001");
    assertThat(transaction.path("transaction_id").asString()).isEqualTo(transactionId);
    assertThat(transaction.path("trade_state").asString()).isEqualTo("SUCCESS");
    assertThat(transaction.path("attach").asString()).isEqualTo("cart-7");
    assertThat(transaction.at("/payer/openid").asString())
        .isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assertThat(attempt.requestBody()).doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
  }

  @Test
  void failedAnswersAreRetriedWithTheSameNotificationUntil2xx() {
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.0001).start();
    script.add(
        new MockResponse.Builder()
            .code(500)
            .body("{\"code\":\"FAIL\",\"message\":\"失败\"}")
            .build());
    script.add(new MockResponse.Builder().code(404).build());
    script.add(
        new MockResponse.Builder()
            .code(200)
            .body("{\"code\":\"SUCCESS\",\"message\":\"成功\"}")
            .build());
    prepayAndPay(new TestClient(simulator), "NOTIFY_0002");

    List<NotificationAttempt> log = simulator.awaitNotifications(3, Duration.ofSeconds(10));

    assertThat(log).extracting(NotificationAttempt::attempt).containsExactly(1, 2, 3);
    assertThat(log).extracting(NotificationAttempt::statusCode).containsExactly(500, 404, 200);
    assertThat(log)
        .extracting(NotificationAttempt::responseBody)
        .containsExactly(
            "{\"code\":\"FAIL\",\"message\":\"失败\"}",
            "",
            "{\"code\":\"SUCCESS\",\"message\":\"成功\"}");
    assertThat(log)
        .extracting(NotificationAttempt::notificationId)
        .containsOnly(log.get(0).notificationId());
    assertThat(log.get(2).delivered()).isTrue();
    assertThat(log.get(0).requestHeaders().get("Wechatpay-Nonce"))
        .isNotEqualTo(log.get(1).requestHeaders().get("Wechatpay-Nonce"));
  }

  @Test
  void noAnswerWithinTheTimeoutIsRetried() {
    simulator =
        WechatPaySimulator.builder()
            .notificationTimeScale(0.0001)
            .notificationTimeout(Duration.ofMillis(200))
            .start();
    script.add(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).build());
    prepayAndPay(new TestClient(simulator), "NOTIFY_0003");

    List<NotificationAttempt> log = simulator.awaitNotifications(2, Duration.ofSeconds(10));

    assertThat(log.get(0).statusCode()).isZero();
    assertThat(log.get(0).error()).isNotBlank();
    assertThat(log.get(1).delivered()).isTrue();
  }

  @Test
  void retriesStopAfterSixteenAttempts() {
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.00001).start();
    for (int i = 0; i < 20; i++) {
      script.add(new MockResponse.Builder().code(503).build());
    }
    prepayAndPay(new TestClient(simulator), "NOTIFY_0004");

    List<NotificationAttempt> log = simulator.awaitNotifications(16, Duration.ofSeconds(20));

    assertThat(log).hasSize(16);
    assertThat(log.get(15).attempt()).isEqualTo(16);
    assertThat(Notifier.RETRY_INTERVALS).hasSize(15);
    assertThat(Notifier.RETRY_INTERVALS.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofHours(24).plusMinutes(4));
    assertThatThrownBy(() -> simulator.awaitNotifications(17, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("got 16");
  }

  @Test
  void probeSignatureIsRejectedByAVerifyingMerchantAndThenResentCorrectly() {
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.0001).start();
    verifyingKey = simulator.merchant().platformCertificate().getPublicKey();
    simulator.injectFault("notification", Fault.PROBE_SIGNATURE, 1);
    prepayAndPay(new TestClient(simulator), "NOTIFY_0005");

    List<NotificationAttempt> log = simulator.awaitNotifications(2, Duration.ofSeconds(10));

    assertThat(log.get(0).fault()).isEqualTo("PROBE_SIGNATURE");
    assertThat(log.get(0).requestHeaders().get("Wechatpay-Signature"))
        .startsWith("WECHATPAY/SIGNTEST/");
    assertThat(log.get(0).statusCode()).isEqualTo(401);
    assertThat(log.get(1).fault()).isNull();
    assertThat(log.get(1).delivered()).isTrue();
  }

  @Test
  void orderPlacedInPublicKeyModeIsNotifiedWithThePublicKey() {
    simulator = WechatPaySimulator.builder().start();
    verifyingKey = simulator.merchant().wechatPayPublicKey();
    TestClient client = new TestClient(simulator);
    client.wechatpaySerial = simulator.merchant().wechatPayPublicKeyId();
    prepayAndPay(client, "NOTIFY_0006");

    NotificationAttempt attempt = simulator.awaitNotifications(1, Duration.ofSeconds(10)).get(0);

    assertThat(attempt.delivered()).as(attempt.toString()).isTrue();
    assertThat(attempt.requestHeaders().get("Wechatpay-Serial"))
        .isEqualTo(simulator.merchant().wechatPayPublicKeyId());
  }

  @Test
  void failedPaymentSendsNoNotification() {
    simulator = WechatPaySimulator.builder().start();
    TestClient client = new TestClient(simulator);
    client.post(
        "/v3/pay/transactions/jsapi",
        TestClient.prepayBody(client.merchant, "NOTIFY_0007", notifyUrl(), TestClient.PAYER));

    simulator.fail("NOTIFY_0007");
    prepayAndPay(
        client, "NOTIFY_0008"); // a later notification, to know the queue has drained up to here

    List<NotificationAttempt> log = simulator.awaitNotifications(1, Duration.ofSeconds(10));
    assertThat(log).extracting(NotificationAttempt::outTradeNo).containsExactly("NOTIFY_0008");
    assertThat(received).hasSize(1);
  }

  // ---------------------------------------------------------------- where notifications may go

  private void prepay(TestClient client, String outTradeNo, String notifyUrl) {
    TestClient.Answer answer =
        client.post(
            "/v3/pay/transactions/jsapi",
            TestClient.prepayBody(client.merchant, outTradeNo, notifyUrl, TestClient.PAYER));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void notificationToPublicHostIsNotSent() {
    // A test that copies a placeholder notify_url must not post (encrypted) payment data to
    // whoever owns that address. 203.0.113.7 is a public (documentation) address.
    simulator = WechatPaySimulator.builder().notificationTimeScale(0).start();
    TestClient client = new TestClient(simulator);
    prepay(client, "NOTIFY_0101", "https://203.0.113.7/wxpay/notify");
    simulator.pay("NOTIFY_0101");

    NotificationAttempt refused = simulator.awaitNotifications(1, Duration.ofSeconds(10)).get(0);
    prepayAndPay(client, "NOTIFY_0102"); // a later notification, to know the queue has drained
    simulator.awaitNotifications(2, Duration.ofSeconds(10));

    assertThat(refused.outTradeNo()).isEqualTo("NOTIFY_0101");
    assertThat(refused.sent()).isFalse();
    assertThat(refused.delivered()).isFalse();
    assertThat(refused.statusCode()).isZero();
    assertThat(refused.requestHeaders()).isEmpty();
    assertThat(refused.error())
        .isEqualTo(
            "not sent: notify_url host 203.0.113.7 is not a loopback or private address; the"
                + " simulator sends notifications only to loopback and private addresses. To send"
                + " them to this host, allow it:"
                + " WechatPaySimulator.builder().allowNotificationHosts(\"203.0.113.7\") or"
                + " --allow-notification-host 203.0.113.7");
    // Not retried (time scale 0 would have retried at once), and nothing else was refused.
    assertThat(simulator.notifications())
        .filteredOn(n -> n.outTradeNo().equals("NOTIFY_0101"))
        .hasSize(1);
    assertThat(simulator.notifications())
        .filteredOn(n -> n.outTradeNo().equals("NOTIFY_0102"))
        .allSatisfy(n -> assertThat(n.sent()).isTrue());
    assertThat(received).hasSize(1);
  }

  @Test
  void placeholderExampleComNotifyUrlNeverLeavesTheMachine() {
    // As in the client's tests: refused whether example.com resolves here (to a public address)
    // or not at all (no DNS in a sandbox).
    simulator = WechatPaySimulator.builder().start();
    prepay(new TestClient(simulator), "NOTIFY_0103", "https://example.com/wechatpay/notify");
    simulator.pay("NOTIFY_0103");

    NotificationAttempt refused = simulator.awaitNotifications(1, Duration.ofSeconds(10)).get(0);

    assertThat(refused.sent()).isFalse();
    assertThat(refused.error())
        .startsWith("not sent: notify_url host example.com ")
        .containsAnyOf(", not a loopback or private address", " cannot be resolved (")
        .contains("allowNotificationHosts(\"example.com\")");
  }

  @Test
  void notificationHostThatRebindsToAPublicAddressIsNotSent() {
    // The name passes the check, then resolves to a public address when the client connects.
    AtomicInteger lookups = new AtomicInteger();
    simulator =
        WechatPaySimulator.builder()
            .notificationResolver(
                host ->
                    List.of(
                        InetAddress.getByAddress(
                            host,
                            lookups.getAndIncrement() == 0
                                ? new byte[] {127, 0, 0, 1}
                                : new byte[] {(byte) 203, 0, 113, 7})))
            .start();
    prepay(new TestClient(simulator), "NOTIFY_0104", "https://merchant.test:9/notify");
    simulator.pay("NOTIFY_0104");

    NotificationAttempt refused = simulator.awaitNotifications(1, Duration.ofSeconds(10)).get(0);

    assertThat(lookups.get()).isEqualTo(2);
    assertThat(refused.sent()).isFalse();
    assertThat(refused.error())
        .startsWith(
            "not sent: notify_url host merchant.test now resolves to 203.0.113.7, not a loopback"
                + " or private address;");
  }

  @Test
  void nameThatResolvesToAPrivateAddressIsSent() {
    simulator =
        WechatPaySimulator.builder()
            .notificationResolver(
                host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})))
            .start();
    // https, as WeChat Pay wants for a name; the plain-http receiver fails the handshake.
    prepay(
        new TestClient(simulator),
        "NOTIFY_0105",
        "https://merchant.test:" + receiver.getPort() + "/notify");
    simulator.pay("NOTIFY_0105");

    NotificationAttempt attempt = simulator.awaitNotifications(1, Duration.ofSeconds(10)).get(0);

    assertThat(attempt.sent()).as(attempt.toString()).isTrue();
    assertThat(attempt.error()).doesNotStartWith("not sent");
    assertThat(attempt.requestHeaders()).containsKey("Wechatpay-Signature");
  }

  @Test
  void redirectIsNotFollowed() {
    // A loopback receiver must not be able to send the notification on to a public address.
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.0001).start();
    script.add(
        new MockResponse.Builder()
            .code(307)
            .setHeader("Location", "https://203.0.113.7/collect")
            .build());
    prepayAndPay(new TestClient(simulator), "NOTIFY_0106");

    List<NotificationAttempt> log = simulator.awaitNotifications(2, Duration.ofSeconds(10));

    assertThat(log).extracting(NotificationAttempt::statusCode).containsExactly(307, 204);
    assertThat(log.get(0).delivered()).isFalse();
    assertThat(log.get(0).sent()).isTrue();
    assertThat(received).hasSize(2);
  }
}
