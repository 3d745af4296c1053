package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.Amount;
import io.wxpay4j.model.H5Info;
import io.wxpay4j.model.H5Type;
import io.wxpay4j.model.PartnerPayer;
import io.wxpay4j.model.PartnerPrepayRequest;
import io.wxpay4j.model.PartnerTransaction;
import io.wxpay4j.model.SceneInfo;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service-provider facade on the wire, and its refusals before sending. */
final class PartnerOrdersTest {
  private static final String SP_MCHID = "1230000109";
  private static final String SP_APPID = "wx8888888888888888";
  private static final String SUB_MCHID = "1900000109";
  private static final String SUB_APPID = "wxd678efh567hg6999";

  private final MockWebServer server = new MockWebServer();
  private WechatPayClient wechatPay;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    wechatPay =
        WechatPayClient.builder()
            .merchantId(SP_MCHID)
            .merchantKey(SignedAnswers.MERCHANT_SERIAL, SignedAnswers.MERCHANT.getPrivate())
            .platformPublicKey(SignedAnswers.PUBLIC_KEY_ID, SignedAnswers.PLATFORM.getPublic())
            .appId(SP_APPID)
            .notifyUrl("https://example.com/wechatpay/notify")
            .baseUrl(server.url("/").toString())
            .build();
  }

  @AfterEach
  void tearDown() {
    wechatPay.close();
    server.close();
  }

  private static Consumer<PartnerPrepayRequest.Builder> order() {
    return order ->
        order
            .subMchid(SUB_MCHID)
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo("1217752501201407033233368018")
            .amount(Amount.builder().total(100).build());
  }

  private static Consumer<PartnerPrepayRequest.Builder> subOpenidOrder() {
    return order()
        .andThen(
            o -> o.subAppid(SUB_APPID).payer(PartnerPayer.builder().subOpenid("oSub").build()));
  }

  private static final String COMMON_JSON =
      "{\"amount\":{\"total\":100},\"description\":\"Image形象店-深圳腾大-QQ公仔\","
          + "\"notify_url\":\"https://example.com/wechatpay/notify\","
          + "\"out_trade_no\":\"1217752501201407033233368018\"";

  private static final String ORDER_JSON =
      "{\"sp_appid\":\"wx8888888888888888\",\"sp_mchid\":\"1230000109\",\"sub_mchid\":\"1900000109\","
          + "\"out_trade_no\":\"1217752501201407033233368018\",\"transaction_id\":\"4200000000000000000000000001\","
          + "\"trade_state\":\"NOTPAY\","
          + "\"trade_state_desc\":\"未支付\",\"amount\":{\"total\":100}}";

  @Test
  void prepayJsapiFillsSpMchidAndSpAppidAndSendsTheSubMerchant() throws Exception {
    server.enqueue(SignedAnswers.json(200, "{\"prepay_id\":\"wx26\"}"));

    WechatPayResponse<?> response = wechatPay.partner().prepayJsapi(subOpenidOrder());

    assertThat(response.requestId()).isEqualTo("08F78BB5AF0610A8BD0A1AA1E1E8F8B3AE2F1B");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v3/pay/partner/transactions/jsapi");
    assertThat(request.getHeaders().get("Authorization")).contains("mchid=\"1230000109\"");
    assertThat(request.getBody().utf8())
        .isEqualTo(
            COMMON_JSON
                + ",\"payer\":{\"sub_openid\":\"oSub\"},\"sp_appid\":\"wx8888888888888888\","
                + "\"sp_mchid\":\"1230000109\",\"sub_appid\":\"wxd678efh567hg6999\",\"sub_mchid\":\"1900000109\"}");
  }

  @Test
  void prepayAppPostsToThePartnerPath() throws Exception {
    server.enqueue(SignedAnswers.json(200, "{\"prepay_id\":\"wx27\"}"));

    assertThat(wechatPay.partner().prepayApp(order()).body().getPrepayId()).isEqualTo("wx27");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v3/pay/partner/transactions/app");
  }

  @Test
  void prepayH5PostsToThePartnerPath() throws Exception {
    server.enqueue(SignedAnswers.json(200, "{\"h5_url\":\"https://wx.tenpay.com/x\"}"));

    wechatPay
        .partner()
        .prepayH5(
            order()
                .andThen(
                    o ->
                        o.sceneInfo(
                            SceneInfo.builder()
                                .payerClientIp("14.23.150.211")
                                .h5Info(H5Info.builder().type(H5Type.ANDROID).build())
                                .build())));

    assertThat(server.takeRequest().getTarget()).isEqualTo("/v3/pay/partner/transactions/h5");
  }

  @Test
  void prepayNativePostsToThePartnerPath() throws Exception {
    server.enqueue(SignedAnswers.json(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=1\"}"));

    assertThat(wechatPay.partner().prepayNative(order()).body().getCodeUrl())
        .isEqualTo("weixin://wxpay/bizpayurl?pr=1");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v3/pay/partner/transactions/native");
  }

  @Test
  void queryByOutTradeNoSendsBothMerchantIds() throws Exception {
    server.enqueue(SignedAnswers.json(200, ORDER_JSON));

    PartnerTransaction order =
        wechatPay.partner().queryByOutTradeNo(SUB_MCHID, "1217752501201407033233368018").body();

    assertThat(order.getTradeState()).isEqualTo(TradeState.NOTPAY);
    assertThat(order.getSubMchid()).isEqualTo(SUB_MCHID);
    assertThat(server.takeRequest().getTarget())
        .isEqualTo(
            "/v3/pay/partner/transactions/out-trade-no/1217752501201407033233368018?sp_mchid=1230000109&sub_mchid=1900000109");
  }

  @Test
  void queryByIdSendsBothMerchantIds() throws Exception {
    server.enqueue(SignedAnswers.json(200, ORDER_JSON));

    wechatPay.partner().queryById(SUB_MCHID, "4200000000000000000000000001");

    assertThat(server.takeRequest().getTarget())
        .isEqualTo(
            "/v3/pay/partner/transactions/id/4200000000000000000000000001?sp_mchid=1230000109&sub_mchid=1900000109");
  }

  @Test
  void closeSendsBothMerchantIdsAndVerifiesTheEmptyAnswer() throws Exception {
    server.enqueue(SignedAnswers.noContent());

    assertThat(wechatPay.partner().close(SUB_MCHID, "1217752501201407033233368018").httpStatus())
        .isEqualTo(204);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget())
        .isEqualTo("/v3/pay/partner/transactions/out-trade-no/1217752501201407033233368018/close");
    assertThat(request.getBody().utf8())
        .isEqualTo("{\"sp_mchid\":\"1230000109\",\"sub_mchid\":\"1900000109\"}");
  }

  @Test
  void jsapiPayParametersForASubOpenidAreSignedWithSubAppid() {
    server.enqueue(SignedAnswers.json(200, "{\"prepay_id\":\"wx26\"}"));

    JsapiPayParameters pay =
        wechatPay.partner().prepayJsapiWithPayParameters(subOpenidOrder()).body();

    assertThat(pay.appId()).isEqualTo(SUB_APPID);
    assertThat(pay.packageValue()).isEqualTo("prepay_id=wx26");
  }

  @Test
  void jsapiPayParametersForAnSpOpenidAreSignedWithSpAppid() {
    server.enqueue(SignedAnswers.json(200, "{\"prepay_id\":\"wx26\"}"));

    JsapiPayParameters pay =
        wechatPay
            .partner()
            .prepayMiniProgramWithPayParameters(
                order()
                    .andThen(
                        o ->
                            o.subAppid(SUB_APPID)
                                .payer(PartnerPayer.builder().spOpenid("oSp").build())))
            .body();

    assertThat(pay.appId()).isEqualTo(SP_APPID);
  }

  @Test
  void appPayParametersUseSubAppidAndTheServiceProvidersMchid() {
    server.enqueue(SignedAnswers.json(200, "{\"prepay_id\":\"wx27\"}"));

    AppPayParameters pay =
        wechatPay
            .partner()
            .prepayAppWithPayParameters(order().andThen(o -> o.subAppid(SUB_APPID)))
            .body();

    assertThat(pay.appId()).isEqualTo(SUB_APPID);
    assertThat(pay.partnerId()).isEqualTo(SP_MCHID);
    assertThat(pay.prepayId()).isEqualTo("wx27");
  }

  @Test
  void partnerNotificationDecodesIntoThePartnerShape() throws Exception {
    String apiV3Key = "0123456789abcdefghijklmnopqrstuv";
    String nonce = "fdasflkja484";
    javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        javax.crypto.Cipher.ENCRYPT_MODE,
        new javax.crypto.spec.SecretKeySpec(
            apiV3Key.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "AES"),
        new javax.crypto.spec.GCMParameterSpec(
            128, nonce.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    cipher.updateAAD("transaction".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    String paid =
        ORDER_JSON
            .replace("NOTPAY", "SUCCESS")
            .replace("}}", "},\"payer\":{\"sub_openid\":\"oSub\"}}");
    String ciphertext =
        java.util.Base64.getEncoder()
            .encodeToString(cipher.doFinal(paid.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    String body =
        "{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2015-05-20T13:29:35+08:00\","
            + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"支付成功\","
            + "\"resource\":{\"original_type\":\"transaction\",\"algorithm\":\"AEAD_AES_256_GCM\","
            + "\"ciphertext\":\""
            + ciphertext
            + "\",\"associated_data\":\"transaction\",\"nonce\":\""
            + nonce
            + "\"}}";
    mockwebserver3.MockResponse signed = SignedAnswers.json(200, body);

    try (WechatPayClient provider =
        WechatPayClient.builder()
            .merchantId(SP_MCHID)
            .merchantKey(SignedAnswers.MERCHANT_SERIAL, SignedAnswers.MERCHANT.getPrivate())
            .platformPublicKey(SignedAnswers.PUBLIC_KEY_ID, SignedAnswers.PLATFORM.getPublic())
            .apiV3Key(apiV3Key)
            .appId("wx8888888888888888")
            .build()) {
      PartnerTransaction order =
          provider.parsePartnerPaymentNotification(
              io.wxpay4j.notify.NotificationRequest.create(
                  signed.getHeaders()::get,
                  body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

      assertThat(order.getTradeState()).isEqualTo(TradeState.SUCCESS);
      assertThat(order.getSpMchid()).isEqualTo(SP_MCHID);
      assertThat(order.getSubMchid()).isEqualTo(SUB_MCHID);
      assertThat(order.getPayer().getSubOpenid()).isEqualTo("oSub");
      assertThat(order.getTransactionId()).isEqualTo("4200000000000000000000000001");
    }
  }

  private void assertRefusedBeforeSending(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void jsapiWithBothOpenidsIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .partner()
                .prepayJsapi(
                    order()
                        .andThen(
                            o ->
                                o.subAppid(SUB_APPID)
                                    .payer(
                                        PartnerPayer.builder()
                                            .spOpenid("a")
                                            .subOpenid("b")
                                            .build()))),
        "payer must have exactly one of sp_openid (under sp_appid) and sub_openid (under sub_appid) for JSAPI"
            + " and mini-program prepay");
  }

  @Test
  void jsapiWithoutPayerIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.partner().prepayJsapi(order()),
        "payer must have exactly one of sp_openid (under sp_appid) and sub_openid (under sub_appid) for JSAPI"
            + " and mini-program prepay");
  }

  @Test
  void subOpenidWithoutSubAppidIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .partner()
                .prepayJsapi(
                    order().andThen(o -> o.payer(PartnerPayer.builder().subOpenid("b").build()))),
        "sub_appid is required with payer.sub_openid: the openid belongs to the sub-merchant's app");
  }

  @Test
  void missingSubMchidIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.partner().prepayNative(order().andThen(o -> o.subMchid(null))),
        "PartnerPrepayRequest.sub_mchid is required but was not set");
  }

  @Test
  void payerOnNativeIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .partner()
                .prepayNative(
                    order().andThen(o -> o.payer(PartnerPayer.builder().spOpenid("a").build()))),
        "payer must not be set for NATIVE prepay: the payer is known only once they pay");
  }

  @Test
  void anotherServiceProvidersMchidIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.partner().prepayNative(order().andThen(o -> o.spMchid("1999999999"))),
        "sp_mchid is filled in by the client (1230000109); do not set it, or use that service provider's client");
  }

  @Test
  void queryWithMalformedSubMchidIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.partner().queryByOutTradeNo("sub-1", "1217752501201407033233368018"),
        "sub_mchid must be the sub-merchant ID (子商户号): digits only");
  }
}
