package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayClientBuilder;
import io.wxpay4j.auth.Pem;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The merchant account and endpoint an example runs with: the simulator's TEST-ONLY merchant, or a real one
 * given as options. Keys stay in their files until the client is built; {@link #toString()} shows identifiers
 * only.
 */
final class Merchant {
  private final String merchantId;
  private final String appId;
  private final String merchantSerial;
  private final Path privateKeyFile;
  private final @Nullable String publicKeyId;
  private final @Nullable Path publicKeyFile;
  private final @Nullable String apiV3Key;
  private final String baseUrl;
  private final @Nullable String notifyUrl;

  Merchant(
      String merchantId,
      String appId,
      String merchantSerial,
      Path privateKeyFile,
      @Nullable String publicKeyId,
      @Nullable Path publicKeyFile,
      @Nullable String apiV3Key,
      String baseUrl,
      @Nullable String notifyUrl) {
    this.merchantId = Objects.requireNonNull(merchantId);
    this.appId = Objects.requireNonNull(appId);
    this.merchantSerial = Objects.requireNonNull(merchantSerial);
    this.privateKeyFile = Objects.requireNonNull(privateKeyFile);
    this.publicKeyId = publicKeyId;
    this.publicKeyFile = publicKeyFile;
    this.apiV3Key = apiV3Key;
    this.baseUrl = Objects.requireNonNull(baseUrl);
    this.notifyUrl = notifyUrl;
  }

  /** 商户号. */
  String merchantId() {
    return merchantId;
  }

  /** The app ID (AppID) of the orders. */
  String appId() {
    return appId;
  }

  /** 商户API证书序列号. */
  String merchantSerial() {
    return merchantSerial;
  }

  /** 商户API私钥, {@code apiclient_key.pem}. */
  Path privateKeyFile() {
    return privateKeyFile;
  }

  /** 微信支付公钥ID. */
  String publicKeyId() {
    if (publicKeyId == null) {
      throw new IllegalStateException(
          "this example verifies with the WeChat Pay public key: give --public-key-id and --public-key");
    }
    return publicKeyId;
  }

  /** 微信支付公钥, {@code pub_key.pem}. */
  Path publicKeyFile() {
    if (publicKeyFile == null) {
      throw new IllegalStateException(
          "this example verifies with the WeChat Pay public key: give --public-key-id and --public-key");
    }
    return publicKeyFile;
  }

  /** True if the WeChat Pay public key is known (else platform certificates are used). */
  boolean hasPublicKey() {
    return publicKeyId != null && publicKeyFile != null;
  }

  /** APIv3密钥, or null. A secret: never print it. */
  @Nullable String apiV3Key() {
    return apiV3Key;
  }

  /** The API host, ending in {@code /}. */
  String baseUrl() {
    return baseUrl;
  }

  /** The notify_url given as an option, or null. */
  @Nullable String notifyUrl() {
    return notifyUrl;
  }

  /**
   * A client builder with every credential set: the WeChat Pay public key if known, else platform
   * certificates (which need the APIv3 key); the APIv3 key if known; the app ID; the base URL.
   */
  WechatPayClientBuilder clientBuilder() {
    WechatPayClientBuilder builder =
        WechatPayClient.builder()
            .merchantId(merchantId)
            .merchantKey(merchantSerial, Pem.readPrivateKey(privateKeyFile))
            .appId(appId)
            .baseUrl(baseUrl);
    if (hasPublicKey()) {
      builder.platformPublicKey(publicKeyId, Pem.readPublicKey(publicKeyFile));
    } else {
      builder.platformCertificates();
    }
    if (apiV3Key != null) {
      builder.apiV3Key(apiV3Key);
    }
    return builder;
  }

  @Override
  public String toString() {
    return "Merchant{merchantId=" + merchantId + ", appId=" + appId + ", merchantSerial=" + merchantSerial
        + ", publicKeyId=" + publicKeyId + ", baseUrl=" + baseUrl + "}";
  }
}
