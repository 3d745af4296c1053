package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClientBuilder;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;

/**
 * Logging the HTTP exchanges with WeChat Pay without leaking credentials or payer data: OkHttp's logging
 * interceptor, as it comes, prints the {@code Authorization} header (a signature WeChat Pay accepts) and, at
 * {@code BODY}, payer openids, names and amounts.
 */
final class RedactedLogging {
  private RedactedLogging() {}

  // region redacted-logging
  /** Logs each request and answer on the wire, headers only, with Authorization redacted. */
  static WechatPayClientBuilder withRedactedLogging(
      WechatPayClientBuilder builder, HttpLoggingInterceptor.Logger logger) {
    HttpLoggingInterceptor logging = new HttpLoggingInterceptor(logger);
    logging.setLevel(HttpLoggingInterceptor.Level.HEADERS); // never BODY: bodies carry openids, names, card data
    logging.redactHeader("Authorization"); // the merchant's signature of the request: a credential
    logging.redactHeader("Cookie");
    logging.redactHeader("Set-Cookie");
    OkHttpClient http = new OkHttpClient.Builder()
        .addNetworkInterceptor(logging) // a network interceptor sees the request as signed and sent
        .build();
    return builder.okHttpClient(http); // the client adds its signing and verification to this one
  }
  // endregion
}
