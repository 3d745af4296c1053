package io.wxpay4j;

import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one call across its attempts: the retry and failover interceptors write it, and
 * the result mapping reads it once, when the call has ended. The pipeline tags every request it
 * sends with a fresh record; a request sent through {@link WechatPayClient#okHttpClient()} without
 * one gets a record of its own inside the retry interceptor.
 *
 * <p>Written by the thread that runs the call and read after the call returns (or in its callback),
 * which OkHttp orders; the methods are synchronized anyway, so that a record is never read torn.
 */
final class CallRecord {
  private @Nullable RetryPolicy policy;
  private int attempts;
  private boolean earlierMayHaveTakenEffect;
  private final List<String> hosts = new ArrayList<>(2);
  private @Nullable WechatPayErrorResponse error;

  /** The record of {@code request}, or null if it has none. */
  static @Nullable CallRecord of(Request request) {
    return request.tag(CallRecord.class);
  }

  /** The policy that overrides the client's for this call, or null for the client's. */
  synchronized @Nullable RetryPolicy policy() {
    return policy;
  }

  synchronized void policy(@Nullable RetryPolicy policy) {
    this.policy = policy;
  }

  /** An attempt starts: the error answer of the previous one no longer describes the call. */
  synchronized void attemptStarted() {
    attempts++;
    error = null;
  }

  /**
   * An attempt before the last one ended; {@code mayHaveTakenEffect} if it may have been carried
   * out.
   */
  synchronized void earlierAttemptEnded(boolean mayHaveTakenEffect) {
    earlierMayHaveTakenEffect |= mayHaveTakenEffect;
  }

  /** The host an attempt was sent to (the failover may have moved it). */
  synchronized void sentTo(String host) {
    if (!hosts.contains(host)) {
      hosts.add(host);
    }
  }

  /** The error body of the current attempt's answer, parsed once by whoever reads it first. */
  synchronized void error(WechatPayErrorResponse error) {
    this.error = error;
  }

  synchronized @Nullable WechatPayErrorResponse error() {
    return error;
  }

  /** Attempts made; at least 1 once the call was sent. */
  synchronized int attempts() {
    return Math.max(attempts, 1);
  }

  /** True if an attempt before the last one may have been carried out by WeChat Pay. */
  synchronized boolean earlierMayHaveTakenEffect() {
    return earlierMayHaveTakenEffect;
  }

  /** The hosts the attempts went to, in order; more than one after a failover. */
  synchronized List<String> hosts() {
    return List.copyOf(hosts);
  }
}
