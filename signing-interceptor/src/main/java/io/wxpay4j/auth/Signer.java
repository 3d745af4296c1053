package io.wxpay4j.auth;

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
}
