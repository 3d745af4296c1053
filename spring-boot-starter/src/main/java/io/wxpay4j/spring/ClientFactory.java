package io.wxpay4j.spring;

import io.wxpay4j.RetryPolicy;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayClientBuilder;
import io.wxpay4j.WechatPayException;
import io.wxpay4j.auth.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds one merchant's {@link WechatPayClient} from its properties. Every setting goes through its
 * builder setter, so the facade's checks apply; their messages are rewritten to name the property
 * ({@code wxpay4j.merchants.shop.merchant-id}) instead of the setter.
 */
final class ClientFactory {
  /** A resource location: a scheme such as {@code file:} or {@code classpath:}, one short line. */
  private static final Pattern LOCATION = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:[^\\s]{1,400}");

  private final ResourceLoader resources;

  ClientFactory(ResourceLoader resources) {
    this.resources = resources;
  }

  /**
   * The client for {@code p}, whose properties start with {@code prefix} ({@code wxpay4j.} or
   * {@code wxpay4j.merchants.<name>.}); {@code http}, if not null, is the OkHttpClient to derive
   * from.
   *
   * @throws WechatPayConfigurationException naming the property at fault
   */
  WechatPayClient build(String prefix, MerchantProperties p, @Nullable OkHttpClient http) {
    WechatPayClientBuilder b = WechatPayClient.builder();
    String apiV3Key = value(p.getApiV3Key());
    String merchantId = required(prefix, "merchant-id", p.getMerchantId(), "the merchant ID (商户号)");
    set(prefix, () -> b.merchantId(merchantId));
    String serial =
        required(
            prefix,
            "merchant-serial",
            p.getMerchantSerial(),
            "the merchant API certificate serial (商户API证书序列号)");
    String keyText =
        required(
            prefix,
            "private-key",
            p.getPrivateKey(),
            "the merchant API private key (商户API私钥, apiclient_key.pem): a file: or classpath:"
                + " location, or the PEM text");
    PrivateKey privateKey =
        parse(
            prefix, "private-key", () -> Pem.parsePrivateKey(pem(prefix, "private-key", keyText)));
    set(prefix, () -> b.merchantKey(serial, privateKey));

    if (value(p.getPublicKeyId()) != null || value(p.getPublicKey()) != null) {
      String publicKeyId =
          required(
              prefix, "public-key-id", p.getPublicKeyId(), "the ID of the WeChat Pay public key");
      String publicKeyText =
          required(
              prefix,
              "public-key",
              p.getPublicKey(),
              "the WeChat Pay public key (微信支付公钥, pub_key.pem) of " + prefix + "public-key-id");
      PublicKey publicKey =
          parse(
              prefix,
              "public-key",
              () -> Pem.parsePublicKey(pem(prefix, "public-key", publicKeyText)));
      set(prefix, () -> b.platformPublicKey(publicKeyId, publicKey));
    } else if (!p.isPlatformCertificates()) {
      throw new WechatPayConfigurationException(
          "A verification source is required: set "
              + prefix
              + "public-key-id and "
              + prefix
              + "public-key (the WeChat Pay public key, 微信支付公钥), or "
              + prefix
              + "platform-certificates=true with "
              + prefix
              + "api-v3-key");
    }
    if (p.isPlatformCertificates()) {
      b.platformCertificates();
    }
    if (apiV3Key != null) {
      set(prefix, () -> b.apiV3Key(apiV3Key));
    } else if (p.getNotify().getPath() != null) {
      throw new WechatPayConfigurationException(
          prefix
              + "api-v3-key is required by "
              + prefix
              + "notify.path: notifications are decrypted with the APIv3 key (APIv3密钥)");
    }
    ifSet(value(p.getAppId()), appId -> set(prefix, () -> b.appId(appId)));
    if (!p.getAppIds().isEmpty()) {
      set(prefix, () -> b.appIds(p.getAppIds().toArray(new String[0])));
    }
    ifSet(value(p.getNotifyUrl()), url -> set(prefix, () -> b.notifyUrl(url)));
    ifSet(value(p.getRefundNotifyUrl()), url -> set(prefix, () -> b.refundNotifyUrl(url)));
    ifSet(value(p.getBaseUrl()), url -> set(prefix, () -> b.baseUrl(url)));
    ifSet(p.getConnectTimeout(), t -> set(prefix, "connect-timeout", () -> b.connectTimeout(t)));
    ifSet(p.getReadTimeout(), t -> set(prefix, "read-timeout", () -> b.readTimeout(t)));
    ifSet(p.getWriteTimeout(), t -> set(prefix, "write-timeout", () -> b.writeTimeout(t)));
    ifSet(p.getCallTimeout(), t -> set(prefix, "call-timeout", () -> b.callTimeout(t)));
    if (p.getRetry().isSet()) {
      RetryPolicy policy = retryPolicy(prefix, p.getRetry());
      b.retryPolicy(policy);
    }
    if (http != null) {
      b.okHttpClient(http);
    }
    try {
      return b.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new WechatPayConfigurationException(PropertyNames.rewrite(e.getMessage(), prefix));
    } catch (WechatPayException e) {
      throw new WechatPayConfigurationException(
          "The client of "
              + prefix
              + "merchant-id could not start: "
              + PropertyNames.rewrite(String.valueOf(e.getMessage()), prefix),
          e);
    }
  }

  private static RetryPolicy retryPolicy(String prefix, MerchantProperties.Retry retry) {
    if (Integer.valueOf(1).equals(retry.getMaxAttempts())) {
      return RetryPolicy.none();
    }
    RetryPolicy.Builder policy = RetryPolicy.defaults().newBuilder();
    String retryPrefix = prefix + "retry.";
    ifSet(retry.getMaxAttempts(), n -> set(retryPrefix, () -> policy.maxAttempts(n)));
    ifSet(retry.getInitialBackoff(), d -> set(retryPrefix, () -> policy.initialBackoff(d)));
    ifSet(retry.getMaxBackoff(), d -> set(retryPrefix, () -> policy.maxBackoff(d)));
    ifSet(retry.getMaxElapsed(), d -> set(retryPrefix, () -> policy.maxElapsed(d)));
    try {
      return policy.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new WechatPayConfigurationException(PropertyNames.rewrite(e.getMessage(), prefix));
    }
  }

  /** The PEM text of a key property: the value itself, or what its resource location holds. */
  private String pem(String prefix, String property, String value) {
    if (value.strip().startsWith("-----BEGIN")) {
      return value;
    }
    String location = value.strip();
    if (!LOCATION.matcher(location).matches()) {
      // Never echoed: it may be key material without its PEM header.
      throw new WechatPayConfigurationException(
          prefix
              + property
              + " is neither PEM text (-----BEGIN ...) nor a resource location (file:/path/to/key.pem,"
              + " classpath:key.pem); its value is not shown");
    }
    Resource resource = resources.getResource(location);
    if (!resource.exists()) {
      throw new WechatPayConfigurationException(
          prefix
              + property
              + ": nothing at "
              + location
              + "; give a resource location (file:/path/to/key.pem, classpath:key.pem) or the PEM"
              + " text");
    }
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WechatPayConfigurationException(
          prefix + property + ": cannot read " + value.strip() + " (" + e.getMessage() + ")", e);
    }
  }

  private static <T> T parse(String prefix, String property, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (WechatPayConfigurationException e) {
      throw e;
    } catch (RuntimeException e) {
      // Pem's messages describe the text's shape, never its content.
      throw new WechatPayConfigurationException(
          prefix + property + " is not a usable key: " + e.getMessage(), e);
    }
  }

  private static String required(
      String prefix, String property, @Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new WechatPayConfigurationException(prefix + property + " is required: " + what);
    }
    return value;
  }

  /** Calls a setter; its complaint becomes one about the property. */
  private static void set(String prefix, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new WechatPayConfigurationException(
          PropertyNames.rewrite(String.valueOf(e.getMessage()), prefix));
    }
  }

  /** As {@link #set(String, Runnable)} for a setter whose messages name no setter. */
  private static void set(String prefix, String property, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new WechatPayConfigurationException(prefix + property + ": " + e.getMessage());
    }
  }

  /** A string property, or null when it is unset or blank (an empty environment variable). */
  static @Nullable String value(@Nullable String property) {
    return property == null || property.isBlank() ? null : property;
  }

  private static <T> void ifSet(@Nullable T value, Consumer<T> action) {
    if (value != null) {
      action.accept(value);
    }
  }
}
