package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.AbnormalRefundBankType;
import io.wxpay4j.model.AbnormalRefundType;
import io.wxpay4j.model.ApplyAbnormalRefundRequest;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.Refund;
import io.wxpay4j.model.RefundFromAccount;
import io.wxpay4j.model.RefundFundsFrom;
import io.wxpay4j.model.RefundGoodsDetail;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.model.RefundRequestFundsAccount;
import io.wxpay4j.model.RefundStatus;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/** What each generated refund operation puts on the wire, over a real loopback server. */
final class RefundsApiTest {
  private final MockWebServer server = new MockWebServer();
  private RefundsApi refunds;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    refunds =
        new Retrofit.Builder()
            .baseUrl(server.url("/"))
            .addConverterFactory(MoshiConverterFactory.create(WechatPayJson.moshi()))
            .build()
            .create(RefundsApi.class);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private static final String PROCESSING_REFUND =
      "{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\"1217752501201407033233368018\","
          + "\"transaction_id\":\"1217752501201407033233368018\",\"out_trade_no\":\"1217752501201407033233368018\","
          + "\"channel\":\"ORIGINAL\",\"user_received_account\":\"支付用户零钱\","
          + "\"create_time\":\"2020-12-01T16:18:12+08:00\",\"status\":\"PROCESSING\",\"funds_account\":\"AVAILABLE\","
          + "\"amount\":{\"total\":888,\"refund\":888,\"payer_total\":888,\"payer_refund\":888,"
          + "\"settlement_refund\":888,\"settlement_total\":888,\"discount_refund\":0,\"currency\":\"CNY\"}}";

  private void enqueueJson(String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  private static void assertJsonPost(RecordedRequest request, String target, String body) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(target);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().utf8()).isEqualTo(body);
  }

  private static RefundRequestAmount.Builder amount888() {
    return RefundRequestAmount.builder().refund(888L).total(888L).currency("CNY");
  }

  /** The request of the official create-refund page, field for field. */
  @Test
  void createRefundPostsTheDocumentedRequest() throws Exception {
    enqueueJson(PROCESSING_REFUND);
    CreateRefundRequest request =
        CreateRefundRequest.builder()
            .transactionId("1217752501201407033233368018")
            .outRefundNo("1217752501201407033233368018")
            .reason("商品已售完")
            .notifyUrl("https://weixin.qq.com")
            .fundsAccount(RefundRequestFundsAccount.AVAILABLE)
            .amount(
                amount888()
                    .from(
                        List.of(
                            RefundFundsFrom.builder()
                                .account(RefundFromAccount.AVAILABLE)
                                .amount(444L)
                                .build()))
                    .build())
            .goodsDetail(
                List.of(
                    RefundGoodsDetail.builder()
                        .merchantGoodsId("1217752501201407033233368018")
                        .wechatpayGoodsId("1001")
                        .goodsName("iPhone6s 16G")
                        .unitPrice(528800L)
                        .refundAmount(528800L)
                        .refundQuantity(1)
                        .build()))
            .build();

    Refund refund = refunds.createRefund(request).execute().body();

    assertThat(refund.getStatus()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.getSuccessTime()).isNull();
    // Moshi writes fields in JSON-name order; WeChat Pay does not depend on key order.
    assertJsonPost(
        server.takeRequest(),
        "/v3/refund/domestic/refunds",
        "{\"amount\":{\"currency\":\"CNY\",\"from\":[{\"account\":\"AVAILABLE\",\"amount\":444}],"
            + "\"refund\":888,\"total\":888},\"funds_account\":\"AVAILABLE\","
            + "\"goods_detail\":[{\"goods_name\":\"iPhone6s 16G\",\"merchant_goods_id\":\"1217752501201407033233368018\","
            + "\"refund_amount\":528800,\"refund_quantity\":1,\"unit_price\":528800,\"wechatpay_goods_id\":\"1001\"}],"
            + "\"notify_url\":\"https://weixin.qq.com\",\"out_refund_no\":\"1217752501201407033233368018\","
            + "\"reason\":\"商品已售完\",\"transaction_id\":\"1217752501201407033233368018\"}");
  }

  @Test
  void partnerCreateRefundSendsSubMchidAndOutTradeNo() throws Exception {
    enqueueJson(PROCESSING_REFUND);
    CreateRefundRequest request =
        CreateRefundRequest.builder()
            .subMchid("1900000109")
            .outTradeNo("A|B*C-1_2")
            .outRefundNo("R|1*2@3-_x")
            .amount(RefundRequestAmount.builder().refund(1L).total(300L).currency("CNY").build())
            .build();

    refunds.createRefund(request).execute();

    assertJsonPost(
        server.takeRequest(),
        "/v3/refund/domestic/refunds",
        "{\"amount\":{\"currency\":\"CNY\",\"refund\":1,\"total\":300},\"out_refund_no\":\"R|1*2@3-_x\","
            + "\"out_trade_no\":\"A|B*C-1_2\",\"sub_mchid\":\"1900000109\"}");
  }

  @Test
  void queryRefundEncodesPipeButNotStarOrAtAndSendsNoQueryForADirectMerchant() throws Exception {
    enqueueJson(PROCESSING_REFUND);

    Refund refund = refunds.queryRefundByOutRefundNo("R|1*2@3-_x", null).execute().body();

    assertThat(refund.getRefundId()).isEqualTo("50000000382019052709732678859");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    // What is on the wire is what must be signed.
    assertThat(request.getTarget()).isEqualTo("/v3/refund/domestic/refunds/R%7C1*2@3-_x");
    assertThat(request.getUrl().pathSegments())
        .containsExactly("v3", "refund", "domestic", "refunds", "R|1*2@3-_x");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void partnerQueryRefundSendsSubMchidInTheQuery() throws Exception {
    enqueueJson(PROCESSING_REFUND);

    refunds.queryRefundByOutRefundNo("1217752501201407033233368018", "1900000109").execute();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget())
        .isEqualTo("/v3/refund/domestic/refunds/1217752501201407033233368018?sub_mchid=1900000109");
  }

  @Test
  void applyAbnormalRefundPostsTheCiphertextsWithTheSerialOfTheEncryptingKey() throws Exception {
    enqueueJson(PROCESSING_REFUND.replace("\"ORIGINAL\"", "\"OTHER_BANKCARD\""));
    ApplyAbnormalRefundRequest request =
        ApplyAbnormalRefundRequest.builder()
            .outRefundNo("1217752501201407033233368018")
            .type(AbnormalRefundType.USER_BANK_CARD)
            .bankType(AbnormalRefundBankType.CMB_DEBIT)
            .bankAccount("ZmFrZS1jaXBoZXJ0ZXh0LWNhcmQ=")
            .realName("ZmFrZS1jaXBoZXJ0ZXh0LW5hbWU=")
            .build();

    Refund refund =
        refunds
            .applyAbnormalRefund(
                "50000000382019052709732678859",
                request,
                "PUB_KEY_ID_0116571234562024052000123400000000")
            .execute()
            .body();

    assertThat(refund.getChannel()).isEqualTo(io.wxpay4j.model.RefundChannel.OTHER_BANKCARD);
    RecordedRequest recorded = server.takeRequest();
    assertJsonPost(
        recorded,
        "/v3/refund/domestic/refunds/50000000382019052709732678859/apply-abnormal-refund",
        "{\"bank_account\":\"ZmFrZS1jaXBoZXJ0ZXh0LWNhcmQ=\",\"bank_type\":\"CMB_DEBIT\","
            + "\"out_refund_no\":\"1217752501201407033233368018\","
            + "\"real_name\":\"ZmFrZS1jaXBoZXJ0ZXh0LW5hbWU=\",\"type\":\"USER_BANK_CARD\"}");
    assertThat(recorded.getHeaders().get("Wechatpay-Serial"))
        .isEqualTo("PUB_KEY_ID_0116571234562024052000123400000000");
    assertThat(request.toString())
        .doesNotContain("ZmFrZS1jaXBoZXJ0ZXh0LWNhcmQ=")
        .doesNotContain("ZmFrZS1jaXBoZXJ0ZXh0LW5hbWU=")
        .contains("bank_type=CMB_DEBIT");
  }

  @Test
  void partnerAbnormalRefundToTheMerchantCardSendsSubMchidAndNoCiphertext() throws Exception {
    enqueueJson(PROCESSING_REFUND);

    refunds
        .applyAbnormalRefund(
            "50000000382019052709732678859",
            ApplyAbnormalRefundRequest.builder()
                .subMchid("1900000109")
                .outRefundNo("1217752501201407033233368018")
                .type(AbnormalRefundType.MERCHANT_BANK_CARD)
                .build(),
            null)
        .execute();

    RecordedRequest recorded = server.takeRequest();
    assertJsonPost(
        recorded,
        "/v3/refund/domestic/refunds/50000000382019052709732678859/apply-abnormal-refund",
        "{\"out_refund_no\":\"1217752501201407033233368018\",\"sub_mchid\":\"1900000109\","
            + "\"type\":\"MERCHANT_BANK_CARD\"}");
    assertThat(recorded.getHeaders().get("Wechatpay-Serial")).isNull();
  }

  @Test
  void buildersEnforceTheSpecsRefundRules() {
    assertThatThrownBy(() -> RefundRequestAmount.builder().refund(1L).total(1L).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RefundRequestAmount.currency is required but was not set");
    assertThatThrownBy(() -> amount888().refund(0L).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RefundRequestAmount.refund must be at least 1 but is 0");
    assertThatThrownBy(
            () ->
                CreateRefundRequest.builder()
                    .transactionId("1217752501201407033233368018")
                    .outRefundNo("REFUND 1")
                    .amount(amount888().build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "CreateRefundRequest.out_refund_no must match ^[0-9A-Za-z_\\-|*@]{1,64}$ but does not");
    assertThatThrownBy(
            () ->
                CreateRefundRequest.builder()
                    .transactionId("1217752501201407033233368018")
                    .outRefundNo("R1")
                    .reason("退".repeat(81))
                    .amount(amount888().build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CreateRefundRequest.reason must be at most 80 characters but has 81");
    assertThatThrownBy(
            () ->
                ApplyAbnormalRefundRequest.builder()
                    .outRefundNo("R1")
                    .bankType(AbnormalRefundBankType.ICBC_DEBIT)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ApplyAbnormalRefundRequest.type is required but was not set");
  }
}
