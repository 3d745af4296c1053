package io.wxpay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.NotificationAttempt;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How an application tests its payment code against the simulator; the README's "Testing with the simulator". */
final class PaymentFunctionalTest {
  @Test
  void paidOrderIsNotifiedAndQueryable() throws Exception {
    try (NotifyEndpoint endpoint = NotifyEndpoint.start("127.0.0.1", 0, "/wechatpay/notify")) {
      String notifyUrl = endpoint.url(); // stands for the application's notify endpoint under test
      endpoint.ordered("TEST_0001", 1); // the application's order record, which its endpoint checks the payment against

      // region simulator-test
      try (WechatPaySimulator simulator = WechatPaySimulator.builder().start(); // loopback, TEST-ONLY merchant
          WechatPayClient wechatPay = client(simulator.merchant(), simulator.baseUrl(), notifyUrl)) {
        endpoint.verifyWith(wechatPay); // (the application's endpoint verifies with its client)

        String codeUrl =
            wechatPay.orders().prepayNative(order -> order
                .description("test order")
                .outTradeNo("TEST_0001")
                .amount(Amount.builder().total(1).build()))
                .body().getCodeUrl();
        simulator.payByCodeUrl(codeUrl); // the payer scans and pays: SUCCESS, notification sent
        simulator.injectFault("queryOrderByOutTradeNo", Fault.SYSTEM_ERROR, 1); // script a 500: retried

        assertThat(wechatPay.orders().queryByOutTradeNo("TEST_0001").body().getTradeState())
            .isEqualTo(TradeState.SUCCESS);
        NotificationAttempt delivered = simulator.awaitNotifications(1, Duration.ofSeconds(5)).get(0);
        assertThat(delivered.statusCode()).isEqualTo(204); // the notify endpoint verified and accepted it
      }
      // endregion
      assertThat(endpoint.await(Duration.ofSeconds(5)).paid.getOutTradeNo()).isEqualTo("TEST_0001");
    }
  }

  // region simulator-client
  static WechatPayClient client(SimulatorMerchant merchant, String baseUrl, String notifyUrl) {
    return WechatPayClient.builder()
        .merchantId(merchant.merchantId())
        .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
        .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
        .apiV3Key(merchant.apiV3Key())
        .appId(merchant.appId())
        .notifyUrl(notifyUrl) // http is accepted for a loopback notify_url while baseUrl is a loopback simulator
        .baseUrl(baseUrl)
        .build();
  }
  // endregion
}
