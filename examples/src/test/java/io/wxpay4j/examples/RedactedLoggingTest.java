package io.wxpay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.model.Amount;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The README's logging advice, run against the simulator: the wire is logged, Authorization and bodies are not. */
final class RedactedLoggingTest {
  @Test
  void theSignedRequestIsLoggedWithAuthorizationRedactedAndNoBody() {
    List<String> log = new CopyOnWriteArrayList<>();
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      SimulatorMerchant merchant = simulator.merchant();
      try (WechatPayClient wechatPay = RedactedLogging.withRedactedLogging(
              WechatPayClient.builder()
                  .merchantId(merchant.merchantId())
                  .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
                  .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
                  .appId(merchant.appId())
                  .notifyUrl("https://example.com/wechatpay/notify")
                  .baseUrl(simulator.baseUrl()),
              log::add)
          .build()) {
        wechatPay.orders().prepayNative(order -> order
            .description("logged order oSECRETopenid")
            .outTradeNo(OrderNumbers.next("log"))
            .amount(Amount.builder().total(1).build()));
      }
    }
    assertThat(log).anyMatch(line -> line.startsWith("--> POST ") && line.contains("/v3/pay/transactions/native "));
    assertThat(log).contains("Authorization: ██");
    assertThat(log).anyMatch(line -> line.startsWith("Wechatpay-Signature: ")); // the answer's, not a secret
    assertThat(String.join("\n", log))
        .doesNotContain("WECHATPAY2-SHA256-RSA2048 mchid") // no merchant signature
        .doesNotContain("oSECRETopenid") // no request body
        .doesNotContain("code_url"); // no answer body
  }
}
