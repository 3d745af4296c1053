package io.wxpay4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.model.Amount;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.NotificationAttempt;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A Spring MVC application with only the starter and properties: orders through the client bean,
 * the simulator pays, and the notification arrives over loopback HTTP at the starter's endpoint,
 * verified, as a {@code PaymentSucceeded} application event.
 */
@SpringBootTest(
    classes = TestShop.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "wxpay4j.simulator.enabled=true",
      "wxpay4j.notify.path=/wechatpay/notify",
      "spring.main.web-application-type=servlet",
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always"
    })
class MvcNotificationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Autowired WechatPayClient wechatPay;
  @Autowired WechatPaySimulator simulator;
  @Autowired TestShop.Paid paid;
  @Autowired MeterRegistry meters;

  @Value("${local.server.port}")
  int port;

  private void order(String outTradeNo) {
    wechatPay
        .orders()
        .prepayNative(
            o -> o.description("Spring Boot test").outTradeNo(outTradeNo).amount(total(1)));
  }

  private static Amount total(int fen) {
    return Amount.builder().total(fen).build();
  }

  @Test
  void paidOrderReachesTheListenerAsATypedEvent() {
    order("MVC_PAID_1");
    simulator.pay("MVC_PAID_1");

    NotificationAttempt attempt = delivered("MVC_PAID_1");
    assertThat(attempt.statusCode()).as(attempt.toString()).isEqualTo(204);
    assertThat(paid.payments)
        .anySatisfy(
            e -> {
              assertThat(e.transaction().getOutTradeNo()).isEqualTo("MVC_PAID_1");
              assertThat(e.transaction().getTradeState().toString()).isEqualTo("SUCCESS");
              assertThat(e.transaction().getMchid()).isEqualTo(wechatPay.merchantId());
            });
    assertThat(
            meters
                .get("wxpay4j.client.calls")
                .tags("merchant", "default", "operation", "prepayNative", "outcome", "success")
                .timer()
                .count())
        .isPositive();
    assertThat(meters.get("wxpay4j.notifications").tags("status", "204").counter().count())
        .isPositive();
  }

  @Test
  void listenerThatThrowsIsAnswered500SoWechatPaySendsItAgain() {
    String outTradeNo = TestShop.FAILING_PREFIX + "_MVC_1";
    order(outTradeNo);
    simulator.pay(outTradeNo);

    NotificationAttempt attempt = delivered(outTradeNo);
    assertThat(attempt.statusCode()).as(attempt.toString()).isEqualTo(500);
    assertThat(paid.payments).noneMatch(e -> e.transaction().getOutTradeNo().equals(outTradeNo));
  }

  @Test
  void forgedNotificationIsRefused401AndShownInHealth() {
    HttpResponse<String> forged =
        Http.post(
            "http://127.0.0.1:" + port + "/wechatpay/notify",
            Map.of(
                "Content-Type", "application/json",
                "Wechatpay-Timestamp", Long.toString(System.currentTimeMillis() / 1000),
                "Wechatpay-Nonce", "forged",
                "Wechatpay-Serial", simulator.merchant().wechatPayPublicKeyId(),
                "Wechatpay-Signature", "AAAA"),
            "{\"id\":\"forged\",\"resource\":{}}".getBytes());

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("\"code\":\"FAIL\"");
    HttpResponse<String> health = Http.get("http://127.0.0.1:" + port + "/actuator/health/wechatPay");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"status\":\"UP\"", "\"keysLoaded\":true", "\"lastVerificationFailure\"")
        .contains("\"source\":\"notification\"");
    assertThat(
            meters
                .get("wxpay4j.verification.failures")
                .tags("source", "notification")
                .counter()
                .count())
        .isPositive();
  }

  @Test
  void bodyOverTheCapIsRefused413WithoutVerification() {
    HttpResponse<String> answer =
        Http.post(
            "http://127.0.0.1:" + port + "/wechatpay/notify",
            Map.of("Content-Type", "application/json"),
            new byte[64 * 1024 + 1]);

    assertThat(answer.statusCode()).isEqualTo(413);
  }

  @Test
  void retriedCallIsCountedOnce() {
    order("MVC_RETRY_1");
    simulator.injectFault("queryOrderByOutTradeNo", Fault.SERVICE_UNAVAILABLE, 1);

    assertThat(wechatPay.orders().queryByOutTradeNo("MVC_RETRY_1").body().getOutTradeNo())
        .isEqualTo("MVC_RETRY_1");
    assertThat(
            meters
                .get("wxpay4j.client.retries")
                .tags("operation", "queryOrderByOutTradeNo")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  private NotificationAttempt delivered(String outTradeNo) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<NotificationAttempt> attempts = simulator.notifications();
      for (NotificationAttempt a : attempts) {
        if (a.outTradeNo().equals(outTradeNo) && a.sent()) {
          return a;
        }
      }
      simulator.awaitNotifications(attempts.size() + 1, WAIT);
    }
    throw new AssertionError("no notification of " + outTradeNo + ": " + simulator.notifications());
  }
}
