package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wxpay4j.api.OrdersApi;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.H5Info;
import io.wxpay4j.model.H5PrepayResponse;
import io.wxpay4j.model.H5Type;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.Payer;
import io.wxpay4j.model.PrepayRequest;
import io.wxpay4j.model.PrepayResponse;
import io.wxpay4j.model.SceneInfo;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.TradeType;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.NotificationAttempt;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The facade against the simulator over loopback: real OkHttp, Retrofit, Moshi and crypto on both
 * sides.
 */
final class WechatPayClientFunctionalTest {
  private static WechatPaySimulator simulator;
  private static final MockWebServer notifyServer = new MockWebServer();
  private static WechatPayClient wechatPay;
  private static final AtomicInteger sequence = new AtomicInteger();

  @BeforeAll
  static void startSimulator() throws Exception {
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.001).start();
    notifyServer.start();
    wechatPay = client(simulator).build();
  }

  @AfterAll
  static void stopSimulator() {
    wechatPay.close();
    notifyServer.close();
    simulator.close();
  }

  @BeforeEach
  void resetSimulator() {
    simulator.reset();
  }

  static String notifyUrl() {
    return notifyServer.url("/wechatpay/notify").toString();
  }

  static WechatPayClientBuilder client(WechatPaySimulator simulator) {
    SimulatorMerchant merchant = simulator.merchant();
    return WechatPayClient.builder()
        .merchantId(merchant.merchantId())
        .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
        .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
        .apiV3Key(merchant.apiV3Key())
        .appId(merchant.appId())
        .notifyUrl(notifyUrl())
        .baseUrl(simulator.baseUrl());
  }

  static String newOutTradeNo() {
    return "wxpay4j_" + System.nanoTime() + "_" + sequence.incrementAndGet();
  }

  static Consumer<PrepayRequest.Builder> order(String outTradeNo) {
    return order ->
        order
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(100).currency("CNY").build());
  }

  static Consumer<PrepayRequest.Builder> jsapiOrder(String outTradeNo) {
    return order(outTradeNo)
        .andThen(o -> o.payer(Payer.builder().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").build()));
  }

  @Test
  void jsapiOrderLifecycle() {
    String outTradeNo = newOutTradeNo();

    WechatPayResponse<PrepayResponse> created =
        wechatPay.orders().prepayJsapi(jsapiOrder(outTradeNo));
    assertThat(created.body().getPrepayId()).isNotBlank();
    assertThat(created.requestId()).isNotBlank();
    assertThat(created.httpStatus()).isEqualTo(200);

    Transaction unpaid = wechatPay.orders().queryByOutTradeNo(outTradeNo).body();
    assertThat(unpaid.getTradeState()).isEqualTo(TradeState.NOTPAY);
    assertThat(unpaid.getTransactionId()).isNull();

    simulator.pay(outTradeNo);

    Transaction paid = wechatPay.orders().queryByOutTradeNo(outTradeNo).body();
    assertThat(paid.getTradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(paid.getTradeType()).isEqualTo(TradeType.JSAPI);
    assertThat(paid.getAmount().getTotal()).isEqualTo(100);
    assertThat(paid.getMchid()).isEqualTo(simulator.merchant().merchantId());
    assertThat(wechatPay.orders().queryById(paid.getTransactionId()).body()).isEqualTo(paid);

    assertThatThrownBy(() -> wechatPay.orders().close(outTradeNo))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isBetween(400, 499);
              assertThat(e.mayHaveTakenEffect()).isFalse();
              assertThat(e.requestId()).isNotBlank();
            });
  }

  @Test
  void closedOrderCannotBePaid() {
    String outTradeNo = newOutTradeNo();
    wechatPay.orders().prepayNative(order(outTradeNo));

    WechatPayResponse<Void> closed = wechatPay.orders().close(outTradeNo);

    assertThat(closed.httpStatus()).isEqualTo(204);
    assertThat(closed.requestId()).isNotBlank();
    assertThat(wechatPay.orders().queryByOutTradeNo(outTradeNo).body().getTradeState())
        .isEqualTo(TradeState.CLOSED);
    assertThatThrownBy(() -> simulator.pay(outTradeNo)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void appH5AndNativePrepay() {
    WechatPayResponse<PrepayResponse> app = wechatPay.orders().prepayApp(order(newOutTradeNo()));
    WechatPayResponse<H5PrepayResponse> h5 =
        wechatPay
            .orders()
            .prepayH5(
                order(newOutTradeNo())
                    .andThen(
                        o ->
                            o.sceneInfo(
                                SceneInfo.builder()
                                    .payerClientIp("14.23.150.211")
                                    .h5Info(H5Info.builder().type(H5Type.WAP).build())
                                    .build())));
    String nativeOrder = newOutTradeNo();
    WechatPayResponse<NativePrepayResponse> qr =
        wechatPay.orders().prepayNative(order(nativeOrder));

    assertThat(app.body().getPrepayId()).isNotBlank();
    assertThat(h5.body().getH5Url()).startsWith("https://");
    assertThat(qr.body().getCodeUrl()).startsWith("weixin://");
    simulator.payByCodeUrl(qr.body().getCodeUrl());
    assertThat(wechatPay.orders().queryByOutTradeNo(nativeOrder).body().getTradeType())
        .isEqualTo(TradeType.NATIVE);
  }

  @Test
  void sameOrderTwiceGivesTheSameLiveOrder() {
    String outTradeNo = newOutTradeNo();
    wechatPay.orders().prepayNative(order(outTradeNo));
    wechatPay.orders().prepayNative(order(outTradeNo));

    assertThat(simulator.orders()).filteredOn(o -> o.outTradeNo().equals(outTradeNo)).hasSize(1);
  }

  @Test
  void sameOutTradeNoWithOtherParametersIsRefused() {
    String outTradeNo = newOutTradeNo();
    wechatPay.orders().prepayNative(order(outTradeNo));

    assertThatThrownBy(
            () ->
                wechatPay
                    .orders()
                    .prepayNative(
                        order(outTradeNo)
                            .andThen(o -> o.amount(Amount.builder().total(200).build()))))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(403);
              assertThat(e.hasCode("OUT_TRADE_NO_USED")).isTrue();
            });
  }

  @Test
  void jsapiPayParametersAreSignedWithTheMerchantKeyOverThePrepayAppid() throws Exception {
    WechatPayResponse<JsapiPayParameters> response =
        wechatPay.orders().prepayJsapiWithPayParameters(jsapiOrder(newOutTradeNo()));
    JsapiPayParameters pay = response.body();

    assertThat(pay.appId()).isEqualTo(simulator.merchant().appId());
    assertThat(pay.packageValue()).startsWith("prepay_id=");
    assertThat(pay.signType()).isEqualTo("RSA");
    String message =
        pay.appId()
            + "\n"
            + pay.timeStamp()
            + "\n"
            + pay.nonceStr()
            + "\n"
            + pay.packageValue()
            + "\n";
    assertThat(verifiesWithMerchantCertificate(message, pay.paySign())).isTrue();
    assertThat(response.requestId()).isNotBlank();
  }

  @Test
  void appPayParametersSignTheRawPrepayId() throws Exception {
    AppPayParameters pay =
        wechatPay.orders().prepayAppWithPayParameters(order(newOutTradeNo())).body();

    assertThat(pay.partnerId()).isEqualTo(simulator.merchant().merchantId());
    assertThat(pay.packageValue()).isEqualTo("Sign=WXPay");
    String message =
        pay.appId() + "\n" + pay.timeStamp() + "\n" + pay.nonceStr() + "\n" + pay.prepayId() + "\n";
    assertThat(verifiesWithMerchantCertificate(message, pay.sign())).isTrue();
  }

  private static boolean verifiesWithMerchantCertificate(String message, String signature)
      throws Exception {
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(simulator.merchant().merchantCertificate().getPublicKey());
    verifier.update(message.getBytes(StandardCharsets.UTF_8));
    return verifier.verify(Base64.getDecoder().decode(signature));
  }

  @Test
  void asyncFormsCompleteWithTheSameResults() throws Exception {
    String outTradeNo = newOutTradeNo();
    PrepayResponse created =
        wechatPay.orders().prepayJsapiAsync(jsapiOrder(outTradeNo)).get().body();
    assertThat(created.getPrepayId()).isNotBlank();

    assertThat(wechatPay.orders().queryByOutTradeNoAsync(outTradeNo).get().body().getTradeState())
        .isEqualTo(TradeState.NOTPAY);
    assertThat(wechatPay.orders().closeAsync(outTradeNo).get().httpStatus()).isEqualTo(204);
    assertThat(
            wechatPay
                .orders()
                .queryByIdAsync("4200000000000000000000000000")
                .handle((r, e) -> e)
                .get())
        .isInstanceOfSatisfying(
            WechatPayApiException.class, e -> assertThat(e.hasCode("ORDER_NOT_EXIST")).isTrue());
  }

  @Test
  void unknownOrderIsAnApiErrorWithBothSpellingsOfItsCode() {
    assertThatThrownBy(() -> wechatPay.orders().queryByOutTradeNo("no_such_order_1"))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.hasCode("ORDER_NOT_EXIST")).isTrue();
              assertThat(e.hasCode("ORDERNOTEXIST")).isTrue();
              assertThat(e.hasCode("NOT_FOUND")).isFalse();
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.mayHaveTakenEffect()).isFalse();
              assertThat(e.getMessage())
                  .contains("queryByOutTradeNo", "404", "ORDER_NOT_EXIST", e.requestId());
            });
  }

  @Test
  void serverErrorIsRetryableAndMayHaveTakenEffect() {
    simulator.injectFault("prepayNative", Fault.SYSTEM_ERROR, 1);

    // Retries off for this call: the client's default policy would retry the 500 and succeed.
    assertThatThrownBy(
            () ->
                wechatPay
                    .orders()
                    .withRetryPolicy(RetryPolicy.none())
                    .prepayNative(order(newOutTradeNo())))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(500);
              assertThat(e.hasCode("SYSTEMERROR")).isTrue();
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.mayHaveTakenEffect()).isTrue();
            });
  }

  @Test
  void probeSignatureIsAVerificationFailureThatMayHaveTakenEffect() {
    String outTradeNo = newOutTradeNo();
    simulator.injectFault("prepayNative", Fault.PROBE_SIGNATURE, 1);

    assertThatThrownBy(() -> wechatPay.orders().prepayNative(order(outTradeNo)))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.isProbe()).isTrue();
              assertThat(e.reason()).isEqualTo(WechatPaySignatureException.Reason.BAD_SIGNATURE);
              assertThat(e.mayHaveTakenEffect()).isTrue();
              String publicKeyId = simulator.merchant().wechatPayPublicKeyId();
              assertThat(e.serial()).isEqualTo(publicKeyId);
              assertThat(e.trustedSerials()).containsExactly(publicKeyId);
              assertThat(e.requestId()).isNotBlank();
              assertThat(e)
                  .hasMessage(
                      "prepayNative failed: Response signature not verified: the signature is a"
                          + " WECHATPAY/SIGNTEST/ probe: WeChat Pay sent a wrong signature on"
                          + " purpose to check that signatures are verified; this failure is"
                          + " expected and rare\n"
                          + "  Wechatpay-Serial: \""
                          + publicKeyId
                          + "\"\n"
                          + "  trusted serials: ["
                          + publicKeyId
                          + "]\n"
                          + "  Request-ID: \""
                          + e.requestId()
                          + "\"");
              // The cause is the failure as the interceptor saw it, without the operation.
              assertThat(e.getCause())
                  .isInstanceOf(WechatPaySignatureException.class)
                  .hasMessage(e.getMessage().substring("prepayNative failed: ".length()));
            });
    // The order was created nonetheless: querying tells the truth.
    assertThat(wechatPay.orders().queryByOutTradeNo(outTradeNo).body().getTradeState())
        .isEqualTo(TradeState.NOTPAY);
  }

  @Test
  void staleTimestampIsAVerificationFailure() {
    simulator.injectFault("queryOrderByOutTradeNo", Fault.STALE_TIMESTAMP, 1);
    String outTradeNo = newOutTradeNo();
    wechatPay.orders().prepayNative(order(outTradeNo));

    assertThatThrownBy(() -> wechatPay.orders().queryByOutTradeNo(outTradeNo))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(WechatPaySignatureException.Reason.STALE_TIMESTAMP));
  }

  @Test
  void refusedConnectionIsAConnectionFailureThatTookNoEffect() throws Exception {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String deadUrl = closed.url("/").toString();
    closed.close();
    try (WechatPayClient dead = client(simulator).baseUrl(deadUrl).build()) {
      assertThatThrownBy(() -> dead.orders().queryByOutTradeNo("wxpay4j_dead_1"))
          .isInstanceOfSatisfying(
              WechatPayConnectionException.class,
              e -> {
                assertThat(e.mayHaveTakenEffect()).isFalse();
                assertThat(e.httpStatus()).isZero();
                assertThat(e.requestId()).isNull();
              });
    }
  }

  @Test
  void paymentNotificationIsVerifiedAndDecrypted() throws Exception {
    notifyServer.enqueue(new MockResponse.Builder().code(204).build());
    String outTradeNo = newOutTradeNo();
    wechatPay.orders().prepayJsapi(jsapiOrder(outTradeNo).andThen(o -> o.attach("cart=42")));
    simulator.pay(outTradeNo);

    RecordedRequest delivered = notifyServer.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(delivered).isNotNull();
    Transaction paid =
        wechatPay.parsePaymentNotification(
            NotificationRequest.create(
                delivered.getHeaders()::get, delivered.getBody().toByteArray()));

    assertThat(paid.getOutTradeNo()).isEqualTo(outTradeNo);
    assertThat(paid.getTradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(paid.getAttach()).isEqualTo("cart=42");
    assertThat(paid.getPayer().getOpenid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    List<NotificationAttempt> attempts = simulator.awaitNotifications(1, Duration.ofSeconds(5));
    assertThat(attempts.get(0).statusCode()).isEqualTo(204);
  }

  @Test
  void platformCertificateModeWorksEndToEnd() {
    SimulatorMerchant merchant = simulator.merchant();
    try (WechatPayClient certificates =
        WechatPayClient.builder()
            .merchantId(merchant.merchantId())
            .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
            .platformCertificates()
            .apiV3Key(merchant.apiV3Key())
            .appId(merchant.appId())
            .notifyUrl(notifyUrl())
            .baseUrl(simulator.baseUrl())
            .build()) {
      String outTradeNo = newOutTradeNo();
      certificates.orders().prepayNative(order(outTradeNo));
      assertThat(certificates.orders().queryByOutTradeNo(outTradeNo).body().getTradeState())
          .isEqualTo(TradeState.NOTPAY);
      assertThat(certificates.verifier().serials()).contains(merchant.platformSerialNumber());
    }
  }

  @Test
  void twoMerchantsInOneJvmWorkSideBySide() throws Exception {
    try (WechatPaySimulator other = WechatPaySimulator.builder().merchantId("1900000222").start();
        WechatPayClient second = client(other).build()) {
      String first = newOutTradeNo();
      String secondOrder = newOutTradeNo();

      wechatPay.orders().prepayNativeAsync(order(first)).get();
      second.orders().prepayNativeAsync(order(secondOrder)).get();

      assertThat(simulator.order(first)).isPresent();
      assertThat(simulator.order(secondOrder)).isEmpty();
      assertThat(other.order(secondOrder)).isPresent();
      assertThat(second.orders().queryByOutTradeNo(secondOrder).body().getMchid())
          .isEqualTo("1900000222");
      assertThatThrownBy(() -> second.orders().queryByOutTradeNo(first))
          .isInstanceOf(WechatPayApiException.class);
    }
  }

  @Test
  void generatedRetrofitInterfaceIsAvailableAsAnEscapeHatch() throws Exception {
    String outTradeNo = newOutTradeNo();
    wechatPay.orders().prepayNative(order(outTradeNo));

    retrofit2.Response<Transaction> response =
        wechatPay
            .api(OrdersApi.class)
            .queryOrderByOutTradeNo(outTradeNo, simulator.merchant().merchantId())
            .execute();

    assertThat(response.isSuccessful()).isTrue();
    assertThat(response.body().getTradeState()).isEqualTo(TradeState.NOTPAY);
  }

  @Test
  void escapeHatchesReportAFailedVerificationAsAnIoExceptionCarryingTheSignatureFailure() {
    simulator.injectFault("queryOrderByOutTradeNo", Fault.UNKNOWN_SERIAL, 2);
    String outTradeNo = newOutTradeNo();
    wechatPay.orders().prepayNative(order(outTradeNo));
    String merchantId = simulator.merchant().merchantId();

    List<Throwable> failures =
        List.of(
            catchThrowable(
                () ->
                    wechatPay
                        .api(OrdersApi.class)
                        .queryOrderByOutTradeNo(outTradeNo, merchantId)
                        .execute()),
            catchThrowable(
                () ->
                    wechatPay
                        .okHttpClient()
                        .newCall(
                            new Request.Builder()
                                .url(
                                    simulator.baseUrl()
                                        + "v3/pay/transactions/out-trade-no/"
                                        + outTradeNo
                                        + "?mchid="
                                        + merchantId)
                                .build())
                        .execute()));
    for (Throwable failure : failures) {
      assertThat(failure).isInstanceOf(java.io.IOException.class);
      WechatPaySignatureException unverified = WechatPaySignatureException.from(failure);
      assertThat(unverified).isNotNull().isSameAs(failure.getCause());
      assertThat(unverified.reason()).isEqualTo(WechatPaySignatureException.Reason.UNKNOWN_SERIAL);
      assertThat(failure)
          .hasMessage(unverified.getMessage())
          .hasMessageStartingWith(
              "Response signature not verified: no trusted key for Wechatpay-Serial");
    }
  }

  @Test
  void signingOkHttpClientIsAvailableForEndpointsTheSpecLacks() throws Exception {
    Request request =
        new Request.Builder()
            .url(simulator.baseUrl() + "v3/certificates?algorithm_type=RSA")
            .build();

    try (Response response = wechatPay.okHttpClient().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains(simulator.merchant().platformSerialNumber());
    }
  }
}
