package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.CombineCloseSubOrder;
import io.wxpay4j.model.CombinePayerInfo;
import io.wxpay4j.model.CombinePrepayRequest;
import io.wxpay4j.model.CombineSceneInfo;
import io.wxpay4j.model.CombineSubOrder;
import io.wxpay4j.model.CombineSubOrderAmount;
import io.wxpay4j.model.CombineSubTransaction;
import io.wxpay4j.model.CombineTransaction;
import io.wxpay4j.model.H5Info;
import io.wxpay4j.model.H5Type;
import io.wxpay4j.model.Refund;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.TradeType;
import io.wxpay4j.notify.CombinePaymentSucceeded;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayEvent;
import io.wxpay4j.notify.WechatPayNotificationException;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.NotificationAttempt;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.SimulatorOrder;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Combine payment (合单支付) through the facade against the simulator over loopback: the four prepays
 * and the pay parameters, the payer pays, the one notice typed and bound, query, reconcile, close
 * with the sub-orders, refunds of a sub-order, faults.
 */
final class CombineFunctionalTest {
  private static final AtomicLong SEQUENCE =
      new AtomicLong(1_000_000 + System.nanoTime() % 1_000_000); // 7 digits: ids of 6+ characters
  private static final String SHOP_A = "1900000211";
  private static final String SHOP_B = "1900000212";
  private static final MockWebServer receiver = new MockWebServer();
  private static WechatPaySimulator simulator;
  private static WechatPayClient wechatPay;
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
    receiver.start();
    simulator = WechatPaySimulator.builder().notificationTimeScale(0.001).start();
    merchant = simulator.merchant();
    wechatPay = LocalClients.forSimulator(simulator, receiver.url("/pay/notify").toString());
  }

  @AfterAll
  static void stop() {
    wechatPay.close();
    simulator.close();
    receiver.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  private static String next(String prefix) {
    return prefix + SEQUENCE.incrementAndGet();
  }

  private static CombineSubOrder subOrder(String mchid, String outTradeNo, long total) {
    return CombineSubOrder.builder()
        .mchid(mchid)
        .outTradeNo(outTradeNo)
        .description("合单商品 " + outTradeNo)
        .attach("shop " + mchid)
        .amount(CombineSubOrderAmount.builder().totalAmount(total).currency("CNY").build())
        .build();
  }

  /** A combine order of {@code mchids}' sub-orders (100, 200, … fen); returns their numbers. */
  private static Consumer<CombinePrepayRequest.Builder> order(
      String combineOutTradeNo, List<String> outTradeNos, String... mchids) {
    List<CombineSubOrder> subOrders = new ArrayList<>();
    for (int i = 0; i < mchids.length; i++) {
      String outTradeNo = next("S");
      outTradeNos.add(outTradeNo);
      subOrders.add(subOrder(mchids[i], outTradeNo, 100L * (i + 1)));
    }
    return order -> order.combineOutTradeNo(combineOutTradeNo).subOrders(subOrders);
  }

  private static Consumer<CombinePrepayRequest.Builder> withPayer(
      Consumer<CombinePrepayRequest.Builder> order) {
    return order.andThen(
        o -> o.combinePayerInfo(CombinePayerInfo.builder().openid("oCombinePayer0001").build()));
  }

  private static NotificationAttempt delivered(String outTradeNo) {
    int seen = 0;
    while (true) {
      List<NotificationAttempt> log =
          simulator.awaitNotifications(seen + 1, Duration.ofSeconds(10));
      for (NotificationAttempt attempt : log) {
        if (attempt.outTradeNo().equals(outTradeNo)) {
          return attempt;
        }
      }
      seen = log.size();
    }
  }

  private static NotificationRequest request(NotificationAttempt attempt) {
    return NotificationRequest.create(
        attempt.requestHeaders()::get, attempt.requestBody().getBytes(StandardCharsets.UTF_8));
  }

  /** True if {@code signature} is the merchant's over the lines, each ended by a newline. */
  private static boolean signedByMerchant(String signature, String... lines) throws Exception {
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(merchant.merchantCertificate().getPublicKey());
    verifier.update((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    return verifier.verify(Base64.getDecoder().decode(signature));
  }

  private static Consumer<io.wxpay4j.model.CombineCloseRequest.Builder> closing(
      List<String> outTradeNos, String... mchids) {
    List<CombineCloseSubOrder> subOrders = new ArrayList<>();
    for (int i = 0; i < mchids.length; i++) {
      subOrders.add(
          CombineCloseSubOrder.builder().mchid(mchids[i]).outTradeNo(outTradeNos.get(i)).build());
    }
    return close -> close.subOrders(subOrders);
  }

  @Test
  void nativeCombineOrderIsPaidNotifiedOnceAndQueried() throws Exception {
    String combineNo = next("C");
    List<String> outTradeNos = new ArrayList<>();

    String codeUrl =
        wechatPay
            .combine()
            .prepayNative(order(combineNo, outTradeNos, SHOP_A, SHOP_B))
            .body()
            .getCodeUrl();
    assertThat(wechatPay.combine().reconcile(combineNo).status())
        .isEqualTo(OrderOutcome.Status.CREATED);
    List<SimulatorOrder> paid = simulator.payCombine(combineNo);

    assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=");
    assertThat(paid).extracting(SimulatorOrder::tradeState).containsOnly("SUCCESS");
    // One notice for the whole combine order, typed as a combine payment, never as a plain one.
    NotificationAttempt attempt = delivered(combineNo);
    WechatPayEvent event = wechatPay.notifications().parse(request(attempt));
    assertThat(event).isInstanceOf(CombinePaymentSucceeded.class);
    CombineTransaction notified = ((CombinePaymentSucceeded) event).transaction();
    assertThat(notified.getCombineMchid()).isEqualTo(merchant.merchantId());
    assertThat(notified.getSubOrders())
        .extracting(CombineSubTransaction::getOutTradeNo)
        .containsExactlyElementsOf(outTradeNos);
    assertThat(notified.getSubOrders())
        .extracting(CombineSubTransaction::getTradeState)
        .containsOnly(TradeState.SUCCESS);
    assertThat(notified.getSubOrders().get(0).getSuccessTime())
        .isEqualTo(notified.getSubOrders().get(1).getSuccessTime());
    assertThat(event.toString()).doesNotContain(notified.getCombinePayerInfo().getOpenid());
    assertThatThrownBy(() -> wechatPay.parsePaymentNotification(request(attempt)))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e ->
                assertThat(e.kind())
                    .isEqualTo(WechatPayNotificationException.Kind.UNEXPECTED_EVENT));
    assertThat(
            simulator.notifications().stream()
                .filter(a -> a.outTradeNo().equals(combineNo))
                .count())
        .isEqualTo(1);
    // The query is the authority; every sub-order has its own transaction_id.
    CombineTransaction queried = wechatPay.combine().queryByOutTradeNo(combineNo).body();
    assertThat(queried.getSubOrders())
        .extracting(CombineSubTransaction::getMchid)
        .containsExactly(SHOP_A, SHOP_B);
    assertThat(queried.getSubOrders())
        .extracting(CombineSubTransaction::getTradeType)
        .containsOnly(TradeType.NATIVE);
    assertThat(queried.getSubOrders())
        .extracting(s -> s.getAmount().getTotalAmount())
        .containsExactly(100L, 200L);
    assertThat(queried.getSubOrders().get(0).getTransactionId())
        .isEqualTo(paid.get(0).transactionId())
        .isNotEqualTo(queried.getSubOrders().get(1).getTransactionId());
    assertThat(wechatPay.combine().reconcile(combineNo).status())
        .isEqualTo(OrderOutcome.Status.PAID);
    // The basic query does not know a combine order's sub-orders.
    assertThatThrownBy(() -> wechatPay.orders().queryByOutTradeNo(outTradeNos.get(0)))
        .isInstanceOfSatisfying(
            WechatPayApiException.class, e -> assertThat(e.code()).isEqualTo("ORDER_NOT_EXIST"));
  }

  @Test
  void jsapiPayParametersAreSignedForTheCombineAppid() throws Exception {
    String combineNo = next("C");
    List<String> outTradeNos = new ArrayList<>();

    JsapiPayParameters pay =
        wechatPay
            .combine()
            .prepayJsapiWithPayParameters(
                withPayer(order(combineNo, outTradeNos, merchant.merchantId(), SHOP_A)))
            .body();
    simulator.payCombine(combineNo);

    assertThat(pay.appId()).isEqualTo(merchant.appId());
    assertThat(pay.packageValue()).startsWith("prepay_id=wx");
    assertThat(
            signedByMerchant(
                pay.paySign(), pay.appId(), pay.timeStamp(), pay.nonceStr(), pay.packageValue()))
        .isTrue();
    CombineTransaction notified =
        wechatPay.notifications().parseCombineTransaction(request(delivered(combineNo)));
    assertThat(notified.getCombinePayerInfo().getOpenid()).isEqualTo("oCombinePayer0001");
  }

  @Test
  void appPayParametersNameTheCombineMerchantAsPartner() throws Exception {
    AppPayParameters pay =
        wechatPay
            .combine()
            .prepayAppWithPayParameters(order(next("C"), new ArrayList<>(), SHOP_A, SHOP_B))
            .body();

    assertThat(pay.appId()).isEqualTo(merchant.appId());
    assertThat(pay.partnerId()).isEqualTo(merchant.merchantId());
    assertThat(pay.packageValue()).isEqualTo("Sign=WXPay");
    assertThat(
            signedByMerchant(
                pay.sign(), pay.appId(), pay.timeStamp(), pay.nonceStr(), pay.prepayId()))
        .isTrue();
  }

  @Test
  void h5CombinePrepayAnswersAnH5Url() {
    String h5Url =
        wechatPay
            .combine()
            .prepayH5(
                order(next("C"), new ArrayList<>(), SHOP_A, SHOP_B)
                    .andThen(
                        o ->
                            o.sceneInfo(
                                CombineSceneInfo.builder()
                                    .payerClientIp("203.0.113.7")
                                    .h5Info(H5Info.builder().type(H5Type.WAP).build())
                                    .build())))
            .body()
            .getH5Url();

    assertThat(h5Url).contains("prepay_id=wx");
  }

  @Test
  void closeClosesEverySubOrderAndOnlyTheWholeSet() {
    String combineNo = next("C");
    List<String> outTradeNos = new ArrayList<>();
    wechatPay.combine().prepayNative(order(combineNo, outTradeNos, SHOP_A, SHOP_B));

    assertThatThrownBy(
            () ->
                wechatPay
                    .combine()
                    .close(
                        combineNo, closing(List.of(outTradeNos.get(0), next("S")), SHOP_A, SHOP_B)))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("INVALID_REQUEST");
            });
    WechatPayResponse<Void> closed =
        wechatPay.combine().close(combineNo, closing(outTradeNos, SHOP_A, SHOP_B));

    assertThat(closed.httpStatus()).isEqualTo(204);
    assertThat(wechatPay.combine().queryByOutTradeNo(combineNo).body().getSubOrders())
        .extracting(CombineSubTransaction::getTradeState)
        .containsOnly(TradeState.CLOSED);
    assertThat(wechatPay.combine().reconcile(combineNo).status())
        .isEqualTo(OrderOutcome.Status.CLOSED);
    assertThatThrownBy(() -> simulator.payCombine(combineNo))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
  }

  @Test
  void aSubOrderIsRefundedByItsOwnMerchantThroughTheRefundApi() {
    String combineNo = next("C");
    List<String> outTradeNos = new ArrayList<>();
    wechatPay.combine().prepayNative(order(combineNo, outTradeNos, merchant.merchantId(), SHOP_A));
    List<SimulatorOrder> paid = simulator.payCombine(combineNo);

    Refund refund =
        wechatPay
            .refunds()
            .create(
                r ->
                    r.transactionId(paid.get(0).transactionId())
                        .outRefundNo(next("R"))
                        .amount(
                            RefundRequestAmount.builder()
                                .refund(40L)
                                .total(100L)
                                .currency("CNY")
                                .build()))
            .body();

    assertThat(refund.getOutTradeNo()).isEqualTo(outTradeNos.get(0));
    assertThat(refund.getAmount().getRefund()).isEqualTo(40L);
    // The other sub-order is another merchant's: only that merchant may refund it.
    assertThatThrownBy(
            () ->
                wechatPay
                    .refunds()
                    .create(
                        r ->
                            r.transactionId(paid.get(1).transactionId())
                                .outRefundNo(next("R"))
                                .amount(
                                    RefundRequestAmount.builder()
                                        .refund(10L)
                                        .total(200L)
                                        .currency("CNY")
                                        .build())))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> assertThat(e.code()).isEqualTo("RESOURCE_NOT_EXISTS"));
    // Paid, then refunded in part: still paid as a whole.
    assertThat(wechatPay.combine().reconcile(combineNo).status())
        .isEqualTo(OrderOutcome.Status.PAID);
  }

  @Test
  void aSubOrderOfAMerchantNotBoundToTheAppIsRefusedByWechatPay() {
    assertThatThrownBy(
            () ->
                wechatPay
                    .combine()
                    .prepayNative(order(next("C"), new ArrayList<>(), SHOP_A, "1900000999")))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("APPID_MCHID_NOT_MATCH");
              assertThat(e.isVerified()).isTrue();
            });
  }

  @Test
  void prepayReEntersWithTheSameParametersAndRefusesOtherOnes() {
    String combineNo = next("C");
    List<String> outTradeNos = new ArrayList<>();
    Consumer<CombinePrepayRequest.Builder> order = order(combineNo, outTradeNos, SHOP_A, SHOP_B);

    String first = wechatPay.combine().prepayNative(order).body().getCodeUrl();
    String again = wechatPay.combine().prepayNative(order).body().getCodeUrl();

    assertThat(again).isEqualTo(first);
    assertThatThrownBy(
            () ->
                wechatPay
                    .combine()
                    .prepayNative(order(combineNo, new ArrayList<>(), SHOP_A, SHOP_B)))
        .isInstanceOfSatisfying(
            WechatPayApiException.class, e -> assertThat(e.code()).isEqualTo("OUT_TRADE_NO_USED"));
  }

  @Test
  void aFailedPrepayIsReconciledAndRetried() {
    String combineNo = next("C");
    Consumer<CombinePrepayRequest.Builder> order =
        order(combineNo, new ArrayList<>(), SHOP_A, SHOP_B);
    simulator.injectFault("combinePrepayNative", Fault.SYSTEM_ERROR, 1);

    assertThatThrownBy(
            () -> wechatPay.combine().withRetryPolicy(RetryPolicy.none()).prepayNative(order))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(500);
              assertThat(e.code()).isEqualTo("SYSTEM_ERROR");
            });
    OrderOutcome<CombineTransaction> outcome = wechatPay.combine().reconcile(combineNo);

    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.NOT_FOUND);
    assertThat(wechatPay.combine().prepayNative(order).body().getCodeUrl()).isNotBlank();
    assertThat(wechatPay.combine().reconcile(combineNo).status())
        .isEqualTo(OrderOutcome.Status.CREATED);
  }

  @Test
  void asyncFormsAnswerAsTheBlockingOnes() throws Exception {
    String combineNo = next("C");
    List<String> outTradeNos = new ArrayList<>();
    wechatPay.combine().prepayNativeAsync(order(combineNo, outTradeNos, SHOP_A, SHOP_B)).get();

    CombineTransaction queried = wechatPay.combine().queryByOutTradeNoAsync(combineNo).get().body();
    WechatPayResponse<Void> closed =
        wechatPay.combine().closeAsync(combineNo, closing(outTradeNos, SHOP_A, SHOP_B)).get();

    assertThat(queried.getCombineOutTradeNo()).isEqualTo(combineNo);
    assertThat(closed.httpStatus()).isEqualTo(204);
  }
}
