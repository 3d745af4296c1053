package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.H5Info;
import io.wxpay4j.model.H5Type;
import io.wxpay4j.model.PartnerCloseOrderRequest;
import io.wxpay4j.model.PartnerPayer;
import io.wxpay4j.model.PartnerPrepayRequest;
import io.wxpay4j.model.PartnerTransaction;
import io.wxpay4j.model.SceneInfo;
import io.wxpay4j.model.TradeState;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/** What each generated service-provider operation puts on the wire, over a real loopback server. */
final class PartnerOrdersApiTest {
  private final MockWebServer server = new MockWebServer();
  private PartnerOrdersApi partner;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    partner =
        new Retrofit.Builder()
            .baseUrl(server.url("/"))
            .addConverterFactory(MoshiConverterFactory.create(WechatPayJson.moshi()))
            .build()
            .create(PartnerOrdersApi.class);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private static PartnerPrepayRequest.Builder minimal() {
    return PartnerPrepayRequest.builder()
        .spAppid("wx8888888888888888")
        .spMchid("1230000109")
        .subMchid("1900000109")
        .description("Image形象店-深圳腾大-QQ公仔")
        .outTradeNo("1217752501201407033233368018")
        .notifyUrl("https://www.weixin.qq.com/wxpay/pay.php")
        .amount(Amount.builder().total(100).currency("CNY").build());
  }

  // Fields in JSON-name order, as Moshi writes them.
  private static final String AMOUNT_TO_NOTIFY =
      "{\"amount\":{\"currency\":\"CNY\",\"total\":100},\"description\":\"Image形象店-深圳腾大-QQ公仔\","
          + "\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\","
          + "\"out_trade_no\":\"1217752501201407033233368018\"";
  private static final String SP_AND_SUB =
      "\"sp_appid\":\"wx8888888888888888\",\"sp_mchid\":\"1230000109\"";

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
    assertThat(request.getBody().utf8()).isEqualTo(body);
  }

  @Test
  void partnerPrepayJsapiSendsSubOpenidAndSubAppid() throws Exception {
    enqueueJson("{\"prepay_id\":\"wx26\"}");
    PartnerPrepayRequest request =
        minimal()
            .subAppid("wxd678efh567hg6999")
            .payer(PartnerPayer.builder().subOpenid("oUpF8uMuAJO").build())
            .build();

    assertThat(partner.partnerPrepayJsapi(request).execute().body().getPrepayId())
        .isEqualTo("wx26");
    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/partner/transactions/jsapi",
        AMOUNT_TO_NOTIFY
            + ",\"payer\":{\"sub_openid\":\"oUpF8uMuAJO\"},"
            + SP_AND_SUB
            + ",\"sub_appid\":\"wxd678efh567hg6999\",\"sub_mchid\":\"1900000109\"}");
  }

  @Test
  void partnerPrepayAppSendsNoPayer() throws Exception {
    enqueueJson("{\"prepay_id\":\"wx27\"}");

    partner.partnerPrepayApp(minimal().build()).execute();

    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/partner/transactions/app",
        AMOUNT_TO_NOTIFY + "," + SP_AND_SUB + ",\"sub_mchid\":\"1900000109\"}");
  }

  @Test
  void partnerPrepayH5SendsTheSceneInfo() throws Exception {
    enqueueJson("{\"h5_url\":\"https://wx.tenpay.com/x\"}");
    PartnerPrepayRequest request =
        minimal()
            .sceneInfo(
                SceneInfo.builder()
                    .payerClientIp("14.23.150.211")
                    .h5Info(H5Info.builder().type(H5Type.IOS).build())
                    .build())
            .build();

    assertThat(partner.partnerPrepayH5(request).execute().body().getH5Url())
        .isEqualTo("https://wx.tenpay.com/x");
    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/partner/transactions/h5",
        AMOUNT_TO_NOTIFY
            + ",\"scene_info\":{\"h5_info\":{\"type\":\"iOS\"},\"payer_client_ip\":\"14.23.150.211\"},"
            + SP_AND_SUB
            + ",\"sub_mchid\":\"1900000109\"}");
  }

  @Test
  void partnerPrepayNativeReadsTheCodeUrl() throws Exception {
    enqueueJson("{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}");

    assertThat(partner.partnerPrepayNative(minimal().build()).execute().body().getCodeUrl())
        .isEqualTo("weixin://wxpay/bizpayurl?pr=p4lpSuKzz");
    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/partner/transactions/native",
        AMOUNT_TO_NOTIFY + "," + SP_AND_SUB + ",\"sub_mchid\":\"1900000109\"}");
  }

  private static final String PARTNER_ORDER =
      "{\"sp_appid\":\"wx8888888888888888\",\"sp_mchid\":\"1230000109\",\"sub_appid\":\"wxd678efh567hg6999\","
          + "\"sub_mchid\":\"1900000109\",\"out_trade_no\":\"1217752501201407033233368018\","
          + "\"transaction_id\":\"1217752501201407033233368018\",\"trade_type\":\"MICROPAY\","
          + "\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"CMC\","
          + "\"success_time\":\"2018-06-08T10:34:56+08:00\","
          + "\"payer\":{\"sp_openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\",\"sub_openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
          + "\"amount\":{\"total\":100,\"payer_total\":100,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";

  @Test
  void partnerQueryByIdSendsBothMerchantIdsAndDecodesThePartnerShape() throws Exception {
    enqueueJson(PARTNER_ORDER);

    PartnerTransaction order =
        partner
            .partnerQueryOrderById("1217752501201407033233368018", "1230000109", "1900000109")
            .execute()
            .body();

    assertThat(order.getSpMchid()).isEqualTo("1230000109");
    assertThat(order.getSubMchid()).isEqualTo("1900000109");
    assertThat(order.getSubAppid()).isEqualTo("wxd678efh567hg6999");
    assertThat(order.getPayer().getSpOpenid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assertThat(order.getTradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(order.getAmount().getPayerTotal()).isEqualTo(100);
    assertThat(order.toString()).doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget())
        .isEqualTo(
            "/v3/pay/partner/transactions/id/1217752501201407033233368018?sp_mchid=1230000109&sub_mchid=1900000109");
  }

  @Test
  void partnerQueryByOutTradeNoEncodesThePath() throws Exception {
    enqueueJson(PARTNER_ORDER);

    partner.partnerQueryOrderByOutTradeNo("A|B*C-1_2", "1230000109", "1900000109").execute();

    assertThat(server.takeRequest().getTarget())
        .isEqualTo(
            "/v3/pay/partner/transactions/out-trade-no/A%7CB*C-1_2?sp_mchid=1230000109&sub_mchid=1900000109");
  }

  @Test
  void partnerCloseOrderPostsBothMerchantIds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    int code =
        partner
            .partnerCloseOrder(
                "A|B*C-1_2",
                PartnerCloseOrderRequest.builder()
                    .spMchid("1230000109")
                    .subMchid("1900000109")
                    .build())
            .execute()
            .code();

    assertThat(code).isEqualTo(204);
    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/partner/transactions/out-trade-no/A%7CB*C-1_2/close",
        "{\"sp_mchid\":\"1230000109\",\"sub_mchid\":\"1900000109\"}");
  }

  @Test
  void partnerRequestWithoutSubMchidIsRefusedByTheBuilder() {
    assertThatThrownBy(() -> minimal().subMchid(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PartnerPrepayRequest.sub_mchid is required but was not set");
  }
}
