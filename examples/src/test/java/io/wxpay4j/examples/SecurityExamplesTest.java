package io.wxpay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.simulator.NotificationAttempt;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples' security advice, run against the simulator. The payment notify endpoint refuses, with a non-2xx
 * answer, notices that are genuine but not a payment of this merchant's order: each is signed and encrypted by the
 * simulator's own crypto (independent of the client's), exactly as WeChat Pay would send it, and nothing is marked
 * paid. The redacting logging setup logs the wire without Authorization or bodies.
 */
final class SecurityExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static WechatPaySimulator simulator; // one for the class: a start generates four RSA keys

  @BeforeAll
  static void startSimulator() {
    simulator = WechatPaySimulator.builder().start();
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @AfterEach
  void resetSimulator() {
    simulator.reset();
  }

  @Test
  void aGenuineRefundNoticeSentToThePaymentEndpointIsAnswered400() throws Exception {
    try (NotifyEndpoint endpoint = NotifyEndpoint.start("127.0.0.1", 0, "/wechatpay/notify");
        WechatPayClient wechatPay =
            PaymentFunctionalTest.client(simulator.merchant(), simulator.baseUrl(), endpoint.url())) {
      endpoint.verifyWith(wechatPay);
      String outTradeNo = OrderNumbers.next("sec");
      endpoint.ordered(outTradeNo, 100);
      wechatPay.orders().prepayNative(order -> order
          .description("refund notice at the payment endpoint")
          .outTradeNo(outTradeNo)
          .amount(Amount.builder().total(100).build()));
      simulator.pay(outTradeNo);
      NotifyEndpoint.Arrival payment = endpoint.await(WAIT);
      assertThat(payment.paid.getOutTradeNo()).isEqualTo(outTradeNo);

      // The refund's notify_url names the payment endpoint (a mistake, or an attacker's replay).
      String outRefundNo = OrderNumbers.next("secrefund");
      wechatPay.refunds().create(r -> r
          .outTradeNo(outTradeNo)
          .outRefundNo(outRefundNo)
          .notifyUrl(endpoint.url())
          .amount(RefundRequestAmount.builder().refund(100L).total(100L).currency("CNY").build()));
      simulator.succeedRefund(outRefundNo);

      NotificationAttempt refundNotice = await(a -> a.eventType().startsWith("REFUND."));
      assertThat(refundNotice.url()).isEqualTo(endpoint.url());
      assertThat(refundNotice.statusCode()).isEqualTo(400);
      assertThat(refundNotice.responseBody()).contains("unexpected notification type");
      NotifyEndpoint.Arrival refused = endpoint.await(WAIT);
      assertThat(refused.paid).isNull();
      assertThat(refused.refusal()).startsWith("answered 400 ");
    }
  }

  @Test
  void aGenuinePaymentNoticeOfAnotherMerchantIsAnswered403() throws Exception {
    try (NotifyEndpoint endpoint = NotifyEndpoint.start("127.0.0.1", 0, "/wechatpay/notify")) {
      SimulatorMerchant other = simulator.merchant();
      // This shop is merchant 1230000109; it shares WeChat Pay's keys and its APIv3 key with the simulator's
      // merchant (as merchants of one group may), so that merchant's notices verify and decrypt here.
      try (WechatPayClient thisShop = WechatPayClient.builder()
              .merchantId("1230000109")
              .merchantKey(other.merchantSerialNumber(), other.merchantPrivateKey())
              .platformPublicKey(other.wechatPayPublicKeyId(), other.wechatPayPublicKey())
              .apiV3Key(other.apiV3Key())
              .appId(other.appId())
              .notifyUrl(endpoint.url())
              .baseUrl(simulator.baseUrl())
              .build();
          WechatPayClient otherMerchant =
              PaymentFunctionalTest.client(other, simulator.baseUrl(), endpoint.url())) {
        endpoint.verifyWith(thisShop);
        String outTradeNo = OrderNumbers.next("sec");
        endpoint.ordered(outTradeNo, 1); // even an order number this shop knows, for the same amount
        otherMerchant.orders().prepayNative(order -> order
            .description("another merchant's order")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(1).build()));
        simulator.pay(outTradeNo);

        NotificationAttempt notice = await(a -> a.eventType().equals("TRANSACTION.SUCCESS"));
        assertThat(notice.statusCode()).isEqualTo(403);
        assertThat(notice.responseBody()).contains("notification of another merchant");
        NotifyEndpoint.Arrival refused = endpoint.await(WAIT);
        assertThat(refused.paid).isNull();
        assertThat(refused.refusal()).startsWith("answered 403 ");
      }
    }
  }

  /** The README's logging advice: the wire is logged, Authorization and bodies are not. */
  @Test
  void theSignedRequestIsLoggedWithAuthorizationRedactedAndNoBody() {
    List<String> log = new CopyOnWriteArrayList<>();
    SimulatorMerchant merchant = simulator.merchant();
    try (WechatPayClient wechatPay = RedactedLogging.withRedactedLogging(
            WechatPayClient.builder()
                .merchantId(merchant.merchantId())
                .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
                .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
                .appId(merchant.appId())
                .notifyUrl("http://127.0.0.1:9/wechatpay/notify") // loopback: the simulator never looks a name up
                .baseUrl(simulator.baseUrl()),
            log::add)
        .build()) {
      wechatPay.orders().prepayNative(order -> order
          .description("logged order oSECRETopenid")
          .outTradeNo(OrderNumbers.next("log"))
          .amount(Amount.builder().total(1).build()));
    }
    assertThat(log).anyMatch(line -> line.startsWith("--> POST ") && line.contains("/v3/pay/transactions/native "));
    assertThat(log).contains("Authorization: ██");
    assertThat(log).anyMatch(line -> line.startsWith("Wechatpay-Signature: ")); // the answer's, not a secret
    assertThat(String.join("\n", log))
        .doesNotContain("WECHATPAY2-SHA256-RSA2048 mchid") // no merchant signature
        .doesNotContain("oSECRETopenid") // no request body
        .doesNotContain("code_url"); // no answer body
  }

  /** The first delivery attempt that {@code matches}, waiting for more attempts as they are made. */
  private static NotificationAttempt await(Predicate<NotificationAttempt> matches) {
    for (int count = 1; ; count++) {
      List<NotificationAttempt> attempts = simulator.awaitNotifications(count, WAIT);
      for (NotificationAttempt attempt : attempts) {
        if (attempt.sent() && matches.test(attempt)) {
          return attempt;
        }
      }
    }
  }
}
