package io.wxpay4j;

import static io.wxpay4j.ReliabilityFixtures.nativeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.SimulatorOrder;
import io.wxpay4j.simulator.SimulatorRefund;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * 2,000 orders over 16 threads while about 10% of all requests fail at random (overload answers,
 * dropped connections, cut-off bodies, bad signatures, answers past the read timeout). Each order
 * is placed, then paid and refunded in full, closed or left open; whenever a call ends without a
 * trustworthy answer the client reconciles (a quarter of the orders are placed and refunded without
 * retries, so that more failures reach it). At the end every order's state as the client knows it
 * matches the simulator's, no order the client believes placed is missing, none exists that the
 * client does not know of, and no out_trade_no was ever refused as reused; every paid order has
 * exactly one refund (its out_refund_no), none was lost and none made twice.
 */
final class LoadFunctionalTest {
  private static final int ORDERS = 2_000;
  private static final int THREADS = 16;

  /** The client's view of one order. */
  private enum Known {
    NEVER_PLACED,
    NOTPAY,
    SUCCESS,
    /** Paid, then refunded in full: the order's trade_state is REFUND. */
    REFUND,
    CLOSED
  }

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  private void count(String what) {
    counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
  }

  private int counted(String what) {
    AtomicInteger count = counts.get(what);
    return count == null ? 0 : count.get();
  }

  @Test
  void twoThousandOrdersUnderTenPercentRandomFaultsEndInTheSimulatorsState() throws Exception {
    long started = System.nanoTime();
    ReliabilityFixtures.WireCounter wire = new ReliabilityFixtures.WireCounter();
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequestsPerHost(THREADS);
    OkHttpClient shared =
        wire.client()
            .newBuilder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool())
            .build();
    try (WechatPaySimulator simulator = WechatPaySimulator.start();
        WechatPayClient wechatPay = client(simulator, shared)) {
      // Ten fault kinds; together they hit about 10% of requests (1 - 0.99^10 ≈ 9.6%, plus
      // latency).
      for (Fault fault :
          List.of(
              Fault.SYSTEM_ERROR,
              Fault.FREQUENCY_LIMITED,
              Fault.SERVICE_UNAVAILABLE,
              Fault.CONNECTION_RESET,
              Fault.TRUNCATED_BODY,
              Fault.PROBE_SIGNATURE,
              Fault.STALE_TIMESTAMP,
              Fault.UNKNOWN_SERIAL,
              Fault.MISSING_SIGNATURE)) {
        simulator.injectFaultWithProbability("*", fault, 0.01);
      }
      simulator.injectFaultWithProbability(
          "*", Fault.LATENCY, 0.005); // 2 s, past the 300 ms read timeout

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Map.Entry<String, Known>>> results = new ArrayList<>();
      String run = Long.toString(System.nanoTime(), 36);
      for (int i = 0; i < ORDERS; i++) {
        String outTradeNo = "load_" + run + "_" + i;
        int action = i % 3;
        results.add(
            pool.submit(
                () -> Map.entry(outTradeNo, lifecycle(wechatPay, simulator, outTradeNo, action))));
      }
      Map<String, Known> known = new ConcurrentHashMap<>();
      for (Future<Map.Entry<String, Known>> result : results) {
        Map.Entry<String, Known> entry = result.get(120, TimeUnit.SECONDS);
        known.put(entry.getKey(), entry.getValue());
      }
      pool.shutdown();
      int wireRequests = wire.total();
      simulator.clearFaults();

      Map<String, SimulatorOrder> recorded =
          simulator.orders().stream()
              .collect(Collectors.toMap(SimulatorOrder::outTradeNo, Function.identity()));
      int matched = 0;
      for (Map.Entry<String, Known> entry : known.entrySet()) {
        SimulatorOrder order = recorded.get(entry.getKey());
        if (entry.getValue() == Known.NEVER_PLACED) {
          assertThat(order).as(entry.getKey()).isNull();
        } else {
          assertThat(order).as(entry.getKey()).isNotNull();
          assertThat(order.tradeState()).as(entry.getKey()).isEqualTo(entry.getValue().name());
        }
        matched++;
      }
      assertThat(known).hasSize(ORDERS);
      assertThat(recorded.keySet()).isSubsetOf(known.keySet());
      assertThat(simulator.orders()).hasSize(recorded.size()); // one order per out_trade_no
      assertThat(counted("OUT_TRADE_NO_USED")).isZero();
      assertThat(counted("unexpected")).isZero();
      assertThat(counted("brokenPromise"))
          .as("failures reported as certainly not carried out that were carried out")
          .isZero();
      int refunds = checkRefunds(simulator, known);
      long placed = known.values().stream().filter(k -> k != Known.NEVER_PLACED).count();
      assertThat(placed).isEqualTo(recorded.size());
      assertThat(placed).isGreaterThan(ORDERS * 99L / 100);

      Map<Known, Long> byState =
          known.values().stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
      System.out.printf(
          "Load test: %d orders over %d threads in %.1f s, %d requests on the wire; checked %d"
              + " orders against the simulator (%d recorded, 0 missing, 0 duplicated, 0 unknown):"
              + " NOTPAY %d, SUCCESS %d, REFUND %d, CLOSED %d, never placed %d; %d refunds, one per"
              + " paid order (0 lost, 0 twice), refund reconciliations %d; calls that failed with"
              + " mayHaveTakenEffect %d, reconciliations %d (answers still unknown and asked again"
              + " %d), verification failures seen %d, connection failures seen %d, API errors seen"
              + " %d (of all failures, %d said certainly not carried out: each checked against the"
              + " simulator)%n",
          ORDERS,
          THREADS,
          (System.nanoTime() - started) / 1e9,
          wireRequests,
          matched,
          recorded.size(),
          byState.getOrDefault(Known.NOTPAY, 0L),
          byState.getOrDefault(Known.SUCCESS, 0L),
          byState.getOrDefault(Known.REFUND, 0L),
          byState.getOrDefault(Known.CLOSED, 0L),
          byState.getOrDefault(Known.NEVER_PLACED, 0L),
          refunds,
          counted("reconcileRefund"),
          counted("mayHaveTakenEffect"),
          counted("reconcile"),
          counted("reconcileUnknown"),
          counted(WechatPaySignatureException.class.getSimpleName()),
          counted(WechatPayConnectionException.class.getSimpleName()),
          counted(WechatPayApiException.class.getSimpleName()),
          counted("notCarriedOut"));
      assertThat(counted("reconcile")).isPositive();
      assertThat(counted("reconcileRefund")).isPositive();
    }
  }

  /**
   * Every order the client believes refunded has exactly one refund in the simulator, under the
   * out_refund_no it chose, for the whole total; no other order has any; returns how many.
   */
  private int checkRefunds(WechatPaySimulator simulator, Map<String, Known> known) {
    List<SimulatorRefund> refunds = simulator.refunds();
    Map<String, List<SimulatorRefund>> byOrder =
        refunds.stream().collect(Collectors.groupingBy(SimulatorRefund::outTradeNo));
    for (Map.Entry<String, Known> entry : known.entrySet()) {
      List<SimulatorRefund> ofOrder = byOrder.getOrDefault(entry.getKey(), List.of());
      if (entry.getValue() == Known.REFUND) {
        assertThat(ofOrder).as("refunds of " + entry.getKey()).hasSize(1);
        assertThat(ofOrder.get(0).outRefundNo()).isEqualTo(outRefundNo(entry.getKey()));
        assertThat(ofOrder.get(0).refund()).isEqualTo(100L);
      } else {
        assertThat(ofOrder).as("refunds of " + entry.getKey()).isEmpty();
      }
    }
    assertThat(refunds.stream().map(SimulatorRefund::outRefundNo).distinct().count())
        .isEqualTo(refunds.size());
    assertThat(counted("refundRefused")).as("refunds refused by WeChat Pay").isZero();
    assertThat(refunds.size()).isPositive();
    return refunds.size();
  }

  private static WechatPayClient client(WechatPaySimulator simulator, OkHttpClient shared) {
    SimulatorMerchant merchant = simulator.merchant();
    return WechatPayClient.builder()
        .merchantId(merchant.merchantId())
        .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
        .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
        .appId(merchant.appId())
        .notifyUrl("http://127.0.0.1:9/wechatpay/notify")
        .okHttpClient(shared)
        .readTimeout(Duration.ofMillis(300))
        .baseUrl(simulator.baseUrl())
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(4)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5))
                .build())
        .build();
  }

  /**
   * Places the order, then pays (action 1), closes (action 2) or leaves it (action 0); returns what
   * it knows.
   */
  private Known lifecycle(
      WechatPayClient wechatPay, WechatPaySimulator simulator, String outTradeNo, int action) {
    Known state = prepay(wechatPay, simulator, outTradeNo);
    if (state != Known.NOTPAY) {
      return state;
    }
    if (action == 1) {
      simulator.pay(outTradeNo); // the payer; the client learns it by querying, under faults
      Known paid = settle(wechatPay, outTradeNo);
      return paid == Known.SUCCESS ? refund(wechatPay, simulator, outTradeNo) : paid;
    }
    if (action == 2) {
      try {
        wechatPay.orders().close(outTradeNo);
        return Known.CLOSED;
      } catch (WechatPayException e) {
        note(e);
        return settle(wechatPay, outTradeNo);
      }
    }
    return settle(wechatPay, outTradeNo);
  }

  private Known prepay(WechatPayClient wechatPay, WechatPaySimulator simulator, String outTradeNo) {
    // One order in four is placed without retries, so that failures reach this code and their
    // "certainly not carried out" (mayHaveTakenEffect() false) can be checked against the
    // simulator.
    Orders orders =
        outTradeNo.hashCode() % 4 == 0
            ? wechatPay.orders().withRetryPolicy(RetryPolicy.none())
            : wechatPay.orders();
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        orders.prepayNative(nativeOrder(outTradeNo));
        return Known.NOTPAY;
      } catch (WechatPayException e) {
        note(e);
        if (!e.mayHaveTakenEffect()) {
          // The promise checked where it is made: WeChat Pay holds no such order.
          count("notCarriedOut");
          if (simulator.order(outTradeNo).isPresent()) {
            count("brokenPromise");
          }
          continue; // certainly not created: send the same order again
        }
        Known reconciled = reconcile(wechatPay, outTradeNo);
        if (reconciled != Known.NEVER_PLACED) {
          return reconciled;
        }
      }
    }
    count("unexpected");
    return reconcile(wechatPay, outTradeNo);
  }

  static String outRefundNo(String outTradeNo) {
    return "R_" + outTradeNo;
  }

  /**
   * Refunds the paid order in full under one out_refund_no, whatever the faults: after a failure
   * that may have taken effect it reconciles, and creates again (the same out_refund_no) only what
   * WeChat Pay does not have. Returns REFUND once the refund exists, SUCCESS if it never could be.
   */
  private Known refund(WechatPayClient wechatPay, WechatPaySimulator simulator, String outTradeNo) {
    String outRefundNo = outRefundNo(outTradeNo);
    Refunds refunds =
        outTradeNo.hashCode() % 4 == 0
            ? wechatPay.refunds().withRetryPolicy(RetryPolicy.none())
            : wechatPay.refunds();
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        refunds.create(
            r ->
                r.outTradeNo(outTradeNo)
                    .outRefundNo(outRefundNo)
                    .amount(
                        RefundRequestAmount.builder()
                            .refund(100L)
                            .total(100L)
                            .currency("CNY")
                            .build()));
        return Known.REFUND;
      } catch (WechatPayException e) {
        note(e);
        if (e instanceof WechatPayApiException && !((WechatPayApiException) e).isRetryable()) {
          count("refundRefused"); // e.g. INVALID_REQUEST: the same out_refund_no, other amounts
        }
        if (!e.mayHaveTakenEffect()) {
          count("notCarriedOut");
          if (simulator.refund(outRefundNo).isPresent()) {
            count("brokenPromise");
          }
          continue; // certainly not made: create the same refund again
        }
        if (reconcileRefund(wechatPay, outRefundNo)) {
          return Known.REFUND;
        }
      }
    }
    count("unexpected");
    return reconcileRefund(wechatPay, outRefundNo) ? Known.REFUND : Known.SUCCESS;
  }

  /** Whether the refund exists, asked again until WeChat Pay gives a verified answer. */
  private boolean reconcileRefund(WechatPayClient wechatPay, String outRefundNo) {
    for (int attempt = 0; attempt < 50; attempt++) {
      count("reconcileRefund");
      RefundOutcome outcome = wechatPay.refunds().reconcile(outRefundNo);
      switch (outcome.status()) {
        case NOT_FOUND:
          return false;
        case UNKNOWN:
          count("reconcileUnknown");
          break;
        default:
          return true; // PROCESSING, SUCCESS, …: it exists
      }
    }
    count("unexpected");
    return false;
  }

  /** The state after the last action, asked again until WeChat Pay gives a verified answer. */
  private Known settle(WechatPayClient wechatPay, String outTradeNo) {
    return reconcile(wechatPay, outTradeNo);
  }

  private Known reconcile(WechatPayClient wechatPay, String outTradeNo) {
    for (int attempt = 0; attempt < 50; attempt++) {
      count("reconcile");
      OrderOutcome<Transaction> outcome = wechatPay.orders().reconcile(outTradeNo);
      switch (outcome.status()) {
        case CREATED:
          return Known.NOTPAY;
        case PAID:
          return Known.SUCCESS;
        case CLOSED:
          return Known.CLOSED;
        case NOT_FOUND:
          return Known.NEVER_PLACED;
        default:
          count("reconcileUnknown");
      }
    }
    count("unexpected");
    return Known.NEVER_PLACED;
  }

  private void note(WechatPayException e) {
    count(e.getClass().getSimpleName());
    if (e.mayHaveTakenEffect()) {
      count("mayHaveTakenEffect");
    }
    if (e instanceof WechatPayApiException
        && ((WechatPayApiException) e).hasCode("OUT_TRADE_NO_USED")) {
      count("OUT_TRADE_NO_USED");
    }
  }
}
