package io.wxpay4j.spring;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites the facade's messages, which name {@code WechatPayClientBuilder} setters ({@code
 * merchantId(...)}), to name the property instead ({@code wxpay4j.merchant-id}).
 */
final class PropertyNames {
  private static final Map<String, String> SETTERS = new LinkedHashMap<>();

  static {
    SETTERS.put("merchantId", "merchant-id");
    SETTERS.put("merchantKey", "merchant-serial and private-key");
    SETTERS.put("platformPublicKey", "public-key-id and public-key");
    SETTERS.put("platformCertificates", "platform-certificates");
    SETTERS.put("apiV3Key", "api-v3-key");
    SETTERS.put("appIds", "app-ids");
    SETTERS.put("appId", "app-id");
    SETTERS.put("refundNotifyUrl", "refund-notify-url");
    SETTERS.put("notifyUrl", "notify-url");
    SETTERS.put("notify_url", "notify-url");
    SETTERS.put("baseUrl", "base-url");
    SETTERS.put("retryPolicy", "retry");
    SETTERS.put("maxAttempts", "retry.max-attempts");
    SETTERS.put("initialBackoff", "retry.initial-backoff");
    SETTERS.put("maxBackoff", "retry.max-backoff");
    SETTERS.put("maxElapsed", "retry.max-elapsed");
  }

  private static final Pattern SETTER =
      Pattern.compile(
          "\\b(" + String.join("|", SETTERS.keySet()) + ")\\b(\\((?:[^()]|\\([^()]*\\))*\\))?");

  private PropertyNames() {}

  /** {@code message} with every setter name replaced by its property under {@code prefix}. */
  static String rewrite(String message, String prefix) {
    Matcher m = SETTER.matcher(message);
    StringBuilder result = new StringBuilder();
    while (m.find()) {
      String replacement =
          Arrays.stream(SETTERS.get(m.group(1)).split(" and "))
              .map(property -> prefix + property)
              .collect(Collectors.joining(" and "));
      m.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(result);
    return result.toString();
  }
}
