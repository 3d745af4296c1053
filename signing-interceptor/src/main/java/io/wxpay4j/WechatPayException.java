package io.wxpay4j;

import org.jspecify.annotations.Nullable;

/**
 * The root of the exceptions the {@link WechatPayClient} facade throws. Unchecked; catch the
 * subtypes:
 *
 * <ul>
 *   <li>{@link WechatPayApiException}: WeChat Pay answered with an error (HTTP 4xx/5xx and a {@code
 *       code}).
 *   <li>{@link WechatPaySignatureException}: an answer arrived but its signature could not be
 *       verified.
 *   <li>{@link WechatPayConnectionException}: no answer (connection refused, reset, timed out).
 * </ul>
 *
 * <p>Every instance says whether the request {@linkplain #mayHaveTakenEffect() may have taken
 * effect}: when it may have, query the order ({@code queryByOutTradeNo}) before retrying a prepay
 * or a close. Messages never contain keys, the APIv3 key, {@code Authorization} headers or payer
 * identifiers.
 */
public class WechatPayException extends RuntimeException {
  private final @Nullable String requestId;
  private final int httpStatus;
  private final boolean mayHaveTakenEffect;

  WechatPayException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      int httpStatus,
      boolean mayHaveTakenEffect) {
    super(message, cause);
    this.requestId = requestId;
    this.httpStatus = httpStatus;
    this.mayHaveTakenEffect = mayHaveTakenEffect;
  }

  /**
   * The {@code Request-ID} WeChat Pay answered with, to quote to its support; null if no answer
   * arrived.
   */
  public @Nullable String requestId() {
    return requestId;
  }

  /** The HTTP status of the answer, or {@code 0} if no answer arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * True if WeChat Pay may have carried out the request although the caller got no trustworthy
   * success: the request was sent and then the connection failed, the answer was a 5xx, or the
   * answer failed verification. Resolve the real outcome by querying the order before trying again.
   * False when the request certainly had no effect (it never left this machine, or WeChat Pay
   * refused it with a 4xx).
   */
  public boolean mayHaveTakenEffect() {
    return mayHaveTakenEffect;
  }
}
