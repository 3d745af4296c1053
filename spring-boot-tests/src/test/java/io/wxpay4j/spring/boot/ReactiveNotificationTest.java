package io.wxpay4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.model.Amount;
import io.wxpay4j.simulator.NotificationAttempt;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** The same application on WebFlux (Reactor Netty): the endpoint and the events are the same. */
@SpringBootTest(
    classes = TestShop.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "wxpay4j.simulator.enabled=true",
      "wxpay4j.notify.path=/pay/wechat",
      "wxpay4j.notify.max-body-bytes=4096",
      "spring.main.web-application-type=reactive"
    })
class ReactiveNotificationTest {
  @Autowired WechatPayClient wechatPay;
  @Autowired WechatPaySimulator simulator;
  @Autowired TestShop.Paid paid;
  @Autowired ApplicationContext context;

  @Value("${local.server.port}")
  int port;

  private NotificationAttempt payAndAwait(String outTradeNo) {
    wechatPay
        .orders()
        .prepayNative(
            o ->
                o.description("WebFlux test")
                    .outTradeNo(outTradeNo)
                    .amount(Amount.builder().total(2).build()));
    int before = simulator.notifications().size();
    simulator.pay(outTradeNo);
    return simulator.awaitNotifications(before + 1, Duration.ofSeconds(10)).get(before);
  }

  @Test
  void runsOnWebFlux() {
    assertThat(context.getClass().getName()).contains("Reactive");
  }

  @Test
  void paidOrderReachesTheListener() {
    NotificationAttempt attempt = payAndAwait("FLUX_PAID_1");

    assertThat(attempt.outTradeNo()).isEqualTo("FLUX_PAID_1");
    assertThat(attempt.statusCode()).as(attempt.toString()).isEqualTo(204);
    assertThat(paid.payments)
        .anySatisfy(e -> assertThat(e.transaction().getOutTradeNo()).isEqualTo("FLUX_PAID_1"));
  }

  @Test
  void listenerThatThrowsIsAnswered500() {
    NotificationAttempt attempt = payAndAwait(TestShop.FAILING_PREFIX + "_FLUX_1");

    assertThat(attempt.statusCode()).as(attempt.toString()).isEqualTo(500);
  }

  @Test
  void bodyOverTheConfiguredCapIsRefused413() {
    assertThat(
            Http.post(
                    "http://127.0.0.1:" + port + "/pay/wechat",
                    Map.of("Content-Type", "application/json"),
                    new byte[4097])
                .statusCode())
        .isEqualTo(413);
    assertThat(
            Http.post(
                    "http://127.0.0.1:" + port + "/pay/wechat",
                    Map.of("Content-Type", "application/json"),
                    new byte[4096])
                .statusCode())
        .as("at the cap: read, then refused for its missing signature headers")
        .isEqualTo(401);
  }
}
