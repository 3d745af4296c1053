package io.wxpay4j.simulator;

import static io.wxpay4j.simulator.TestClient.H5_SCENE;
import static io.wxpay4j.simulator.TestClient.NOTIFY_URL;
import static io.wxpay4j.simulator.TestClient.PAYER;
import static io.wxpay4j.simulator.TestClient.assertParamError;
import static io.wxpay4j.simulator.TestClient.prepayBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.simulator.TestClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spec-driven validation: each rule gives 400 PARAM_ERROR with the JSON pointer of the field. */
class ValidationTest {
  private static WechatPaySimulator simulator;
  private static TestClient client;
  private static SimulatorMerchant merchant;

  @BeforeAll
  static void start() {
    simulator = WechatPaySimulator.builder().addAppId("wx1234567890abcdef").start();
    client = new TestClient(simulator);
    merchant = simulator.merchant();
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static Answer jsapi(String body) {
    return client.post("/v3/pay/transactions/jsapi", body);
  }

  @Test
  void missingDescriptionIsReportedAtItsPointer() {
    Answer answer =
        jsapi(
            prepayBody(merchant, "VALID_0001", NOTIFY_URL, PAYER)
                .replaceFirst("\"description\":\"[^\"]*\",", ""));

    assertParamError(answer, "/description", "body");
    assertThat(answer.json().path("message").asString())
        .isEqualTo("参数错误: /description is required");
    assertThat(answer.signedBy(merchant.platformCertificate().getPublicKey())).isTrue();
  }

  @Test
  void zeroTotalIsReportedWithItsValue() {
    Answer answer =
        jsapi(
            prepayBody(merchant, "VALID_0002", NOTIFY_URL, PAYER)
                .replace("\"total\":100", "\"total\":0"));

    assertParamError(answer, "/amount/total", "body");
    assertThat(answer.json().at("/detail/value").asInt()).isEqualTo(0);
    assertThat(answer.json().at("/detail/issue").asString())
        .isEqualTo("must have a minimum value of 1");
  }

  @Test
  void totalAsStringIsATypeError() {
    Answer answer =
        jsapi(
            prepayBody(merchant, "VALID_0003", NOTIFY_URL, PAYER)
                .replace("\"total\":100", "\"total\":\"100\""));

    assertParamError(answer, "/amount/total", "body");
  }

  @Test
  void outTradeNoWithForbiddenCharacterIsReported() {
    assertParamError(
        jsapi(prepayBody(merchant, "BAD#NO1", NOTIFY_URL, PAYER)), "/out_trade_no", "body");
  }

  @Test
  void tooShortOutTradeNoIsReported() {
    assertParamError(
        jsapi(prepayBody(merchant, "ABC", NOTIFY_URL, PAYER)), "/out_trade_no", "body");
  }

  @Test
  void descriptionLongerThan127CharactersIsReported() {
    String body =
        prepayBody(merchant, "VALID_0004", NOTIFY_URL, PAYER)
            .replaceFirst(
                "\"description\":\"[^\"]*\"", "\"description\":\"" + "商".repeat(128) + "\"");

    assertParamError(jsapi(body), "/description", "body");
  }

  @Test
  void jsapiWithoutPayerIsReportedThroughTheSpecExtension() {
    Answer answer = jsapi(prepayBody(merchant, "VALID_0005", NOTIFY_URL, ""));

    assertParamError(answer, "/payer", "body");
    assertThat(answer.json().at("/detail/issue").asString()).contains("x-wxpay4j-required");
  }

  @Test
  void appWithoutPayerIsAccepted() {
    Answer answer =
        client.post("/v3/pay/transactions/app", prepayBody(merchant, "VALID_0006", NOTIFY_URL, ""));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void h5WithoutH5InfoIsReported() {
    Answer answer =
        client.post(
            "/v3/pay/transactions/h5",
            prepayBody(
                merchant,
                "VALID_0007",
                NOTIFY_URL,
                "\"scene_info\":{\"payer_client_ip\":\"14.23.150.211\"}"));

    assertParamError(answer, "/scene_info/h5_info", "body");
  }

  @Test
  void h5WithUnknownH5TypeIsReported() {
    Answer answer =
        client.post(
            "/v3/pay/transactions/h5",
            prepayBody(merchant, "VALID_0008", NOTIFY_URL, H5_SCENE.replace("Wap", "Web")));

    assertParamError(answer, "/scene_info/h5_info/type", "body");
  }

  @Test
  void appidNotBoundToTheMerchantIsAppidMchidNotMatch() {
    Answer answer =
        jsapi(
            prepayBody(merchant, "VALID_0009", NOTIFY_URL, PAYER)
                .replace(merchant.appId(), "wx0000000000000000"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("APPID_MCHID_NOT_MATCH");
  }

  @Test
  void anotherBoundAppidIsAccepted() {
    Answer answer =
        jsapi(
            prepayBody(merchant, "VALID_0010", NOTIFY_URL, PAYER)
                .replace(merchant.appId(), "wx1234567890abcdef"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void plainHttpNotifyUrlToARealHostIsReported() {
    assertParamError(
        jsapi(prepayBody(merchant, "VALID_0011", "http://www.example.com/notify", PAYER)),
        "/notify_url",
        "body");
  }

  @Test
  void plainHttpNotifyUrlToLoopbackIsAccepted() {
    String[] urls = {
      "http://127.0.0.1:9/notify", "http://localhost:9/notify", "http://[::1]:9/notify"
    };
    for (int i = 0; i < urls.length; i++) {
      String url = urls[i];
      Answer answer = jsapi(prepayBody(merchant, "VALID_0012_" + i, url, PAYER));
      assertThat(answer.status()).as(url + " " + answer.body()).isEqualTo(200);
    }
  }

  @Test
  void notifyUrlWithQueryStringIsReported() {
    assertParamError(
        jsapi(prepayBody(merchant, "VALID_0013", NOTIFY_URL + "?order=1", PAYER)),
        "/notify_url",
        "body");
  }

  @Test
  void foreignCurrencyIsReported() {
    assertParamError(
        jsapi(prepayBody(merchant, "VALID_0014", NOTIFY_URL, PAYER).replace("CNY", "USD")),
        "/amount/currency",
        "body");
  }

  @Test
  void badTimeExpireIsReported() {
    assertParamError(
        jsapi(
            prepayBody(
                merchant, "VALID_0015", NOTIFY_URL, PAYER + ",\"time_expire\":\"tomorrow\"")),
        "/time_expire",
        "body");
  }

  @Test
  void invalidJsonIsParamError() {
    Answer answer = jsapi("{\"appid\":");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("PARAM_ERROR");
    assertThat(answer.json().at("/detail/issue").asString())
        .startsWith("the body is not valid JSON: ");
    assertThat(answer.json().at("/detail/field").asString()).isEmpty();
  }

  @Test
  void badOutTradeNoInThePathIsReportedAsPathParameter() {
    assertParamError(
        client.get("/v3/pay/transactions/out-trade-no/AB?mchid=" + merchant.merchantId()),
        "out_trade_no",
        "path");
  }

  @Test
  void missingMchidQueryIsReportedAsQueryParameter() {
    assertParamError(client.get("/v3/pay/transactions/out-trade-no/VALID_0016"), "mchid", "query");
  }

  @Test
  void closeWithoutMchidIsReported() {
    assertParamError(
        client.post("/v3/pay/transactions/out-trade-no/VALID_0017/close", "{}"), "/mchid", "body");
  }

  @Test
  void unknownPathIsSigned404() {
    Answer answer = client.get("/v3/pay/transactions/nothing");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.signedBy(merchant.platformCertificate().getPublicKey())).isTrue();
  }

  @Test
  void wrongMethodIs405() {
    assertThat(client.get("/v3/pay/transactions/jsapi").status()).isEqualTo(405);
  }
}
