package io.wxpay4j;

import static io.wxpay4j.ReliabilityFixtures.client;
import static io.wxpay4j.ReliabilityFixtures.nativeOrder;
import static io.wxpay4j.ReliabilityFixtures.newOutTradeNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.WechatPaySignatureException.Reason;
import io.wxpay4j.auth.Pem;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.SimulatorOrder;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per fault the simulator injects: what the caller sees (answer, exception, {@code
 * mayHaveTakenEffect()}, reconciled outcome), how many attempts reached the wire, and what the
 * simulator recorded (exactly one order per {@code out_trade_no}, in the state the client
 * believes).
 */
final class FaultsFunctionalTest {
  private static final String PREPAY = "/v3/pay/transactions/native";
  private static WechatPaySimulator simulator;

  private final FakeTime time = new FakeTime();
  private final ReliabilityFixtures.WireCounter wire = new ReliabilityFixtures.WireCounter();
  private WechatPayClient wechatPay;

  @BeforeAll
  static void startSimulator() {
    simulator = WechatPaySimulator.start();
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void setUp() {
    simulator.reset();
    wechatPay = client(simulator, time, wire.client()).readTimeout(Duration.ofMillis(500)).build();
  }

  private int prepayAttempts() {
    return wire.count(simulator.port(), PREPAY);
  }

  private static String queryPath(String outTradeNo) {
    return "/v3/pay/transactions/out-trade-no/" + outTradeNo;
  }

  private SimulatorOrder onlyOrder(String outTradeNo) {
    List<SimulatorOrder> orders = simulator.orders();
    assertThat(orders).extracting(SimulatorOrder::outTradeNo).containsExactly(outTradeNo);
    return orders.get(0);
  }

  @Test
  void systemErrorIsRetriedAndCreatesTheOrderOnce() {
    simulator.injectFault("prepayNative", Fault.SYSTEM_ERROR, 2);
    String outTradeNo = newOutTradeNo("f500");

    WechatPayResponse<NativePrepayResponse> created =
        wechatPay.orders().prepayNative(nativeOrder(outTradeNo));

    assertThat(created.body().getCodeUrl()).isEqualTo(onlyOrder(outTradeNo).codeUrl());
    assertThat(prepayAttempts()).isEqualTo(3);
    assertThat(time.waits).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
    assertThat(onlyOrder(outTradeNo).tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void frequencyLimitIsRetriedAndCreatesTheOrderOnce() {
    simulator.injectFault("prepayNative", Fault.FREQUENCY_LIMITED, 1);
    String outTradeNo = newOutTradeNo("f429");

    assertThat(wechatPay.orders().prepayNative(nativeOrder(outTradeNo)).httpStatus())
        .isEqualTo(200);

    assertThat(prepayAttempts()).isEqualTo(2);
    assertThat(onlyOrder(outTradeNo).tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void serviceUnavailableIsRetriedAndWhenItLastsReconcileSaysNotFound() {
    simulator.injectFault("prepayNative", Fault.SERVICE_UNAVAILABLE, 3);
    String outTradeNo = newOutTradeNo("f503");

    assertThatThrownBy(() -> wechatPay.orders().prepayNative(nativeOrder(outTradeNo)))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.hasCode("SERVICE_UNAVAILABLE")).isTrue();
              assertThat(e.mayHaveTakenEffect()).isTrue();
              assertThat(e.getMessage()).endsWith("after 3 attempts");
            });
    assertThat(prepayAttempts()).isEqualTo(3);

    OrderOutcome<Transaction> outcome = wechatPay.orders().reconcile(outTradeNo);
    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.NOT_FOUND);
    assertThat(outcome.failure()).isInstanceOf(WechatPayApiException.class);
    assertThat(simulator.orders()).isEmpty();

    // The same prepay again now goes through, once.
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));
    assertThat(onlyOrder(outTradeNo).tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void latencyPastTheReadTimeoutIsRetriedAndReentersTheSameOrder() {
    simulator.injectLatency("prepayNative", Duration.ofSeconds(2), 1);
    String outTradeNo = newOutTradeNo("flat");

    WechatPayResponse<NativePrepayResponse> created =
        wechatPay.orders().prepayNative(nativeOrder(outTradeNo));

    // The first attempt timed out after the simulator had created the order; the retry re-entered
    // it.
    assertThat(created.body().getCodeUrl()).isEqualTo(onlyOrder(outTradeNo).codeUrl());
    assertThat(prepayAttempts()).isEqualTo(2);
    assertThat(time.waits).hasSize(1);
  }

  @Test
  void connectionResetAfterProcessingIsRetriedOrReconciledWithoutADuplicate() {
    simulator.injectFault("prepayNative", Fault.CONNECTION_RESET, 1);
    String retried = newOutTradeNo("freset");

    assertThat(wechatPay.orders().prepayNative(nativeOrder(retried)).body().getCodeUrl())
        .isEqualTo(onlyOrder(retried).codeUrl());
    // Two attempts exactly: the client turned OkHttp's own silent resend off, so each one is
    // counted.
    assertThat(prepayAttempts()).isEqualTo(2);
    assertThat(time.waits).hasSize(1);

    // With retries off the caller sees the failure, marked as possibly carried out, and reconciles.
    simulator.injectFault("prepayNative", Fault.CONNECTION_RESET, 1);
    String once = newOutTradeNo("freset1");

    assertThatThrownBy(
            () ->
                wechatPay
                    .orders()
                    .withRetryPolicy(RetryPolicy.none())
                    .prepayNative(nativeOrder(once)))
        .isInstanceOfSatisfying(
            WechatPayConnectionException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue());
    assertThat(prepayAttempts()).isEqualTo(3);

    OrderOutcome<Transaction> outcome = wechatPay.orders().reconcile(once);
    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.CREATED);
    assertThat(outcome.transaction().getTradeState()).isEqualTo(TradeState.NOTPAY);
    assertThat(simulator.orders())
        .extracting(SimulatorOrder::outTradeNo)
        .containsExactlyInAnyOrder(retried, once);
  }

  @Test
  void truncatedBodyIsRetriedAndReentersTheSameOrder() {
    simulator.injectFault("prepayNative", Fault.TRUNCATED_BODY, 1);
    String outTradeNo = newOutTradeNo("ftrunc");

    WechatPayResponse<NativePrepayResponse> created =
        wechatPay.orders().prepayNative(nativeOrder(outTradeNo));

    assertThat(created.body().getCodeUrl()).isEqualTo(onlyOrder(outTradeNo).codeUrl());
    assertThat(prepayAttempts()).isEqualTo(2);
  }

  @Test
  void probeSignatureIsNeverRetriedAndReconcileFindsTheOrder() {
    simulator.injectFault("prepayNative", Fault.PROBE_SIGNATURE, 1);
    String outTradeNo = newOutTradeNo("fprobe");

    assertThatThrownBy(() -> wechatPay.orders().prepayNative(nativeOrder(outTradeNo)))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.isProbe()).isTrue();
              assertThat(e.mayHaveTakenEffect()).isTrue();
            });
    assertThat(prepayAttempts()).isEqualTo(1);
    assertThat(time.waits).isEmpty();

    OrderOutcome<Transaction> outcome = wechatPay.orders().reconcile(outTradeNo);
    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.CREATED);
    assertThat(onlyOrder(outTradeNo).tradeState()).isEqualTo("NOTPAY");
    // Prepay again with the same parameters: WeChat Pay answers the same live order.
    assertThat(wechatPay.orders().prepayNative(nativeOrder(outTradeNo)).body().getCodeUrl())
        .isEqualTo(onlyOrder(outTradeNo).codeUrl());
  }

  @Test
  void staleTimestampOnCloseIsNeverRetriedAndReconcileFindsTheOrderClosed() {
    String outTradeNo = newOutTradeNo("fstale");
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));
    simulator.injectFault("closeOrder", Fault.STALE_TIMESTAMP, 1);

    assertThatThrownBy(() -> wechatPay.orders().close(outTradeNo))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.STALE_TIMESTAMP);
              assertThat(e.mayHaveTakenEffect()).isTrue();
            });
    assertThat(
            wire.count(
                simulator.port(), "/v3/pay/transactions/out-trade-no/" + outTradeNo + "/close"))
        .isEqualTo(1);

    assertThat(wechatPay.orders().reconcile(outTradeNo).status())
        .isEqualTo(OrderOutcome.Status.CLOSED);
    assertThat(onlyOrder(outTradeNo).tradeState()).isEqualTo("CLOSED");
  }

  @Test
  void unknownSerialIsNeverRetriedAndTheNextQueryTellsThePayment() {
    String outTradeNo = newOutTradeNo("fserial");
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));
    simulator.pay(outTradeNo);
    simulator.injectFault("queryOrderByOutTradeNo", Fault.UNKNOWN_SERIAL, 1);

    OrderOutcome<Transaction> failed = wechatPay.orders().reconcile(outTradeNo);

    assertThat(failed.status()).isEqualTo(OrderOutcome.Status.UNKNOWN);
    assertThat(failed.failure())
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SERIAL));
    assertThat(wire.count(simulator.port(), queryPath(outTradeNo))).isEqualTo(1);

    OrderOutcome<Transaction> paid = wechatPay.orders().reconcile(outTradeNo);
    assertThat(paid.status()).isEqualTo(OrderOutcome.Status.PAID);
    assertThat(paid.transaction().getTransactionId())
        .isEqualTo(onlyOrder(outTradeNo).transactionId());
  }

  @Test
  void missingSignatureIsNeverRetriedAndReconcileFindsTheOrder() {
    simulator.injectFault("prepayNative", Fault.MISSING_SIGNATURE, 1);
    String outTradeNo = newOutTradeNo("fnosig");

    assertThatThrownBy(() -> wechatPay.orders().prepayNative(nativeOrder(outTradeNo)))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER);
              assertThat(e.mayHaveTakenEffect()).isTrue();
            });
    assertThat(prepayAttempts()).isEqualTo(1);
    assertThat(wechatPay.orders().reconcile(outTradeNo).status())
        .isEqualTo(OrderOutcome.Status.CREATED);
    assertThat(onlyOrder(outTradeNo).tradeState()).isEqualTo("NOTPAY");
  }

  /**
   * WeChat Pay's rotation, end to end: a new certificate is listed 24 hours before it signs. The
   * client's scheduled refresh (every 100 ms here instead of hourly) downloads the list, signed by
   * the certificate it already trusts, and so trusts the new one before it is used. Once the
   * simulator activates it, every answer carries the new serial and every call keeps succeeding: no
   * retry, no refused answer, exactly one order per {@code out_trade_no}.
   */
  @Test
  void addedCertificateIsPickedUpByTheScheduledRefreshBeforeItSignsAndNoCallFails()
      throws InterruptedException {
    SimulatorMerchant merchant = simulator.merchant();
    AnswerSerials answers = new AnswerSerials(PREPAY);
    List<String> placed = new ArrayList<>();
    try (WechatPayClient client =
        certificateClient(
                merchant, wire.client().newBuilder().addNetworkInterceptor(answers).build())
            .platformCertificateRefreshInterval(Duration.ofMillis(100))
            .build()) {
      String current = Pem.serialNumber(simulator.signingPlatformCertificate());
      placed.addAll(placeOrders(client, "frealadd", 5));

      String added = Pem.serialNumber(simulator.addPlatformCertificate());
      placed.addAll(placeOrders(client, "frealwait", 5));
      awaitTrusted(client, added, Duration.ofSeconds(10));
      placed.addAll(placeOrders(client, "frealknown", 5));
      int beforeActivation = answers.serials.size();

      assertThat(Pem.serialNumber(simulator.activatePlatformCertificate())).isEqualTo(added);
      placed.addAll(placeOrders(client, "frealactive", 10));

      assertThat(answers.serials.subList(0, beforeActivation)).containsOnly(current);
      assertThat(answers.serials.subList(beforeActivation, answers.serials.size()))
          .hasSize(10)
          .containsOnly(added);
      assertThat(client.verifier().serials()).contains(current, added);
      assertThat(time.waits).isEmpty();
      assertThat(prepayAttempts()).isEqualTo(25);
    }
    assertThat(simulator.orders())
        .extracting(SimulatorOrder::outTradeNo)
        .containsExactlyInAnyOrderElementsOf(placed);
  }

  private static List<String> placeOrders(WechatPayClient client, String prefix, int count) {
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String outTradeNo = newOutTradeNo(prefix);
      client.orders().prepayNative(nativeOrder(outTradeNo));
      placed.add(outTradeNo);
    }
    return placed;
  }

  /** Polls (bounded) until the client's scheduled refresh has downloaded {@code serial}. */
  private static void awaitTrusted(WechatPayClient client, String serial, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!client.verifier().serials().contains(serial)) {
      assertThat(System.nanoTime() - deadline)
          .as("the scheduled refresh did not bring %s within %s", serial, timeout)
          .isNegative();
      Thread.sleep(10);
    }
  }

  /** Records the {@code Wechatpay-Serial} of each answer to one path, in order. */
  private static final class AnswerSerials implements Interceptor {
    private final String path;
    final List<String> serials = new CopyOnWriteArrayList<>();

    AnswerSerials(String path) {
      this.path = path;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Response response = chain.proceed(chain.request());
      if (chain.request().url().encodedPath().equals(path)) {
        serials.add(String.valueOf(response.header("Wechatpay-Serial")));
      }
      return response;
    }
  }

  /**
   * The simulator's shortcut {@code rotatePlatformCertificate()} adds and activates a certificate
   * at once, so it signs every answer, the certificate download included, before any client could
   * list it (real WeChat Pay lists a new certificate 24 hours before using it). A client that
   * trusts only the old certificate cannot verify that download, so it fails closed: every answer
   * is refused as UNKNOWN_SERIAL, nothing unverified is accepted, no call is retried, the
   * unknown-serial downloads stay rate-limited, and no order is lost or duplicated. A client on the
   * WeChat Pay public key keeps working, and a new client (which bootstraps from the
   * APIv3-key-encrypted download) reconciles every order.
   */
  @Test
  void immediateRotationFailsClosedWithoutLosingAnOrder() {
    SimulatorMerchant merchant = simulator.merchant();
    List<String> confirmed = new ArrayList<>();
    List<String> unconfirmed = new ArrayList<>();
    try (WechatPayClient certificates = certificateClient(merchant).build();
        WechatPayClient migrating =
            certificateClient(merchant)
                .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
                .build()) {
      for (int i = 0; i < 20; i++) {
        if (i == 10) {
          simulator.rotatePlatformCertificate();
        }
        String outTradeNo = newOutTradeNo("frotate");
        try {
          certificates.orders().prepayNative(nativeOrder(outTradeNo));
          confirmed.add(outTradeNo);
        } catch (WechatPaySignatureException e) {
          assertThat(i).isGreaterThanOrEqualTo(10);
          assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SERIAL);
          assertThat(e.mayHaveTakenEffect()).isTrue();
          unconfirmed.add(outTradeNo);
        }
        String other = newOutTradeNo("frotatepk");
        migrating.orders().prepayNative(nativeOrder(other));
        assertThat(migrating.orders().reconcile(other).status())
            .isEqualTo(OrderOutcome.Status.CREATED);
        confirmed.add(other);
      }
      assertThat(unconfirmed).hasSize(10);
      assertThat(time.waits).isEmpty();
      // Two builds, then at most one unknown-serial download per minute (the fake clock stands
      // still).
      assertThat(wire.count(simulator.port(), "/v3/certificates")).isBetween(2, 4);
    }
    assertThat(simulator.orders())
        .extracting(SimulatorOrder::outTradeNo)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(confirmed.stream(), unconfirmed.stream()).toList());
    try (WechatPayClient fresh = certificateClient(merchant).build()) {
      for (String outTradeNo : unconfirmed) {
        assertThat(fresh.orders().reconcile(outTradeNo).status())
            .isEqualTo(OrderOutcome.Status.CREATED);
      }
    }
  }

  private WechatPayClientBuilder certificateClient(SimulatorMerchant merchant) {
    return certificateClient(merchant, wire.client());
  }

  private WechatPayClientBuilder certificateClient(SimulatorMerchant merchant, OkHttpClient http) {
    return time.install(
        WechatPayClient.builder()
            .merchantId(merchant.merchantId())
            .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
            .platformCertificates()
            .apiV3Key(merchant.apiV3Key())
            .appId(merchant.appId())
            .notifyUrl("http://127.0.0.1:9/wechatpay/notify")
            .okHttpClient(http)
            .baseUrl(simulator.baseUrl()),
        0.5);
  }
}
