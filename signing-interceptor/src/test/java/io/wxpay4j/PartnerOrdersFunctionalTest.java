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
import io.wxpay4j.model.TradeType;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.pay.JsapiPayParameters;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service-provider facade against the simulator's partner endpoints, end to end over loopback.
 */
final class PartnerOrdersFunctionalTest {
  private static WechatPaySimulator simulator;
  private static final MockWebServer notifyServer = new MockWebServer();
  private static WechatPayClient provider;
  private static String subMchid;
  private static String subAppid;

  @BeforeAll
  static void start() throws Exception {
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.001).start();
    notifyServer.start();
    SimulatorMerchant merchant = simulator.merchant();
    subMchid = merchant.subMerchantId();
    subAppid = merchant.subAppId();
    provider =
        WechatPayClient.builder()
            .merchantId(merchant.merchantId())
            .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
            .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
            .apiV3Key(merchant.apiV3Key())
            .appId(merchant.appId())
            .notifyUrl(notifyServer.url("/partner/notify").toString())
            .baseUrl(simulator.baseUrl())
            .build();
  }

  @AfterAll
  static void stop() {
    provider.close();
    notifyServer.close();
    simulator.close();
  }

  private static Consumer<PartnerPrepayRequest.Builder> order(String outTradeNo) {
    return order ->
        order
            .subMchid(subMchid)
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(88).build());
  }

  @Test
  void jsapiOrderLifecycleForASubMerchant() throws Exception {
    String outTradeNo = WechatPayClientFunctionalTest.newOutTradeNo();
    notifyServer.enqueue(new MockResponse.Builder().code(204).build());

    JsapiPayParameters pay =
        provider
            .partner()
            .prepayJsapiWithPayParameters(
                order(outTradeNo)
                    .andThen(
                        o ->
                            o.subAppid(subAppid)
                                .payer(PartnerPayer.builder().subOpenid("oSubUser").build())))
            .body();
    assertThat(pay.appId()).isEqualTo(subAppid);
    Signature check = Signature.getInstance("SHA256withRSA");
    check.initVerify(simulator.merchant().merchantCertificate().getPublicKey());
    check.update(
        (pay.appId()
                + "\n"
                + pay.timeStamp()
                + "\n"
                + pay.nonceStr()
                + "\n"
                + pay.packageValue()
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(check.verify(Base64.getDecoder().decode(pay.paySign()))).isTrue();

    PartnerTransaction unpaid = provider.partner().queryByOutTradeNo(subMchid, outTradeNo).body();
    assertThat(unpaid.getTradeState()).isEqualTo(TradeState.NOTPAY);
    assertThat(unpaid.getSubMchid()).isEqualTo(subMchid);

    simulator.pay(outTradeNo);
    RecordedRequest delivered = notifyServer.takeRequest(5, TimeUnit.SECONDS);
    assertThat(delivered).isNotNull();
    PartnerTransaction notified =
        provider.parsePartnerPaymentNotification(
            NotificationRequest.create(
                delivered.getHeaders()::get, delivered.getBody().toByteArray()));
    assertThat(notified.getTradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(notified.getSpMchid()).isEqualTo(simulator.merchant().merchantId());
    assertThat(notified.getSubMchid()).isEqualTo(subMchid);
    assertThat(notified.getPayer().getSubOpenid()).isEqualTo("oSubUser");

    PartnerTransaction paid =
        provider.partner().queryById(subMchid, notified.getTransactionId()).body();
    assertThat(paid.getTradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(paid.getTradeType()).isEqualTo(TradeType.JSAPI);
    assertThat(paid.getOutTradeNo()).isEqualTo(outTradeNo);
  }

  @Test
  void appH5AndNativePrepayAndCloseForASubMerchant() {
    String app = WechatPayClientFunctionalTest.newOutTradeNo();
    String h5 = WechatPayClientFunctionalTest.newOutTradeNo();
    String qr = WechatPayClientFunctionalTest.newOutTradeNo();

    assertThat(provider.partner().prepayApp(order(app)).body().getPrepayId()).isNotBlank();
    assertThat(
            provider
                .partner()
                .prepayH5(
                    order(h5)
                        .andThen(
                            o ->
                                o.sceneInfo(
                                    SceneInfo.builder()
                                        .payerClientIp("14.23.150.211")
                                        .h5Info(H5Info.builder().type(H5Type.IOS).build())
                                        .build())))
                .body()
                .getH5Url())
        .startsWith(simulator.baseUrl() + "simulator/cashier/h5?prepay_id=wx"); // its H5 cashier
    String codeUrl = provider.partner().prepayNative(order(qr)).body().getCodeUrl();
    assertThat(codeUrl).startsWith("weixin://");

    assertThat(provider.partner().close(subMchid, app).httpStatus()).isEqualTo(204);
    assertThat(provider.partner().queryByOutTradeNo(subMchid, app).body().getTradeState())
        .isEqualTo(TradeState.CLOSED);
  }

  @Test
  void subMerchantNotBoundToTheServiceProviderIsRefused() {
    assertThatThrownBy(
            () ->
                provider
                    .partner()
                    .prepayNative(
                        order(WechatPayClientFunctionalTest.newOutTradeNo())
                            .andThen(o -> o.subMchid("1999999999"))))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isBetween(400, 403);
              assertThat(e.mayHaveTakenEffect()).isFalse();
            });
  }

  @Test
  void serverErrorIsRetriedByDefaultAndNotWithoutRetries() {
    String outTradeNo = WechatPayClientFunctionalTest.newOutTradeNo();
    simulator.injectFault("partnerPrepayNative", io.wxpay4j.simulator.Fault.SYSTEM_ERROR, 1);
    assertThat(provider.partner().prepayNative(order(outTradeNo)).body().getCodeUrl())
        .startsWith("weixin://");

    simulator.injectFault("partnerPrepayNative", io.wxpay4j.simulator.Fault.SYSTEM_ERROR, 1);
    assertThatThrownBy(
            () ->
                provider
                    .partner()
                    .withRetryPolicy(RetryPolicy.none())
                    .prepayNative(order(WechatPayClientFunctionalTest.newOutTradeNo())))
        .isInstanceOfSatisfying(
            WechatPayApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(500));
  }

  @Test
  void pollerOfASubMerchantFindsThePaymentAndClosesAnUnpaidOrder() throws Exception {
    String paid = WechatPayClientFunctionalTest.newOutTradeNo();
    String unpaid = WechatPayClientFunctionalTest.newOutTradeNo();
    provider.partner().prepayNative(order(paid));
    provider.partner().prepayNative(order(unpaid));
    simulator.pay(paid);
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try (OrderPoller<PartnerTransaction> poller =
        OrderPoller.builder(provider.partner(), subMchid)
            .executor(executor)
            .schedule(List.of(Duration.ofMillis(1), Duration.ofMillis(2)))
            .build()) {
      OrderOutcome<PartnerTransaction> paidOutcome = poller.watch(paid).get(10, TimeUnit.SECONDS);
      OrderOutcome<PartnerTransaction> unpaidOutcome =
          poller.watch(unpaid).get(10, TimeUnit.SECONDS);

      assertThat(paidOutcome.status()).isEqualTo(OrderOutcome.Status.PAID);
      assertThat(paidOutcome.transaction().getSubMchid()).isEqualTo(subMchid);
      assertThat(unpaidOutcome.status()).isEqualTo(OrderOutcome.Status.CLOSED);
      assertThat(simulator.order(unpaid).orElseThrow().tradeState()).isEqualTo("CLOSED");
    } finally {
      executor.shutdownNow();
    }
    assertThatThrownBy(() -> OrderPoller.create(provider.partner(), "sub-merchant"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sub_mchid must be the sub-merchant ID (子商户号): digits only");
  }

  @Test
  void lostAnswerIsReconciledToTheCreatedOrderAndAnUnknownOneToNotFound() {
    String outTradeNo = WechatPayClientFunctionalTest.newOutTradeNo();
    simulator.injectFault("partnerPrepayNative", io.wxpay4j.simulator.Fault.TRUNCATED_BODY, 1);

    assertThatThrownBy(
            () ->
                provider
                    .partner()
                    .withRetryPolicy(RetryPolicy.none())
                    .prepayNative(order(outTradeNo)))
        .isInstanceOfSatisfying(
            WechatPayException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue());

    OrderOutcome<PartnerTransaction> created = provider.partner().reconcile(subMchid, outTradeNo);
    assertThat(created.status()).isEqualTo(OrderOutcome.Status.CREATED);
    assertThat(created.transaction().getSubMchid()).isEqualTo(subMchid);
    assertThat(provider.partner().reconcile(subMchid, "never_placed_1").status())
        .isEqualTo(OrderOutcome.Status.NOT_FOUND);
    assertThat(simulator.orders()).filteredOn(o -> o.outTradeNo().equals(outTradeNo)).hasSize(1);
  }

  @Test
  void queryOfAnotherSubMerchantsOrderIsNotFound() {
    String outTradeNo = WechatPayClientFunctionalTest.newOutTradeNo();
    provider.partner().prepayNative(order(outTradeNo));

    assertThatThrownBy(() -> provider.partner().queryByOutTradeNo("1999999998", outTradeNo))
        .isInstanceOf(WechatPayApiException.class);
  }
}
