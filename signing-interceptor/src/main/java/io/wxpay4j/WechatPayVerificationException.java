package io.wxpay4j;

import io.wxpay4j.auth.WechatPaySignatureException;

/**
 * An answer arrived but its authenticity could not be proven: a missing, stale, unknown-serial or
 * wrong signature (including WeChat Pay's deliberate {@code WECHATPAY/SIGNTEST/} probes). Never
 * retried silently.
 *
 * <p>The request reached WeChat Pay and {@linkplain #mayHaveTakenEffect() may have taken effect}:
 * query the order to learn the outcome. {@link #getCause()} is the {@link
 * WechatPaySignatureException} with the reason, the serial received and the serials trusted.
 */
public final class WechatPayVerificationException extends WechatPayException {
  WechatPayVerificationException(
      WechatPaySignatureException cause, String operation, int httpStatus) {
    super(operation + " failed: " + cause.getMessage(), cause, cause.requestId(), httpStatus, true);
  }

  /** Why verification failed. */
  public WechatPaySignatureException.Reason reason() {
    return ((WechatPaySignatureException) getCause()).reason();
  }

  /** True if the signature was one of WeChat Pay's {@code WECHATPAY/SIGNTEST/} probes. */
  public boolean isProbe() {
    return ((WechatPaySignatureException) getCause()).isProbe();
  }
}
