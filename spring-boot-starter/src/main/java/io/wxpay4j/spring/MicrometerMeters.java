package io.wxpay4j.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The meters, all tagged with the merchant's name ({@code merchant}):
 *
 * <ul>
 *   <li>{@code wxpay4j.client.calls} (timer): each call across its attempts, tagged {@code
 *       operation} (the spec's operationId, e.g. {@code prepayNative}) and {@code outcome} ({@code
 *       success}, {@code client_error}, {@code server_error}, {@code verification_failed}, {@code
 *       io_error});
 *   <li>{@code wxpay4j.client.retries} (counter): attempts after the first, tagged {@code
 *       operation};
 *   <li>{@code wxpay4j.verification.failures} (counter): signatures that did not verify, tagged
 *       {@code source} ({@code answer} or {@code notification});
 *   <li>{@code wxpay4j.notifications} (counter): notifications received, tagged {@code status} (the
 *       HTTP answer: 204, 401, 500, …).
 * </ul>
 */
final class MicrometerMeters implements WechatPayMeters {
  private final MeterRegistry registry;

  MicrometerMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void call(String merchant, String operation, String outcome, long nanos, int retries) {
    Timer.builder("wxpay4j.client.calls")
        .description("WeChat Pay API calls, each across its attempts")
        .tag("merchant", merchant)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (retries > 0) {
      Counter.builder("wxpay4j.client.retries")
          .description("WeChat Pay API attempts after the first")
          .tag("merchant", merchant)
          .tag("operation", operation)
          .register(registry)
          .increment(retries);
    }
  }

  @Override
  public void verificationFailure(String merchant, String source) {
    Counter.builder("wxpay4j.verification.failures")
        .description("WeChat Pay signatures that did not verify")
        .tag("merchant", merchant)
        .tag("source", source)
        .register(registry)
        .increment();
  }

  @Override
  public void notification(String merchant, int status) {
    Counter.builder("wxpay4j.notifications")
        .description("WeChat Pay notifications received, by the status answered")
        .tag("merchant", merchant)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }
}
