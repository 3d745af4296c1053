package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.simulator.TestClient.Answer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Service-provider (服务商) orders: the merchant is sp_mchid, its sub-merchant sub_mchid. */
class PartnerOrdersFunctionalTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static WechatPaySimulator simulator;
  private static TestClient client;
  private static SimulatorMerchant merchant;

  @BeforeAll
  static void start() {
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.001).start();
    client = new TestClient(simulator);
    merchant = simulator.merchant();
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static String newOutTradeNo() {
    return "PARTNER_" + IDS.incrementAndGet();
  }

  static String partnerBody(
      SimulatorMerchant m, String outTradeNo, String notifyUrl, String extra) {
    return "{\"sp_appid\":\""
        + m.appId()
        + "\",\"sp_mchid\":\""
        + m.merchantId()
        + "\",\"sub_mchid\":\""
        + m.subMerchantId()
        + "\",\"description\":\"partner order\",\"out_trade_no\":\""
        + outTradeNo
        + "\",\"notify_url\":\""
        + notifyUrl
        + "\",\"amount\":{\"total\":300}"
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  private static Answer prepay(String outTradeNo, String extra) {
    return client.post(
        "/v3/pay/partner/transactions/jsapi",
        partnerBody(merchant, outTradeNo, TestClient.NOTIFY_URL, extra));
  }

  private static Answer query(String outTradeNo, String subMchid) {
    return client.get(
        "/v3/pay/partner/transactions/out-trade-no/"
            + outTradeNo
            + "?sp_mchid="
            + merchant.merchantId()
            + "&sub_mchid="
            + subMchid);
  }

  @Test
  void partnerOrderIsQueriedInThePartnerShape() {
    String outTradeNo = newOutTradeNo();
    Answer prepay = prepay(outTradeNo, "\"payer\":{\"sp_openid\":\"oSpOpenid0001\"}");
    assertThat(prepay.status()).as(prepay.body()).isEqualTo(200);

    SimulatorOrder paid = simulator.pay(outTradeNo);
    JsonNode json = query(outTradeNo, merchant.subMerchantId()).json();
    JsonNode byId =
        client
            .get(
                "/v3/pay/partner/transactions/id/"
                    + paid.transactionId()
                    + "?sp_mchid="
                    + merchant.merchantId()
                    + "&sub_mchid="
                    + merchant.subMerchantId())
            .json();

    assertThat(json.path("sp_mchid").asString()).isEqualTo(merchant.merchantId());
    assertThat(json.path("sp_appid").asString()).isEqualTo(merchant.appId());
    assertThat(json.path("sub_mchid").asString()).isEqualTo(merchant.subMerchantId());
    assertThat(json.has("mchid")).isFalse();
    assertThat(json.has("sub_appid")).isFalse();
    assertThat(json.at("/payer/sp_openid").asString()).isEqualTo("oSpOpenid0001");
    assertThat(json.path("trade_state").asString()).isEqualTo("SUCCESS");
    assertThat(byId.path("out_trade_no").asString()).isEqualTo(outTradeNo);
  }

  @Test
  void subOpenidNeedsSubAppidAndIsReportedBack() {
    String outTradeNo = newOutTradeNo();

    Answer without = prepay(outTradeNo, "\"payer\":{\"sub_openid\":\"oSubOpenid01\"}");
    Answer with =
        prepay(
            outTradeNo,
            "\"sub_appid\":\""
                + merchant.subAppId()
                + "\",\"payer\":{\"sub_openid\":\"oSubOpenid01\"}");
    simulator.pay(outTradeNo);

    TestClient.assertParamError(without, "/sub_appid", "body");
    assertThat(with.status()).as(with.body()).isEqualTo(200);
    JsonNode json = query(outTradeNo, merchant.subMerchantId()).json();
    assertThat(json.path("sub_appid").asString()).isEqualTo(merchant.subAppId());
    assertThat(json.at("/payer/sub_openid").asString()).isEqualTo("oSubOpenid01");
  }

  @Test
  void payerWithBothOpenidsIsReported() {
    Answer answer = prepay(newOutTradeNo(), "\"payer\":{\"sp_openid\":\"a\",\"sub_openid\":\"b\"}");

    TestClient.assertParamError(answer, "/payer", "body");
  }

  @Test
  void jsapiWithoutPayerIsReported() {
    TestClient.assertParamError(prepay(newOutTradeNo(), ""), "/payer", "body");
  }

  @Test
  void unknownSubMerchantIsMchNotExists() {
    Answer answer =
        client.post(
            "/v3/pay/partner/transactions/native",
            partnerBody(merchant, newOutTradeNo(), TestClient.NOTIFY_URL, "")
                .replace(merchant.subMerchantId(), "1999999999"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("MCH_NOT_EXISTS");
  }

  @Test
  void wrongSubAppidIsAppidMchidNotMatch() {
    Answer answer =
        client.post(
            "/v3/pay/partner/transactions/app",
            partnerBody(
                merchant,
                newOutTradeNo(),
                TestClient.NOTIFY_URL,
                "\"sub_appid\":\"wx0000000000000000\""));

    assertThat(answer.code()).isEqualTo("APPID_MCHID_NOT_MATCH");
  }

  @Test
  void spMchidOtherThanTheCallerIsParamError() {
    Answer answer =
        client.post(
            "/v3/pay/partner/transactions/native",
            partnerBody(merchant, newOutTradeNo(), TestClient.NOTIFY_URL, "")
                .replace(
                    "\"sp_mchid\":\"" + merchant.merchantId() + "\"",
                    "\"sp_mchid\":\"1230000109\""));

    TestClient.assertParamError(answer, "/sp_mchid", "body");
  }

  @Test
  void queryWithAnotherSubMerchantOrThroughTheDirectPathFindsNothing() {
    String outTradeNo = newOutTradeNo();
    client.post(
        "/v3/pay/partner/transactions/native",
        partnerBody(merchant, outTradeNo, TestClient.NOTIFY_URL, ""));

    assertThat(query(outTradeNo, "1999999999").code()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(client.queryByOutTradeNo(outTradeNo).code()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(query(outTradeNo, merchant.subMerchantId()).status()).isEqualTo(200);
  }

  @Test
  void missingSubMchidQueryIsReported() {
    TestClient.assertParamError(
        client.get(
            "/v3/pay/partner/transactions/out-trade-no/PARTNER_X1?sp_mchid="
                + merchant.merchantId()),
        "sub_mchid",
        "query");
  }

  @Test
  void partnerCloseAnswers204AndNeedsTheRightSubMerchant() {
    String outTradeNo = newOutTradeNo();
    client.post(
        "/v3/pay/partner/transactions/h5",
        partnerBody(merchant, outTradeNo, TestClient.NOTIFY_URL, TestClient.H5_SCENE));
    String path = "/v3/pay/partner/transactions/out-trade-no/" + outTradeNo + "/close";

    Answer wrong =
        client.post(
            path, "{\"sp_mchid\":\"" + merchant.merchantId() + "\",\"sub_mchid\":\"1999999999\"}");
    Answer right =
        client.post(
            path,
            "{\"sp_mchid\":\""
                + merchant.merchantId()
                + "\",\"sub_mchid\":\""
                + merchant.subMerchantId()
                + "\"}");

    assertThat(wrong.code()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(right.status()).isEqualTo(204);
    assertThat(right.signedBy(merchant.platformCertificate().getPublicKey())).isTrue();
    assertThat(query(outTradeNo, merchant.subMerchantId()).json().path("trade_state").asString())
        .isEqualTo("CLOSED");
  }

  @Test
  void partnerNotificationCarriesThePartnerShape() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.enqueue(new MockResponse.Builder().code(204).build());
      receiver.start(java.net.InetAddress.getLoopbackAddress(), 0);
      String outTradeNo = newOutTradeNo();
      client.post(
          "/v3/pay/partner/transactions/native",
          partnerBody(merchant, outTradeNo, "http://127.0.0.1:" + receiver.getPort() + "/n", ""));

      simulator.pay(outTradeNo);
      simulator.awaitNotifications(1, Duration.ofSeconds(10));
      RecordedRequest request = receiver.takeRequest();

      JsonNode resource = Json.parse(request.getBody().utf8()).path("resource");
      JsonNode transaction =
          Json.parse(
              TestCrypto.decrypt(
                  merchant.apiV3Key(),
                  resource.path("nonce").asString(),
                  "transaction",
                  resource.path("ciphertext").asString()));
      assertThat(transaction.path("sp_mchid").asString()).isEqualTo(merchant.merchantId());
      assertThat(transaction.path("sub_mchid").asString()).isEqualTo(merchant.subMerchantId());
      assertThat(transaction.at("/payer/sp_openid").asString()).startsWith("oSim");
      assertThat(transaction.path("out_trade_no").asString()).isEqualTo(outTradeNo);
    }
  }
}
