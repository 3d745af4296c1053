package io.wxpay4j.auth;

import io.wxpay4j.internal.SignatureMessages;

/**
 * Signs bytes with the merchant API private key (商户API私钥).
 *
 * <p>The standard implementation is {@link RsaSha256Signer}. Implement this interface yourself to
 * keep the key in an HSM or a key-management service. Implementations must be thread-safe.
 */
public interface Signer {
  /**
   * The serial number of the merchant API certificate (商户API证书序列号) that belongs to the key, as
   * upper-case hex. It is sent as {@code serial_no} in the {@code Authorization} header.
   */
  String serialNumber();

  /**
   * The algorithm part of the authorization scheme, e.g. {@code SHA256-RSA2048} for {@code
   * WECHATPAY2-SHA256-RSA2048}.
   */
  String algorithm();

  /**
   * Returns the standard Base64 (no line breaks) signature of {@code message}.
   *
   * @throws IllegalStateException if the key cannot sign
   */
  String sign(byte[] message);

  /**
   * Returns the signature of the {@code lines}, each followed by {@code \n}: the shape of every
   * WeChat Pay signing message. The default assembles the message and calls {@link #sign}; an
   * implementation may feed the lines to its engine one by one instead, as {@link RsaSha256Signer}
   * does to avoid copying a request body.
   *
   * @throws IllegalStateException if the key cannot sign
   */
  default String signLines(byte[]... lines) {
    return sign(SignatureMessages.lines(lines));
  }
}
