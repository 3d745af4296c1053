package io.wxpay4j.simulator;

/**
 * A failure the simulator can inject into the answer of a route (故障注入), with {@link
 * WechatPaySimulator#injectFault(String, Fault, int)} or {@code POST /simulator/faults}.
 *
 * <p>The first three stop the request before it takes effect, as WeChat Pay's own overload answers
 * do. All the others let the request take effect (an order is created, closed, …) and then spoil
 * the answer, which is the case a client must survive by querying: the call may have worked
 * although the client saw a failure.
 */
public enum Fault {
  /** {@code 500 SYSTEM_ERROR}; the request does not take effect. */
  SYSTEM_ERROR,
  /** {@code 429 FREQUENCY_LIMITED}; the request does not take effect. */
  FREQUENCY_LIMITED,
  /** {@code 503 SERVICE_UNAVAILABLE}; the request does not take effect. */
  SERVICE_UNAVAILABLE,
  /**
   * The answer is delayed (see {@link WechatPaySimulator#injectLatency(String, java.time.Duration,
   * int)}).
   */
  LATENCY,
  /** The connection is closed once the request is read and processed, before any answer byte. */
  CONNECTION_RESET,
  /** Headers and half of the body are sent, then the connection is closed. */
  TRUNCATED_BODY,
  /**
   * A {@code WECHATPAY/SIGNTEST/…} probe signature, which must fail verification (§8.4 of the
   * reference).
   */
  PROBE_SIGNATURE,
  /** A valid signature made with a timestamp 10 minutes in the past. */
  STALE_TIMESTAMP,
  /** {@code Wechatpay-Serial} names a certificate / public key the merchant cannot know. */
  UNKNOWN_SERIAL,
  /** No {@code Wechatpay-Signature} header. */
  MISSING_SIGNATURE;

  boolean preventsProcessing() {
    return this == SYSTEM_ERROR || this == FREQUENCY_LIMITED || this == SERVICE_UNAVAILABLE;
  }

  boolean spoilsSignature() {
    return this == PROBE_SIGNATURE
        || this == STALE_TIMESTAMP
        || this == UNKNOWN_SERIAL
        || this == MISSING_SIGNATURE;
  }
}
