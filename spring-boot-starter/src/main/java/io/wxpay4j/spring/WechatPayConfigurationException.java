package io.wxpay4j.spring;

/**
 * A {@code wxpay4j.*} setting that cannot make a client: the message names the property and the
 * fix. Spring Boot shows it as the reason the application did not start.
 */
final class WechatPayConfigurationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  WechatPayConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }

  WechatPayConfigurationException(String message) {
    super(message);
  }
}
