package io.wxpay4j;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link WechatPayClient} repeats a request that got no trustworthy answer: capped
 * exponential backoff with jitter, at most {@link #maxAttempts()} attempts within {@link
 * #maxElapsed()}.
 *
 * <pre>{@code
 * WechatPayClient wechatPay = WechatPayClient.builder()
 *     ...
 *     .retryPolicy(RetryPolicy.builder().maxAttempts(5).build())   // per client; RetryPolicy.none() is off
 *     .build();
 * wechatPay.orders().withRetryPolicy(RetryPolicy.none()).close(outTradeNo);  // per call
 * }</pre>
 *
 * <p>Retried: connection failures (refused, reset, timed out, an answer cut off), {@code 500} with
 * {@code SYSTEM_ERROR} (either spelling, or no code at all) or the legacy {@code BANKERROR}, {@code
 * 502}, {@code 503}, {@code 504} and {@code 429}. Never retried: other 4xx answers, other 500
 * codes, and answers whose signature cannot be verified ({@link WechatPaySignatureException}).
 * Every attempt is signed afresh (new timestamp and nonce) over exactly the same body bytes, so a
 * retried prepay re-enters the same {@code out_trade_no} with the same parameters, which WeChat Pay
 * answers with the same order.
 *
 * <p>The wait before attempt {@code n + 1} is drawn uniformly from {@code [d/2, d]} where {@code d
 * = min(maxBackoff, initialBackoff × 2^(n-1))}. No wait starts that would end past {@code
 * maxElapsed} after the first attempt began; the call then fails with the last answer or exception.
 *
 * <p>Outside the facade, set the policy of one request with a tag: {@code new
 * Request.Builder().tag(RetryPolicy.class, RetryPolicy.none())}. Immutable; {@link #defaults()}: 3
 * attempts, 200 ms initial backoff, 2 s maximum backoff, 10 s in all.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = new Builder().build();
  private static final RetryPolicy NONE = new Builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxElapsed;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.maxElapsed = builder.maxElapsed;
  }

  /** 3 attempts, 200 ms initial backoff doubling up to 2 s, 10 s in all. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt: nothing is retried. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** Returns a builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder starting from this policy. */
  public Builder newBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .maxElapsed(maxElapsed);
  }

  /** The most attempts of one call, the first included; 1 means no retry. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The longest wait before the second attempt. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest wait between two attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** No retry starts a wait that would end later than this after the first attempt began. */
  public Duration maxElapsed() {
    return maxElapsed;
  }

  /**
   * The wait before attempt {@code attempt + 1} (attempt counts from 1), for a uniform random
   * {@code unit} in {@code [0, 1)}: between half and all of {@code min(maxBackoff, initialBackoff ×
   * 2^(attempt-1))}.
   */
  Duration backoff(int attempt, double unit) {
    long initial = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    long ceiling = initial;
    for (int i = 1; i < attempt && ceiling < cap; i++) {
      ceiling = ceiling > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : ceiling * 2;
    }
    ceiling = Math.min(ceiling, cap);
    long half = ceiling / 2;
    return Duration.ofNanos(half + (long) ((ceiling - half) * unit));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy that = (RetryPolicy) other;
    return maxAttempts == that.maxAttempts
        && initialBackoff.equals(that.initialBackoff)
        && maxBackoff.equals(that.maxBackoff)
        && maxElapsed.equals(that.maxElapsed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoff, maxBackoff, maxElapsed);
  }

  @Override
  public String toString() {
    return maxAttempts == 1
        ? "RetryPolicy{none}"
        : "RetryPolicy{maxAttempts="
            + maxAttempts
            + ", initialBackoff="
            + initialBackoff
            + ", maxBackoff="
            + maxBackoff
            + ", maxElapsed="
            + maxElapsed
            + "}";
  }

  /** Configures a {@link RetryPolicy}; setters fail fast on out-of-range values. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(2);
    private Duration maxElapsed = Duration.ofSeconds(10);

    private Builder() {}

    /** The most attempts, the first included: 1 (no retry) to 10. Default 3. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException(
            "maxAttempts must be 1 (no retry) to 10, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The longest wait before the second attempt; default 200 ms. Zero retries at once. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
      return this;
    }

    /** The longest wait between two attempts; default 2 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
      return this;
    }

    /** The time budget of all attempts and waits of one call; default 10 s. */
    public Builder maxElapsed(Duration maxElapsed) {
      this.maxElapsed = nonNegative(maxElapsed, "maxElapsed");
      return this;
    }

    private static Duration nonNegative(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
      return value;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalStateException if {@code initialBackoff} exceeds {@code maxBackoff}
     */
    public RetryPolicy build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalStateException(
            "initialBackoff ("
                + initialBackoff
                + ") must not exceed maxBackoff ("
                + maxBackoff
                + ")");
      }
      return new RetryPolicy(this);
    }
  }
}
