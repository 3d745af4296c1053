package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.simulator.TestClient.Answer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
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
      assertThat(item.path("serial_no").asString())
          .isEqualTo(simulator.merchant().platformSerialNumber());
      JsonNode encrypted = item.path("encrypt_certificate");
      assertThat(encrypted.path("associated_data").asString()).isEqualTo("certificate");
      String pem =
          TestCrypto.decrypt(
              simulator.merchant().apiV3Key(),
              encrypted.path("nonce").asString(),
              "certificate",
              encrypted.path("ciphertext").asString());
      assertThat(pem).isEqualTo(simulator.merchant().platformCertificatePem());
      assertThat(answer.signedBy(simulator.merchant().platformCertificate().getPublicKey()))
          .isTrue();
    }
  }

  @Test
  void addedCertificateIsListedADayAheadWhileTheCurrentOneKeepsSigning() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      TestClient client = new TestClient(simulator);
      X509Certificate current = simulator.merchant().platformCertificate();

      X509Certificate added = simulator.addPlatformCertificate();
      Answer list = client.get("/v3/certificates");
      Answer prepay = client.prepayJsapi("ADD_0001");
      simulator.pay("ADD_0001");
      NotificationAttempt notification =
          simulator.awaitNotifications(1, Duration.ofSeconds(10)).get(0);

      assertThat(simulator.platformCertificates()).containsExactly(current, added);
      assertThat(simulator.signingPlatformCertificate()).isEqualTo(current);
      JsonNode data = list.json().path("data");
      assertThat(data).hasSize(2);
      Instant switchAt =
          OffsetDateTime.parse(data.get(1).path("effective_time").asString()).toInstant();
      assertThat(Duration.between(simulator.now(), switchAt))
          .isBetween(Duration.ofHours(23), Duration.ofHours(24));
      assertThat(OffsetDateTime.parse(data.get(0).path("expire_time").asString()).toInstant())
          .isEqualTo(switchAt);
      assertThat(data.get(1).path("serial_no").asString()).isEqualTo(Crypto.serialHex(added));
      assertThat(list.header("Wechatpay-Serial")).isEqualTo(Crypto.serialHex(current));
      assertThat(list.signedBy(current.getPublicKey())).isTrue();
      assertThat(prepay.header("Wechatpay-Serial")).isEqualTo(Crypto.serialHex(current));
      assertThat(prepay.signedBy(current.getPublicKey())).isTrue();
      assertThat(notification.requestHeaders())
          .containsEntry("Wechatpay-Serial", Crypto.serialHex(current));
      assertThat(notificationSignedBy(notification, current)).isTrue();
    }
  }

  @Test
  void activationMakesTheAddedCertificateSignAnswersAndNotifications() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      TestClient client = new TestClient(simulator);
      X509Certificate current = simulator.merchant().platformCertificate();
      X509Certificate added = simulator.addPlatformCertificate();

      X509Certificate activated = simulator.activatePlatformCertificate();
      Answer list = client.get("/v3/certificates");
      Answer prepay = client.prepayJsapi("ACTIVATE_0001");
      simulator.pay("ACTIVATE_0001");
      NotificationAttempt notification =
          simulator.awaitNotifications(1, Duration.ofSeconds(10)).get(0);

      assertThat(activated).isEqualTo(added);
      assertThat(simulator.signingPlatformCertificate()).isEqualTo(added);
      assertThat(list.signedBy(added.getPublicKey())).isTrue();
      JsonNode data = list.json().path("data");
      assertThat(data).hasSize(2);
      Instant effective =
          OffsetDateTime.parse(data.get(1).path("effective_time").asString()).toInstant();
      assertThat(effective).isBeforeOrEqualTo(simulator.now());
      Instant oldExpiry =
          OffsetDateTime.parse(data.get(0).path("expire_time").asString()).toInstant();
      assertThat(Duration.between(simulator.now(), oldExpiry))
          .isBetween(Duration.ofHours(23), Duration.ofHours(24));
      assertThat(prepay.header("Wechatpay-Serial")).isEqualTo(Crypto.serialHex(added));
      assertThat(prepay.signedBy(added.getPublicKey())).isTrue();
      assertThat(prepay.signedBy(current.getPublicKey())).isFalse();
      assertThat(notification.requestHeaders())
          .containsEntry("Wechatpay-Serial", Crypto.serialHex(added));
      assertThat(notificationSignedBy(notification, added)).isTrue();
    }
  }

  @Test
  void addedCertificateStartsSigningByItselfWhenTheClockReachesItsEffectiveTime() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      TestClient client = new TestClient(simulator);
      X509Certificate current = simulator.merchant().platformCertificate();
      X509Certificate added = simulator.addPlatformCertificate();

      simulator.advanceClock(Duration.ofHours(23));
      Answer before = client.prepayJsapi("AUTO_0001");
      simulator.advanceClock(Duration.ofHours(1));
      Answer after = client.prepayJsapi("AUTO_0002");

      assertThat(before.signedBy(current.getPublicKey())).isTrue();
      assertThat(after.header("Wechatpay-Serial")).isEqualTo(Crypto.serialHex(added));
      assertThat(after.signedBy(added.getPublicKey())).isTrue();
      assertThat(simulator.signingPlatformCertificate()).isEqualTo(added);
    }
  }

  @Test
  void activationWithoutAnAddedCertificateIsRefused() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      assertThatThrownBy(simulator::activatePlatformCertificate)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("addPlatformCertificate()");

      simulator.addPlatformCertificate();
      simulator.activatePlatformCertificate();

      assertThatThrownBy(simulator::activatePlatformCertificate)
          .isInstanceOf(IllegalStateException.class);
      assertThat(simulator.platformCertificates()).hasSize(2);
    }
  }

  @Test
  void rotationShortcutAddsAndActivatesAtOnceTheDownloadIncluded() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      TestClient client = new TestClient(simulator);

      X509Certificate rotated = simulator.rotatePlatformCertificate();
      Answer list = client.get("/v3/certificates");
      Answer prepay = client.prepayJsapi("ROTATE_0001");

      assertThat(simulator.platformCertificates()).hasSize(2).last().isEqualTo(rotated);
      assertThat(simulator.signingPlatformCertificate()).isEqualTo(rotated);
      JsonNode data = list.json().path("data");
      assertThat(data).hasSize(2);
      OffsetDateTime oldExpiry = OffsetDateTime.parse(data.get(0).path("expire_time").asString());
      assertThat(Duration.between(simulator.now(), oldExpiry.toInstant()))
          .isBetween(Duration.ofHours(23), Duration.ofHours(24));
      assertThat(data.get(1).path("serial_no").asString()).isEqualTo(Crypto.serialHex(rotated));
      assertThat(list.signedBy(rotated.getPublicKey())).isTrue();
      assertThat(prepay.header("Wechatpay-Serial")).isEqualTo(Crypto.serialHex(rotated));
      assertThat(prepay.signedBy(rotated.getPublicKey())).isTrue();
      assertThat(prepay.signedBy(simulator.merchant().platformCertificate().getPublicKey()))
          .isFalse();
    }
  }

  private static boolean notificationSignedBy(
      NotificationAttempt attempt, X509Certificate certificate) {
    Map<String, String> headers = attempt.requestHeaders();
    return TestCrypto.verify(
        certificate.getPublicKey(),
        headers.get("Wechatpay-Timestamp")
            + "\n"
            + headers.get("Wechatpay-Nonce")
            + "\n"
            + attempt.requestBody()
            + "\n",
        headers.get("Wechatpay-Signature"));
  }

  @Test
  void requestNamingThePublicKeyGetsAnAnswerSignedWithIt() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      TestClient client = new TestClient(simulator);
      client.wechatpaySerial = simulator.merchant().wechatPayPublicKeyId();

      Answer answer = client.prepayJsapi("PUBKEY_0001");

      assertThat(answer.header("Wechatpay-Serial"))
          .isEqualTo(simulator.merchant().wechatPayPublicKeyId());
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
      assertThat(prepay.header("Wechatpay-Serial"))
          .isEqualTo(simulator.merchant().wechatPayPublicKeyId());
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
