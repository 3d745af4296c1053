package io.wxpay4j.auth;

import io.wxpay4j.WechatPaySignatureException;
import java.io.IOException;

/**
 * Carries a {@link WechatPaySignatureException} through OkHttp, whose {@code Interceptor} contract
 * allows only {@link IOException}s: same message, the signature failure as its cause. {@link
 * WechatPaySignatureException#from(Throwable)} unwraps it; the facade never shows it.
 */
final class UnverifiedResponseException extends IOException {
  private static final long serialVersionUID = 1L;

  UnverifiedResponseException(WechatPaySignatureException cause) {
    super(cause.getMessage(), cause);
  }
}
