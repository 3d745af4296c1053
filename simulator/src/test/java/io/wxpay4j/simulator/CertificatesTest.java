package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.simulator.TestClient.Answer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Platform certificates, rotation, and the WeChat Pay public key. */
class CertificatesTest {

  @Test
  void certificatesDecryptWithTheApiV3KeyToThePlatformCertificate() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      Answer answer = new TestClient(simulator).get("/v3/certificates");

      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonNode item = answer.json().path("data").get(0);
      assertThat(item.path("serial_no").asString()).isEqualTo(simulator.merchant().platformSerialNumber());
      JsonNode encrypted = item.path("encrypt_certificate");
      assertThat(encrypted.path("associated_data").asString()).isEqualTo("certificate");
      String pem =
          TestCrypto.decrypt(
              simulator.merchant().apiV3Key(), encrypted.path("nonce").asString(), "certificate",
              encrypted.path("ciphertext").asString());
      assertThat(pem).isEqualTo(simulator.merchant().platformCertificatePem());
      assertThat(answer.signedBy(simulator.merchant().platformCertificate().getPublicKey())).isTrue();
    }
  }

  @Test
  void rotationAddsANewSigningCertificateAndShortensTheOldOne() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      TestClient client = new TestClient(simulator);

      X509Certificate rotated = simulator.rotatePlatformCertificate();
      Answer list = client.get("/v3/certificates");
      Answer prepay = client.prepayJsapi("ROTATE_0001");

      assertThat(simulator.platformCertificates()).hasSize(2).last().isEqualTo(rotated);
      JsonNode data = list.json().path("data");
      assertThat(data).hasSize(2);
      OffsetDateTime oldExpiry = OffsetDateTime.parse(data.get(0).path("expire_time").asString());
      assertThat(Duration.between(simulator.now(), oldExpiry.toInstant())).isBetween(
          Duration.ofHours(23), Duration.ofHours(24));
      assertThat(data.get(1).path("serial_no").asString()).isEqualTo(Crypto.serialHex(rotated));
      assertThat(prepay.header("Wechatpay-Serial")).isEqualTo(Crypto.serialHex(rotated));
      assertThat(prepay.signedBy(rotated.getPublicKey())).isTrue();
      assertThat(prepay.signedBy(simulator.merchant().platformCertificate().getPublicKey())).isFalse();
    }
  }

  @Test
  void requestNamingThePublicKeyGetsAnAnswerSignedWithIt() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      TestClient client = new TestClient(simulator);
      client.wechatpaySerial = simulator.merchant().wechatPayPublicKeyId();

      Answer answer = client.prepayJsapi("PUBKEY_0001");

      assertThat(answer.header("Wechatpay-Serial")).isEqualTo(simulator.merchant().wechatPayPublicKeyId());
      assertThat(answer.signedBy(simulator.merchant().wechatPayPublicKey())).isTrue();
      assertThat(simulator.merchant().wechatPayPublicKeyId()).matches("PUB_KEY_ID_[0-9]{34}");
    }
  }

  @Test
  void publicKeyOnlyMerchantHasNoCertificatesAndEveryAnswerUsesThePublicKey() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().publicKeyOnly(true).start()) {
      TestClient client = new TestClient(simulator);

      Answer certificates = client.get("/v3/certificates");
      Answer prepay = client.prepayJsapi("PUBKEY_0002");

      assertThat(certificates.status()).isEqualTo(404);
      assertThat(certificates.code()).isEqualTo("RESOURCE_NOT_EXISTS");
      assertThat(certificates.signedBy(simulator.merchant().wechatPayPublicKey())).isTrue();
      assertThat(prepay.header("Wechatpay-Serial")).isEqualTo(simulator.merchant().wechatPayPublicKeyId());
      assertThat(prepay.signedBy(simulator.merchant().wechatPayPublicKey())).isTrue();
    }
  }

  @Test
  void sm2CertificatesAreAnEmptyList() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      Answer answer = new TestClient(simulator).get("/v3/certificates?algorithm_type=SM2");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().path("data")).isEmpty();
    }
  }
}
