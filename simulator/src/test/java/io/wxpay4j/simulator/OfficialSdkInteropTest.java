package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayResponse;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official {@code wechatpay-java} 0.2.17 SDK, with its own signature checks on, against the
 * simulator: public-key mode and (auto-downloaded) platform-certificate mode, prepay, query both
 * ways, close, and its {@code NotificationParser} on the simulator's notifications.
 */
class OfficialSdkInteropTest {
  private final MockWebServer merchantServer = new MockWebServer();
  private final LinkedBlockingQueue<RecordedRequest> notifications = new LinkedBlockingQueue<>();
  private WechatPaySimulator simulator;

  @BeforeEach
  void startNotifyReceiver() throws Exception {
    merchantServer.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            notifications.add(request);
            return new MockResponse.Builder().code(204).build();
          }
        });
    merchantServer.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
    merchantServer.close();
  }

  /**
   * The SDK only knows WeChat's hosts: an OkHttp interceptor sends its calls to the simulator
   * instead.
   */
  private OkHttpClient toSimulator() {
    HttpUrl base = HttpUrl.get(simulator.baseUrl());
    return new OkHttpClient.Builder()
        .addInterceptor(
            chain ->
                chain.proceed(
                    chain
                        .request()
                        .newBuilder()
                        .url(
                            chain
                                .request()
                                .url()
                                .newBuilder()
                                .scheme("http")
                                .host(base.host())
                                .port(base.port())
                                .build())
                        .build()))
        .build();
  }

  @Test
  void publicKeyModeRunsTheWholeOrderLifecycle() throws Exception {
    simulator = WechatPaySimulator.builder().start();
    SimulatorMerchant merchant = simulator.merchant();
    RSAPublicKeyConfig config =
        new RSAPublicKeyConfig.Builder()
            .merchantId(merchant.merchantId())
            .privateKey(merchant.merchantPrivateKeyPem())
            .merchantSerialNumber(merchant.merchantSerialNumber())
            .publicKey(merchant.wechatPayPublicKey())
            .publicKeyId(merchant.wechatPayPublicKeyId())
            .apiV3Key(merchant.apiV3Key())
            .build();

    runLifecycle(config, config, "SDK_PUBKEY_0001");

    assertThat(simulator.notifications().get(0).requestHeaders().get("Wechatpay-Serial"))
        .isEqualTo(merchant.wechatPayPublicKeyId());
  }

  @Test
  void certificateModeDownloadsTheCertificatesAndRunsTheWholeOrderLifecycle() throws Exception {
    simulator = WechatPaySimulator.builder().merchantId("1900009901").start();
    SimulatorMerchant merchant = simulator.merchant();
    RSAAutoCertificateConfig config =
        new RSAAutoCertificateConfig.Builder()
            .merchantId(merchant.merchantId())
            .privateKey(merchant.merchantPrivateKey())
            .merchantSerialNumber(merchant.merchantSerialNumber())
            .apiV3Key(merchant.apiV3Key())
            .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(toSimulator()))
            .build();

    runLifecycle(config, config, "SDK_CERT_0001");

    assertThat(simulator.notifications().get(0).requestHeaders().get("Wechatpay-Serial"))
        .isEqualTo(merchant.platformSerialNumber());
  }

  @Test
  void sdkRejectsAProbeSignature() {
    simulator = WechatPaySimulator.builder().start();
    JsapiService jsapi = jsapi(publicKeyConfig());
    simulator.injectFault("prepayJsapi", Fault.PROBE_SIGNATURE, 1);

    assertThatThrownBy(() -> jsapi.prepay(prepayRequest("SDK_PROBE_0001")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void sdkSeesWechatPayErrorCodes() {
    simulator = WechatPaySimulator.builder().start();
    JsapiService jsapi = jsapi(publicKeyConfig());
    QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
    query.setMchid(simulator.merchant().merchantId());
    query.setOutTradeNo("SDK_MISSING_0001");

    assertThatThrownBy(() -> jsapi.queryOrderByOutTradeNo(query))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(404);
              assertThat(e.getErrorCode()).isEqualTo("ORDER_NOT_EXIST");
            });
  }

  @Test
  void sdkNativePrepayGetsACodeUrlThatTheSimulatedPayerCanScan() {
    simulator = WechatPaySimulator.builder().start();
    NativePayService nativeService =
        new NativePayService.Builder().httpClient(httpClient(publicKeyConfig())).build();
    com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest request =
        new com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest();
    request.setAppid(simulator.merchant().appId());
    request.setMchid(simulator.merchant().merchantId());
    request.setDescription("Native order");
    request.setOutTradeNo("SDK_NATIVE_0001");
    request.setNotifyUrl(notifyUrl());
    com.wechat.pay.java.service.payments.nativepay.model.Amount amount =
        new com.wechat.pay.java.service.payments.nativepay.model.Amount();
    amount.setTotal(1);
    request.setAmount(amount);

    String codeUrl = nativeService.prepay(request).getCodeUrl();

    assertThat(simulator.payByCodeUrl(codeUrl).tradeState()).isEqualTo("SUCCESS");
  }

  @Test
  void partnerJsapiRunsPrepayQueryAndCloseWithTheSdk() throws Exception {
    simulator = WechatPaySimulator.builder().start();
    SimulatorMerchant merchant = simulator.merchant();
    com.wechat.pay.java.service.partnerpayments.jsapi.JsapiService partner =
        new com.wechat.pay.java.service.partnerpayments.jsapi.JsapiService.Builder()
            .httpClient(httpClient(publicKeyConfig()))
            .build();
    com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest request =
        new com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest();
    request.setSpAppid(merchant.appId());
    request.setSpMchid(merchant.merchantId());
    request.setSubAppid(merchant.subAppId());
    request.setSubMchid(merchant.subMerchantId());
    request.setDescription("partner order");
    request.setOutTradeNo("SDK_PARTNER_0001");
    request.setNotifyUrl(notifyUrl());
    com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount amount =
        new com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount();
    amount.setTotal(5);
    request.setAmount(amount);
    com.wechat.pay.java.service.partnerpayments.jsapi.model.Payer payer =
        new com.wechat.pay.java.service.partnerpayments.jsapi.model.Payer();
    payer.setSubOpenid("oSubOpenid0001");
    request.setPayer(payer);

    assertThat(partner.prepay(request).getPrepayId()).startsWith("wx");
    simulator.pay("SDK_PARTNER_0001");
    com.wechat.pay.java.service.partnerpayments.jsapi.model.QueryOrderByOutTradeNoRequest query =
        new com.wechat.pay.java.service.partnerpayments.jsapi.model.QueryOrderByOutTradeNoRequest();
    query.setSpMchid(merchant.merchantId());
    query.setSubMchid(merchant.subMerchantId());
    query.setOutTradeNo("SDK_PARTNER_0001");
    com.wechat.pay.java.service.partnerpayments.jsapi.model.Transaction paid =
        partner.queryOrderByOutTradeNo(query);

    assertThat(paid.getSubMchid()).isEqualTo(merchant.subMerchantId());
    assertThat(paid.getPayer().getSubOpenid()).isEqualTo("oSubOpenid0001");
    assertThat(paid.getTradeState())
        .isEqualTo(
            com.wechat.pay.java.service.partnerpayments.jsapi.model.Transaction.TradeStateEnum
                .SUCCESS);
    RecordedRequest notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).isNotNull();
    com.wechat.pay.java.service.partnerpayments.jsapi.model.Transaction notified =
        new NotificationParser(publicKeyConfig())
            .parse(
                new RequestParam.Builder()
                    .serialNumber(notification.getHeaders().get("Wechatpay-Serial"))
                    .nonce(notification.getHeaders().get("Wechatpay-Nonce"))
                    .signature(notification.getHeaders().get("Wechatpay-Signature"))
                    .timestamp(notification.getHeaders().get("Wechatpay-Timestamp"))
                    .body(notification.getBody().utf8())
                    .build(),
                com.wechat.pay.java.service.partnerpayments.jsapi.model.Transaction.class);
    assertThat(notified.getSpMchid()).isEqualTo(merchant.merchantId());
    assertThat(notified.getPayer().getSubOpenid()).isEqualTo("oSubOpenid0001");
  }

  private RSAPublicKeyConfig publicKeyConfig() {
    SimulatorMerchant merchant = simulator.merchant();
    return new RSAPublicKeyConfig.Builder()
        .merchantId(merchant.merchantId())
        .privateKey(merchant.merchantPrivateKey())
        .merchantSerialNumber(merchant.merchantSerialNumber())
        .publicKey(merchant.wechatPayPublicKeyPem())
        .publicKeyId(merchant.wechatPayPublicKeyId())
        .apiV3Key(merchant.apiV3Key())
        .build();
  }

  private HttpClient httpClient(Config config) {
    return new DefaultHttpClientBuilder().config(config).okHttpClient(toSimulator()).build();
  }

  private JsapiService jsapi(Config config) {
    return new JsapiService.Builder().httpClient(httpClient(config)).build();
  }

  private String notifyUrl() {
    return "http://127.0.0.1:" + merchantServer.getPort() + "/pay/notify";
  }

  private PrepayRequest prepayRequest(String outTradeNo) {
    PrepayRequest request = new PrepayRequest();
    request.setAppid(simulator.merchant().appId());
    request.setMchid(simulator.merchant().merchantId());
    request.setDescription("Image形象店-深圳腾大-QQ公仔");
    request.setOutTradeNo(outTradeNo);
    request.setNotifyUrl(notifyUrl());
    request.setAttach("sdk");
    Amount amount = new Amount();
    amount.setTotal(888);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    Payer payer = new Payer();
    payer.setOpenid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    request.setPayer(payer);
    return request;
  }

  private void runLifecycle(Config config, NotificationConfig notificationConfig, String outTradeNo)
      throws InterruptedException {
    JsapiService jsapi = jsapi(config);
    String mchid = simulator.merchant().merchantId();

    PrepayResponse prepay = jsapi.prepay(prepayRequest(outTradeNo));
    assertThat(prepay.getPrepayId()).startsWith("wx");

    QueryOrderByOutTradeNoRequest byOutTradeNo = new QueryOrderByOutTradeNoRequest();
    byOutTradeNo.setMchid(mchid);
    byOutTradeNo.setOutTradeNo(outTradeNo);
    assertThat(jsapi.queryOrderByOutTradeNo(byOutTradeNo).getTradeState())
        .isEqualTo(Transaction.TradeStateEnum.NOTPAY);

    String transactionId = simulator.payByPrepayId(prepay.getPrepayId()).transactionId();

    QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
    byId.setMchid(mchid);
    byId.setTransactionId(transactionId);
    Transaction paid = jsapi.queryOrderById(byId);
    assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    assertThat(paid.getOutTradeNo()).isEqualTo(outTradeNo);
    assertThat(paid.getAmount().getPayerTotal()).isEqualTo(888);

    RecordedRequest notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).as("notification").isNotNull();
    RequestParam param =
        new RequestParam.Builder()
            .serialNumber(notification.getHeaders().get("Wechatpay-Serial"))
            .nonce(notification.getHeaders().get("Wechatpay-Nonce"))
            .signature(notification.getHeaders().get("Wechatpay-Signature"))
            .timestamp(notification.getHeaders().get("Wechatpay-Timestamp"))
            .signType(notification.getHeaders().get("Wechatpay-Signature-Type"))
            .body(notification.getBody().utf8())
            .build();
    Transaction notified =
        new NotificationParser(notificationConfig).parse(param, Transaction.class);
    assertThat(notified.getTransactionId()).isEqualTo(transactionId);
    assertThat(notified.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    assertThat(notified.getAttach()).isEqualTo("sdk");
    assertThat(notified.getPayer().getOpenid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    simulator.awaitNotifications(1, Duration.ofSeconds(5));

    String closing = outTradeNo + "_C";
    jsapi.prepay(prepayRequest(closing));
    CloseOrderRequest close = new CloseOrderRequest();
    close.setMchid(mchid);
    close.setOutTradeNo(closing);
    jsapi.closeOrder(close); // 204, verified by the SDK with an empty body
    byOutTradeNo.setOutTradeNo(closing);
    assertThat(jsapi.queryOrderByOutTradeNo(byOutTradeNo).getTradeState())
        .isEqualTo(Transaction.TradeStateEnum.CLOSED);
  }
}
