package io.wxpay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.examples.ExamplesTest.Result;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 支付中签约 example (beta) on the embedded and on a standalone simulator, as CI runs it. */
final class ContractLifecycleTest {
  @Test
  void payAndSignRunsOnTheEmbeddedSimulator() {
    Result result = ExamplesTest.run(ContractLifecycle::run);

    assertThat(result.exit).as(result.output).isZero();
    assertThat(result.output)
        .contains("Running against the embedded simulator")
        .contains("plan_id             12535  (terminate URL http://127.0.0.1:")
        .contains("\"package\": \"Sign=WXPay\"", "\"sign\": \"")
        .contains("the simulated payer paid ¥0.01 and signed the contract")
        .contains("payment notice      TRANSACTION.SUCCESS verified and decrypted, answered 204: SUCCESS")
        .contains("ENTRUST.SIGN notice at http://127.0.0.1:")
        .containsPattern("contract_id +\\d{18}")
        .contains("contract_state      SIGNED", "display account     w********员")
        .contains("payer openid        oSim…(masked)")
        .contains("contract_state      TERMINATED  (MCH_API_TERMINATE)")
        .contains("terminate notice    ENTRUST.TERMINATE verified, contract queried: TERMINATED")
        .containsPattern("contract \\d{18} of order contract_\\d+: TERMINATED")
        .doesNotContain("FAILED")
        .doesNotContain("PRIVATE KEY")
        .endsWith("OK\n");
    ExamplesTest.assertNoFullOpenid(result.output);
  }

  @Test
  void standaloneSimulatorGetsItsTemplateThroughTheControlApi(@TempDir Path state) {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      Result result =
          ExamplesTest.run(
              ContractLifecycle::run,
              "--simulator-state", state.toString(), "--base-url", simulator.baseUrl(), "--plan-id", "777");

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output).contains("plan_id             777  (terminate URL ").endsWith("OK\n");
      assertThat(simulator.contracts()).singleElement().satisfies(c -> {
        assertThat(c.planId()).isEqualTo(777L);
        assertThat(c.contractState()).isEqualTo("TERMINATED");
        assertThat(c.terminationMode()).isEqualTo("MCH_API_TERMINATE");
      });
    }
  }

  @Test
  void withoutAPayerTheExampleSaysWhereToGo() {
    Result result = ExamplesTest.run(ContractLifecycle::run, "--manual-pay");

    assertThat(result.exit).isEqualTo(1);
    assertThat(result.output)
        .contains("FAILED: IllegalStateException: this example needs a simulator to pay and sign; against WeChat"
            + " Pay, run OrderLifecycle with --plan-id");
  }
}
