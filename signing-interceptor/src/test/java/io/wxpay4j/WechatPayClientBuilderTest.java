package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

/** {@link WechatPayClientBuilder#build()} fails fast, naming what is missing or malformed. */
final class WechatPayClientBuilderTest {
  private static final KeyPair KEYS = generate();
  private static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  private static final String PUB_KEY_ID = "PUB_KEY_ID_0000000000000024101100397200000006";

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void missingMerchantIdIsNamed() {
    assertThatThrownBy(
            () -> WechatPayClient.builder().merchantKey(SERIAL, KEYS.getPrivate()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("merchantId(...) is required: the merchant ID (商户号)");
  }

  @Test
  void missingMerchantKeyIsNamed() {
    assertThatThrownBy(() -> WechatPayClient.builder().merchantId("1900000109").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("merchantKey(serialNumber, privateKey) is required");
  }

  @Test
  void missingVerificationSourceIsNamed() {
    assertThatThrownBy(
            () ->
                WechatPayClient.builder()
                    .merchantId("1900000109")
                    .merchantKey(SERIAL, KEYS.getPrivate())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "a verification source is required: platformPublicKey(PUB_KEY_ID_…, key)");
  }

  @Test
  void platformCertificatesWithoutApiV3KeyIsNamed() {
    assertThatThrownBy(
            () ->
                WechatPayClient.builder()
                    .merchantId("1900000109")
                    .merchantKey(SERIAL, KEYS.getPrivate())
                    .platformCertificates()
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "platformCertificates() needs apiV3Key(...): the certificates are encrypted with the APIv3 key");
  }

  @Test
  void nonPositivePlatformCertificateRefreshIntervalIsRefusedAtOnce() {
    assertThatThrownBy(
            () ->
                WechatPayClient.builder()
                    .platformCertificateRefreshInterval(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("platformCertificateRefreshInterval must be positive, was PT0S");
    assertThatThrownBy(
            () ->
                WechatPayClient.builder()
                    .platformCertificateRefreshInterval(java.time.Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void platformCertificateRefreshIntervalWithoutPlatformCertificatesIsNamed() {
    assertThatThrownBy(
            () ->
                WechatPayClient.builder()
                    .merchantId("1900000109")
                    .merchantKey(SERIAL, KEYS.getPrivate())
                    .platformPublicKey(PUB_KEY_ID, KEYS.getPublic())
                    .platformCertificateRefreshInterval(java.time.Duration.ofMinutes(30))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "platformCertificateRefreshInterval(...) needs platformCertificates()");
  }

  @Test
  void malformedMerchantIdIsRefusedAtOnce() {
    assertThatThrownBy(() -> WechatPayClient.builder().merchantId("wx1900000109"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("merchantId must be the merchant ID (商户号): digits only, e.g. 1900000109");
  }

  @Test
  void shortApiV3KeyIsRefusedAtOnce() {
    assertThatThrownBy(() -> WechatPayClient.builder().apiV3Key("too-short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32")
        .hasMessageNotContaining("too-short");
  }

  @Test
  void httpNotifyUrlDefaultIsRefusedAtBuild() {
    assertThatThrownBy(
            () ->
                WechatPayClient.builder()
                    .merchantId("1900000109")
                    .merchantKey(SERIAL, KEYS.getPrivate())
                    .platformPublicKey(PUB_KEY_ID, KEYS.getPublic())
                    .notifyUrl("http://example.com/notify")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("notify_url must be an https URL");
  }

  @Test
  void baseUrlWithoutTrailingSlashIsCompleted() {
    try (WechatPayClient client =
        WechatPayClient.builder()
            .merchantId("1900000109")
            .merchantKey(SERIAL, KEYS.getPrivate())
            .platformPublicKey(PUB_KEY_ID, KEYS.getPublic())
            .baseUrl("http://127.0.0.1:1/prefix")
            .build()) {
      assertThat(client.merchantId()).isEqualTo("1900000109");
    }
  }

  @Test
  void notificationsNeedTheApiV3Key() {
    try (WechatPayClient client =
        WechatPayClient.builder()
            .merchantId("1900000109")
            .merchantKey(SERIAL, KEYS.getPrivate())
            .platformPublicKey(PUB_KEY_ID, KEYS.getPublic())
            .build()) {
      assertThatThrownBy(client::notifications)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("apiV3Key(...) is required to decrypt notifications");
    }
  }

  @Test
  void toStringShowsNoSecret() {
    try (WechatPayClient client =
        WechatPayClient.builder()
            .merchantId("1900000109")
            .merchantKey(SERIAL, KEYS.getPrivate())
            .platformPublicKey(PUB_KEY_ID, KEYS.getPublic())
            .apiV3Key("0123456789abcdefghijklmnopqrstuv")
            .build()) {
      String text = client.toString();
      assertThat(text).contains("1900000109").doesNotContain("0123456789abcdefghijklmnopqrstuv");
      String privateKey =
          java.util.Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());
      assertThat(text).doesNotContain(privateKey.substring(40, 80));
    }
  }
}
