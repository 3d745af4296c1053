package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.simulator.TestClient.Answer;
import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Combine payment (合单支付) end to end over loopback with the simulator's own test client: the rules
 * of combine-payment.md §1–§10, the payer paying all sub-orders at once, the one notice, query,
 * close, refunds of a sub-order through the refund API, the control API and faults.
 */
class CombineFunctionalTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final String NATIVE = "/v3/combine-transactions/native";
  private static final String JSAPI = "/v3/combine-transactions/jsapi";
  private static final String SHOP_A = "1900000211";
  private static final String SHOP_B = "1900000212";
  private static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  private static final MockWebServer receiver = new MockWebServer();
  private static WechatPaySimulator simulator;
  private static TestClient client;
  private static SimulatorMerchant merchant;

  @BeforeAll
  static void start() throws Exception {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(204).build();
          }
        });
    receiver.start(InetAddress.getLoopbackAddress(), 0);
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.001).start();
    client = new TestClient(simulator);
    merchant = simulator.merchant();
  }

  @AfterAll
  static void stop() {
    simulator.close();
    receiver.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  private static String id(String prefix) {
    return String.format("%s%dx%05d", prefix, IDS.incrementAndGet(), System.nanoTime() % 100000);
  }

  private static String subOrder(String mchid, String outTradeNo, long total) {
    return "{\"mchid\":\""
        + mchid
        + "\",\"attach\":\"shop "
        + mchid
        + "\",\"amount\":{\"total_amount\":"
        + total
        + ",\"currency\":\"CNY\"},\"out_trade_no\":\""
        + outTradeNo
        + "\",\"description\":\"合单商品\"}";
  }

  private static String body(String combineNo, String extra, String... subOrders) {
    return "{\"combine_appid\":\""
        + merchant.appId()
        + "\",\"combine_mchid\":\""
        + merchant.merchantId()
        + "\",\"combine_out_trade_no\":\""
        + combineNo
        + "\",\"sub_orders\":["
        + String.join(",", subOrders)
        + "],\"notify_url\":\"http://127.0.0.1:"
        + receiver.getPort()
        + "/notify\""
        + extra
        + "}";
  }

  private static Answer control(String method, String path, String body) {
    return client.raw(
        method, client.url(path), body == null && method.equals("POST") ? "" : body, null);
  }

  private static void assertError(Answer answer, int status, String code, String messagePart) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.code()).isEqualTo(code);
    assertThat(answer.json().path("message").asString()).contains(messagePart);
    assertThat(answer.signedBy(signingKey(answer.header("Wechatpay-Serial")))).isTrue();
  }

  private static PublicKey signingKey(String serial) {
    return serial.startsWith("PUB_KEY_ID_")
        ? merchant.wechatPayPublicKey()
        : merchant.platformCertificate().getPublicKey();
  }

  private static NotificationAttempt notice(String outTradeNo) {
    int seen = 0;
    while (true) {
      List<NotificationAttempt> log =
          simulator.awaitNotifications(seen + 1, Duration.ofSeconds(10));
      for (NotificationAttempt attempt : log) {
        if (outTradeNo.equals(attempt.outTradeNo())) {
          return attempt;
        }
      }
      seen = log.size();
    }
  }

  @Test
  void nativeCombineOrderIsPaidTogetherWithOneNotice() {
    String combineNo = id("C");
    String first = id("S");
    String second = id("S");
    Answer created =
        client.post(
            NATIVE,
            body(combineNo, "", subOrder(SHOP_A, first, 300), subOrder(SHOP_B, second, 500)));
    String codeUrl = created.json().path("code_url").asString();

    Answer paid = control("POST", "/simulator/pay", "{\"code_url\":\"" + codeUrl + "\"}");

    assertThat(created.status()).isEqualTo(200);
    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    assertThat(paid.json().path("state").asString()).isEqualTo("SUCCESS");
    NotificationAttempt attempt = notice(combineNo);
    assertThat(attempt.eventType()).isEqualTo("TRANSACTION.SUCCESS");
    Map<String, String> headers = attempt.requestHeaders();
    String body = attempt.requestBody();
    assertThat(
            TestCrypto.verify(
                signingKey(headers.get("Wechatpay-Serial")),
                headers.get("Wechatpay-Timestamp")
                    + "\n"
                    + headers.get("Wechatpay-Nonce")
                    + "\n"
                    + body
                    + "\n",
                headers.get("Wechatpay-Signature")))
        .isTrue();
    JsonNode resource = Json.parse(body).path("resource");
    assertThat(resource.path("original_type").asString()).isEqualTo("transaction");
    JsonNode notified =
        Json.parse(
            TestCrypto.decrypt(
                merchant.apiV3Key(),
                resource.path("nonce").asString(),
                resource.path("associated_data").asString(),
                resource.path("ciphertext").asString()));
    assertThat(notified.path("combine_mchid").asString()).isEqualTo(merchant.merchantId());
    assertThat(notified.path("combine_out_trade_no").asString()).isEqualTo(combineNo);
    assertThat(notified.has("mchid")).isFalse();
    JsonNode subs = notified.path("sub_orders");
    assertThat(subs.size()).isEqualTo(2);
    assertThat(subs.get(0).path("mchid").asString()).isEqualTo(SHOP_A);
    assertThat(subs.get(1).path("amount").path("total_amount").asLong()).isEqualTo(500);
    assertThat(subs.get(0).path("trade_state").asString()).isEqualTo("SUCCESS");
    // One success_time, with milliseconds; a transaction_id each.
    String successTime = subs.get(0).path("success_time").asString();
    assertThat(successTime).matches(".*T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+08:00");
    assertThat(subs.get(1).path("success_time").asString()).isEqualTo(successTime);
    assertThat(OffsetDateTime.parse(successTime)).isNotNull();
    assertThat(subs.get(0).path("transaction_id").asString())
        .isNotEqualTo(subs.get(1).path("transaction_id").asString());
    assertThat(notified.at("/combine_payer_info/openid").asString()).startsWith("oSim");
    assertThat(simulator.notifications().stream().filter(a -> a.outTradeNo().equals(combineNo)))
        .hasSize(1);
    // The query answers the same; the basic query and close do not know the sub-orders.
    Answer queried = client.get("/v3/combine-transactions/out-trade-no/" + combineNo);
    assertThat(queried.status()).isEqualTo(200);
    assertThat(queried.signedBy(signingKey(queried.header("Wechatpay-Serial")))).isTrue();
    assertThat(queried.json().path("sub_orders")).isEqualTo(subs);
    assertError(
        client.get(
            "/v3/pay/transactions/out-trade-no/" + first + "?mchid=" + merchant.merchantId()),
        404,
        "ORDER_NOT_EXIST",
        first);
    assertError(
        client.get(
            "/v3/pay/transactions/id/"
                + subs.get(0).path("transaction_id").asString()
                + "?mchid="
                + merchant.merchantId()),
        404,
        "ORDER_NOT_EXIST",
        "transaction_id");
  }

  @Test
  void jsapiCombineOrderCarriesThePayersOpenid() {
    String combineNo = id("C");
    client.post(
        JSAPI,
        body(
            combineNo,
            ",\"combine_payer_info\":{\"openid\":\"" + OPENID + "\"}",
            subOrder(merchant.merchantId(), id("S"), 100),
            subOrder(SHOP_A, id("S"), 200)));

    List<SimulatorOrder> paid = simulator.payCombine(combineNo);

    assertThat(paid).extracting(SimulatorOrder::tradeType).containsOnly("JSAPI");
    JsonNode queried = client.get("/v3/combine-transactions/out-trade-no/" + combineNo).json();
    assertThat(queried.at("/combine_payer_info/openid").asString()).isEqualTo(OPENID);
  }

  @Test
  void jsapiWithoutThePayerIsRefusedBySpec() {
    assertError(
        client.post(
            JSAPI,
            body(id("C"), "", subOrder(SHOP_A, id("S"), 100), subOrder(SHOP_B, id("S"), 100))),
        400,
        "PARAM_ERROR",
        "/combine_payer_info");
  }

  @Test
  void oneSubOrderIsRefusedForADirectMerchant() {
    assertError(
        client.post(NATIVE, body(id("C"), "", subOrder(SHOP_A, id("S"), 100))),
        400,
        "PARAM_ERROR",
        "2-10");
  }

  @Test
  void elevenSubOrdersAreRefusedForADirectMerchant() {
    String[] subs = new String[11];
    for (int i = 0; i < subs.length; i++) {
      subs[i] = subOrder(SHOP_A, id("S"), 100);
    }

    assertError(client.post(NATIVE, body(id("C"), "", subs)), 400, "PARAM_ERROR", "not 11");
  }

  @Test
  void aMerchantNotBoundToTheAppIsRefused() {
    assertError(
        client.post(
            NATIVE,
            body(
                id("C"), "", subOrder(SHOP_A, id("S"), 100), subOrder("1900000999", id("S"), 100))),
        400,
        "APPID_MCHID_NOT_MATCH",
        "sub_orders[1].mchid 1900000999");
  }

  @Test
  void aDuplicateSubOrderIsRefused() {
    String same = id("S");

    assertError(
        client.post(
            NATIVE, body(id("C"), "", subOrder(SHOP_A, same, 100), subOrder(SHOP_A, same, 100))),
        400,
        "PARAM_ERROR",
        "子单商户订单号重复");
  }

  @Test
  void aMissingAttachIsRefusedBySpec() {
    String noAttach = subOrder(SHOP_B, id("S"), 100).replace("\"attach\":\"shop 1900000212\",", "");

    assertError(
        client.post(NATIVE, body(id("C"), "", subOrder(SHOP_A, id("S"), 100), noAttach)),
        400,
        "PARAM_ERROR",
        "/sub_orders/1/attach");
  }

  @Test
  void aZeroAmountIsRefusedBySpec() {
    assertError(
        client.post(
            NATIVE, body(id("C"), "", subOrder(SHOP_A, id("S"), 0), subOrder(SHOP_B, id("S"), 1))),
        400,
        "PARAM_ERROR",
        "/sub_orders/0/amount/total_amount");
  }

  @Test
  void aTimeExpireBeyondSevenDaysIsRefused() {
    String late =
        ",\"time_expire\":\""
            + OffsetDateTime.ofInstant(
                simulator.now().plus(Duration.ofDays(8)), java.time.ZoneOffset.ofHours(8))
            + "\"";

    assertError(
        client.post(
            NATIVE,
            body(id("C"), late, subOrder(SHOP_A, id("S"), 100), subOrder(SHOP_B, id("S"), 100))),
        400,
        "PARAM_ERROR",
        "at most 7 days");
  }

  @Test
  void reEntryWithOtherSettleInfoIsRefused() {
    String combineNo = id("C");
    String first = subOrder(SHOP_A, id("S"), 100);
    String second = subOrder(SHOP_B, id("S"), 100);
    Answer created = client.post(NATIVE, body(combineNo, "", first, second));
    Answer again = client.post(NATIVE, body(combineNo, "", first, second));
    String sharing =
        second.replace(
            "\"description\"", "\"settle_info\":{\"profit_sharing\":true},\"description\"");

    assertThat(again.json()).isEqualTo(created.json());
    assertError(
        client.post(NATIVE, body(combineNo, "", first, sharing)),
        400,
        "INVALID_REQUEST",
        "重复下单且结算信息不一致");
  }

  @Test
  void closeNeedsExactlyThePrepaysSubOrdersAndClosesThemAll() {
    String combineNo = id("C");
    String first = id("S");
    String second = id("S");
    client.post(
        NATIVE, body(combineNo, "", subOrder(SHOP_A, first, 100), subOrder(SHOP_B, second, 100)));
    String close = "/v3/combine-transactions/out-trade-no/" + combineNo + "/close";
    String partial =
        "{\"combine_appid\":\""
            + merchant.appId()
            + "\",\"sub_orders\":[{\"mchid\":\""
            + SHOP_A
            + "\",\"out_trade_no\":\""
            + first
            + "\"}]}";
    String whole =
        partial.replace(
            "\"}]}", "\"},{\"mchid\":\"" + SHOP_B + "\",\"out_trade_no\":\"" + second + "\"}]}");

    assertError(client.post(close, partial), 400, "INVALID_REQUEST", "子单信息");
    Answer closed = client.post(close, whole);

    assertThat(closed.status()).as(closed.body()).isEqualTo(204);
    assertThat(closed.signedBy(signingKey(closed.header("Wechatpay-Serial")))).isTrue();
    assertThat(simulator.order(first).orElseThrow().tradeState()).isEqualTo("CLOSED");
    assertThat(simulator.order(second).orElseThrow().tradeState()).isEqualTo("CLOSED");
    assertError(client.post(close, whole), 400, "ORDER_CLOSED", "already closed");
    assertThatThrownBy(() -> simulator.payCombine(combineNo))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
  }

  @Test
  void aSubOrderIsPaidOnlyWithItsCombineOrder() {
    String combineNo = id("C");
    String first = id("S");
    client.post(
        NATIVE, body(combineNo, "", subOrder(SHOP_A, first, 100), subOrder(SHOP_B, id("S"), 100)));

    assertThatThrownBy(() -> simulator.pay(first))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pay the combine order");
    assertThat(simulator.order(first).orElseThrow().tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void aPaidSubOrderIsRefundedByItsOwnMerchantOnly() {
    String combineNo = id("C");
    String own = id("S");
    String other = id("S");
    client.post(
        NATIVE,
        body(
            combineNo,
            "",
            subOrder(merchant.merchantId(), own, 300),
            subOrder(SHOP_A, other, 200)));
    List<SimulatorOrder> paid = simulator.payCombine(combineNo);

    Answer refunded =
        client.post(
            "/v3/refund/domestic/refunds",
            "{\"transaction_id\":\""
                + paid.get(0).transactionId()
                + "\",\"out_refund_no\":\""
                + id("R")
                + "\",\"amount\":{\"refund\":100,\"total\":300,\"currency\":\"CNY\"}}");

    assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
    assertThat(refunded.json().path("out_trade_no").asString()).isEqualTo(own);
    assertError(
        client.post(
            "/v3/refund/domestic/refunds",
            "{\"out_trade_no\":\""
                + other
                + "\",\"out_refund_no\":\""
                + id("R")
                + "\",\"amount\":{\"refund\":100,\"total\":200,\"currency\":\"CNY\"}}"),
        404,
        "RESOURCE_NOT_EXISTS",
        "belongs to merchant " + SHOP_A);
    // A refunded sub-order is REFUND; the combine order is still paid as a whole.
    JsonNode queried = client.get("/v3/combine-transactions/out-trade-no/" + combineNo).json();
    assertThat(queried.at("/sub_orders/0/trade_state").asString()).isEqualTo("REFUND");
    assertThat(
            control("GET", "/simulator/combine-orders/" + combineNo, null)
                .json()
                .path("state")
                .asString())
        .isEqualTo("SUCCESS");
  }

  @Test
  void anotherMerchantsOrUnknownCombineOrderIsNotFound() {
    assertError(
        client.get("/v3/combine-transactions/out-trade-no/" + id("C")),
        404,
        "ORDER_NOT_EXIST",
        "combine_out_trade_no");
  }

  @Test
  void faultsApplyToCombineRoutes() {
    simulator.injectFault("combinePrepayNative", Fault.SYSTEM_ERROR, 1);
    String body = body(id("C"), "", subOrder(SHOP_A, id("S"), 100), subOrder(SHOP_B, id("S"), 100));

    assertError(client.post(NATIVE, body), 500, "SYSTEM_ERROR", "injected");
    assertThat(client.post(NATIVE, body).status()).isEqualTo(200);
  }

  @Test
  void controlApiListsAndPaysCombineOrdersAndNamesTheParticipants() {
    String combineNo = id("C");
    client.post(
        NATIVE,
        body(combineNo, "", subOrder(SHOP_A, id("S"), 100), subOrder(SHOP_B, id("S"), 100)));

    Answer paid = control("POST", "/simulator/combine-orders/" + combineNo + "/pay", null);
    Answer again =
        control("POST", "/simulator/pay", "{\"combine_out_trade_no\":\"" + combineNo + "\"}");

    assertThat(paid.json().path("state").asString()).isEqualTo("SUCCESS");
    assertThat(paid.body()).doesNotContain("combine_payer_info");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("code").asString()).isEqualTo("ORDER_NOT_PAYABLE");
    assertThat(control("GET", "/simulator/combine-orders", null).json().size()).isEqualTo(1);
    assertThat(control("GET", "/simulator/merchant", null).json().path("combine_mchids").toString())
        .isEqualTo("[\"" + merchant.merchantId() + "\",\"" + SHOP_A + "\",\"" + SHOP_B + "\"]");
    assertThat(simulator.combineMerchantIds())
        .containsExactly(merchant.merchantId(), SHOP_A, SHOP_B);
  }
}
