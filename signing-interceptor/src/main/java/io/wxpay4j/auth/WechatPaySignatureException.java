package io.wxpay4j.auth;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A response or notification whose WeChat Pay signature could not be verified: its authenticity is
 * not proven, so its body was not parsed. Never retry silently: a request that got this answer may
 * still have taken effect, so query the order to learn its state.
 *
 * <p>It extends {@link IOException} as OkHttp's {@code Interceptor} contract requires. The message
 * names the reason, the serial received, the serials trusted and the {@code Request-ID}, e.g.
 *
 * <pre>
 * Response signature not verified: no trusted key for Wechatpay-Serial PUB_KEY_ID_0002; ...
 *   Wechatpay-Serial: PUB_KEY_ID_0002
 *   trusted serials: [PUB_KEY_ID_0001]
 *   Request-ID: 08F0A2B3C4D5
 * </pre>
 */
public final class WechatPaySignatureException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why verification failed; one value per check. */
  public enum Reason {
    /**
     * A {@code Wechatpay-Timestamp}, {@code -Nonce}, {@code -Signature} or {@code -Serial} header
     * is absent.
     */
    MISSING_HEADER,
    /** {@code Wechatpay-Timestamp} is not epoch seconds. */
    MALFORMED_TIMESTAMP,
    /**
     * {@code Wechatpay-Timestamp} is 300 seconds or more from the local clock, in either direction.
     */
    STALE_TIMESTAMP,
    /**
     * {@code Wechatpay-Signature-Type} names an algorithm other than {@code
     * WECHATPAY2-SHA256-RSA2048}.
     */
    UNSUPPORTED_SIGNATURE_TYPE,
    /** No trusted key has the serial in {@code Wechatpay-Serial}. */
    UNKNOWN_SERIAL,
    /** {@code Wechatpay-Signature} is not Base64. */
    MALFORMED_SIGNATURE,
    /** The signature does not match the message, including {@code WECHATPAY/SIGNTEST/} probes. */
    BAD_SIGNATURE
  }

  private final Reason reason;
  private final @Nullable String serial;
  private final List<String> trustedSerials;
  private final @Nullable String requestId;
  private final boolean probe;

  public WechatPaySignatureException(
      String message,
      Reason reason,
      @Nullable String serial,
      List<String> trustedSerials,
      @Nullable String requestId,
      boolean probe,
      @Nullable Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason);
    this.serial = serial;
    this.trustedSerials = List.copyOf(trustedSerials);
    this.requestId = requestId;
    this.probe = probe;
  }

  /** Which check failed. */
  public Reason reason() {
    return reason;
  }

  /** The {@code Wechatpay-Serial} received, or null if it was absent. */
  public @Nullable String serial() {
    return serial;
  }

  /** The serials that were trusted when the check ran, sorted. */
  public List<String> trustedSerials() {
    return trustedSerials;
  }

  /** The {@code Request-ID} response header, or null (notifications carry none). */
  public @Nullable String requestId() {
    return requestId;
  }

  /**
   * True if the signature carries the {@code WECHATPAY/SIGNTEST/} prefix: WeChat Pay deliberately
   * sent a wrong signature to test that it is verified. It still fails; answer a notification with
   * an error and WeChat Pay re-sends it with a correct signature.
   */
  public boolean isProbe() {
    return probe;
  }
}
