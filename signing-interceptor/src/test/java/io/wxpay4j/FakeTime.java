package io.wxpay4j;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A monotonic clock that only moves when told to, and a retry sleeper that records each wait and
 * moves the clock by it instead of sleeping: retry tests take no wall time and assert exact waits.
 */
final class FakeTime implements RetryInterceptor.Sleeper, LongSupplier {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    nanos.addAndGet(duration.toNanos());
  }

  @Override
  public long getAsLong() {
    return nanos.get();
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  /** Installs this time and a jitter source fixed at {@code unit} on a client builder. */
  WechatPayClientBuilder install(WechatPayClientBuilder builder, double unit) {
    return builder.retryTiming(this, this, () -> unit);
  }
}
