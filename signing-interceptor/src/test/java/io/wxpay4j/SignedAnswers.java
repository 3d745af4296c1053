package io.wxpay4j;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import mockwebserver3.MockResponse;

/**
 * Answers signed the way WeChat Pay signs them, with the JDK's {@link Signature} directly (never
 * with the code under test), for wire tests that need a verifiable answer from a {@code
 * MockWebServer}.
 */
final class SignedAnswers {
  static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0000000000000024101100397200000006";
  static final KeyPair PLATFORM = generate();
  static final KeyPair MERCHANT = generate();
  static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

  private SignedAnswers() {}

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A client of merchant 1900000109 on {@code server} that verifies with {@link #PLATFORM}, with
   * {@code time}'s fake retry clock and no failover.
   */
  static WechatPayClient client(mockwebserver3.MockWebServer server, FakeTime time) {
    return time.install(WechatPayClient.builder(), 0.5)
        .merchantId("1900000109")
        .merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate())
        .platformPublicKey(PUBLIC_KEY_ID, PLATFORM.getPublic())
        .appId("wxd678efh567hg6787")
        .notifyUrl("https://example.com/wechatpay/notify")
        .baseUrl(server.url("/").toString())
        .disableFailover()
        .build();
  }

  static MockResponse json(int code, String body) {
    MockResponse.Builder builder = signed(code, body);
    return builder.setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse noContent() {
    return signed(204, "").build();
  }

  private static MockResponse.Builder signed(int code, String body) {
    try {
      String timestamp = Long.toString(Instant.now().getEpochSecond());
      String nonce = UUID.randomUUID().toString().replace("-", "");
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(PLATFORM.getPrivate());
      signature.update(
          (timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
      return new MockResponse.Builder()
          .code(code)
          .setHeader("Request-ID", "08F78BB5AF0610A8BD0A1AA1E1E8F8B3AE2F1B")
          .setHeader("Wechatpay-Timestamp", timestamp)
          .setHeader("Wechatpay-Nonce", nonce)
          .setHeader("Wechatpay-Serial", PUBLIC_KEY_ID)
          .setHeader("Wechatpay-Signature", Base64.getEncoder().encodeToString(signature.sign()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
