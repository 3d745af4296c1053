package io.wxpay4j.auth;

import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.WechatPayErrorResponse;
import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.notify.NotificationParser;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayNotification;
import io.wxpay4j.pay.PayParametersSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * Plants secret canaries — the private key, the APIv3 key, an openid, a ciphertext, an
 * Authorization value — and checks that none of them shows up in any public object's {@code
 * toString()} or in the message of any exception (and its causes) that the security core raises.
 */
class CanaryTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private final List<String> canaries = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  CanaryTest() {
    String pem = text("test-only-merchant-key.pem");
    for (String line : pem.split("\n")) {
      if (line.length() == 64) {
        canaries.add(line.substring(8, 48)); // every line of the private key body
      }
    }
    canaries.add(
        Base64.getEncoder().encodeToString(merchantKey().getEncoded()).substring(100, 140));
    canaries.add(API_V3_KEY);
    canaries.add(OPENID);
    canaries.add(text("notification-transaction.ciphertext").substring(0, 40));
    String authorization = text("request-get.authorization");
    canaries.add(
        authorization.substring(
            authorization.indexOf("signature=") + 11, authorization.indexOf("signature=") + 51));
  }

  private void collect(Object o) {
    texts.add(String.valueOf(o));
  }

  private void collect(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      texts.add(c.getClass().getName() + ": " + c.getMessage());
    }
  }

  private void run(ThrowingRunnable r) {
    try {
      r.run();
      throw new AssertionError("expected a failure");
    } catch (AssertionError e) {
      throw e;
    } catch (Throwable t) {
      collect(t);
    }
  }

  interface ThrowingRunnable {
    void run() throws Throwable;
  }

  @Test
  void noSecretAppearsInToStringOrExceptionMessages() throws Exception {
    ApiV3Key apiV3Key = ApiV3Key.of(API_V3_KEY);
    TestClock clock = new TestClock(NOTIFICATION_TIMESTAMP);
    NotificationParser parser =
        NotificationParser.builder()
            .merchantId("1900000109")
            .appIds(java.util.List.of("wxd678efh567hg6787"))
            .verifier(publicKeyVerifier())
            .apiV3Key(apiV3Key)
            .clock(clock)
            .build();
    Map<String, String> headers = new HashMap<>();
    headers.put("Wechatpay-Timestamp", Long.toString(NOTIFICATION_TIMESTAMP));
    headers.put("Wechatpay-Nonce", NOTIFICATION_NONCE);
    headers.put("Wechatpay-Signature", text("notification.signature"));
    headers.put("Wechatpay-Serial", PUBLIC_KEY_ID);
    NotificationRequest good = NotificationRequest.fromHeaders(headers, bytes("notification.body"));
    WechatPayNotification notification = parser.parse(good).notification();
    WechatPaySignatureInterceptor interceptor =
        WechatPaySignatureInterceptor.builder()
            .merchantId(MERCHANT_ID)
            .signer(merchantSigner())
            .verifier(publicKeyVerifier())
            .clock(new TestClock(RESPONSE_TIMESTAMP))
            .build();

    // toString of every public object
    collect(merchantSigner());
    collect(publicKeyVerifier());
    collect(CombinedVerifier.create(publicKeyVerifier(), publicKeyVerifier()));
    collect(apiV3Key);
    collect(parser);
    collect(good);
    collect(notification);
    collect(parser.parseTransaction(good)); // the generated model redacts the openid itself
    collect(interceptor);
    collect(NotificationAnswer.success());
    collect(NotificationAnswer.failure("x"));
    collect(PayParametersSigner.create(merchantSigner()));
    collect(PayParametersSigner.create(merchantSigner()).jsapi("wxd678efh567hg6787", "wx2014"));
    collect(
        PayParametersSigner.create(merchantSigner())
            .app("wxd678efh567hg6787", MERCHANT_ID, "wx2014"));
    collect(SkipResponseVerification.INSTANCE);
    WechatPayErrorResponse error =
        WechatPayErrorResponse.parse(
            400,
            "R",
            ("{\"code\":\"PARAM_ERROR\",\"message\":\"openid不合法\",\"detail\":{\"field\":\"/payer/openid\",\"value\":\""
                    + OPENID
                    + "\",\"issue\":\"x\",\"location\":\"body\"}}")
                .getBytes(StandardCharsets.UTF_8));
    collect(error);
    collect(error.detail());

    // Exceptions: wrong inputs carrying secrets
    String keyPem = text("test-only-merchant-key.pem");
    run(() -> Pem.parseCertificate(keyPem));
    run(() -> Pem.parsePublicKey(keyPem));
    run(
        () ->
            Pem.parsePrivateKey(
                keyPem
                    .replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN CERTIFICATE-----")
                    .replace("-----END PRIVATE KEY-----", "-----END CERTIFICATE-----")));
    run(() -> Pem.parsePrivateKey(keyPem.replace("M", "*")));
    run(
        () ->
            Pem.parsePrivateKey(
                keyPem.substring(keyPem.indexOf("-----BEGIN PRIVATE KEY-----") + 28)));
    run(() -> ApiV3Key.of(API_V3_KEY + "x"));
    run(() -> ApiV3Key.of(API_V3_KEY.substring(1) + "é"));
    run(() -> ApiV3Key.of(keyPem.substring(keyPem.indexOf("-----"))));
    run(() -> RsaSha256Signer.create(API_V3_KEY, merchantKey()));
    run(() -> PublicKeyVerifier.create(API_V3_KEY + " ", platformPublicKey()));
    run(() -> WechatPaySignatureInterceptor.builder().merchantId(OPENID));

    // Notification failures with secrets in the body
    byte[] tampered = bytes("notification.body");
    tampered[tampered.length - 30] ^= 1;
    run(() -> parser.parse(NotificationRequest.fromHeaders(headers, tampered)));
    NotificationParser wrongKey =
        NotificationParser.builder()
            .merchantId("1900000109")
            .appIds(java.util.List.of("wxd678efh567hg6787"))
            .verifier(publicKeyVerifier())
            .apiV3Key(ApiV3Key.of("TESTONLYapiV3key0123456789abcdeX"))
            .clock(clock)
            .build();
    run(() -> wrongKey.parse(good));
    String openidAsNumberJson = "{\"out_trade_no\":{\"" + OPENID + "\":1}}";
    String ciphertext =
        JdkAesGcm.encrypt(
            API_V3_KEY,
            "TESTONLYnon3",
            "transaction",
            openidAsNumberJson.getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"id\":\"EV-3\",\"resource\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
            + ciphertext
            + "\",\"associated_data\":\"transaction\",\"nonce\":\"TESTONLYnon3\"},\"x\":\""
            + OPENID
            + "\"}";
    Map<String, String> signedHeaders = new HashMap<>(headers);
    signedHeaders.put(
        "Wechatpay-Signature",
        JdkSignatures.sign(
            platformKey(),
            NOTIFICATION_TIMESTAMP + "\n" + NOTIFICATION_NONCE + "\n" + body + "\n"));
    run(
        () ->
            parser.parseTransaction(
                NotificationRequest.fromHeaders(
                    signedHeaders, body.getBytes(StandardCharsets.UTF_8))));
    run(
        () ->
            parser.parse(
                NotificationRequest.fromHeaders(
                    signedHeaders, ("{\"" + OPENID).getBytes(StandardCharsets.UTF_8))));
    clock.advance(Duration.ofHours(1));
    run(() -> parser.parse(good));

    // Interceptor failures on answers that echo secrets
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(interceptor).build();
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"openid\":\"" + OPENID + "\"}")
            .addHeader("Wechatpay-Timestamp", "1")
            .addHeader("Wechatpay-Nonce", OPENID)
            .addHeader("Wechatpay-Signature", "x")
            .addHeader("Wechatpay-Serial", PUBLIC_KEY_ID)
            .build());
    run(() -> client.newCall(new Request.Builder().url(server.url("/v3/x")).build()).execute());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"openid\":\"" + OPENID + "\"}")
            .addHeader("Wechatpay-Timestamp", Long.toString(RESPONSE_TIMESTAMP))
            .addHeader("Wechatpay-Nonce", "n")
            .addHeader("Wechatpay-Signature", text("response-200.signature"))
            .addHeader("Wechatpay-Serial", PUBLIC_KEY_ID)
            .build());
    run(() -> client.newCall(new Request.Builder().url(server.url("/v3/x")).build()).execute());

    // Certificate download failures
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .body("{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"无可用的平台证书\"}")
            .build());
    run(
        () ->
            PlatformCertificateVerifier.builder()
                .merchantId(MERCHANT_ID)
                .signer(merchantSigner())
                .apiV3Key(apiV3Key)
                .baseUrl(server.url("/"))
                .clock(clock)
                .refreshInterval(Duration.ZERO)
                .build());

    assertThat(texts).hasSizeGreaterThan(30);
    for (String text : texts) {
      for (String canary : canaries) {
        assertThat(text).as("a secret leaked").doesNotContain(canary);
      }
    }
  }
}
