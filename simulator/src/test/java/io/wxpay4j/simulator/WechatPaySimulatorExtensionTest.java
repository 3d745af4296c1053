package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WechatPaySimulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WechatPaySimulatorExtensionTest {
  private static WechatPaySimulator seenFirst;

  @Test
  @Order(1)
  void injectsARunningSimulatorAndItsMerchant(
      WechatPaySimulator simulator, SimulatorMerchant merchant) {
    seenFirst = simulator;
    assertThat(merchant.merchantId()).isEqualTo(simulator.merchant().merchantId());
    assertThat(new TestClient(simulator).prepayJsapi("EXT_0001").status()).isEqualTo(200);
    assertThat(simulator.orders()).hasSize(1);
  }

  @Test
  @Order(2)
  void sharesTheSimulatorInTheClassButResetsItBeforeEachTest(WechatPaySimulator simulator) {
    assertThat(simulator).isSameAs(seenFirst);
    assertThat(simulator.orders()).isEmpty();
  }
}
