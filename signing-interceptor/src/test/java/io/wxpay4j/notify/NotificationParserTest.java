package io.wxpay4j.notify;

import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.WechatPaySignatureException.Reason;
import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.JdkAesGcm;
import io.wxpay4j.auth.JdkSignatures;
import io.wxpay4j.auth.TestClock;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.notify.WechatPayNotificationException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationParserTest {
  private final TestClock clock = new TestClock(NOTIFICATION_TIMESTAMP);
  private final NotificationParser parser =
      NotificationParser.builder()
          .merchantId("1900000109")
          .appIds(java.util.List.of("wxd678efh567hg6787"))
          .verifier(publicKeyVerifier())
          .apiV3Key(ApiV3Key.of(API_V3_KEY))
          .clock(clock)
          .build();

  private static Map<String, String> vectorHeaders() {
    Map<String, String> headers = new HashMap<>();
    headers.put("Wechatpay-Timestamp", Long.toString(NOTIFICATION_TIMESTAMP));
    headers.put("Wechatpay-Nonce", NOTIFICATION_NONCE);
    headers.put("Wechatpay-Signature", text("notification.signature"));
    headers.put("Wechatpay-Serial", PUBLIC_KEY_ID);
    headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    return headers;
  }

  private static NotificationRequest vector() {
    return NotificationRequest.fromHeaders(vectorHeaders(), bytes("notification.body"));
  }

  /** A notification with this body, signed here with the JDK and the platform key. */
  private static NotificationRequest signed(String body) {
    Map<String, String> headers = vectorHeaders();
    headers.put(
        "Wechatpay-Signature",
        JdkSignatures.sign(
            platformKey(),
            NOTIFICATION_TIMESTAMP + "\n" + NOTIFICATION_NONCE + "\n" + body + "\n"));
    return NotificationRequest.fromHeaders(headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String envelope(String resourceFields) {
    return "{\"id\":\"EV-1\",\"create_time\":\"2015-05-20T13:29:35+08:00\",\"resource_type\":\"encrypt-resource\","
        + "\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"支付成功\",\"resource\":{"
        + resourceFields
        + "}}";
  }

  @Test
  void goldenNotificationDecodesIntoTransaction() throws Exception {
    Transaction paid = parser.parseTransaction(vector());
    assertThat(paid.getOutTradeNo()).isEqualTo("1217752501201407033233368018");
    assertThat(paid.getTransactionId()).isEqualTo("4200000000000000000000000001");
    assertThat(paid.getTradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(paid.getPayer().getOpenid()).isEqualTo(OPENID);
    assertThat(paid.getAmount().getTotal()).isEqualTo(100);
    assertThat(paid.getSuccessTime()).isEqualTo(OffsetDateTime.parse("2018-06-08T10:34:56+08:00"));
  }

  @Test
  void envelopeFieldsAreExposedAndPlaintextStaysOutOfToString() throws Exception {
    WechatPayNotification n = parser.parse(vector()).notification();
    assertThat(n.id()).isEqualTo("EV-2018022511223320873");
    assertThat(n.eventType()).isEqualTo("TRANSACTION.SUCCESS");
    assertThat(n.resourceType()).isEqualTo("encrypt-resource");
    assertThat(n.summary()).isEqualTo("支付成功");
    assertThat(n.originalType()).isEqualTo("transaction");
    assertThat(n.createTime()).isEqualTo(OffsetDateTime.parse("2015-05-20T13:29:35+08:00"));
    assertThat(n.resourceJson()).isEqualTo(text("notification-transaction.json"));
    assertThat(n.toString()).doesNotContain(OPENID);
  }

  @Test
  void aDirectPaymentIsNotAPartnerPayment() {
    assertThatThrownBy(() -> parser.parsePartnerTransaction(vector()))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_EVENT))
        .hasMessageContaining(
            "expected a service provider's payment (TRANSACTION.SUCCESS), but a PaymentSucceeded arrived");
  }

  @Test
  void headersAreFoundInAnyCaseAndAsLists() throws Exception {
    Map<String, Object> headers = new HashMap<>();
    vectorHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.of(v)));
    assertThat(
            parser.parseTransaction(
                NotificationRequest.fromHeaders(headers, bytes("notification.body"))))
        .isNotNull();
    Map<String, String> servletLike = vectorHeaders();
    assertThat(
            parser.parseTransaction(
                NotificationRequest.create(servletLike::get, bytes("notification.body"))))
        .isNotNull();
  }

  @Test
  void absentAssociatedDataIsTreatedAsEmpty() throws Exception {
    String body =
        envelope(
            "\"original_type\":\"transaction\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + text("notification-transaction-no-aad.ciphertext")
                + "\",\"nonce\":\"TESTONLYnon1\"");
    assertThat(parser.parseTransaction(signed(body)).getOutTradeNo())
        .isEqualTo("1217752501201407033233368018");
  }

  @Test
  void bodyChangedByOneByteIsRejected() {
    byte[] body = bytes("notification.body");
    body[10] ^= 1;
    NotificationRequest request = NotificationRequest.fromHeaders(vectorHeaders(), body);
    assertThatThrownBy(() -> parser.parse(request))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE);
              assertThat(e.signatureFailure().reason()).isEqualTo(Reason.BAD_SIGNATURE);
              assertThat(e.answer().status()).isEqualTo(401);
              assertThat(e.answer().body())
                  .isEqualTo("{\"code\":\"FAIL\",\"message\":\"signature verification failed\"}");
            })
        .hasMessage(
            "Notification signature not verified: the signature does not match the key of"
                + " Wechatpay-Serial PUB_KEY_ID_0116571234562024052000123400000000 over the"
                + " timestamp, nonce and "
                + body.length
                + "-byte body; the message was altered in transit or was not signed by WeChat Pay\n"
                + "  Wechatpay-Serial: \"PUB_KEY_ID_0116571234562024052000123400000000\"\n"
                + "  trusted serials: [PUB_KEY_ID_0116571234562024052000123400000000]\n"
                + "  Request-ID: (none)");
  }

  @Test
  void timestamp299SecondsEitherWayIsAccepted() throws Exception {
    clock.set(NOTIFICATION_TIMESTAMP - 299);
    assertThat(parser.parseTransaction(vector())).isNotNull();
    clock.set(NOTIFICATION_TIMESTAMP + 299);
    assertThat(parser.parseTransaction(vector())).isNotNull();
  }

  @Test
  void timestamp300SecondsAheadIsRejected() {
    clock.set(NOTIFICATION_TIMESTAMP - 300);
    assertThatThrownBy(() -> parser.parse(vector()))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.STALE_TIMESTAMP))
        .hasMessageStartingWith(
            "Notification signature not verified: Wechatpay-Timestamp 1722850500 is 300 s ahead of"
                + " the local clock 1722850200 (the limit is under 300 s)");
  }

  @Test
  void timestamp300SecondsBehindIsRejected() {
    clock.set(NOTIFICATION_TIMESTAMP + 300);
    assertThatThrownBy(() -> parser.parse(vector()))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.STALE_TIMESTAMP))
        .hasMessageStartingWith(
            "Notification signature not verified: Wechatpay-Timestamp 1722850500 is 300 s behind"
                + " the local clock 1722850800 (the limit is under 300 s)");
  }

  @ParameterizedTest(name = "missing {0} is rejected")
  @ValueSource(
      strings = {
        "Wechatpay-Timestamp",
        "Wechatpay-Nonce",
        "Wechatpay-Signature",
        "Wechatpay-Serial"
      })
  void eachMissingHeaderIsRejected(String header) {
    Map<String, String> headers = vectorHeaders();
    headers.remove(header);
    NotificationRequest request =
        NotificationRequest.fromHeaders(headers, bytes("notification.body"));
    assertThatThrownBy(() -> parser.parse(request))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.MISSING_HEADER);
              assertThat(e.answer().status()).isEqualTo(401);
            })
        .hasMessageStartingWith(
            "Notification signature not verified: header " + header + " is missing;");
  }

  @Test
  void nonBase64SignatureIsRejected() {
    Map<String, String> headers = vectorHeaders();
    headers.put("Wechatpay-Signature", "***");
    assertThatThrownBy(
            () ->
                parser.parse(NotificationRequest.fromHeaders(headers, bytes("notification.body"))))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE);
              assertThat(e.signatureFailure().reason()).isEqualTo(Reason.MALFORMED_SIGNATURE);
            })
        .hasMessageStartingWith(
            "Notification signature not verified: Wechatpay-Signature is not Base64\n");
  }

  @Test
  void unknownSerialIsRejected() {
    Map<String, String> headers = vectorHeaders();
    headers.put("Wechatpay-Serial", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
    assertThatThrownBy(
            () ->
                parser.parse(NotificationRequest.fromHeaders(headers, bytes("notification.body"))))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_SERIAL))
        .hasMessageStartingWith(
            "Notification signature not verified: no trusted key for Wechatpay-Serial"
                + " \"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\";");
  }

  @Test
  void probeSignatureIsRejectedAsProbe() {
    Map<String, String> headers = vectorHeaders();
    headers.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + text("notification.signature"));
    assertThatThrownBy(
            () ->
                parser.parse(NotificationRequest.fromHeaders(headers, bytes("notification.body"))))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.PROBE);
              assertThat(e.signatureFailure().isProbe()).isTrue();
              assertThat(e.answer().status()).isEqualTo(401);
            })
        .hasMessageContaining("WECHATPAY/SIGNTEST/ probe");
  }

  @Test
  void wrongApiV3KeyIsReportedAsTheLikelyCause() {
    NotificationParser wrongKey =
        NotificationParser.builder()
            .merchantId("1900000109")
            .appIds(java.util.List.of("wxd678efh567hg6787"))
            .verifier(publicKeyVerifier())
            .apiV3Key(ApiV3Key.of("TESTONLYapiV3key0123456789abcdeX"))
            .clock(clock)
            .build();
    assertThatThrownBy(() -> wrongKey.parse(vector()))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.DECRYPTION_FAILED);
              assertThat(e.answer().status()).isEqualTo(500);
            })
        .hasMessage(
            "Notification EV-2018022511223320873 verified but its resource could not be decrypted"
                + " (GCM tag mismatch: wrong key, nonce or associated data, or the ciphertext was"
                + " altered): the APIv3 key is the likely cause; it must be this merchant's APIv3"
                + " key (APIv3密钥, 商户平台 → API安全), not the API v2 key");
  }

  @Test
  void truncatedCiphertextIsRejected() {
    byte[] full = Base64.getDecoder().decode(text("notification-transaction.ciphertext"));
    String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(full, full.length - 4));
    String body =
        envelope(
            "\"original_type\":\"transaction\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + cut
                + "\",\"associated_data\":\"transaction\",\"nonce\":\"TESTONLYnon1\"");
    assertThatThrownBy(() -> parser.parse(signed(body)))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.DECRYPTION_FAILED))
        .hasMessageStartingWith(
            "Notification EV-1 verified but its resource could not be decrypted");
  }

  @Test
  void signedButMalformedBodyIsRejectedWith400() {
    assertThatThrownBy(() -> parser.parse(signed("{\"id\":")))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.MALFORMED_BODY);
              assertThat(e.answer().status()).isEqualTo(400);
              assertThat(e.answer().body())
                  .isEqualTo("{\"code\":\"FAIL\",\"message\":\"malformed notification\"}");
            })
        .hasMessageStartingWith("Notification rejected: the body is not notification JSON (");
  }

  @Test
  void notificationWithoutResourceIsRejected() {
    assertThatThrownBy(
            () -> parser.parse(signed("{\"id\":\"EV-2\",\"event_type\":\"TRANSACTION.SUCCESS\"}")))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_BODY))
        .hasMessage("Notification rejected: the notification has no resource");
  }

  @Test
  void unsupportedAlgorithmIsRejected() {
    String body =
        envelope(
            "\"algorithm\":\"AEAD_SM4_GCM\",\"ciphertext\":\"AAAA\",\"associated_data\":\"\",\"nonce\":\"n\"");
    assertThatThrownBy(() -> parser.parse(signed(body)))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_BODY))
        .hasMessage(
            "Notification rejected: resource.algorithm is \"AEAD_SM4_GCM\", only AEAD_AES_256_GCM"
                + " is supported");
  }

  @Test
  void decryptedResourceThatIsNotATransactionIsRejected() {
    String ciphertext =
        JdkAesGcm.encrypt(
            API_V3_KEY, "TESTONLYnon2", "transaction", "[1,2]".getBytes(StandardCharsets.UTF_8));
    String body =
        envelope(
            "\"original_type\":\"transaction\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + ciphertext
                + "\",\"associated_data\":\"transaction\",\"nonce\":\"TESTONLYnon2\"");
    assertThatThrownBy(() -> parser.parseTransaction(signed(body)))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_BODY))
        .hasMessage(
            "Notification rejected: the decrypted resource of notification EV-1 is not a JSON"
                + " object");
  }

  @Test
  void successAnswerIs204WithoutBody() {
    assertThat(NotificationAnswer.success().status()).isEqualTo(204);
    assertThat(NotificationAnswer.success().body()).isEmpty();
    assertThat(NotificationAnswer.success().contentType()).isNull();
    assertThat(NotificationAnswer.failure("数据库忙").body())
        .isEqualTo("{\"code\":\"FAIL\",\"message\":\"数据库忙\"}");
    assertThat(NotificationAnswer.failure("x").status()).isEqualTo(500);
    assertThatThrownBy(() -> NotificationAnswer.failure(200, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a failure answer needs a 4xx or 5xx status, found 200");
  }
}
