package io.wxpay4j;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An answer or a notification whose WeChat Pay signature could not be verified: its authenticity is
 * not proven, so its body was not parsed. A missing, stale, unknown-serial or wrong signature,
 * including WeChat Pay's deliberate {@code WECHATPAY/SIGNTEST/} probes. Never retried silently.
 *
 * <pre>{@code
 * try {
 *   wechatPay.orders().prepayNative(order);
 * } catch (WechatPaySignatureException e) {
 *   // e.reason(), e.serial(), e.trustedSerials(): check the keys; the order may exist: query it
 * }
 * }</pre>
 *
 * <p>The request reached WeChat Pay and {@linkplain #mayHaveTakenEffect() may have taken effect}:
 * query the order to learn the outcome. The message names the reason, the serial received, the
 * serials trusted and the {@code Request-ID}, e.g.
 *
 * <pre>
 * prepayNative failed: Response signature not verified: no trusted key for Wechatpay-Serial ...
 *   Wechatpay-Serial: "PUB_KEY_ID_0002"
 *   trusted serials: [PUB_KEY_ID_0001]
 *   Request-ID: "08F0A2B3C4D5"
 * </pre>
 *
 * <p>The facade ({@link WechatPayClient}) throws it as it is. Through the escape hatches ({@link
 * WechatPayClient#okHttpClient()}, {@link WechatPayClient#api}) it arrives as the cause of an
 * {@link java.io.IOException}, as OkHttp's {@code Interceptor} contract requires: {@link
 * #from(Throwable)} finds it there. A rejected notification carries it as the cause of {@link
 * io.wxpay4j.notify.WechatPayNotificationException}.
 */
public final class WechatPaySignatureException extends WechatPayException {
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
    /**
     * {@code Wechatpay-Serial} cannot be a serial (over 64 characters, spaces or control
     * characters): refused before any key is looked up.
     */
    MALFORMED_SERIAL,
    /**
     * {@code Wechatpay-Signature} is not Base64, or not as long as an RSA signature by a key of
     * 2048 bits or more (by the key of the serial, once it is known).
     */
    MALFORMED_SIGNATURE,
    /** The signature does not match the message, including {@code WECHATPAY/SIGNTEST/} probes. */
    BAD_SIGNATURE,
    /**
     * The answer verified but is about something else than the request (another order or merchant):
     * a server or proxy fault that no decision may rest on.
     */
    WRONG_SUBJECT
  }

  private final Reason reason;
  private final @Nullable String serial;
  private final List<String> trustedSerials;
  private final boolean probe;

  /**
   * Creates the exception for a failed check; the signature check ({@code
   * io.wxpay4j.internal.SignatureCheck}) is its one producer. {@code message} must say what failed
   * and carry no key material.
   *
   * @param serial the {@code Wechatpay-Serial} received, or null if it was absent
   * @param trustedSerials the serials trusted when the check ran, sorted
   * @param requestId the {@code Request-ID} of the answer, or null (notifications carry none)
   * @param probe whether the signature carries the {@code WECHATPAY/SIGNTEST/} prefix
   */
  public WechatPaySignatureException(
      String message,
      Reason reason,
      @Nullable String serial,
      List<String> trustedSerials,
      @Nullable String requestId,
      boolean probe,
      @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message == null"), cause, requestId, 0, true);
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.serial = serial;
    this.trustedSerials = List.copyOf(trustedSerials);
    this.probe = probe;
  }

  /**
   * A copy whose message starts with {@code operation + " failed: "}, caused by this one: what the
   * facade throws.
   */
  WechatPaySignatureException withOperation(String operation) {
    return new WechatPaySignatureException(
        operation + " failed: " + getMessage(),
        reason,
        serial,
        trustedSerials,
        requestId(),
        probe,
        this);
  }

  /**
   * Returns the signature failure in {@code failure} or its chain of causes, or null if there is
   * none: for the {@code IOException}s of {@link WechatPayClient#okHttpClient()} and {@link
   * WechatPayClient#api} calls.
   *
   * <pre>{@code
   * try (Response answer = wechatPay.okHttpClient().newCall(request).execute()) {
   *   ...
   * } catch (IOException e) {
   *   WechatPaySignatureException unverified = WechatPaySignatureException.from(e);
   *   if (unverified != null) { ... } // an answer came, but it is not proven to be WeChat Pay's
   * }
   * }</pre>
   */
  public static @Nullable WechatPaySignatureException from(Throwable failure) {
    Objects.requireNonNull(failure, "failure == null");
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
      if (t instanceof WechatPaySignatureException) {
        return (WechatPaySignatureException) t;
      }
    }
    return null;
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

  /**
   * True if the signature carries the {@code WECHATPAY/SIGNTEST/} prefix: WeChat Pay deliberately
   * sent a wrong signature to test that it is verified. It still fails; answer a notification with
   * an error and WeChat Pay re-sends it with a correct signature.
   */
  public boolean isProbe() {
    return probe;
  }

  /**
   * Always true: the answer arrived, so WeChat Pay received the request and may have carried it
   * out. Query the order before repeating it.
   */
  @Override
  public boolean mayHaveTakenEffect() {
    return true;
  }
}
