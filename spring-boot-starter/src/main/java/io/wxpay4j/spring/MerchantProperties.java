package io.wxpay4j.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one merchant: under {@code wxpay4j} for a single merchant, under {@code
 * wxpay4j.merchants.<name>} for each of several. Each maps to one {@code WechatPayClientBuilder}
 * setting; a bad value fails startup with a message that names the property.
 */
public class MerchantProperties {
  private @Nullable String merchantId;
  private @Nullable String merchantSerial;
  private @Nullable String privateKey;
  private @Nullable String publicKeyId;
  private @Nullable String publicKey;
  private boolean platformCertificates;
  private @Nullable String apiV3Key;
  private @Nullable String appId;
  private List<String> appIds = new ArrayList<>();
  private @Nullable String notifyUrl;
  private @Nullable String refundNotifyUrl;
  private @Nullable String baseUrl;
  private @Nullable Duration connectTimeout;
  private @Nullable Duration readTimeout;
  private @Nullable Duration writeTimeout;
  private @Nullable Duration callTimeout;
  private final Retry retry = new Retry();
  private final Notify notify = new Notify();

  /** The merchant ID (商户号), digits, e.g. {@code 1900000109}. */
  public @Nullable String getMerchantId() {
    return merchantId;
  }

  public void setMerchantId(@Nullable String merchantId) {
    this.merchantId = merchantId;
  }

  /** The merchant API certificate serial number (商户API证书序列号), upper-case hex. */
  public @Nullable String getMerchantSerial() {
    return merchantSerial;
  }

  public void setMerchantSerial(@Nullable String merchantSerial) {
    this.merchantSerial = merchantSerial;
  }

  /**
   * The merchant API private key (商户API私钥, {@code apiclient_key.pem}): a resource location such as
   * {@code file:/etc/wechatpay/apiclient_key.pem} or {@code classpath:apiclient_key.pem}, or the
   * PEM text itself.
   */
  public @Nullable String getPrivateKey() {
    return privateKey;
  }

  public void setPrivateKey(@Nullable String privateKey) {
    this.privateKey = privateKey;
  }

  /** The WeChat Pay public key ID (微信支付公钥ID), {@code PUB_KEY_ID_…}. */
  public @Nullable String getPublicKeyId() {
    return publicKeyId;
  }

  public void setPublicKeyId(@Nullable String publicKeyId) {
    this.publicKeyId = publicKeyId;
  }

  /**
   * The WeChat Pay public key (微信支付公钥, {@code pub_key.pem}): a resource location or the PEM text.
   */
  public @Nullable String getPublicKey() {
    return publicKey;
  }

  public void setPublicKey(@Nullable String publicKey) {
    this.publicKey = publicKey;
  }

  /**
   * Verify with platform certificates (平台证书) downloaded at startup and refreshed hourly; needs
   * {@code api-v3-key}. With a public key as well, both are accepted (the migration between them).
   */
  public boolean isPlatformCertificates() {
    return platformCertificates;
  }

  public void setPlatformCertificates(boolean platformCertificates) {
    this.platformCertificates = platformCertificates;
  }

  /** The APIv3 key (APIv3密钥), 32 characters: decrypts notifications and platform certificates. */
  public @Nullable String getApiV3Key() {
    return apiV3Key;
  }

  public void setApiV3Key(@Nullable String apiV3Key) {
    this.apiV3Key = apiV3Key;
  }

  /** The default {@code appid} of orders. */
  public @Nullable String getAppId() {
    return appId;
  }

  public void setAppId(@Nullable String appId) {
    this.appId = appId;
  }

  /** More apps of this merchant whose payment notifications are accepted. */
  public List<String> getAppIds() {
    return appIds;
  }

  public void setAppIds(List<String> appIds) {
    this.appIds = appIds;
  }

  /** The default {@code notify_url} of orders: https, no query string. */
  public @Nullable String getNotifyUrl() {
    return notifyUrl;
  }

  public void setNotifyUrl(@Nullable String notifyUrl) {
    this.notifyUrl = notifyUrl;
  }

  /** The default {@code notify_url} of refunds. */
  public @Nullable String getRefundNotifyUrl() {
    return refundNotifyUrl;
  }

  public void setRefundNotifyUrl(@Nullable String refundNotifyUrl) {
    this.refundNotifyUrl = refundNotifyUrl;
  }

  /** The API host; {@code https://api.mch.weixin.qq.com/} when unset. */
  public @Nullable String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(@Nullable String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Connect timeout; OkHttp's 10 s when unset. */
  public @Nullable Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(@Nullable Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** Read timeout; OkHttp's 10 s when unset. */
  public @Nullable Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(@Nullable Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /** Write timeout; OkHttp's 10 s when unset. */
  public @Nullable Duration getWriteTimeout() {
    return writeTimeout;
  }

  public void setWriteTimeout(@Nullable Duration writeTimeout) {
    this.writeTimeout = writeTimeout;
  }

  /** Timeout of a whole call, retries included; none when unset. */
  public @Nullable Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(@Nullable Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /** How calls are retried. */
  public Retry getRetry() {
    return retry;
  }

  /** The notification endpoint. */
  public Notify getNotify() {
    return notify;
  }

  /**
   * Retries of calls ({@code RetryPolicy}): the SDK's defaults (3 attempts, backoff with jitter, 10
   * s in all) for what is unset; {@code max-attempts: 1} turns retries off.
   */
  public static class Retry {
    private @Nullable Integer maxAttempts;
    private @Nullable Duration initialBackoff;
    private @Nullable Duration maxBackoff;
    private @Nullable Duration maxElapsed;

    /** Attempts per call, the first included. */
    public @Nullable Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(@Nullable Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /** The wait before the first retry. */
    public @Nullable Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(@Nullable Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /** The longest wait between attempts. */
    public @Nullable Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(@Nullable Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** No retry starts after this much time since the first attempt. */
    public @Nullable Duration getMaxElapsed() {
      return maxElapsed;
    }

    public void setMaxElapsed(@Nullable Duration maxElapsed) {
      this.maxElapsed = maxElapsed;
    }

    boolean isSet() {
      return maxAttempts != null
          || initialBackoff != null
          || maxBackoff != null
          || maxElapsed != null;
    }
  }

  /**
   * The notification endpoint of this merchant: on when {@code path} is set. It reads the raw body
   * (at most {@code max-body-bytes}), verifies, decrypts, skips repeats and publishes the typed
   * event ({@code PaymentSucceeded}, {@code RefundEvent}, …) as a Spring application event.
   */
  public static class Notify {
    private @Nullable String path;
    private int maxBodyBytes = 64 * 1024;

    /** The path WeChat Pay posts to, e.g. {@code /wechatpay/notify}; no endpoint when unset. */
    public @Nullable String getPath() {
      return path;
    }

    public void setPath(@Nullable String path) {
      this.path = path;
    }

    /** The largest body read; a longer one is answered 413. 64 KiB by default. */
    public int getMaxBodyBytes() {
      return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
    }
  }
}
