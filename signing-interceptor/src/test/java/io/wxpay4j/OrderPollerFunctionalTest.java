package io.wxpay4j;

import static io.wxpay4j.ReliabilityFixtures.client;
import static io.wxpay4j.ReliabilityFixtures.nativeOrder;
import static io.wxpay4j.ReliabilityFixtures.newOutTradeNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.Transaction;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The polling fallback against the simulator, on an executor that records each delay and runs at
 * once.
 */
final class OrderPollerFunctionalTest {
  private static WechatPaySimulator simulator;
  private static WechatPayClient wechatPay;

  private RecordingExecutor executor;
  private OrderPoller<Transaction> poller;

  /** A real executor that records the delay asked for and runs the task without waiting. */
  static final class RecordingExecutor extends ScheduledThreadPoolExecutor {
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    volatile Runnable beforeEachTask = () -> {};

    RecordingExecutor() {
      super(1);
    }

    /**
     * Waits until every task queued so far has run (one thread: a no-op queued now runs after
     * them).
     */
    void drain() throws Exception {
      super.schedule(() -> {}, 0, TimeUnit.NANOSECONDS).get(10, TimeUnit.SECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      delays.add(Duration.ofNanos(unit.toNanos(delay)));
      return super.schedule(
          () -> {
            beforeEachTask.run();
            command.run();
          },
          0,
          unit);
    }
  }

  @BeforeAll
  static void start() {
    simulator = WechatPaySimulator.start();
    wechatPay = client(simulator, new FakeTime(), new OkHttpClient()).build();
  }

  @AfterAll
  static void stop() {
    wechatPay.close();
    simulator.close();
  }

  @BeforeEach
  void setUp() {
    simulator.reset();
    executor = new RecordingExecutor();
    poller = OrderPoller.builder(wechatPay.orders()).executor(executor).build();
  }

  @AfterEach
  void tearDown() {
    poller.close();
    executor.shutdownNow();
  }

  @Test
  void paidOrderCompletesAtTheFirstQueryThatSeesThePayment() throws Exception {
    String outTradeNo = newOutTradeNo("poll_paid");
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));
    int[] queries = {0};
    executor.beforeEachTask =
        () -> {
          if (++queries[0] == 3) {
            simulator.pay(outTradeNo);
          }
        };

    OrderOutcome<Transaction> outcome = poller.watch(outTradeNo).get(10, TimeUnit.SECONDS);

    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.PAID);
    assertThat(outcome.transaction().getTransactionId())
        .isEqualTo(simulator.order(outTradeNo).orElseThrow().transactionId());
    assertThat(executor.delays)
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofSeconds(30));
  }

  @Test
  void unpaidOrderIsQueriedOnTheOfficialScheduleThenClosed() throws Exception {
    String outTradeNo = newOutTradeNo("poll_unpaid");
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));

    OrderOutcome<Transaction> outcome = poller.watch(outTradeNo).get(10, TimeUnit.SECONDS);

    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.CLOSED);
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("CLOSED");
    // 5 s, 30 s, 1 min, 3 min, 5 min, 10 min, 30 min after watch(), as delays between steps.
    assertThat(executor.delays)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(25),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(2),
            Duration.ofMinutes(5),
            Duration.ofMinutes(20));
  }

  @Test
  void withoutClosingTheLastOutcomeIsReturnedAndTheOrderStaysOpen() throws Exception {
    String outTradeNo = newOutTradeNo("poll_open");
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));
    OrderPoller<Transaction> keepOpen =
        OrderPoller.builder(wechatPay.orders())
            .executor(executor)
            .schedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)))
            .closeUnpaid(false)
            .build();

    assertThat(keepOpen.watch(outTradeNo).get(10, TimeUnit.SECONDS).status())
        .isEqualTo(OrderOutcome.Status.CREATED);
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void orderThatNeverAppearedEndsNotFoundAndIsNotClosed() throws Exception {
    String outTradeNo = newOutTradeNo("poll_none");

    OrderOutcome<Transaction> outcome = poller.watch(outTradeNo).get(10, TimeUnit.SECONDS);

    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.NOT_FOUND);
    assertThat(simulator.orders()).isEmpty();
  }

  @Test
  void unreachableWeChatPayEndsUnknownAfterTryingToClose() throws Exception {
    String outTradeNo = newOutTradeNo("poll_down");
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));
    simulator.injectFaultWithProbability("*", Fault.SERVICE_UNAVAILABLE, 1.0);

    OrderOutcome<Transaction> outcome = poller.watch(outTradeNo).get(10, TimeUnit.SECONDS);

    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.UNKNOWN);
    assertThat(outcome.failure()).isInstanceOf(WechatPayApiException.class);
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("NOTPAY");
    simulator.clearFaults();
  }

  @Test
  void cancellingTheWatchStopsPolling() throws Exception {
    String outTradeNo = newOutTradeNo("poll_cancel");
    wechatPay.orders().prepayNative(nativeOrder(outTradeNo));
    CompletableFuture<OrderOutcome<Transaction>>[] watch = new CompletableFuture[1];
    int[] queries = {0};
    java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
    executor.beforeEachTask =
        () -> {
          if (++queries[0] == 2) {
            watch[0].cancel(false); // the notification arrived
            cancelled.countDown();
          }
        };
    watch[0] = poller.watch(outTradeNo);
    assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
    executor.drain();

    assertThat(watch[0]).isCancelled();
    assertThat(executor.delays).hasSize(2);
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void scheduleMustBePositiveAndIncreasing() {
    OrderPoller.Builder builder = OrderPoller.builder(wechatPay.orders());
    assertThatThrownBy(
            () -> builder.schedule(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5))))
        .hasMessage("schedule must be positive and strictly increasing, found PT5S after PT5S");
    assertThatThrownBy(() -> builder.schedule(List.of()))
        .hasMessage("schedule must have at least one time");
    assertThatThrownBy(() -> poller.watch("bad order no"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OrderPoller.create(wechatPay.orders()).schedule())
        .isEqualTo(OrderPoller.OFFICIAL_SCHEDULE);
  }
}
