package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.Channel;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.FundsAccount;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import java.net.InetAddress;
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
 * The official {@code wechatpay-java} 0.2.17 {@code RefundService}, with its own signature checks
 * on, against the simulator: create, query, its {@code NotificationParser} on {@code REFUND.*}
 * notifications, error codes and a partner refund, in public-key and certificate mode.
 */
class OfficialSdkRefundInteropTest {
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

  /** The SDK only knows WeChat's hosts: this interceptor sends its calls to the simulator. */
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

  private RefundService refunds(Config config) {
    return new RefundService.Builder()
        .httpClient(
            new DefaultHttpClientBuilder().config(config).okHttpClient(toSimulator()).build())
        .build();
  }

  private String notifyUrl(String path) {
    return "http://127.0.0.1:" + merchantServer.getPort() + path;
  }

  /** A JSAPI order of 888 fen, prepaid with the SDK and paid by the simulated payer. */
  private String paidOrder(Config config, String outTradeNo) {
    JsapiService jsapi =
        new JsapiService.Builder()
            .httpClient(
                new DefaultHttpClientBuilder().config(config).okHttpClient(toSimulator()).build())
            .build();
    PrepayRequest request = new PrepayRequest();
    request.setAppid(simulator.merchant().appId());
    request.setMchid(simulator.merchant().merchantId());
    request.setDescription("Image形象店-深圳腾大-QQ公仔");
    request.setOutTradeNo(outTradeNo);
    request.setNotifyUrl(notifyUrl("/pay/notify"));
    Amount amount = new Amount();
    amount.setTotal(888);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    Payer payer = new Payer();
    payer.setOpenid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    request.setPayer(payer);
    return simulator.payByPrepayId(jsapi.prepay(request).getPrepayId()).transactionId();
  }

  private CreateRequest createRequest(String transactionId, String outRefundNo, long refund) {
    CreateRequest request = new CreateRequest();
    request.setTransactionId(transactionId);
    request.setOutRefundNo(outRefundNo);
    request.setReason("商品已售完");
    request.setNotifyUrl(notifyUrl("/refund/notify"));
    AmountReq amount = new AmountReq();
    amount.setRefund(refund);
    amount.setTotal(888L);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    return request;
  }

  private static QueryByOutRefundNoRequest query(String outRefundNo, String subMchid) {
    QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
    request.setOutRefundNo(outRefundNo);
    request.setSubMchid(subMchid);
    return request;
  }

  /** The next refund notification the merchant received, parsed by the SDK with its checks on. */
  private RefundNotification nextRefundNotification(NotificationConfig config)
      throws InterruptedException {
    while (true) {
      RecordedRequest request = notifications.poll(10, TimeUnit.SECONDS);
      assertThat(request).as("a refund notification").isNotNull();
      if (!request.getTarget().equals("/refund/notify")) {
        continue; // the payment notification
      }
      RequestParam param =
          new RequestParam.Builder()
              .serialNumber(request.getHeaders().get("Wechatpay-Serial"))
              .nonce(request.getHeaders().get("Wechatpay-Nonce"))
              .signature(request.getHeaders().get("Wechatpay-Signature"))
              .timestamp(request.getHeaders().get("Wechatpay-Timestamp"))
              .signType(request.getHeaders().get("Wechatpay-Signature-Type"))
              .body(request.getBody().utf8())
              .build();
      return new NotificationParser(config).parse(param, RefundNotification.class);
    }
  }

  private void runRefundLifecycle(Config config, NotificationConfig notificationConfig)
      throws Exception {
    RefundService service = refunds(config);
    String transactionId = paidOrder(config, "SDK_RF_ORDER_1");

    Refund created = service.create(createRequest(transactionId, "SDK_RF_1", 500));

    assertThat(created.getStatus()).isEqualTo(Status.PROCESSING);
    assertThat(created.getChannel()).isEqualTo(Channel.ORIGINAL);
    assertThat(created.getFundsAccount()).isEqualTo(FundsAccount.UNSETTLED);
    assertThat(created.getTransactionId()).isEqualTo(transactionId);
    assertThat(created.getOutTradeNo()).isEqualTo("SDK_RF_ORDER_1");
    assertThat(created.getAmount().getRefund()).isEqualTo(500L);
    assertThat(created.getAmount().getTotal()).isEqualTo(888L);
    assertThat(created.getAmount().getPayerRefund()).isEqualTo(500L);
    assertThat(created.getSuccessTime()).isNull();
    assertThat(service.queryByOutRefundNo(query("SDK_RF_1", null)).getStatus())
        .isEqualTo(Status.PROCESSING);

    simulator.succeedRefund("SDK_RF_1");

    Refund succeeded = service.queryByOutRefundNo(query("SDK_RF_1", null));
    assertThat(succeeded.getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(succeeded.getRefundId()).isEqualTo(created.getRefundId());
    assertThat(succeeded.getSuccessTime()).isNotNull();
    RefundNotification notified = nextRefundNotification(notificationConfig);
    assertThat(notified.getRefundStatus()).isEqualTo(Status.SUCCESS);
    assertThat(notified.getRefundId()).isEqualTo(created.getRefundId());
    assertThat(notified.getOutRefundNo()).isEqualTo("SDK_RF_1");
    assertThat(notified.getTransactionId()).isEqualTo(transactionId);
    assertThat(notified.getSuccessTime()).isEqualTo(succeeded.getSuccessTime());
    assertThat(notified.getUserReceivedAccount()).isEqualTo("支付用户零钱");
    assertThat(notified.getAmount().getRefund()).isEqualTo(500L);
    assertThat(notified.getAmount().getPayerRefund()).isEqualTo(500L);
    assertThat(notified.getAmount().getTotal()).isEqualTo(888L);

    String second = paidOrder(config, "SDK_RF_ORDER_2");
    service.create(createRequest(second, "SDK_RF_2", 888));
    simulator.markRefundAbnormal("SDK_RF_2");
    assertThat(nextRefundNotification(notificationConfig).getRefundStatus())
        .isEqualTo(Status.ABNORMAL);
    simulator.closeRefund("SDK_RF_2");
    assertThat(nextRefundNotification(notificationConfig).getRefundStatus())
        .isEqualTo(Status.CLOSED);
    assertThat(service.queryByOutRefundNo(query("SDK_RF_2", null)).getStatus())
        .isEqualTo(Status.CLOSED);
  }

  @Test
  void publicKeyModeCreatesQueriesAndParsesRefundNotifications() throws Exception {
    simulator = WechatPaySimulator.builder().refundDelay(java.time.Duration.ofHours(1)).start();
    RSAPublicKeyConfig config = publicKeyConfig();

    runRefundLifecycle(config, config);
  }

  @Test
  void certificateModeCreatesQueriesAndParsesRefundNotifications() throws Exception {
    simulator =
        WechatPaySimulator.builder()
            .merchantId("1900009902")
            .refundDelay(java.time.Duration.ofHours(1))
            .start();
    SimulatorMerchant merchant = simulator.merchant();
    RSAAutoCertificateConfig config =
        new RSAAutoCertificateConfig.Builder()
            .merchantId(merchant.merchantId())
            .privateKey(merchant.merchantPrivateKey())
            .merchantSerialNumber(merchant.merchantSerialNumber())
            .apiV3Key(merchant.apiV3Key())
            .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(toSimulator()))
            .build();

    runRefundLifecycle(config, config);

    assertThat(
            simulator.notifications().stream()
                .filter(a -> a.eventType().startsWith("REFUND."))
                .map(a -> a.requestHeaders().get("Wechatpay-Serial")))
        .containsOnly(merchant.platformSerialNumber());
  }

  @Test
  void sdkSeesTheRefundErrorCodes() {
    simulator = WechatPaySimulator.builder().start();
    RSAPublicKeyConfig config = publicKeyConfig();
    RefundService service = refunds(config);
    String transactionId = paidOrder(config, "SDK_RF_ORDER_3");

    assertThatThrownBy(() -> service.create(createRequest("4200000000000000000000000000", "E1", 1)))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(404);
              assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS");
            });
    assertThatThrownBy(() -> service.create(createRequest(transactionId, "E2", 889)))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(400);
              assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST");
            });
    assertThatThrownBy(() -> service.queryByOutRefundNo(query("NO_SUCH_REFUND", null)))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS"));
  }

  @Test
  void partnerRefundCarriesSubMchidInTheBodyAndTheQuery() {
    simulator = WechatPaySimulator.builder().start();
    SimulatorMerchant merchant = simulator.merchant();
    RSAPublicKeyConfig config = publicKeyConfig();
    com.wechat.pay.java.service.partnerpayments.jsapi.JsapiService partner =
        new com.wechat.pay.java.service.partnerpayments.jsapi.JsapiService.Builder()
            .httpClient(
                new DefaultHttpClientBuilder().config(config).okHttpClient(toSimulator()).build())
            .build();
    com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest prepay =
        new com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest();
    prepay.setSpAppid(merchant.appId());
    prepay.setSpMchid(merchant.merchantId());
    prepay.setSubMchid(merchant.subMerchantId());
    prepay.setDescription("partner order");
    prepay.setOutTradeNo("SDK_RF_PARTNER_1");
    prepay.setNotifyUrl(notifyUrl("/pay/notify"));
    com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount amount =
        new com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount();
    amount.setTotal(888);
    prepay.setAmount(amount);
    com.wechat.pay.java.service.partnerpayments.jsapi.model.Payer payer =
        new com.wechat.pay.java.service.partnerpayments.jsapi.model.Payer();
    payer.setSpOpenid("oSpOpenid0001");
    prepay.setPayer(payer);
    String transactionId =
        simulator.payByPrepayId(partner.prepay(prepay).getPrepayId()).transactionId();
    RefundService service = refunds(config);
    CreateRequest request = createRequest(transactionId, "SDK_RF_PARTNER_R1", 100);
    request.setSubMchid(merchant.subMerchantId());

    Refund created = service.create(request);

    assertThat(created.getStatus()).isEqualTo(Status.PROCESSING);
    assertThat(
            service
                .queryByOutRefundNo(query("SDK_RF_PARTNER_R1", merchant.subMerchantId()))
                .getRefundId())
        .isEqualTo(created.getRefundId());
    assertThat(simulator.refund("SDK_RF_PARTNER_R1").orElseThrow().subMchid())
        .isEqualTo(merchant.subMerchantId());
  }
}
