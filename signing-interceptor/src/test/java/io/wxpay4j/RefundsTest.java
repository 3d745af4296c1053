package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.AbnormalRefundBankType;
import io.wxpay4j.model.AbnormalRefundType;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.Refund;
import io.wxpay4j.model.RefundChannel;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.model.RefundStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refund facade on the wire: exact method, path, query, JSON and headers of each operation,
 * direct and partner, blocking and async, and what the answers become.
 */
final class RefundsTest {
  private static final String SUB_MCHID = "1900000110";
  private static final String REFUND_ID = "50000000382019052709732678859";
  private static final String OUT_REFUND_NO = "R1217752501201407033233368018";
  private static final String TRANSACTION_ID = "1217752501201407033233368018";
  private static final String REFUND_NOTIFY_URL = "https://example.com/wechatpay/refund-notify";
  private static final String CARD = "6212261234567890403";

  private final MockWebServer server = new MockWebServer();
  private WechatPayClient wechatPay;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    wechatPay = client().refundNotifyUrl(REFUND_NOTIFY_URL).build();
  }

  @AfterEach
  void tearDown() {
    wechatPay.close();
    server.close();
  }

  private WechatPayClientBuilder client() {
    return time.install(WechatPayClient.builder(), 0.5)
        .merchantId("1900000109")
        .merchantKey(SignedAnswers.MERCHANT_SERIAL, SignedAnswers.MERCHANT.getPrivate())
        .platformPublicKey(SignedAnswers.PUBLIC_KEY_ID, SignedAnswers.PLATFORM.getPublic())
        .notifyUrl("https://example.com/wechatpay/notify")
        .baseUrl(server.url("/").toString());
  }

  private final FakeTime time = new FakeTime();

  static String refundJson(String outRefundNo, String status) {
    return "{\"refund_id\":\""
        + REFUND_ID
        + "\",\"out_refund_no\":\""
        + outRefundNo
        + "\",\"transaction_id\":\"1217752501201407033233368018\","
        + "\"out_trade_no\":\"1217752501201407033233368018\",\"channel\":\"ORIGINAL\","
        + "\"user_received_account\":\"招商银行信用卡0403\",\"create_time\":\"2020-12-01T16:18:12+08:00\","
        + "\"status\":\""
        + status
        + "\",\"funds_account\":\"UNSETTLED\",\"amount\":{\"total\":100,\"refund\":100,"
        + "\"payer_total\":90,\"payer_refund\":90,\"settlement_refund\":100,\"settlement_total\":100,"
        + "\"discount_refund\":10,\"currency\":\"CNY\"},\"promotion_detail\":[]}";
  }

  private static Consumer<CreateRefundRequest.Builder> fullRefund() {
    return refund ->
        refund
            .transactionId(TRANSACTION_ID)
            .outRefundNo(OUT_REFUND_NO)
            .reason("商品已售完")
            .amount(RefundRequestAmount.builder().refund(100L).total(100L).currency("CNY").build());
  }

  private static Consumer<AbnormalRefundRequest.Builder> userCard() {
    return abnormal ->
        abnormal
            .outRefundNo(OUT_REFUND_NO)
            .type(AbnormalRefundType.USER_BANK_CARD)
            .bankType(AbnormalRefundBankType.ICBC_DEBIT)
            .bankAccount(CARD)
            .realName("张三");
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private static String decrypt(Object base64) throws Exception {
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    cipher.init(Cipher.DECRYPT_MODE, SignedAnswers.PLATFORM.getPrivate());
    return new String(
        cipher.doFinal(Base64.getDecoder().decode((String) base64)), StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(RecordedRequest request) throws Exception {
    return (Map<String, Object>)
        WechatPayJson.moshi().adapter(Object.class).fromJson(request.getBody().utf8());
  }

  @Test
  void createPostsTheRefundWithTheClientsRefundNotifyUrl() throws Exception {
    server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));

    WechatPayResponse<Refund> created = wechatPay.refunds().create(fullRefund());

    assertThat(created.body().getRefundId()).isEqualTo(REFUND_ID);
    assertThat(created.body().getStatus()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(created.body().getChannel()).isEqualTo(RefundChannel.ORIGINAL);
    assertThat(created.body().getAmount().getPayerRefund()).isEqualTo(90L);
    assertThat(created.requestId()).isEqualTo("08F78BB5AF0610A8BD0A1AA1E1E8F8B3AE2F1B");
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v3/refund/domestic/refunds");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getHeaders().get("Authorization")).contains("mchid=\"1900000109\"");
    assertThat(request.getBody().utf8())
        .isEqualTo(
            "{\"amount\":{\"currency\":\"CNY\",\"refund\":100,\"total\":100},"
                + "\"notify_url\":\"https://example.com/wechatpay/refund-notify\","
                + "\"out_refund_no\":\"R1217752501201407033233368018\",\"reason\":\"商品已售完\","
                + "\"transaction_id\":\"1217752501201407033233368018\"}");
  }

  @Test
  void createByOutTradeNoWithItsOwnNotifyUrlSendsThose() throws Exception {
    server.enqueue(SignedAnswers.json(200, refundJson("R2", "PROCESSING")));

    wechatPay
        .refunds()
        .create(
            r ->
                r.outTradeNo("1217752501201407033233368018")
                    .outRefundNo("R2")
                    .notifyUrl("https://shop.example.com/refunds/R2")
                    .amount(
                        RefundRequestAmount.builder()
                            .refund(30L)
                            .total(100L)
                            .currency("CNY")
                            .build()));

    assertThat(take().getBody().utf8())
        .isEqualTo(
            "{\"amount\":{\"currency\":\"CNY\",\"refund\":30,\"total\":100},"
                + "\"notify_url\":\"https://shop.example.com/refunds/R2\","
                + "\"out_refund_no\":\"R2\",\"out_trade_no\":\"1217752501201407033233368018\"}");
  }

  @Test
  void createWithoutARefundNotifyUrlSendsNoneAndLeavesItToTheMerchantPlatform() throws Exception {
    try (WechatPayClient plain = client().build()) {
      server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));

      plain.refunds().create(fullRefund());

      // The payment notify_url is not a refund URL: nothing is borrowed from it.
      assertThat(json(take())).doesNotContainKey("notify_url");
    }
  }

  @Test
  void queryPercentEncodesTheRefundNumberAndSendsNoQuery() throws Exception {
    server.enqueue(SignedAnswers.json(200, refundJson("R|2024*01@shop", "SUCCESS")));

    Refund refund = wechatPay.refunds().queryByOutRefundNo("R|2024*01@shop").body();

    assertThat(refund.getStatus()).isEqualTo(RefundStatus.SUCCESS);
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/v3/refund/domestic/refunds/R%7C2024*01@shop");
    assertThat(request.getBody()).isNull();
  }

  @Test
  void abnormalRefundEncryptsTheCardAndNameForTheKeyWechatpaySerialNames() throws Exception {
    server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));

    Refund refund = wechatPay.refunds().applyAbnormalRefund(REFUND_ID, userCard()).body();

    assertThat(refund.getStatus()).isEqualTo(RefundStatus.PROCESSING);
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget())
        .isEqualTo("/v3/refund/domestic/refunds/" + REFUND_ID + "/apply-abnormal-refund");
    assertThat(request.getHeaders().values("Wechatpay-Serial"))
        .containsExactly(SignedAnswers.PUBLIC_KEY_ID);
    Map<String, Object> body = json(request);
    assertThat(body)
        .containsOnlyKeys("out_refund_no", "type", "bank_type", "bank_account", "real_name")
        .containsEntry("out_refund_no", OUT_REFUND_NO)
        .containsEntry("type", "USER_BANK_CARD")
        .containsEntry("bank_type", "ICBC_DEBIT");
    assertThat(decrypt(body.get("bank_account"))).isEqualTo(CARD);
    assertThat(decrypt(body.get("real_name"))).isEqualTo("张三");
    assertThat(request.getBody().utf8()).doesNotContain(CARD).doesNotContain("张三");
  }

  @Test
  void abnormalRefundToTheMerchantsAccountSendsTypeOnlyAndStillNamesTheKey() throws Exception {
    server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));

    wechatPay
        .refunds()
        .applyAbnormalRefund(
            REFUND_ID,
            a -> a.outRefundNo(OUT_REFUND_NO).type(AbnormalRefundType.MERCHANT_BANK_CARD));

    RecordedRequest request = take();
    assertThat(request.getBody().utf8())
        .isEqualTo(
            "{\"out_refund_no\":\"R1217752501201407033233368018\",\"type\":\"MERCHANT_BANK_CARD\"}");
    assertThat(request.getHeaders().values("Wechatpay-Serial"))
        .containsExactly(SignedAnswers.PUBLIC_KEY_ID);
  }

  @Test
  void partnerCreateSendsTheSubMerchantInTheBody() throws Exception {
    server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));

    wechatPay.partnerRefunds().create(SUB_MCHID, fullRefund());

    RecordedRequest request = take();
    assertThat(request.getTarget()).isEqualTo("/v3/refund/domestic/refunds");
    assertThat(json(request)).containsEntry("sub_mchid", SUB_MCHID);
    assertThat(request.getBody().utf8())
        .endsWith(
            ",\"sub_mchid\":\"1900000110\","
                + "\"transaction_id\":\"1217752501201407033233368018\"}");
  }

  @Test
  void partnerQuerySendsTheSubMerchantInTheQuery() throws Exception {
    server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "SUCCESS")));

    wechatPay.partnerRefunds().queryByOutRefundNo(SUB_MCHID, OUT_REFUND_NO);

    assertThat(take().getTarget())
        .isEqualTo("/v3/refund/domestic/refunds/" + OUT_REFUND_NO + "?sub_mchid=1900000110");
  }

  @Test
  void partnerAbnormalRefundSendsTheSubMerchantInTheBody() throws Exception {
    server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));

    wechatPay.partnerRefunds().applyAbnormalRefund(SUB_MCHID, REFUND_ID, userCard());

    RecordedRequest request = take();
    assertThat(json(request)).containsEntry("sub_mchid", SUB_MCHID);
    assertThat(request.getHeaders().get("Wechatpay-Serial")).isEqualTo(SignedAnswers.PUBLIC_KEY_ID);
  }

  @Test
  void asyncFormsSendTheSameRequests() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));
    }
    Refunds refunds = wechatPay.refunds();

    assertThat(refunds.createAsync(fullRefund()).get(5, TimeUnit.SECONDS).body().getRefundId())
        .isEqualTo(REFUND_ID);
    assertThat(take().getTarget()).isEqualTo("/v3/refund/domestic/refunds");
    refunds.queryByOutRefundNoAsync(OUT_REFUND_NO).get(5, TimeUnit.SECONDS);
    assertThat(take().getTarget()).isEqualTo("/v3/refund/domestic/refunds/" + OUT_REFUND_NO);
    refunds.applyAbnormalRefundAsync(REFUND_ID, userCard()).get(5, TimeUnit.SECONDS);
    RecordedRequest abnormal = take();
    assertThat(abnormal.getTarget()).endsWith("/apply-abnormal-refund");
    assertThat(decrypt(json(abnormal).get("bank_account"))).isEqualTo(CARD);
  }

  @Test
  void partnerAsyncFormsSendTheSubMerchant() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));
    }
    PartnerRefunds refunds = wechatPay.partnerRefunds();

    refunds.createAsync(SUB_MCHID, fullRefund()).get(5, TimeUnit.SECONDS);
    assertThat(json(take())).containsEntry("sub_mchid", SUB_MCHID);
    refunds.queryByOutRefundNoAsync(SUB_MCHID, OUT_REFUND_NO).get(5, TimeUnit.SECONDS);
    assertThat(take().getTarget()).endsWith("?sub_mchid=" + SUB_MCHID);
    refunds.applyAbnormalRefundAsync(SUB_MCHID, REFUND_ID, userCard()).get(5, TimeUnit.SECONDS);
    assertThat(json(take())).containsEntry("sub_mchid", SUB_MCHID);
  }

  @Test
  void refusalNamesTheOperationAndTheCode() {
    server.enqueue(
        SignedAnswers.json(403, "{\"code\":\"NOT_ENOUGH\",\"message\":\"基本账户余额不足，请充值后重新发起\"}"));
    server.enqueue(
        SignedAnswers.json(403, "{\"code\":\"NOT_ENOUGH\",\"message\":\"基本账户余额不足，请充值后重新发起\"}"));

    assertThatThrownBy(() -> wechatPay.refunds().create(fullRefund()))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.hasCode("NOTENOUGH")).isTrue();
              assertThat(e.mayHaveTakenEffect()).isFalse();
              assertThat(e.isRetryable()).isFalse();
            })
        .hasMessage(
            "createRefund failed: HTTP 403 NOT_ENOUGH: 基本账户余额不足，请充值后重新发起"
                + " [Request-ID 08F78BB5AF0610A8BD0A1AA1E1E8F8B3AE2F1B]");
    assertThatThrownBy(() -> wechatPay.partnerRefunds().create(SUB_MCHID, fullRefund()))
        .hasMessageStartingWith("partnerCreateRefund failed: HTTP 403 NOT_ENOUGH");
  }

  @Test
  void systemErrorIsRetriedWithTheSameBodyAndNotWithRetriesOff() throws Exception {
    server.enqueue(SignedAnswers.json(500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}"));
    server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));

    assertThat(wechatPay.refunds().create(fullRefund()).body().getRefundId()).isEqualTo(REFUND_ID);
    String first = take().getBody().utf8();
    assertThat(take().getBody().utf8()).isEqualTo(first); // the same out_refund_no and amounts

    server.enqueue(SignedAnswers.json(500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}"));
    assertThatThrownBy(
            () -> wechatPay.refunds().withRetryPolicy(RetryPolicy.none()).create(fullRefund()))
        .isInstanceOfSatisfying(
            WechatPayApiException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void abnormalRefundRetriedSendsTheSameCiphertexts() throws Exception {
    server.enqueue(SignedAnswers.json(503, "{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"x\"}"));
    server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "PROCESSING")));

    wechatPay.refunds().applyAbnormalRefund(REFUND_ID, userCard());

    // Encrypted once, when the request was built: every attempt carries the same bytes.
    assertThat(take().getBody().utf8()).isEqualTo(take().getBody().utf8());
  }

  @Test
  void unsignedAnswerIsAVerificationFailure() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(refundJson(OUT_REFUND_NO, "SUCCESS"))
            .build());

    assertThatThrownBy(() -> wechatPay.refunds().queryByOutRefundNo(OUT_REFUND_NO))
        .isInstanceOf(WechatPaySignatureException.class)
        .hasMessageStartingWith("queryByOutRefundNo");
  }

  @Test
  void reconcileMapsTheVerifiedAnswer() {
    server.enqueue(SignedAnswers.json(200, refundJson(OUT_REFUND_NO, "ABNORMAL")));

    RefundOutcome outcome = wechatPay.refunds().reconcile(OUT_REFUND_NO);

    assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.ABNORMAL);
    assertThat(outcome.refund().getRefundId()).isEqualTo(REFUND_ID);
    assertThat(outcome.isFinal()).isFalse();
  }

  @Test
  void reconcileOfAnUnknownRefundIsNotFound() {
    server.enqueue(
        SignedAnswers.json(404, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"退款单不存在\"}"));

    RefundOutcome outcome = wechatPay.partnerRefunds().reconcile(SUB_MCHID, OUT_REFUND_NO);

    assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.NOT_FOUND);
    assertThat(outcome.failure())
        .hasMessageStartingWith("partnerQueryByOutRefundNo failed: HTTP 404 RESOURCE_NOT_EXISTS");
  }

  @Test
  void reconcileOfAnAnswerAboutAnotherRefundIsUnknown() {
    server.enqueue(SignedAnswers.json(200, refundJson("R_OTHER", "SUCCESS")));

    assertThat(wechatPay.refunds().reconcile(OUT_REFUND_NO).status())
        .isEqualTo(RefundOutcome.Status.UNKNOWN);
  }

  @Test
  void reconcileOfAProxysNotFoundPageIsUnknown() {
    server.enqueue(new MockResponse.Builder().code(404).body("<html>404 Not Found</html>").build());

    RefundOutcome outcome = wechatPay.refunds().reconcile(OUT_REFUND_NO);

    assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.UNKNOWN);
    assertThat(outcome.failure()).isInstanceOf(WechatPayApiException.class);
  }

  @Test
  void reconcileNeverThrowsForAFailedQuery() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(SignedAnswers.json(500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}"));
    }

    RefundOutcome outcome = wechatPay.refunds().reconcile(OUT_REFUND_NO);

    assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.UNKNOWN);
    assertThat(outcome.failure()).hasMessageEndingWith("after 3 attempts");
  }
}
