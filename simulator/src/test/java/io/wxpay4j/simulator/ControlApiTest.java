package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.simulator.TestClient.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP control API under /simulator/, as a non-Java test or a person with curl would use it.
 */
class ControlApiTest {
  private static WechatPaySimulator simulator;
  private static TestClient client;

  @BeforeAll
  static void start() {
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.0001).start();
    client = new TestClient(simulator);
  }

  @BeforeEach
  void reset() {
    assertThat(control("POST", "/simulator/reset", "").status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static Answer control(String method, String path, String body) {
    Request.Builder request = new Request.Builder().url(simulator.baseUrl() + path.substring(1));
    request.method(
        method,
        method.equals("GET") ? null : RequestBody.create(body, MediaType.get("application/json")));
    try (Response response = TestClient.HTTP.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void merchantEndpointServesNoPrivateKey() {
    // Anything that can make a loopback GET (a local process of another user, a page after a
    // browser bug) must not learn the keys that sign payments and decrypt notifications.
    Answer answer = control("GET", "/simulator/merchant", "");
    JsonNode json = answer.json();
    SimulatorMerchant merchant = simulator.merchant();

    assertThat(answer.body())
        .doesNotContain("PRIVATE KEY")
        .doesNotContain(merchant.apiV3Key())
        .doesNotContain(merchant.merchantPrivateKeyPem().lines().skip(1).findFirst().orElseThrow());
    assertThat(json.has("merchant_private_key_pem")).isFalse();
    assertThat(json.has("api_v3_key")).isFalse();
    assertThat(json.path("secrets").asString()).contains("state directory", "merchant.json");
    // The public part stays.
    assertThat(json.path("mchid").asString()).isEqualTo(merchant.merchantId());
    assertThat(json.path("appid").asString()).isEqualTo(merchant.appId());
    assertThat(json.path("sub_mchid").asString()).isEqualTo(merchant.subMerchantId());
    assertThat(json.path("merchant_serial_no").asString())
        .isEqualTo(merchant.merchantSerialNumber());
    assertThat(json.path("wechatpay_public_key_id").asString())
        .isEqualTo(merchant.wechatPayPublicKeyId());
    assertThat(json.path("platform_serial_nos").get(0).asString())
        .isEqualTo(merchant.platformSerialNumber());
    assertThat(json.path("merchant_certificate_pem").asString())
        .isEqualTo(merchant.merchantCertificatePem());
    assertThat(json.path("wechatpay_public_key_pem").asString())
        .isEqualTo(merchant.wechatPayPublicKeyPem());
    assertThat(json.path("base_url").asString()).isEqualTo(simulator.baseUrl());
  }

  @Test
  void ordersAreListedAndShown() {
    client.prepayJsapi("CTRL_0001");
    client.prepayJsapi("CTRL_0002");

    JsonNode list = control("GET", "/simulator/orders", "").json();
    JsonNode one = control("GET", "/simulator/orders/CTRL_0002", "").json();

    assertThat(list)
        .extracting(o -> o.path("out_trade_no").asString())
        .containsExactly("CTRL_0001", "CTRL_0002");
    assertThat(one.path("trade_state").asString()).isEqualTo("NOTPAY");
    assertThat(one.path("prepay_id").asString()).startsWith("wx");
    assertThat(control("GET", "/simulator/orders/CTRL_9999", "").status()).isEqualTo(404);
  }

  @Test
  void payerPaysAndFailsByOutTradeNo() {
    client.prepayJsapi("CTRL_0003");
    client.prepayJsapi("CTRL_0004");

    Answer paid = control("POST", "/simulator/orders/CTRL_0003/pay", "");
    Answer failed = control("POST", "/simulator/orders/CTRL_0004/fail", "");
    Answer again = control("POST", "/simulator/orders/CTRL_0003/pay", "");

    assertThat(paid.json().path("trade_state").asString()).isEqualTo("SUCCESS");
    assertThat(paid.json().path("transaction_id").asString()).startsWith("4200");
    assertThat(failed.json().path("trade_state").asString()).isEqualTo("PAYERROR");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("ORDER_NOT_PAYABLE");
  }

  @Test
  void payerScansACodeUrl() {
    String codeUrl =
        client
            .post(
                "/v3/pay/transactions/native",
                TestClient.prepayBody(simulator.merchant(), "CTRL_0005", TestClient.NOTIFY_URL, ""))
            .json()
            .path("code_url")
            .asString();

    Answer paid = control("POST", "/simulator/pay", "{\"code_url\":\"" + codeUrl + "\"}");

    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    assertThat(paid.json().path("out_trade_no").asString()).isEqualTo("CTRL_0005");
    assertThat(control("POST", "/simulator/pay", "{}").status()).isEqualTo(400);
  }

  @Test
  void payerPaysAnH5UrlAndAPrepayId() {
    String h5Url =
        client
            .post(
                "/v3/pay/transactions/h5",
                TestClient.prepayBody(
                    simulator.merchant(), "CTRL_0006", TestClient.NOTIFY_URL, TestClient.H5_SCENE))
            .json()
            .path("h5_url")
            .asString();
    String prepayId = client.prepayJsapi("CTRL_0007").json().path("prepay_id").asString();

    assertThat(
            control("POST", "/simulator/pay", "{\"h5_url\":\"" + h5Url + "\"}")
                .json()
                .path("out_trade_no")
                .asString())
        .isEqualTo("CTRL_0006");
    assertThat(
            control("POST", "/simulator/fail", "{\"prepay_id\":\"" + prepayId + "\"}")
                .json()
                .path("trade_state")
                .asString())
        .isEqualTo("PAYERROR");
  }

  @Test
  void notificationLogShowsEveryAttempt() {
    client.post(
        "/v3/pay/transactions/jsapi",
        TestClient.prepayBody(
            simulator.merchant(), "CTRL_0008", "http://127.0.0.1:1/notify", TestClient.PAYER));
    control("POST", "/simulator/orders/CTRL_0008/pay", "");
    simulator.awaitNotifications(2, Duration.ofSeconds(10));

    JsonNode log = control("GET", "/simulator/notifications", "").json();

    assertThat(log.size()).isGreaterThanOrEqualTo(2);
    assertThat(log.get(0).path("out_trade_no").asString()).isEqualTo("CTRL_0008");
    assertThat(log.get(0).path("attempt").asInt()).isEqualTo(1);
    assertThat(log.get(0).path("sent").asBoolean()).isTrue();
    assertThat(log.get(0).path("delivered").asBoolean()).isFalse();
    assertThat(log.get(0).path("error").asString()).contains("ConnectException");
    assertThat(log.get(0).at("/request_headers/Wechatpay-Signature").asString()).isNotBlank();
    assertThat(log.get(1).path("attempt").asInt()).isEqualTo(2);
  }

  @Test
  void faultsAreAddedListedAndCleared() {
    Answer added =
        control(
            "POST",
            "/simulator/faults",
            "{\"route\":\"prepayJsapi\",\"fault\":\"SYSTEM_ERROR\",\"times\":2}");
    control(
        "POST",
        "/simulator/faults",
        "{\"route\":\"*\",\"fault\":\"latency\",\"probability\":0.5,\"latency_ms\":10}");

    assertThat(added.json().get(0).path("remaining").asInt()).isEqualTo(2);
    assertThat(client.prepayJsapi("CTRL_0009").status()).isEqualTo(500);
    assertThat(control("GET", "/simulator/faults", "").json().get(0).path("remaining").asInt())
        .isEqualTo(1);
    assertThat(control("DELETE", "/simulator/faults", "").json()).isEmpty();
    assertThat(client.prepayJsapi("CTRL_0009").status()).isEqualTo(200);
    assertThat(control("POST", "/simulator/faults", "{\"fault\":\"NOPE\"}").status())
        .isEqualTo(400);
  }

  @Test
  void certificatesAreAddedListedThenActivated() {
    int before = simulator.platformCertificates().size();
    String signing =
        control("GET", "/simulator/merchant", "")
            .json()
            .path("signing_platform_serial_no")
            .asString();

    Answer added = control("POST", "/simulator/certificates/add", "");
    JsonNode listed = control("GET", "/simulator/certificates", "").json();
    String servedBeforeActivation = client.prepayJsapi("CTRL_0011").header("Wechatpay-Serial");
    Answer activated = control("POST", "/simulator/certificates/activate", "");
    JsonNode relisted = control("GET", "/simulator/certificates", "").json();
    Answer again = control("POST", "/simulator/certificates/activate", "");

    String serial = added.json().path("serial_no").asString();
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.json().path("signing").asBoolean()).isFalse();
    assertThat(added.json().path("certificate").asString())
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(listed).hasSize(before + 1);
    assertThat(listed.get(before).path("serial_no").asString()).isEqualTo(serial);
    assertThat(listed.get(before).path("effective_time").asString())
        .isEqualTo(added.json().path("effective_time").asString());
    assertThat(listed.get(before - 1).path("expire_time").asString())
        .isEqualTo(added.json().path("effective_time").asString());
    assertThat(listed.get(before - 1).path("serial_no").asString()).isEqualTo(signing);
    assertThat(listed.get(before - 1).path("signing").asBoolean()).isTrue();
    assertThat(servedBeforeActivation).isEqualTo(signing);
    assertThat(activated.status()).isEqualTo(200);
    assertThat(activated.json().path("serial_no").asString()).isEqualTo(serial);
    assertThat(activated.json().path("signing").asBoolean()).isTrue();
    assertThat(relisted.get(before).path("signing").asBoolean()).isTrue();
    assertThat(relisted.get(before - 1).path("signing").asBoolean()).isFalse();
    assertThat(client.prepayJsapi("CTRL_0012").header("Wechatpay-Serial")).isEqualTo(serial);
    assertThat(
            control("GET", "/simulator/merchant", "")
                .json()
                .path("signing_platform_serial_no")
                .asString())
        .isEqualTo(serial);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("code").asString()).isEqualTo("NO_PENDING_CERTIFICATE");
  }

  @Test
  void certificatesRotateAddsAndActivatesAtOnce() {
    int before = simulator.platformCertificates().size();

    Answer rotated = control("POST", "/simulator/certificates/rotate", "");

    assertThat(rotated.json().path("certificate").asString())
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(rotated.json().path("signing").asBoolean()).isTrue();
    assertThat(simulator.platformCertificates()).hasSize(before + 1);
    assertThat(client.prepayJsapi("CTRL_0010").header("Wechatpay-Serial"))
        .isEqualTo(rotated.json().path("serial_no").asString());
    assertThat(control("POST", "/simulator/certificates/activate", "").status()).isEqualTo(409);
  }

  @Test
  void clockAdvances() {
    long before = simulator.now().getEpochSecond();

    Answer answer = control("POST", "/simulator/clock/advance", "{\"seconds\":3600}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(simulator.now().getEpochSecond() - before).isBetween(3600L, 3660L);
    simulator.advanceClock(Duration.ofSeconds(-3600));
    assertThat(control("POST", "/simulator/clock/advance", "{\"seconds\":\"x\"}").status())
        .isEqualTo(400);
  }

  @Test
  void unknownControlCallIs404AndWrongMethodIs405() {
    assertThat(control("GET", "/simulator/nothing", "").status()).isEqualTo(404);
    assertThat(control("POST", "/simulator/orders", "{}").status()).isEqualTo(405);
  }
}
