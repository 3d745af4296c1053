package io.wxpay4j;

import static io.wxpay4j.ReliabilityFixtures.nativeOrder;
import static io.wxpay4j.ReliabilityFixtures.newOutTradeNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.AbnormalRefundBankType;
import io.wxpay4j.model.AbnormalRefundType;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.Refund;
import io.wxpay4j.model.RefundChannel;
import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.model.RefundStatus;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayNotification;
import io.wxpay4j.notify.WechatPayNotificationException;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.SimulatorRefund;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refunds through the facade against the simulator, end to end over loopback: full and partial
 * refunds, the {@code PROCESSING → SUCCESS} lifecycle on the simulator's clock, the {@code
 * REFUND.SUCCESS} notification verified with the client's parser, abnormal refunds the simulator
 * decrypts with its own crypto (public key and platform certificate), reconciliation, partner
 * refunds, and answers lost after the refund was made. Only the clock is faked: the simulator's,
 * which the client signs and verifies with.
 */
final class RefundsFunctionalTest {
  /** Refunds stay PROCESSING for an hour of simulator time, until a test moves its clock. */
  private static final Duration DELAY = Duration.ofHours(1);

  private static final String CARD = "6212261234567890403";

  private static final MockWebServer receiver = new MockWebServer();
  private static final OkHttpClient shared = new OkHttpClient();
  private static WechatPaySimulator simulator;
  private static SimulatorMerchant merchant;

  private final FakeTime time = new FakeTime();
  private WechatPayClient wechatPay;

  /** The simulator's time, so that signatures stay inside the 5-minute window as it moves. */
  static final class SimulatorClock extends Clock {
    private final WechatPaySimulator simulator;

    SimulatorClock(WechatPaySimulator simulator) {
      this.simulator = simulator;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return simulator.now();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(204).build();
          }
        });
    receiver.start(InetAddress.getLoopbackAddress(), 0);
    simulator = WechatPaySimulator.builder().refundDelay(DELAY).start();
    merchant = simulator.merchant();
  }

  @AfterAll
  static void stop() {
    simulator.close();
    receiver.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    simulator.reset();
    while (receiver.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
      // the notifications of earlier tests
    }
    wechatPay = client().build();
  }

  @AfterEach
  void tearDown() {
    wechatPay.close();
  }

  private WechatPayClientBuilder client() {
    return ReliabilityFixtures.client(simulator, time, shared)
        .clock(new SimulatorClock(simulator))
        .refundNotifyUrl("http://127.0.0.1:" + receiver.getPort() + "/refund-notify");
  }

  /** A paid Native order of 100 fen; returns its transaction_id. */
  private String paidOrder(String outTradeNo) {
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));
    return simulator.pay(outTradeNo).transactionId();
  }

  private static Consumer<CreateRefundRequest.Builder> refund(
      String transactionId, String outRefundNo, long amount) {
    return r ->
        r.transactionId(transactionId)
            .outRefundNo(outRefundNo)
            .reason("商品已售完")
            .amount(
                RefundRequestAmount.builder().refund(amount).total(100L).currency("CNY").build());
  }

  private static SimulatorRefund onlyRefund(String outRefundNo) {
    List<SimulatorRefund> refunds = simulator.refunds();
    assertThat(refunds).extracting(SimulatorRefund::outRefundNo).containsExactly(outRefundNo);
    return refunds.get(0);
  }

  /**
   * The next REFUND.* notification for {@code outRefundNo}, verified and decrypted by the client.
   */
  private RefundNotification notification(String outRefundNo, String eventType) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      RecordedRequest request = receiver.takeRequest(100, TimeUnit.MILLISECONDS);
      if (request == null || !request.getTarget().equals("/refund-notify")) {
        continue;
      }
      NotificationRequest received =
          NotificationRequest.create(request.getHeaders()::get, request.getBody().toByteArray());
      WechatPayNotification envelope;
      try {
        envelope = wechatPay.notifications().parse(received).notification();
      } catch (WechatPayNotificationException e) {
        if (e.kind() == WechatPayNotificationException.Kind.STALE_TIMESTAMP) {
          // An earlier test's notice (left in the queue, or delivered late on a loaded machine),
          // signed before this test advanced the simulator's clock: never the one awaited, which
          // is signed after.
          continue;
        }
        throw e;
      }
      RefundNotification refund = wechatPay.notifications().parseRefund(received);
      if (outRefundNo.equals(refund.getOutRefundNo()) && eventType.equals(envelope.eventType())) {
        assertThat(envelope.originalType()).isEqualTo("refund");
        return refund;
      }
    }
    throw new AssertionError("no " + eventType + " notification for " + outRefundNo);
  }

  @Test
  void fullRefundIsProcessingUntilTheDelayPassesThenSucceedsAndIsNotified() throws Exception {
    String outTradeNo = newOutTradeNo("rfull");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;

    Refund created = wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)).body();

    assertThat(created.getStatus()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(created.getOutRefundNo()).isEqualTo(outRefundNo);
    assertThat(created.getOutTradeNo()).isEqualTo(outTradeNo);
    assertThat(created.getAmount().getRefund()).isEqualTo(100L);
    assertThat(created.getChannel()).isEqualTo(RefundChannel.ORIGINAL);
    assertThat(wechatPay.refunds().queryByOutRefundNo(outRefundNo).body().getStatus())
        .isEqualTo(RefundStatus.PROCESSING);
    assertThat(onlyRefund(outRefundNo).notifyUrl()).endsWith("/refund-notify");
    assertThat(onlyRefund(outRefundNo).reason()).isEqualTo("商品已售完");

    simulator.advanceClock(DELAY);

    Refund succeeded = wechatPay.refunds().queryByOutRefundNo(outRefundNo).body();
    assertThat(succeeded.getStatus()).isEqualTo(RefundStatus.SUCCESS);
    assertThat(succeeded.getRefundId()).isEqualTo(created.getRefundId());
    assertThat(succeeded.getSuccessTime()).isNotNull();
    assertThat(wechatPay.orders().queryByOutTradeNo(outTradeNo).body().getTradeState())
        .isEqualTo(TradeState.REFUND);
    RefundNotification notified = notification(outRefundNo, "REFUND.SUCCESS");
    assertThat(notified.getRefundStatus()).isEqualTo(RefundStatus.SUCCESS);
    assertThat(notified.getRefundId()).isEqualTo(created.getRefundId());
    assertThat(notified.getMchid()).isEqualTo(merchant.merchantId());
    assertThat(notified.getAmount().getRefund()).isEqualTo(100L);
  }

  @Test
  void partialRefundsAMinuteApartRefundTheTotalAndNotAFenMore() {
    String outTradeNo = newOutTradeNo("rpart");
    String transactionId = paidOrder(outTradeNo);

    wechatPay.refunds().create(refund(transactionId, "R1_" + outTradeNo, 30));
    simulator.advanceClock(Duration.ofSeconds(61));
    Refund second =
        wechatPay
            .refunds()
            .create(
                r ->
                    r.outTradeNo(outTradeNo) // by the merchant's order number this time
                        .outRefundNo("R2_" + outTradeNo)
                        .amount(
                            RefundRequestAmount.builder()
                                .refund(70L)
                                .total(100L)
                                .currency("CNY")
                                .build()))
            .body();
    simulator.advanceClock(Duration.ofSeconds(61));

    assertThat(second.getTransactionId()).isEqualTo(transactionId);
    assertThatThrownBy(
            () -> wechatPay.refunds().create(refund(transactionId, "R3_" + outTradeNo, 1)))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("INVALID_REQUEST");
              assertThat(e.mayHaveTakenEffect()).isFalse();
            });
    assertThat(simulator.refunds()).extracting(SimulatorRefund::refund).containsExactly(30L, 70L);
  }

  @Test
  void secondRefundWithinAMinuteIsRefused() {
    String outTradeNo = newOutTradeNo("rmin");
    String transactionId = paidOrder(outTradeNo);
    wechatPay.refunds().create(refund(transactionId, "R1_" + outTradeNo, 10));

    assertThatThrownBy(
            () -> wechatPay.refunds().create(refund(transactionId, "R2_" + outTradeNo, 10)))
        .isInstanceOfSatisfying(
            WechatPayApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_REQUEST"))
        .hasMessageContaining("createRefund failed: HTTP 400 INVALID_REQUEST: 同一笔订单多次退款的请求需相隔1分钟");
  }

  @Test
  void refundOfAnUnpaidOrderIsNotFound() {
    String outTradeNo = newOutTradeNo("runpaid");
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));

    assertThatThrownBy(
            () ->
                wechatPay
                    .refunds()
                    .create(
                        r ->
                            r.outTradeNo(outTradeNo)
                                .outRefundNo("R_" + outTradeNo)
                                .amount(
                                    RefundRequestAmount.builder()
                                        .refund(1L)
                                        .total(100L)
                                        .currency("CNY")
                                        .build())))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.hasCode("RESOURCE_NOT_EXISTS")).isTrue();
            });
    assertThat(simulator.refunds()).isEmpty();
  }

  @Test
  void theSameOutRefundNoCreatedAgainIsTheSameRefund() {
    String outTradeNo = newOutTradeNo("ragain");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;

    Refund first = wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)).body();
    Refund again = wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)).body();

    assertThat(again.getRefundId()).isEqualTo(first.getRefundId());
    onlyRefund(outRefundNo);
  }

  @Test
  void answerCutOffAfterTheRefundWasMadeIsReconciledAndCreatingAgainRefundsOnce() {
    String outTradeNo = newOutTradeNo("rlost");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;
    simulator.injectFault("createRefund", Fault.TRUNCATED_BODY, 1);
    Refunds noRetries = wechatPay.refunds().withRetryPolicy(RetryPolicy.none());

    assertThatThrownBy(() -> noRetries.create(refund(transactionId, outRefundNo, 100)))
        .isInstanceOfSatisfying(
            WechatPayConnectionException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue());

    RefundOutcome outcome = wechatPay.refunds().reconcile(outRefundNo);
    assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.PROCESSING);
    assertThat(outcome.failure()).isNull();
    String refundId = onlyRefund(outRefundNo).refundId();
    assertThat(outcome.refund().getRefundId()).isEqualTo(refundId);

    // Creating it again with the same out_refund_no and amounts is safe: the same refund answers.
    Refund again = wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)).body();
    assertThat(again.getRefundId()).isEqualTo(refundId);
    assertThat(onlyRefund(outRefundNo).refund()).isEqualTo(100L);
  }

  @Test
  void connectionResetAfterTheRefundWasMadeIsRetriedIntoTheSameRefund() {
    String outTradeNo = newOutTradeNo("rreset");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;
    simulator.injectFault("createRefund", Fault.CONNECTION_RESET, 1);

    Refund created = wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)).body();

    assertThat(created.getRefundId()).isEqualTo(onlyRefund(outRefundNo).refundId());
    assertThat(time.waits).hasSize(1);
  }

  @Test
  void unverifiableAnswerIsReconciledWithoutASecondRefund() {
    String outTradeNo = newOutTradeNo("rprobe");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;
    simulator.injectFault("createRefund", Fault.PROBE_SIGNATURE, 1);

    assertThatThrownBy(() -> wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue());

    assertThat(wechatPay.refunds().reconcile(outRefundNo).status())
        .isEqualTo(RefundOutcome.Status.PROCESSING);
    onlyRefund(outRefundNo);
  }

  @Test
  void overloadThatOutlastsTheRetriesIsReconciledAsNotFoundAndCreatedOnceAfter() {
    String outTradeNo = newOutTradeNo("r503");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;
    simulator.injectFault("createRefund", Fault.SERVICE_UNAVAILABLE, 3);

    assertThatThrownBy(() -> wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.mayHaveTakenEffect()).isTrue();
            });

    RefundOutcome outcome = wechatPay.refunds().reconcile(outRefundNo);
    assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.NOT_FOUND);
    assertThat(simulator.refunds()).isEmpty();

    wechatPay.refunds().create(refund(transactionId, outRefundNo, 100));
    onlyRefund(outRefundNo);
  }

  @Test
  void reconcileWhoseQueryFailsTooIsUnknownAndCarriesTheFailure() {
    String outTradeNo = newOutTradeNo("runk");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;
    wechatPay.refunds().create(refund(transactionId, outRefundNo, 100));
    simulator.injectFault("queryRefundByOutRefundNo", Fault.UNKNOWN_SERIAL, 1);

    RefundOutcome outcome = wechatPay.refunds().reconcile(outRefundNo);

    assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.UNKNOWN);
    assertThat(outcome.refund()).isNull();
    assertThat(outcome.failure()).isInstanceOf(WechatPaySignatureException.class);
    assertThat(wechatPay.refunds().reconcile(outRefundNo).status())
        .isEqualTo(RefundOutcome.Status.PROCESSING);
  }

  @Test
  void reconcileFollowsTheRefundThroughItsStates() {
    String outTradeNo = newOutTradeNo("rstates");
    String transactionId = paidOrder(outTradeNo);
    wechatPay.refunds().create(refund(transactionId, "RA_" + outTradeNo, 40));
    simulator.advanceClock(Duration.ofSeconds(61));
    wechatPay.refunds().create(refund(transactionId, "RB_" + outTradeNo, 60));

    simulator.markRefundAbnormal("RA_" + outTradeNo);
    simulator.closeRefund("RB_" + outTradeNo);

    RefundOutcome abnormal = wechatPay.refunds().reconcile("RA_" + outTradeNo);
    RefundOutcome closed = wechatPay.refunds().reconcile("RB_" + outTradeNo);
    assertThat(abnormal.status()).isEqualTo(RefundOutcome.Status.ABNORMAL);
    assertThat(abnormal.isFinal()).isFalse();
    assertThat(closed.status()).isEqualTo(RefundOutcome.Status.CLOSED);
    assertThat(closed.isFinal()).isTrue();
  }

  @Test
  void abnormalRefundToThePayersCardIsDecryptedByTheSimulatorAndThenSucceeds() throws Exception {
    String outTradeNo = newOutTradeNo("rabn");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;
    Refund created = wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)).body();
    simulator.markRefundAbnormal(outRefundNo);
    assertThat(notification(outRefundNo, "REFUND.ABNORMAL").getRefundStatus())
        .isEqualTo(RefundStatus.ABNORMAL);

    Refund sentOn =
        wechatPay
            .refunds()
            .applyAbnormalRefund(
                created.getRefundId(),
                a ->
                    a.outRefundNo(outRefundNo)
                        .type(AbnormalRefundType.USER_BANK_CARD)
                        .bankType(AbnormalRefundBankType.CMB_DEBIT)
                        .bankAccount(CARD)
                        .realName("张三"))
            .body();

    assertThat(sentOn.getStatus()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(sentOn.getChannel()).isEqualTo(RefundChannel.OTHER_BANKCARD);
    assertThat(sentOn.getUserReceivedAccount()).isEqualTo("招商银行借记卡0403");
    SimulatorRefund recorded = onlyRefund(outRefundNo);
    assertThat(recorded.bankAccount()).isEqualTo(CARD);
    assertThat(recorded.realName()).isEqualTo("张三");
    assertThat(recorded.abnormalRefundType()).isEqualTo("USER_BANK_CARD");

    simulator.advanceClock(DELAY);
    assertThat(wechatPay.refunds().reconcile(outRefundNo).status())
        .isEqualTo(RefundOutcome.Status.SUCCESS);
  }

  @Test
  void abnormalRefundInCertificateModeIsEncryptedForThePlatformCertificate() {
    String outTradeNo = newOutTradeNo("rcert");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;
    String refundId =
        wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)).body().getRefundId();
    simulator.markRefundAbnormal(outRefundNo);
    SimulatorMerchant m = merchant;
    try (WechatPayClient certificates =
        time.install(
                WechatPayClient.builder()
                    .merchantId(m.merchantId())
                    .merchantKey(m.merchantSerialNumber(), m.merchantPrivateKey())
                    .platformCertificates()
                    .apiV3Key(m.apiV3Key())
                    .clock(new SimulatorClock(simulator))
                    .baseUrl(simulator.baseUrl()),
                0.5)
            .build()) {
      assertThat(certificates.verifier().serial()).isEqualTo(m.platformSerialNumber());

      certificates
          .refunds()
          .applyAbnormalRefund(
              refundId,
              a ->
                  a.outRefundNo(outRefundNo)
                      .type(AbnormalRefundType.USER_BANK_CARD)
                      .bankType(AbnormalRefundBankType.ICBC_DEBIT)
                      .bankAccount(CARD)
                      .realName("李四"));
    }

    assertThat(onlyRefund(outRefundNo).bankAccount()).isEqualTo(CARD);
    assertThat(onlyRefund(outRefundNo).realName()).isEqualTo("李四");
  }

  @Test
  void abnormalRefundToTheMerchantsAccountNeedsNoCard() {
    String outTradeNo = newOutTradeNo("rmch");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;
    String refundId =
        wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)).body().getRefundId();
    simulator.markRefundAbnormal(outRefundNo);

    Refund sentOn =
        wechatPay
            .refunds()
            .applyAbnormalRefund(
                refundId,
                a -> a.outRefundNo(outRefundNo).type(AbnormalRefundType.MERCHANT_BANK_CARD))
            .body();

    assertThat(sentOn.getStatus()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(onlyRefund(outRefundNo).bankAccount()).isNull();
  }

  @Test
  void abnormalRefundOfARefundThatIsNotAbnormalIsRefused() {
    String outTradeNo = newOutTradeNo("rnot");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;
    String refundId =
        wechatPay.refunds().create(refund(transactionId, outRefundNo, 100)).body().getRefundId();

    assertThatThrownBy(
            () ->
                wechatPay
                    .refunds()
                    .applyAbnormalRefund(
                        refundId,
                        a ->
                            a.outRefundNo(outRefundNo).type(AbnormalRefundType.MERCHANT_BANK_CARD)))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("INVALID_REQUEST");
            })
        .hasMessageStartingWith("applyAbnormalRefund failed: HTTP 400 INVALID_REQUEST");
  }

  @Test
  void asyncCreateAndQueryWork() throws Exception {
    String outTradeNo = newOutTradeNo("rasync");
    String transactionId = paidOrder(outTradeNo);
    String outRefundNo = "R_" + outTradeNo;

    Refund created =
        wechatPay
            .refunds()
            .createAsync(refund(transactionId, outRefundNo, 100))
            .get(10, TimeUnit.SECONDS)
            .body();
    Refund queried =
        wechatPay.refunds().queryByOutRefundNoAsync(outRefundNo).get(10, TimeUnit.SECONDS).body();

    assertThat(queried.getRefundId()).isEqualTo(created.getRefundId());
  }

  @Test
  void partnerRefundOfASubMerchantsOrderIsSeparateFromDirectRefunds() throws Exception {
    String subMchid = merchant.subMerchantId();
    String outTradeNo = newOutTradeNo("rsub");
    wechatPay
        .partner()
        .prepayNative(
            o ->
                o.subMchid(subMchid)
                    .description("Image形象店-深圳腾大-QQ公仔")
                    .outTradeNo(outTradeNo)
                    .amount(Amount.builder().total(100).build()));
    String transactionId = simulator.pay(outTradeNo).transactionId();
    String outRefundNo = "R_" + outTradeNo;

    Refund created =
        wechatPay.partnerRefunds().create(subMchid, refund(transactionId, outRefundNo, 100)).body();

    assertThat(created.getStatus()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(onlyRefund(outRefundNo).subMchid()).isEqualTo(subMchid);
    assertThat(
            wechatPay
                .partnerRefunds()
                .queryByOutRefundNo(subMchid, outRefundNo)
                .body()
                .getRefundId())
        .isEqualTo(created.getRefundId());
    // WeChat Pay tells them apart by sub_mchid: without it, the partner refund is not found.
    assertThat(wechatPay.refunds().reconcile(outRefundNo).status())
        .isEqualTo(RefundOutcome.Status.NOT_FOUND);
    assertThat(wechatPay.partnerRefunds().reconcile(subMchid, outRefundNo).status())
        .isEqualTo(RefundOutcome.Status.PROCESSING);

    simulator.advanceClock(DELAY);
    RefundNotification notified = notification(outRefundNo, "REFUND.SUCCESS");
    assertThat(notified.getSpMchid()).isEqualTo(merchant.merchantId());
    assertThat(notified.getSubMchid()).isEqualTo(subMchid);
  }

  @Test
  void partnerAbnormalRefundIsDecryptedByTheSimulator() {
    String subMchid = merchant.subMerchantId();
    String outTradeNo = newOutTradeNo("rsubabn");
    wechatPay
        .partner()
        .prepayNative(
            o ->
                o.subMchid(subMchid)
                    .description("T")
                    .outTradeNo(outTradeNo)
                    .amount(Amount.builder().total(100).build()));
    String transactionId = simulator.pay(outTradeNo).transactionId();
    String outRefundNo = "R_" + outTradeNo;
    String refundId =
        wechatPay
            .partnerRefunds()
            .create(subMchid, refund(transactionId, outRefundNo, 100))
            .body()
            .getRefundId();
    simulator.markRefundAbnormal(outRefundNo);

    wechatPay
        .partnerRefunds()
        .applyAbnormalRefund(
            subMchid,
            refundId,
            a ->
                a.outRefundNo(outRefundNo)
                    .type(AbnormalRefundType.USER_BANK_CARD)
                    .bankType(AbnormalRefundBankType.BOC_DEBIT)
                    .bankAccount(CARD)
                    .realName("王五"));

    assertThat(onlyRefund(outRefundNo).realName()).isEqualTo("王五");
    assertThat(onlyRefund(outRefundNo).status()).isEqualTo("PROCESSING");
  }
}
