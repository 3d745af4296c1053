package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegisteredExtensionTest {
  @RegisterExtension
  static final WechatPaySimulatorExtension SIMULATOR =
      WechatPaySimulatorExtension.create(
          builder -> builder.publicKeyOnly(true).merchantId("1900000777"));

  @Test
  void configuredSimulatorIsReachableThroughTheField() {
    WechatPaySimulator simulator = SIMULATOR.simulator();

    assertThat(simulator.publicKeyOnly()).isTrue();
    assertThat(simulator.merchant().merchantId()).isEqualTo("1900000777");
    assertThat(new TestClient(simulator).get("/v3/certificates").code())
        .isEqualTo("RESOURCE_NOT_EXISTS");
  }
}
