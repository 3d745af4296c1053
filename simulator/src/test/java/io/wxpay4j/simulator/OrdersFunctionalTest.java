package io.wxpay4j.simulator;

import static io.wxpay4j.simulator.TestClient.H5_SCENE;
import static io.wxpay4j.simulator.TestClient.NOTIFY_URL;
import static io.wxpay4j.simulator.TestClient.PAYER;
import static io.wxpay4j.simulator.TestClient.prepayBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.simulator.TestClient.Answer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OrdersFunctionalTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static WechatPaySimulator simulator;
  private static TestClient client;

  @BeforeAll
  static void start() {
    simulator = WechatPaySimulator.builder().start();
    client = new TestClient(simulator);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static String newOutTradeNo() {
    return "ORDERS" + System.nanoTime() + "_" + IDS.incrementAndGet();
  }

  @Test
  void jsapiPrepayAnswersSignedPrepayIdWithNewestPlatformCertificate() {
    Answer answer = client.prepayJsapi(newOutTradeNo());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("prepay_id").asString()).startsWith("wx").hasSize(36);
    assertThat(answer.header("Wechatpay-Serial"))
        .isEqualTo(simulator.merchant().platformSerialNumber());
    assertThat(answer.header("Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SHA256-RSA2048");
    assertThat(answer.header("Request-ID")).isNotBlank();
    assertThat(answer.signedBy(simulator.merchant().platformCertificate().getPublicKey())).isTrue();
  }

  @Test
  void answerHeaderNamesKeepWechatPayCase() {
    Answer answer = client.prepayJsapi(newOutTradeNo());

    assertThat(answer.headers().names())
        .contains(
            "Wechatpay-Timestamp",
            "Wechatpay-Nonce",
            "Wechatpay-Signature",
            "Wechatpay-Serial",
            "Wechatpay-Signature-Type",
            "Request-ID");
  }

  @Test
  void eachTradeTypeAnswersItsOwnField() {
    var merchant = simulator.merchant();
    Answer app =
        client.post(
            "/v3/pay/transactions/app", prepayBody(merchant, newOutTradeNo(), NOTIFY_URL, ""));
    Answer h5 =
        client.post(
            "/v3/pay/transactions/h5", prepayBody(merchant, newOutTradeNo(), NOTIFY_URL, H5_SCENE));
    String nativeNo = newOutTradeNo();
    Answer nat =
        client.post("/v3/pay/transactions/native", prepayBody(merchant, nativeNo, NOTIFY_URL, ""));

    assertThat(app.json().path("prepay_id").asString()).startsWith("wx");
    // The simulator's H5 cashier stands in for WeChat's (BrowserPayerTest pays through it).
    assertThat(h5.json().path("h5_url").asString())
        .startsWith(simulator.baseUrl() + "simulator/cashier/h5?prepay_id=wx")
        .containsPattern("&package=[0-9]{10}$");
    assertThat(nat.json().path("code_url").asString()).startsWith("weixin://wxpay/bizpayurl?pr=");
    assertThat(client.queryByOutTradeNo(nativeNo).json().path("trade_type").asString())
        .isEqualTo("NATIVE");
  }

  @Test
  void unpaidOrderIsNotPayWithoutTransactionId() {
    String outTradeNo = newOutTradeNo();
    client.prepayJsapi(outTradeNo);

    Answer answer = client.queryByOutTradeNo(outTradeNo);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.path("trade_state").asString()).isEqualTo("NOTPAY");
    assertThat(json.path("trade_state_desc").asString()).isEqualTo("订单未支付");
    assertThat(json.has("transaction_id")).isFalse();
    assertThat(json.path("mchid").asString()).isEqualTo(simulator.merchant().merchantId());
    assertThat(json.at("/amount/total").asInt()).isEqualTo(100);
    assertThat(answer.signedBy(simulator.merchant().platformCertificate().getPublicKey())).isTrue();
  }

  @Test
  void unknownTransactionIdIsOrderNotExist() {
    Answer answer = client.queryById("4200000000202601010000000000");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.code()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(answer.signedBy(simulator.merchant().platformCertificate().getPublicKey())).isTrue();
  }

  @Test
  void paidOrderHasTransactionIdAndCanBeQueriedByIt() {
    String outTradeNo = newOutTradeNo();
    client.prepayJsapi(outTradeNo);

    SimulatorOrder paid = simulator.pay(outTradeNo);
    Answer byId = client.queryById(paid.transactionId());

    assertThat(paid.tradeState()).isEqualTo("SUCCESS");
    assertThat(paid.transactionId()).startsWith("4200").hasSize(28);
    assertThat(byId.status()).as(byId.body()).isEqualTo(200);
    JsonNode json = byId.json();
    assertThat(json.path("out_trade_no").asString()).isEqualTo(outTradeNo);
    assertThat(json.path("trade_state").asString()).isEqualTo("SUCCESS");
    assertThat(json.at("/payer/openid").asString()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assertThat(json.at("/amount/payer_total").asInt()).isEqualTo(100);
    assertThat(json.path("success_time").asString()).endsWith("+08:00");
  }

  @Test
  void failedPaymentIsPayError() {
    String outTradeNo = newOutTradeNo();
    client.prepayJsapi(outTradeNo);

    simulator.fail(outTradeNo);

    JsonNode json = client.queryByOutTradeNo(outTradeNo).json();
    assertThat(json.path("trade_state").asString()).isEqualTo("PAYERROR");
    assertThat(json.has("transaction_id")).isFalse();
  }

  @Test
  void closeAnswersSignedEmpty204AndClosesTheOrder() {
    String outTradeNo = newOutTradeNo();
    client.prepayJsapi(outTradeNo);

    Answer answer = client.close(outTradeNo);

    assertThat(answer.status()).isEqualTo(204);
    assertThat(answer.body()).isEmpty();
    assertThat(answer.signedBy(simulator.merchant().platformCertificate().getPublicKey())).isTrue();
    assertThat(client.queryByOutTradeNo(outTradeNo).json().path("trade_state").asString())
        .isEqualTo("CLOSED");
    assertThatThrownBy(() -> simulator.pay(outTradeNo))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
  }

  @Test
  void closingAPaidOrderIsRefusedWithTradeError() {
    String outTradeNo = newOutTradeNo();
    client.prepayJsapi(outTradeNo);
    simulator.pay(outTradeNo);

    Answer answer = client.close(outTradeNo);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("TRADE_ERROR");
    assertThat(client.queryByOutTradeNo(outTradeNo).json().path("trade_state").asString())
        .isEqualTo("SUCCESS");
  }

  @Test
  void closingAnUnknownOrderIsOrderNotExist() {
    Answer answer = client.close(newOutTradeNo());

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.code()).isEqualTo("ORDER_NOT_EXIST");
  }

  @Test
  void reenteringWithTheSameParametersGivesTheSameOrder() {
    String outTradeNo = newOutTradeNo();
    Answer first = client.prepayJsapi(outTradeNo);

    Answer second = client.prepayJsapi(outTradeNo);

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().path("prepay_id").asString())
        .isEqualTo(first.json().path("prepay_id").asString());
  }

  @Test
  void reenteringWithDifferentParametersIsOutTradeNoUsed() {
    String outTradeNo = newOutTradeNo();
    client.prepayJsapi(outTradeNo);

    Answer answer =
        client.post(
            "/v3/pay/transactions/jsapi",
            prepayBody(simulator.merchant(), outTradeNo, NOTIFY_URL, PAYER)
                .replace("\"total\":100", "\"total\":101"));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("OUT_TRADE_NO_USED");
  }

  @Test
  void reenteringThroughAnotherTradeTypeIsOutTradeNoUsed() {
    String outTradeNo = newOutTradeNo();
    client.post(
        "/v3/pay/transactions/app", prepayBody(simulator.merchant(), outTradeNo, NOTIFY_URL, ""));

    Answer answer =
        client.post(
            "/v3/pay/transactions/native",
            prepayBody(simulator.merchant(), outTradeNo, NOTIFY_URL, ""));

    assertThat(answer.code()).isEqualTo("OUT_TRADE_NO_USED");
  }

  @Test
  void reenteringAClosedOrderIsOrderClosed() {
    String outTradeNo = newOutTradeNo();
    client.prepayJsapi(outTradeNo);
    client.close(outTradeNo);

    Answer answer = client.prepayJsapi(outTradeNo);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("ORDER_CLOSED");
  }

  @Test
  void reenteringAPaidOrderIsOutTradeNoUsed() {
    String outTradeNo = newOutTradeNo();
    client.prepayJsapi(outTradeNo);
    simulator.pay(outTradeNo);

    assertThat(client.prepayJsapi(outTradeNo).code()).isEqualTo("OUT_TRADE_NO_USED");
  }

  @Test
  void paymentAfterTimeExpireIsRefused() {
    try (WechatPaySimulator own = WechatPaySimulator.builder().start()) {
      TestClient ownClient = new TestClient(own);
      String outTradeNo = newOutTradeNo();
      String expire = Order.rfc3339(own.now().plus(Duration.ofMinutes(10)));
      ownClient.post(
          "/v3/pay/transactions/jsapi",
          prepayBody(
              own.merchant(),
              outTradeNo,
              NOTIFY_URL,
              PAYER + ",\"time_expire\":\"" + expire + "\""));

      own.advanceClock(Duration.ofMinutes(11));

      assertThatThrownBy(() -> own.pay(outTradeNo))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("ORDER_EXPIRED");
      assertThat(ownClient.queryByOutTradeNo(outTradeNo).json().path("trade_state").asString())
          .isEqualTo("NOTPAY");
      assertThat(own.order(outTradeNo).orElseThrow().timeExpire())
          .isEqualTo(java.time.OffsetDateTime.parse(expire).toInstant());
    }
  }

  @Test
  void timeExpireEarlierThanOneMinuteIsRaisedToOneMinute() {
    String outTradeNo = newOutTradeNo();
    String expire = Order.rfc3339(simulator.now().minus(Duration.ofHours(1)));
    client.post(
        "/v3/pay/transactions/jsapi",
        prepayBody(
            simulator.merchant(),
            outTradeNo,
            NOTIFY_URL,
            PAYER + ",\"time_expire\":\"" + expire + "\""));

    SimulatorOrder order = simulator.order(outTradeNo).orElseThrow();

    assertThat(Duration.between(order.createTime(), order.timeExpire()))
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void nativeOrderIsPaidByScanningItsCodeUrl() {
    String outTradeNo = newOutTradeNo();
    String codeUrl =
        client
            .post(
                "/v3/pay/transactions/native",
                prepayBody(simulator.merchant(), outTradeNo, NOTIFY_URL, ""))
            .json()
            .path("code_url")
            .asString();

    SimulatorOrder paid = simulator.payByCodeUrl(codeUrl);

    assertThat(paid.outTradeNo()).isEqualTo(outTradeNo);
    JsonNode json = client.queryByOutTradeNo(outTradeNo).json();
    assertThat(json.path("trade_state").asString()).isEqualTo("SUCCESS");
    assertThat(json.at("/payer/openid").asString()).startsWith("oSim");
  }

  @Test
  void outTradeNoWithPipeIsPercentEncodedInThePathAndFound() {
    String outTradeNo = "PIPE|" + IDS.incrementAndGet() + "*x";
    client.prepayJsapi(outTradeNo);

    Answer answer = client.queryByOutTradeNo(outTradeNo.replace("|", "%7C"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("out_trade_no").asString()).isEqualTo(outTradeNo);
  }
}
