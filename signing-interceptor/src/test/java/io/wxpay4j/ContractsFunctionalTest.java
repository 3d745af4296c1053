package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.Amount;
import io.wxpay4j.model.AppWithContractPrepayRequest;
import io.wxpay4j.model.Contract;
import io.wxpay4j.model.ContractInfo;
import io.wxpay4j.model.ContractNotification;
import io.wxpay4j.model.ContractState;
import io.wxpay4j.model.ContractTerminationMode;
import io.wxpay4j.model.JsapiContractInfo;
import io.wxpay4j.model.Payer;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayNotificationException;
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
import java.util.concurrent.ExecutionException;
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
 * 支付中签约 (beta) through the facade against the simulator over loopback: pay-and-sign prepays and
 * their pay parameters, the payment and ENTRUST.* notices parsed by the client, the contract
 * queried and terminated, errors and retries.
 */
final class ContractsFunctionalTest {
  private static final long PLAN = 12535;
  private static final AtomicLong SEQUENCE =
      new AtomicLong(1_000_000 + System.nanoTime() % 1_000_000); // 7 digits: ids of 6+ characters
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
    simulator =
        WechatPaySimulator.builder()
            .notificationTimeScale(0.001)
            .plan(PLAN, "会员自动续费", receiver.url("/contract/terminated").toString())
            .start();
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

  private static ContractInfo contract(String code) {
    return ContractInfo.builder()
        .planId(Long.toString(PLAN))
        .contractMchid(merchant.merchantId())
        .contractAppid(merchant.appId())
        .contractCode(code)
        .requestSerial(Long.toString(SEQUENCE.incrementAndGet()))
        .contractDisplayAccount("会员小王")
        .contractNotifyUrl(receiver.url("/contract/signed").toString())
        .build();
  }

  private static Consumer<AppWithContractPrepayRequest.Builder> app(
      String outTradeNo, String code) {
    return order ->
        order
            .description("会员月卡")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(1500).build())
            .contractInfo(contract(code));
  }

  private static NotificationAttempt delivered(String outTradeNo, String eventType) {
    int seen = 0;
    while (true) {
      List<NotificationAttempt> log =
          simulator.awaitNotifications(seen + 1, Duration.ofSeconds(10));
      for (NotificationAttempt attempt : log) {
        if (attempt.outTradeNo().equals(outTradeNo) && attempt.eventType().equals(eventType)) {
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

  private static boolean signedByMerchant(String message, String signature) throws Exception {
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(merchant.merchantCertificate().getPublicKey());
    verifier.update(message.getBytes(StandardCharsets.UTF_8));
    return verifier.verify(Base64.getDecoder().decode(signature));
  }

  @Test
  void appPayAndSignFromPrepayToTermination() throws Exception {
    String outTradeNo = next("order_");
    String code = next("C");

    AppPayParameters pay =
        wechatPay.orders().prepayAppWithContractWithPayParameters(app(outTradeNo, code)).body();
    simulator.payByPrepayId(pay.prepayId());

    // The front end pays exactly as for a plain APP order.
    assertThat(pay.partnerId()).isEqualTo(merchant.merchantId());
    assertThat(pay.packageValue()).isEqualTo("Sign=WXPay");
    assertThat(
            signedByMerchant(
                pay.appId()
                    + "\n"
                    + pay.timeStamp()
                    + "\n"
                    + pay.nonceStr()
                    + "\n"
                    + pay.prepayId()
                    + "\n",
                pay.sign()))
        .isTrue();
    // Two notices: the payment, and the signing.
    assertThat(
            wechatPay
                .parsePaymentNotification(request(delivered(outTradeNo, "TRANSACTION.SUCCESS")))
                .getTradeState())
        .isEqualTo(TradeState.SUCCESS);
    NotificationAttempt signing = delivered(outTradeNo, "ENTRUST.SIGN");
    assertThat(signing.url()).isEqualTo(receiver.url("/contract/signed").toString());
    ContractNotification notice = wechatPay.parseContractNotification(request(signing));
    assertThat(notice.getPlanId()).isEqualTo(PLAN);
    assertThat(notice.getOutContractCode()).isEqualTo(code);
    assertThat(notice.getContractState()).isEqualTo(ContractState.SIGNED);
    assertThat(notice.getContractDisplayAccount()).isEqualTo("会**王");
    assertThat(notice.toString()).doesNotContain(notice.getOpenid());
    // The notice is a hint: the query is the authority.
    Contract queried = wechatPay.contracts().query(PLAN, code).body();
    assertThat(queried.getContractId()).isEqualTo(notice.getContractId());
    assertThat(queried.getContractState()).isEqualTo(ContractState.SIGNED);
    assertThat(queried.getContractSignedTime()).isEqualTo(notice.getContractSignedTime());
    assertThat(queried.getContractExpiredTime()).isAfter(queried.getContractSignedTime());

    WechatPayResponse<Contract> terminated = wechatPay.contracts().terminate(PLAN, code, "用户取消订阅");

    assertThat(terminated.body().getContractState()).isEqualTo(ContractState.TERMINATED);
    assertThat(terminated.body().getContractTerminateInfo().getContractTerminationMode())
        .isEqualTo(ContractTerminationMode.MCH_API_TERMINATE);
    assertThat(terminated.requestId()).isNotBlank();
    NotificationAttempt ended = delivered(outTradeNo, "ENTRUST.TERMINATE");
    assertThat(ended.url()).isEqualTo(receiver.url("/contract/terminated").toString());
    ContractNotification terminatedNotice = wechatPay.parseContractNotification(request(ended));
    assertThat(terminatedNotice.getContractState()).isEqualTo(ContractState.TERMINATED);
    assertThat(terminatedNotice.getContractTerminateInfo().getContractTerminationRemark())
        .isEqualTo("用户取消订阅");
  }

  @Test
  void jsapiPayAndSignAsync() throws Exception {
    String outTradeNo = next("order_");
    String code = next("C");
    JsapiPayParameters pay =
        wechatPay
            .orders()
            .prepayJsapiWithContractWithPayParametersAsync(
                order ->
                    order
                        .description("会员月卡")
                        .outTradeNo(outTradeNo)
                        .amount(Amount.builder().total(1500).build())
                        .payer(Payer.builder().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").build())
                        .contractInfo(
                            JsapiContractInfo.builder()
                                .planId(Long.toString(PLAN))
                                .contractMchid(merchant.merchantId())
                                .contractAppid(merchant.appId())
                                .contractCode(code)
                                .requestSerial(Long.toString(SEQUENCE.incrementAndGet()))
                                .contractDisplayAccount("会员")
                                .build()))
            .get()
            .body();
    assertThat(pay.packageValue()).startsWith("prepay_id=");
    assertThat(
            signedByMerchant(
                pay.appId()
                    + "\n"
                    + pay.timeStamp()
                    + "\n"
                    + pay.nonceStr()
                    + "\n"
                    + pay.packageValue()
                    + "\n",
                pay.paySign()))
        .isTrue();

    simulator.pay(outTradeNo);

    Contract contract = wechatPay.contracts().queryAsync(PLAN, code).get().body();
    assertThat(contract.getContractState()).isEqualTo(ContractState.SIGNED);
    assertThat(contract.getOpenid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assertThat(
            wechatPay.contracts().terminateAsync(PLAN, code, "r").get().body().getContractState())
        .isEqualTo(ContractState.TERMINATED);
  }

  @Test
  void payerWhoDoesNotSignLeavesASignFailedContract() {
    String outTradeNo = next("order_");
    String code = next("C");
    wechatPay.orders().prepayAppWithContract(app(outTradeNo, code));

    simulator.payWithoutSigning(outTradeNo);

    Contract contract = wechatPay.contracts().query(PLAN, code).body();
    assertThat(contract.getContractState()).isEqualTo(ContractState.SIGN_FAILED);
    assertThat(contract.getContractSignedTime()).isNull();
    assertThatThrownBy(() -> wechatPay.contracts().terminate(PLAN, code, "r"))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("INVALID_REQUEST");
              assertThat(e.mayHaveTakenEffect()).isFalse();
            });
  }

  @Test
  void unknownContractIsAnApiExceptionNamingTheOperation() {
    assertThatThrownBy(() -> wechatPay.contracts().query(PLAN, "NOPE1"))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.code()).isEqualTo("RESOURCE_NOT_EXISTS");
              assertThat(e.getMessage()).contains("queryContract");
            });
    ExecutionException async =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> wechatPay.contracts().queryAsync(PLAN, "NOPE1").get());
    assertThat(async.getCause()).isInstanceOf(WechatPayApiException.class);
  }

  @Test
  void queryIsRetriedAfterASystemError() {
    String code = next("C");
    String outTradeNo = next("order_");
    wechatPay.orders().prepayAppWithContract(app(outTradeNo, code));
    simulator.pay(outTradeNo);
    simulator.injectFault("queryContract", Fault.SYSTEM_ERROR, 1);

    assertThat(wechatPay.contracts().query(PLAN, code).body().getContractState())
        .isEqualTo(ContractState.SIGNED);
    simulator.injectFault("queryContract", Fault.SYSTEM_ERROR, 1);
    assertThatThrownBy(
            () -> wechatPay.contracts().withRetryPolicy(RetryPolicy.none()).query(PLAN, code))
        .isInstanceOfSatisfying(
            WechatPayApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(500));
  }

  @Test
  void reusedContractCodeIsRefusedByWechatPay() {
    String code = next("C");
    wechatPay.orders().prepayAppWithContract(app(next("order_"), code));

    assertThatThrownBy(() -> wechatPay.orders().prepayAppWithContract(app(next("order_"), code)))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("INVALID_REQUEST");
            });
  }

  @Test
  void forgedContractNoticeIsRejected() {
    String outTradeNo = next("order_");
    String code = next("C");
    wechatPay.orders().prepayAppWithContract(app(outTradeNo, code));
    simulator.pay(outTradeNo);
    NotificationAttempt signing = delivered(outTradeNo, "ENTRUST.SIGN");
    String forged = signing.requestBody().replace("\"ENTRUST.SIGN\"", "\"ENTRUST.TERMINATE\"");

    assertThatThrownBy(
            () ->
                wechatPay.parseContractNotification(
                    NotificationRequest.create(
                        signing.requestHeaders()::get, forged.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(WechatPayNotificationException.class);
  }
}
