package io.wxpay4j.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.auth.CryptoProvider;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.Payer;
import io.wxpay4j.model.PrepayRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * What every benchmark shares: freshly generated TEST-ONLY RSA-2048 keys (merchant and WeChat Pay),
 * the one {@link CannedServer} of the JVM, the same order, and the clients of each side built the
 * way their users build them.
 */
final class Fixtures {
  static final String MERCHANT_ID = "1900000109";
  static final String MERCHANT_SERIAL = "3775B6A45ACD588826D15E583A95F5DD6A0D1D1F";
  static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092024052000123400000000";
  static final String APP_ID = "wxd678efh567hg6787";
  static final String OUT_TRADE_NO = "1217752501201407033233368018";
  static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
  static final String DESCRIPTION = "Image形象店-深圳腾大-QQ公仔";
  static final String NOTIFY_URL = "https://www.weixin.qq.com/wxpay/pay.php";
  static final String API_V3_KEY = "TESTONLYapiV3key0123456789abcdef";
  static final String PREPAY_PATH = "/v3/pay/transactions/jsapi";
  static final String QUERY_PATH =
      "/v3/pay/transactions/out-trade-no/" + OUT_TRADE_NO + "?mchid=" + MERCHANT_ID;

  /**
   * The JSON body wxpay4j and the official SDK send for the prepay (the floors send these bytes).
   */
  static final String PREPAY_JSON =
      "{\"appid\":\""
          + APP_ID
          + "\",\"mchid\":\""
          + MERCHANT_ID
          + "\",\"description\":\""
          + DESCRIPTION
          + "\",\"out_trade_no\":\""
          + OUT_TRADE_NO
          + "\",\"notify_url\":\""
          + NOTIFY_URL
          + "\",\"amount\":{\"total\":100,\"currency\":\"CNY\"},\"payer\":{\"openid\":\""
          + OPENID
          + "\"}}";

  /** The wxpay4j order: built anew by the facade on every call, as in user code. */
  static final Consumer<PrepayRequest.Builder> ORDER =
      order ->
          order
              .description(DESCRIPTION)
              .outTradeNo(OUT_TRADE_NO)
              .amount(Amount.builder().total(100).currency("CNY").build())
              .payer(Payer.builder().openid(OPENID).build());

  static final KeyPair MERCHANT = generate();
  static final KeyPair PLATFORM = generate();

  private static @Nullable CannedServer server;

  private Fixtures() {}

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JVM's one server, started on first use and closed at exit. */
  static synchronized CannedServer server() {
    if (server == null) {
      try {
        CannedServer started = CannedServer.start(PLATFORM.getPrivate(), PUBLIC_KEY_ID);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started)));
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  private static void closeQuietly(CannedServer server) {
    try {
      server.close();
    } catch (IOException ignored) {
      // exiting
    }
  }

  /** {@code "jdk"} or {@code "native"} (ACCP, required). */
  static CryptoProvider cryptoProvider(String name) {
    switch (name) {
      case "jdk":
        return CryptoProvider.jdk();
      case "native":
        return CryptoProvider.corretto();
      default:
        throw new IllegalArgumentException("provider must be jdk or native, not " + name);
    }
  }

  /** The JCA provider object behind {@code name}, null for the JDK's default selection. */
  static @Nullable Provider jcaProvider(String name) {
    if (name.equals("native")) {
      AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
      return AmazonCorrettoCryptoProvider.INSTANCE;
    }
    cryptoProvider(name); // rejects unknown names
    return null;
  }

  static Signature signature(@Nullable Provider provider) throws GeneralSecurityException {
    return provider == null
        ? Signature.getInstance("SHA256withRSA")
        : Signature.getInstance("SHA256withRSA", provider);
  }

  static PrivateKey privateKey(PrivateKey key, @Nullable Provider provider)
      throws GeneralSecurityException {
    return provider == null
        ? key
        : (PrivateKey) KeyFactory.getInstance("RSA", provider).translateKey(key);
  }

  static PublicKey publicKey(PublicKey key, @Nullable Provider provider)
      throws GeneralSecurityException {
    return provider == null
        ? key
        : (PublicKey) KeyFactory.getInstance("RSA", provider).translateKey(key);
  }

  /** wxpay4j as its README tells users to build it, against the canned server. */
  static WechatPayClient wxpay4j(CryptoProvider provider) {
    return WechatPayClient.builder()
        .merchantId(MERCHANT_ID)
        .cryptoProvider(provider)
        .merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate())
        .platformPublicKey(PUBLIC_KEY_ID, PLATFORM.getPublic())
        .apiV3Key(API_V3_KEY)
        .appId(APP_ID)
        .notifyUrl(NOTIFY_URL)
        .baseUrl(server().baseUrl())
        .okHttpClient(new OkHttpClient())
        .build();
  }

  /**
   * The official SDK in public-key mode (its response verification on), as its README builds it. It
   * only knows WeChat's https hosts: an application interceptor points each call at the canned
   * server (a new URL and Request per call: ~1 µs and a few hundred bytes that count against the
   * official SDK).
   */
  static JsapiService official() {
    RSAPublicKeyConfig config =
        new RSAPublicKeyConfig.Builder()
            .merchantId(MERCHANT_ID)
            .privateKey(pem("PRIVATE KEY", MERCHANT.getPrivate().getEncoded()))
            .merchantSerialNumber(MERCHANT_SERIAL)
            .publicKey(pem("PUBLIC KEY", PLATFORM.getPublic().getEncoded()))
            .publicKeyId(PUBLIC_KEY_ID)
            .apiV3Key(API_V3_KEY)
            .build();
    HttpUrl base = HttpUrl.get(server().baseUrl());
    OkHttpClient toServer =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .url(
                                chain
                                    .request()
                                    .url()
                                    .newBuilder()
                                    .scheme("http")
                                    .host(base.host())
                                    .port(base.port())
                                    .build())
                            .build()))
            .build();
    return new JsapiService.Builder()
        .httpClient(new DefaultHttpClientBuilder().config(config).okHttpClient(toServer).build())
        .build();
  }

  /** PEM text (base64 without line breaks, as the official SDK's loader accepts). */
  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
