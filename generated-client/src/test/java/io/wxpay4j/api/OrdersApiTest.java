package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.CertificateList;
import io.wxpay4j.model.CloseOrderRequest;
import io.wxpay4j.model.H5Info;
import io.wxpay4j.model.H5PrepayResponse;
import io.wxpay4j.model.H5Type;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.Payer;
import io.wxpay4j.model.PrepayRequest;
import io.wxpay4j.model.PrepayResponse;
import io.wxpay4j.model.SceneInfo;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.Transaction;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/** What each generated operation puts on the wire, over a real loopback server. */
final class OrdersApiTest {
  private final MockWebServer server = new MockWebServer();
  private OrdersApi orders;
  private CertificatesApi certificates;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    Retrofit retrofit =
        new Retrofit.Builder()
            .baseUrl(server.url("/"))
            .addConverterFactory(MoshiConverterFactory.create(WechatPayJson.moshi()))
            .build();
    orders = retrofit.create(OrdersApi.class);
    certificates = retrofit.create(CertificatesApi.class);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private static PrepayRequest.Builder minimalPrepay() {
    return PrepayRequest.builder()
        .appid("wxd678efh567hg6787")
        .mchid("1230000109")
        .description("Image形象店-深圳腾大-QQ公仔")
        .outTradeNo("1217752501201407033233368018")
        .notifyUrl("https://www.weixin.qq.com/wxpay/pay.php")
        .amount(Amount.builder().total(100).currency("CNY").build());
  }

  // Moshi writes fields in JSON-name order; WeChat Pay does not depend on key order.
  private static final String MINIMAL_PREPAY_JSON =
      "{\"amount\":{\"currency\":\"CNY\",\"total\":100},\"appid\":\"wxd678efh567hg6787\","
          + "\"description\":\"Image形象店-深圳腾大-QQ公仔\",\"mchid\":\"1230000109\","
          + "\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\","
          + "\"out_trade_no\":\"1217752501201407033233368018\"";

  private void enqueueJson(String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  private static void assertJsonPost(RecordedRequest request, String path, String body) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(path);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().utf8()).isEqualTo(body);
  }

  @Test
  void prepayJsapiPostsTheRequestWithPayer() throws Exception {
    enqueueJson("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}");
    PrepayRequest request =
        minimalPrepay()
            .timeExpire(OffsetDateTime.of(2018, 6, 8, 10, 34, 56, 0, ZoneOffset.ofHours(8)))
            .payer(Payer.builder().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").build())
            .build();

    Response<PrepayResponse> response = orders.prepayJsapi(request).execute();

    assertThat(response.body().getPrepayId()).isEqualTo("wx201410272009395522657a690389285100");
    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/transactions/jsapi",
        MINIMAL_PREPAY_JSON
            + ",\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}"
            + ",\"time_expire\":\"2018-06-08T10:34:56+08:00\"}");
  }

  @Test
  void prepayAppPostsTheRequestWithoutPayer() throws Exception {
    enqueueJson("{\"prepay_id\":\"wx2016\"}");

    Response<PrepayResponse> response = orders.prepayApp(minimalPrepay().build()).execute();

    assertThat(response.body().getPrepayId()).isEqualTo("wx2016");
    assertJsonPost(server.takeRequest(), "/v3/pay/transactions/app", MINIMAL_PREPAY_JSON + "}");
  }

  @Test
  void prepayH5PostsTheSceneInfo() throws Exception {
    enqueueJson(
        "{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016\"}");
    PrepayRequest request =
        minimalPrepay()
            .sceneInfo(
                SceneInfo.builder()
                    .payerClientIp("14.23.150.211")
                    .h5Info(H5Info.builder().type(H5Type.WAP).build())
                    .build())
            .build();

    Response<H5PrepayResponse> response = orders.prepayH5(request).execute();

    assertThat(response.body().getH5Url()).endsWith("prepay_id=wx2016");
    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/transactions/h5",
        MINIMAL_PREPAY_JSON
            + ",\"scene_info\":{\"h5_info\":{\"type\":\"Wap\"},\"payer_client_ip\":\"14.23.150.211\"}}");
  }

  @Test
  void prepayNativePostsTheRequestAndReadsTheCodeUrl() throws Exception {
    enqueueJson("{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}");

    Response<NativePrepayResponse> response =
        orders.prepayNative(minimalPrepay().build()).execute();

    assertThat(response.body().getCodeUrl()).isEqualTo("weixin://wxpay/bizpayurl?pr=p4lpSuKzz");
    assertJsonPost(server.takeRequest(), "/v3/pay/transactions/native", MINIMAL_PREPAY_JSON + "}");
  }

  @Test
  void queryByIdSendsTheIdInThePathAndMchidInTheQuery() throws Exception {
    enqueueJson(TransactionJsonTest.example());

    Transaction order =
        orders.queryOrderById("4200001207202108286046087211", "1611854986").execute().body();

    assertThat(order.getTradeState()).isEqualTo(TradeState.SUCCESS);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget())
        .isEqualTo("/v3/pay/transactions/id/4200001207202108286046087211?mchid=1611854986");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void queryByOutTradeNoEncodesPipeButNotStarInThePath() throws Exception {
    enqueueJson(TransactionJsonTest.example());

    orders.queryOrderByOutTradeNo("A|B*C-1_2", "1611854986").execute();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    // What is on the wire is what must be signed: '|' is percent-encoded, '*', '-' and '_' are not.
    assertThat(request.getTarget())
        .isEqualTo("/v3/pay/transactions/out-trade-no/A%7CB*C-1_2?mchid=1611854986");
    assertThat(request.getUrl().pathSegments())
        .containsExactly("v3", "pay", "transactions", "out-trade-no", "A|B*C-1_2");
  }

  @Test
  void closeOrderPostsMchidAndAcceptsNoContent() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    Response<Void> response =
        orders
            .closeOrder("A|B*C-1_2", CloseOrderRequest.builder().mchid("1230000109").build())
            .execute();

    assertThat(response.code()).isEqualTo(204);
    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/transactions/out-trade-no/A%7CB*C-1_2/close",
        "{\"mchid\":\"1230000109\"}");
  }

  @Test
  void downloadCertificatesSendsTheAlgorithmType() throws Exception {
    enqueueJson(
        "{\"data\":[{\"serial_no\":\"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\","
            + "\"effective_time\":\"2018-06-08T10:34:56+08:00\",\"expire_time\":\"2023-06-08T10:34:56+08:00\","
            + "\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"61f9c719728a\","
            + "\"associated_data\":\"certificate\",\"ciphertext\":\"sRvt\"}}]}");

    CertificateList list = certificates.downloadCertificates("RSA").execute().body();

    assertThat(list.getData()).hasSize(1);
    assertThat(list.getData().get(0).getExpireTime())
        .isEqualTo(OffsetDateTime.of(2023, 6, 8, 10, 34, 56, 0, ZoneOffset.ofHours(8)));
    assertThat(list.getData().get(0).getEncryptCertificate().getAssociatedData())
        .isEqualTo("certificate");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/v3/certificates?algorithm_type=RSA");
  }
}
