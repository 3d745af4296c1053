package io.wxpay4j;

import io.wxpay4j.model.PartnerTransaction;
import io.wxpay4j.model.Transaction;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The polling fallback for payment notifications that never arrive (支付结果查询兜底): queries an order at
 * growing intervals until it is paid or closed, and closes it when the last query still finds it
 * unpaid.
 *
 * <pre>{@code
 * OrderPoller<Transaction> poller = OrderPoller.create(wechatPay.orders());   // one per application; close() on shutdown
 * CompletableFuture<OrderOutcome<T>> outcome = poller.watch(outTradeNo);   // right after the prepay
 * outcome.thenAccept(o -> { if (o.status() == OrderOutcome.Status.PAID) markPaid(o.transaction()); });
 * ...
 * outcome.cancel(false);   // when the payment notification arrives: polling stops
 * }</pre>
 *
 * <p>By default it queries {@linkplain #OFFICIAL_SCHEDULE 5 s, 30 s, 1 min, 3 min, 5 min, 10 min
 * and 30 min} after {@link #watch} (WeChat Pay's advice), then closes an order that is still unpaid
 * and queries once more. The future completes with the first {@link OrderOutcome#isFinal() final}
 * outcome ({@code PAID} or {@code CLOSED}); after the last step with whatever that found ({@code
 * CLOSED} after the close, {@code PAID} if the payer paid just before it, {@code NOT_FOUND} if no
 * such order ever appeared, or {@code UNKNOWN} if WeChat Pay could not be reached). It never fails
 * with a {@link WechatPayException}.
 *
 * <p>A service provider polls a sub-merchant's orders with {@code
 * OrderPoller.create(wechatPay.partner(), subMchid)}, an {@code OrderPoller<PartnerTransaction>};
 * pass one {@link Builder#executor executor} to the pollers of many sub-merchants.
 *
 * <p>The schedule lives in memory: after a restart, watch the unfinished orders again (or drive
 * {@link Orders#reconcile} from a persistent job system with the same schedule). Queries run on the
 * given {@link ScheduledExecutorService} (by default one daemon thread of its own) and block it
 * while they run. Thread-safe.
 */
public final class OrderPoller<T> implements Closeable {
  /** 5 s, 30 s, 1 min, 3 min, 5 min, 10 min, 30 min after the order was placed. */
  public static final List<Duration> OFFICIAL_SCHEDULE =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(3),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30));

  private final Function<String, OrderOutcome<T>> reconcile;
  private final Consumer<String> close;
  private final List<Duration> schedule;
  private final boolean closeUnpaid;
  private final ScheduledExecutorService executor;
  private final boolean ownsExecutor;

  private OrderPoller(Builder<T> builder) {
    this.reconcile = builder.reconcile;
    this.close = builder.close;
    this.schedule = builder.schedule;
    this.closeUnpaid = builder.closeUnpaid;
    this.ownsExecutor = builder.executor == null;
    this.executor =
        builder.executor != null
            ? builder.executor
            : Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                  Thread thread = new Thread(runnable, "wxpay4j-order-poller");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /** A poller with the official schedule that closes unpaid orders, on a thread of its own. */
  public static OrderPoller<Transaction> create(Orders orders) {
    return builder(orders).build();
  }

  /**
   * A poller of sub-merchant {@code subMchid}'s orders, with the official schedule, that closes
   * unpaid orders, on a thread of its own.
   *
   * @throws IllegalArgumentException if {@code subMchid} is not a merchant ID
   */
  public static OrderPoller<PartnerTransaction> create(PartnerOrders partner, String subMchid) {
    return builder(partner, subMchid).build();
  }

  /** Returns a builder for a poller of {@code orders} (e.g. {@code wechatPay.orders()}). */
  public static Builder<Transaction> builder(Orders orders) {
    Objects.requireNonNull(orders, "orders == null");
    return new Builder<>(orders::reconcile, orders::close);
  }

  /**
   * Returns a builder for a poller of sub-merchant {@code subMchid}'s orders (e.g. {@code
   * wechatPay.partner()}).
   *
   * @throws IllegalArgumentException if {@code subMchid} is not a merchant ID
   */
  public static Builder<PartnerTransaction> builder(PartnerOrders partner, String subMchid) {
    Objects.requireNonNull(partner, "partner == null");
    PartnerOrders.subMchid(subMchid);
    return new Builder<>(
        outTradeNo -> partner.reconcile(subMchid, outTradeNo),
        outTradeNo -> partner.close(subMchid, outTradeNo));
  }

  /** The times after {@link #watch} at which the order is queried, strictly increasing. */
  public List<Duration> schedule() {
    return schedule;
  }

  /**
   * Starts polling {@code outTradeNo}. Cancel the returned future to stop (e.g. once the
   * notification came).
   *
   * @throws IllegalArgumentException if {@code outTradeNo} is not a valid merchant order number
   * @throws java.util.concurrent.RejectedExecutionException if the poller was closed
   */
  public CompletableFuture<OrderOutcome<T>> watch(String outTradeNo) {
    RequestChecks.outTradeNo(outTradeNo);
    CompletableFuture<OrderOutcome<T>> result = new CompletableFuture<>();
    executor.schedule(
        () -> step(outTradeNo, 0, result), schedule.get(0).toNanos(), TimeUnit.NANOSECONDS);
    return result;
  }

  private void step(String outTradeNo, int index, CompletableFuture<OrderOutcome<T>> result) {
    if (result.isDone()) {
      return; // cancelled: the notification came
    }
    try {
      OrderOutcome<T> outcome = reconcile.apply(outTradeNo);
      if (outcome.isFinal()) {
        result.complete(outcome);
        return;
      }
      if (index + 1 < schedule.size()) {
        long delay = schedule.get(index + 1).minus(schedule.get(index)).toNanos();
        executor.schedule(() -> step(outTradeNo, index + 1, result), delay, TimeUnit.NANOSECONDS);
        return;
      }
      boolean open =
          outcome.status() == OrderOutcome.Status.CREATED
              || outcome.status() == OrderOutcome.Status.UNKNOWN;
      if (closeUnpaid && open && !result.isDone()) {
        try {
          close.accept(outTradeNo);
        } catch (WechatPayException e) {
          // The query below tells what happened (paid just now, or still unreachable).
        }
        outcome = reconcile.apply(outTradeNo);
      }
      result.complete(outcome);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /** Stops the poller's own thread, if it has one; pending watches never complete. */
  @Override
  public void close() {
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "OrderPoller{schedule=" + schedule + ", closeUnpaid=" + closeUnpaid + "}";
  }

  /** Configures an {@link OrderPoller}. */
  public static final class Builder<T> {
    private final Function<String, OrderOutcome<T>> reconcile;
    private final Consumer<String> close;
    private List<Duration> schedule = OFFICIAL_SCHEDULE;
    private boolean closeUnpaid = true;
    private @Nullable ScheduledExecutorService executor;

    private Builder(Function<String, OrderOutcome<T>> reconcile, Consumer<String> close) {
      this.reconcile = reconcile;
      this.close = close;
    }

    /**
     * When to query, as times after {@link #watch}: positive and strictly increasing; {@link
     * #OFFICIAL_SCHEDULE} by default.
     */
    public Builder<T> schedule(List<Duration> schedule) {
      Objects.requireNonNull(schedule, "schedule == null");
      if (schedule.isEmpty()) {
        throw new IllegalArgumentException("schedule must have at least one time");
      }
      Duration previous = Duration.ZERO;
      for (Duration time : schedule) {
        Objects.requireNonNull(time, "schedule contains null");
        if (time.compareTo(previous) <= 0) {
          throw new IllegalArgumentException(
              "schedule must be positive and strictly increasing, found "
                  + time
                  + " after "
                  + previous);
        }
        previous = time;
      }
      this.schedule = List.copyOf(schedule);
      return this;
    }

    /** Whether to close an order still unpaid after the last query; true by default. */
    public Builder<T> closeUnpaid(boolean closeUnpaid) {
      this.closeUnpaid = closeUnpaid;
      return this;
    }

    /** Runs the queries on {@code executor}, which the poller never shuts down. */
    public Builder<T> executor(ScheduledExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /** Returns the poller. */
    public OrderPoller<T> build() {
      return new OrderPoller<>(this);
    }
  }
}
