package io.wxpay4j.spring;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What one merchant's calls and notifications did: the last verification failure (for health) and
 * the meters, if any. Thread-safe.
 */
final class Observations {
  /** A signature that did not verify: when, on what ({@code answer} or {@code notification}). */
  record Failure(Instant at, String source, String reason) {}

  private final String merchant;
  private final @Nullable WechatPayMeters meters;
  private final Clock clock;
  private final AtomicReference<@Nullable Failure> lastVerificationFailure =
      new AtomicReference<>();

  Observations(String merchant, @Nullable WechatPayMeters meters, Clock clock) {
    this.merchant = merchant;
    this.meters = meters;
    this.clock = clock;
  }

  void call(String operation, String outcome, long nanos, int retries) {
    if (meters != null) {
      meters.call(merchant, operation, outcome, nanos, retries);
    }
  }

  void verificationFailed(String source, String reason) {
    lastVerificationFailure.set(new Failure(clock.instant(), source, reason));
    if (meters != null) {
      meters.verificationFailure(merchant, source);
    }
  }

  void notification(int status) {
    if (meters != null) {
      meters.notification(merchant, status);
    }
  }

  @Nullable Failure lastVerificationFailure() {
    return lastVerificationFailure.get();
  }
}
