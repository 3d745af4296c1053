package io.wxpay4j.auth;

import io.wxpay4j.WechatPayErrorResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Platform certificates (平台证书) could not be downloaded or used: WeChat Pay answered with an error,
 * the answer held no usable certificate, or a certificate could not be decrypted (usually a wrong
 * APIv3 key).
 *
 * <p>When the merchant has no platform certificate at all — WeChat Pay answers {@code 404
 * RESOURCE_NOT_EXISTS}, the case for merchants registered since the WeChat Pay public key was
 * introduced — the message says to configure the WeChat Pay public key with {@link
 * PublicKeyVerifier} instead, and {@link #publicKeyRequired()} is true.
 */
public final class WechatPayCertificateException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable WechatPayErrorResponse errorResponse;
  private final boolean publicKeyRequired;

  WechatPayCertificateException(
      String message,
      @Nullable WechatPayErrorResponse errorResponse,
      boolean publicKeyRequired,
      @Nullable Throwable cause) {
    super(message, cause);
    this.errorResponse = errorResponse;
    this.publicKeyRequired = publicKeyRequired;
  }

  /** WeChat Pay's error answer, or null if the failure happened after a 2xx answer. */
  public @Nullable WechatPayErrorResponse errorResponse() {
    return errorResponse;
  }

  /**
   * True if WeChat Pay has no platform certificate for this merchant: use the WeChat Pay public
   * key.
   */
  public boolean publicKeyRequired() {
    return publicKeyRequired;
  }
}
