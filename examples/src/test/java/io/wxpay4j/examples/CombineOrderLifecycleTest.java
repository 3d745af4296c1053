package io.wxpay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.examples.ExamplesTest.Result;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The combine-payment example (合单支付) on the embedded and on a standalone simulator, as CI runs it. */
final class CombineOrderLifecycleTest {
  @Test
  void combinePaymentRunsOnTheEmbeddedSimulator() {
    Result result = ExamplesTest.run(CombineOrderLifecycle::run);

    assertThat(result.exit).as(result.output).isZero();
    assertThat(result.output)
        .contains("Running against the embedded simulator")
        .contains("sub-order merchants 1900000211, 1900000212")
        .containsPattern("Native combine +combine_\\d+  code_url weixin://wxpay/bizpayurl\\?pr=")
        .contains("paid                by the simulated payer, both sub-orders at once")
        .contains("combine notice      TRANSACTION.SUCCESS verified, typed CombinePaymentSucceeded, answered 204:"
            + " 2 sub-orders")
        .containsPattern("1900000211  sub_\\d+  SUCCESS  ¥3\\.00  transaction_id 4200\\d{24}")
        .containsPattern("1900000212  sub_\\d+  SUCCESS  ¥5\\.00  transaction_id 4200\\d{24}")
        .contains("payer openid      oSim…(masked)")
        .contains("reconcile           PAID")
        .contains("\"package\": \"prepay_id=wx", "\"paySign\": \"")
        .containsPattern("closed +combine_\\d+, reconcile CLOSED \\(2 sub-orders CLOSED\\)")
        .doesNotContain("FAILED")
        .doesNotContain("PRIVATE KEY")
        .endsWith("OK\n");
    ExamplesTest.assertNoFullOpenid(result.output);
  }

  @Test
  void standaloneSimulatorIsPaidThroughItsControlApi(@TempDir Path state) {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      Result result =
          ExamplesTest.run(
              CombineOrderLifecycle::run,
              "--simulator-state", state.toString(), "--base-url", simulator.baseUrl());

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output).contains("reconcile           PAID").endsWith("OK\n");
      assertThat(simulator.orders())
          .extracting(o -> o.tradeState())
          .containsExactlyInAnyOrder("SUCCESS", "SUCCESS", "CLOSED", "CLOSED");
    }
  }

  @Test
  void againstWechatPayTheSubOrderMerchantsAreRequired(@TempDir Path dir) throws Exception {
    // Credentials that parse but go nowhere: the example must refuse before any network call.
    try (WechatPaySimulator simulator = WechatPaySimulator.start()) {
      Path key = Files.writeString(dir.resolve("apiclient_key.pem"), simulator.merchant().merchantPrivateKeyPem());
      Path pub = Files.writeString(dir.resolve("pub_key.pem"), simulator.merchant().wechatPayPublicKeyPem());
      Result result =
          ExamplesTest.run(CombineOrderLifecycle::run, "--base-url", "https://api.example.invalid/", "--mchid",
              "1900000109", "--appid", "wxd678efh567hg6787", "--merchant-serial",
              simulator.merchant().merchantSerialNumber(), "--private-key", key.toString(), "--public-key-id",
              simulator.merchant().wechatPayPublicKeyId(), "--public-key", pub.toString());

      assertThat(result.exit).as(result.output).isEqualTo(2);
      assertThat(result.output).contains("--combine-mchids is required against WeChat Pay: two merchants bound to"
          + " --appid that accept combine payments (接收合单支付)");
    }
  }

  @Test
  void withoutAPayerTheExampleSaysWhatToDo() {
    Result result = ExamplesTest.run(CombineOrderLifecycle::run, "--manual-pay");

    assertThat(result.exit).isEqualTo(1);
    assertThat(result.output)
        .contains("FAILED: IllegalStateException: this example needs a simulator to pay; against WeChat Pay,"
            + " show the code_url as a QR code and pay it with WeChat 扫一扫");
  }
}
