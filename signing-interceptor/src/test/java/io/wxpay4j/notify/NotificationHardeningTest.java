package io.wxpay4j.notify;

import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.JdkAesGcm;
import io.wxpay4j.auth.JdkSignatures;
import io.wxpay4j.auth.TestClock;
import io.wxpay4j.model.RefundStatus;
import io.wxpay4j.notify.WechatPayNotificationException.Kind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each attack on the notify endpoint, reproduced with genuinely signed and encrypted notices (the
 * JDK signs with the TEST-ONLY platform key and encrypts with the APIv3 key), then refused.
 */
class NotificationHardeningTest {
  private static final String APP_ID = "wxd678efh567hg6787";
  private static final String PAYMENT =
      "{\"appid\":\""
          + APP_ID
          + "\",\"mchid\":\"%s\",\"out_trade_no\":\"order_0001\",\"transaction_id\":\"4200000001\","
          + "\"trade_type\":\"NATIVE\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":100}}";

  private final NotificationParser parser =
      NotificationParser.builder()
          .verifier(publicKeyVerifier())
          .apiV3Key(ApiV3Key.of(API_V3_KEY))
          .merchantId(MERCHANT_ID)
          .appIds(List.of(APP_ID))
          .clock(new TestClock(NOTIFICATION_TIMESTAMP))
          .build();

  /** A genuine notice: the resource encrypted with the APIv3 key, the body signed. */
  private static NotificationRequest notice(
      String id, String eventType, String originalType, String resource) {
    String ciphertext =
        JdkAesGcm.encrypt(
            API_V3_KEY, "TESTONLYnon3", originalType, resource.getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"id\":\""
            + id
            + "\",\"create_time\":\"2015-05-20T13:29:35+08:00\",\"resource_type\":\"encrypt-resource\","
            + "\"event_type\":\""
            + eventType
            + "\",\"summary\":\"s\",\"resource\":{\"original_type\":\""
            + originalType
            + "\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
            + ciphertext
            + "\",\"associated_data\":\""
            + originalType
            + "\",\"nonce\":\"TESTONLYnon3\"}}";
    return signed(body.getBytes(StandardCharsets.UTF_8));
  }

  private static NotificationRequest signed(byte[] body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Wechatpay-Timestamp", Long.toString(NOTIFICATION_TIMESTAMP));
    headers.put("Wechatpay-Nonce", NOTIFICATION_NONCE);
    headers.put("Wechatpay-Serial", PUBLIC_KEY_ID);
    headers.put(
        "Wechatpay-Signature",
        JdkSignatures.sign(
            platformKey(),
            NOTIFICATION_TIMESTAMP
                + "\n"
                + NOTIFICATION_NONCE
                + "\n"
                + new String(body, StandardCharsets.UTF_8)
                + "\n"));
    return NotificationRequest.fromHeaders(headers, body);
  }

  private static String refund(String merchantField) {
    return "{"
        + merchantField
        + ",\"out_trade_no\":\"order_0001\",\"transaction_id\":\"4200000001\",\"out_refund_no\":\"refund_0001\","
        + "\"refund_id\":\"50000000001\",\"refund_status\":\"SUCCESS\",\"user_received_account\":\"招商银行信用卡0403\","
        + "\"amount\":{\"total\":100,\"refund\":100,\"payer_total\":100,\"payer_refund\":100}}";
  }

  @Test
  void refundNoticeAtThePaymentEndpointIsRefused() {
    NotificationRequest refund =
        notice("EV-R1", "REFUND.SUCCESS", "refund", refund("\"mchid\":\"" + MERCHANT_ID + "\""));

    assertThatThrownBy(() -> parser.parseTransaction(refund))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_EVENT);
              assertThat(e.answer().status()).isEqualTo(400);
            })
        .hasMessageStartingWith(
            "Notification EV-R1 rejected: expected a direct merchant's payment (TRANSACTION.SUCCESS),"
                + " but a RefundEvent arrived (event_type REFUND.SUCCESS, original_type refund)");
  }

  @Test
  void refundNoticeIsARefundEventWhenParsedAsAnyEvent() throws Exception {
    WechatPayEvent event =
        parser.parse(
            notice(
                "EV-R2", "REFUND.ABNORMAL", "refund", refund("\"mchid\":\"" + MERCHANT_ID + "\"")));

    assertThat(event).isInstanceOf(RefundEvent.class);
    assertThat(((RefundEvent) event).status()).isEqualTo(RefundStatus.SUCCESS);
    assertThat(event.notification().associatedData()).isEqualTo("refund");
    assertThat(event.toString()).doesNotContain("0403");
  }

  @Test
  void anotherMerchantsPaymentIsRefused() {
    NotificationRequest foreign =
        notice("EV-F1", "TRANSACTION.SUCCESS", "transaction", String.format(PAYMENT, "1999999999"));

    assertThatThrownBy(() -> parser.parseTransaction(foreign))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.FOREIGN_MERCHANT);
              assertThat(e.answer().status()).isEqualTo(403);
            })
        .hasMessageStartingWith(
            "Notification EV-F1 rejected: it is about merchant \"1999999999\", not this client's "
                + MERCHANT_ID);
  }

  @Test
  void anotherMerchantsRefundIsRefused() {
    NotificationRequest foreign =
        notice("EV-F2", "REFUND.SUCCESS", "refund", refund("\"mchid\":\"1999999999\""));

    assertThatThrownBy(() -> parser.parse(foreign))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN_MERCHANT));
  }

  @Test
  void anotherAppsPaymentIsRefused() {
    String otherApp = String.format(PAYMENT, MERCHANT_ID).replace(APP_ID, "wx0000000000000000");

    assertThatThrownBy(
            () ->
                parser.parseTransaction(
                    notice("EV-F3", "TRANSACTION.SUCCESS", "transaction", otherApp)))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN_MERCHANT))
        .hasMessageStartingWith(
            "Notification EV-F3 rejected: it is about app \"wx0000000000000000\", not one this client knows");
  }

  /** A decrypted combine notice: two sub-orders of the two merchants given, both paid. */
  private static String combine(String combineMchid, String firstMchid, String secondMchid) {
    return "{\"combine_appid\":\""
        + APP_ID
        + "\",\"combine_mchid\":\""
        + combineMchid
        + "\",\"combine_out_trade_no\":\"combine_0001\",\"sub_orders\":["
        + subOrder(firstMchid, "sub_0001", "4200000011")
        + ","
        + subOrder(secondMchid, "sub_0002", "4200000012")
        + "],\"combine_payer_info\":{\"openid\":\"oCombinePayerSecret\"}}";
  }

  private static String subOrder(String mchid, String outTradeNo, String transactionId) {
    return "{\"mchid\":\""
        + mchid
        + "\",\"trade_type\":\"NATIVE\",\"trade_state\":\"SUCCESS\",\"bank_type\":\"OTHERS\","
        + "\"attach\":\"a\",\"success_time\":\"2015-05-20T13:29:35.120+08:00\",\"transaction_id\":\""
        + transactionId
        + "\",\"out_trade_no\":\""
        + outTradeNo
        + "\",\"amount\":{\"total_amount\":9007199254740993,\"payer_amount\":100,"
        + "\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
  }

  @Test
  void combinePaymentIsACombineEventWithAllItsSubOrders() throws Exception {
    NotificationRequest request =
        notice(
            "EV-C0",
            "TRANSACTION.SUCCESS",
            "transaction",
            combine(MERCHANT_ID, "1900000211", "1900000212"));

    WechatPayEvent event = parser.parse(request);

    assertThat(event).isInstanceOf(CombinePaymentSucceeded.class);
    CombinePaymentSucceeded paid = (CombinePaymentSucceeded) event;
    assertThat(paid.transaction().getCombineOutTradeNo()).isEqualTo("combine_0001");
    assertThat(paid.transaction().getSubOrders()).hasSize(2);
    // Decoded from the text, not a tree of doubles: an amount beyond 2^53 stays exact.
    assertThat(paid.transaction().getSubOrders().get(0).getAmount().getTotalAmount())
        .isEqualTo(9007199254740993L);
    assertThat(paid.transaction().getSubOrders().get(1).getSuccessTime().getNano())
        .isEqualTo(120_000_000);
    assertThat(paid.toString())
        .isEqualTo(
            "CombinePaymentSucceeded{id=EV-C0, combineOutTradeNo=combine_0001, subOrders=["
                + "1900000211/sub_0001=SUCCESS, 1900000212/sub_0002=SUCCESS]}")
        .doesNotContain("oCombinePayerSecret");
    assertThat(parser.parseCombineTransaction(request).getCombineMchid()).isEqualTo(MERCHANT_ID);
  }

  @Test
  void combinePaymentIsNeverReadAsAPlainPayment() throws Exception {
    // Even with a top-level mchid as a plain payment has, the combine members decide.
    String combine =
        combine(MERCHANT_ID, "1900000211", "1900000212")
            .replace(
                "{\"combine_appid\"",
                "{\"mchid\":\""
                    + MERCHANT_ID
                    + "\",\"appid\":\""
                    + APP_ID
                    + "\",\"out_trade_no\":\"sub_0001\",\"trade_state\":\"SUCCESS\",\"combine_appid\"");
    NotificationRequest request = notice("EV-C1", "TRANSACTION.SUCCESS", "transaction", combine);

    assertThat(parser.parse(request)).isInstanceOf(CombinePaymentSucceeded.class);
    assertThatThrownBy(() -> parser.parseTransaction(request))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_EVENT))
        .hasMessageStartingWith(
            "Notification EV-C1 rejected: expected a direct merchant's payment (TRANSACTION.SUCCESS),"
                + " but a CombinePaymentSucceeded arrived");
    assertThatThrownBy(() -> parser.parsePartnerTransaction(request))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_EVENT));
  }

  @Test
  void plainPaymentIsNeverReadAsACombinePayment() throws Exception {
    NotificationRequest request =
        notice("EV-C2", "TRANSACTION.SUCCESS", "transaction", String.format(PAYMENT, MERCHANT_ID));

    assertThat(parser.parse(request)).isInstanceOf(PaymentSucceeded.class);
    assertThatThrownBy(() -> parser.parseCombineTransaction(request))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_EVENT))
        .hasMessageStartingWith(
            "Notification EV-C2 rejected: expected a combine payment (TRANSACTION.SUCCESS with"
                + " combine_out_trade_no), but a PaymentSucceeded arrived");
  }

  @Test
  void anotherInitiatorsCombinePaymentIsRefused() {
    NotificationRequest foreign =
        notice(
            "EV-C3",
            "TRANSACTION.SUCCESS",
            "transaction",
            combine("1999999999", MERCHANT_ID, "1900000212"));

    assertThatThrownBy(() -> parser.parse(foreign))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN_MERCHANT))
        .hasMessageStartingWith(
            "Notification EV-C3 rejected: it is about merchant \"1999999999\", not this client's "
                + MERCHANT_ID);
  }

  @Test
  void anotherAppsCombinePaymentIsRefused() {
    String otherApp =
        combine(MERCHANT_ID, "1900000211", "1900000212").replace(APP_ID, "wx0000000000000000");

    assertThatThrownBy(
            () -> parser.parse(notice("EV-C4", "TRANSACTION.SUCCESS", "transaction", otherApp)))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN_MERCHANT))
        .hasMessageStartingWith(
            "Notification EV-C4 rejected: it is about app \"wx0000000000000000\"");
  }

  @Test
  void combinePaymentIsBoundToTheExpectedSubOrderMerchants() throws Exception {
    NotificationParser expecting =
        NotificationParser.builder()
            .verifier(publicKeyVerifier())
            .apiV3Key(ApiV3Key.of(API_V3_KEY))
            .merchantId(MERCHANT_ID)
            .appIds(List.of(APP_ID))
            .combineSubOrderMerchantIds(List.of("1900000211", "1900000212"))
            .clock(new TestClock(NOTIFICATION_TIMESTAMP))
            .build();

    assertThat(
            expecting.parse(
                notice(
                    "EV-C5",
                    "TRANSACTION.SUCCESS",
                    "transaction",
                    combine(MERCHANT_ID, "1900000211", "1900000212"))))
        .isInstanceOf(CombinePaymentSucceeded.class);
    assertThatThrownBy(
            () ->
                expecting.parse(
                    notice(
                        "EV-C6",
                        "TRANSACTION.SUCCESS",
                        "transaction",
                        combine(MERCHANT_ID, "1900000211", "1900000299"))))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN_MERCHANT))
        .hasMessage(
            "Notification EV-C6 rejected: its sub_orders[1] is about merchant \"1900000299\", not"
                + " one of the expected 2 (NotificationParser.Builder.combineSubOrderMerchantIds)");
  }

  @Test
  void combinePaymentIsBoundToTheExpectedSubMerchants() throws Exception {
    NotificationParser expecting =
        NotificationParser.builder()
            .verifier(publicKeyVerifier())
            .apiV3Key(ApiV3Key.of(API_V3_KEY))
            .merchantId(MERCHANT_ID)
            .appIds(List.of(APP_ID))
            .subMerchantIds(List.of("1900000300", "1900000301"))
            .clock(new TestClock(NOTIFICATION_TIMESTAMP))
            .build();
    String partner =
        combine(MERCHANT_ID, MERCHANT_ID, MERCHANT_ID)
            .replaceFirst("\"out_trade_no\":\"sub_0001\"", "\"sub_mchid\":\"1900000300\",$0")
            .replaceFirst("\"out_trade_no\":\"sub_0002\"", "\"sub_mchid\":\"1900000301\",$0");

    assertThat(expecting.parse(notice("EV-C8", "TRANSACTION.SUCCESS", "transaction", partner)))
        .isInstanceOf(CombinePaymentSucceeded.class);
    assertThatThrownBy(
            () ->
                expecting.parse(
                    notice(
                        "EV-C9",
                        "TRANSACTION.SUCCESS",
                        "transaction",
                        partner.replace("1900000301", "1900000399"))))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN_MERCHANT))
        .hasMessage(
            "Notification EV-C9 rejected: its sub_orders[1] is about sub-merchant \"1900000399\", not"
                + " one of the expected 2 (NotificationParser.Builder.subMerchantIds)");
    // A sub-order without sub_mchid is no sub-merchant's: refused when sub-merchants are expected.
    assertThatThrownBy(
            () ->
                expecting.parse(
                    notice(
                        "EV-C10",
                        "TRANSACTION.SUCCESS",
                        "transaction",
                        partner.replace("\"sub_mchid\":\"1900000300\",", ""))))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN_MERCHANT))
        .hasMessageStartingWith(
            "Notification EV-C10 rejected: its sub_orders[0] is about sub-merchant (none)");
  }

  @Test
  void combinePaymentWithoutSubOrdersIsMalformed() {
    String empty =
        "{\"combine_appid\":\""
            + APP_ID
            + "\",\"combine_mchid\":\""
            + MERCHANT_ID
            + "\",\"combine_out_trade_no\":\"combine_0001\",\"sub_orders\":[]}";

    assertThatThrownBy(
            () -> parser.parse(notice("EV-C7", "TRANSACTION.SUCCESS", "transaction", empty)))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_BODY))
        .hasMessage(
            "Notification rejected: combine notification EV-C7 has no sub_orders: there is nothing"
                + " it pays");
  }

  @Test
  void partnerPaymentIsBoundToTheExpectedSubMerchants() throws Exception {
    String partner =
        "{\"sp_appid\":\""
            + APP_ID
            + "\",\"sp_mchid\":\""
            + MERCHANT_ID
            + "\",\"sub_mchid\":\"1900000201\",\"out_trade_no\":\"order_0001\",\"trade_state\":\"SUCCESS\"}";
    NotificationParser expectingOthers =
        NotificationParser.builder()
            .verifier(publicKeyVerifier())
            .apiV3Key(ApiV3Key.of(API_V3_KEY))
            .merchantId(MERCHANT_ID)
            .appIds(List.of(APP_ID))
            .subMerchantIds(List.of("1900000202"))
            .clock(new TestClock(NOTIFICATION_TIMESTAMP))
            .build();
    NotificationRequest request = notice("EV-P1", "TRANSACTION.SUCCESS", "transaction", partner);

    assertThat(parser.parsePartnerTransaction(request).getSubMchid()).isEqualTo("1900000201");
    assertThatThrownBy(() -> parser.parseTransaction(request))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_EVENT));
    assertThatThrownBy(() -> expectingOthers.parsePartnerTransaction(request))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN_MERCHANT))
        .hasMessageContaining("it is about sub-merchant \"1900000201\", not one of the expected 1");
  }

  @Test
  void oversizeBodyIsRefusedBeforeAnyCheck() {
    byte[] big = new byte[NotificationParser.DEFAULT_MAX_BODY_BYTES + 1];
    assertThatThrownBy(() -> parser.parse(signed(big)))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
              assertThat(e.answer().status()).isEqualTo(413);
            });
  }

  @Test
  void readStopsAtTheCapAndTheParserRefusesWhatItCut() throws Exception {
    byte[] big = new byte[200_000];
    ByteArrayInputStream stream = new ByteArrayInputStream(big);
    NotificationRequest request = NotificationRequest.read(name -> null, stream, 1024);

    assertThat(stream.available()).isEqualTo(200_000 - 1025);
    assertThatThrownBy(() -> parser.parse(request))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE))
        .hasMessageStartingWith("Notification rejected: the body has more than 1024 bytes");
  }

  @Test
  void v2XmlRefundNoticeIsRecognisedAndRefused() {
    byte[] xml =
        "<xml><return_code>SUCCESS</return_code><req_info>abc</req_info></xml>"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(NotificationRequest.create(name -> null, xml)))
        .isInstanceOfSatisfying(
            WechatPayNotificationException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.V2_XML_NOTICE))
        .hasMessageContaining("Refunds started by hand in 商户平台 are notified in the v2 format");
  }

  @Test
  void handleRunsTheHandlerOncePerNotificationAndAgainAfterAFailure() {
    NotificationRequest paid =
        notice("EV-D1", "TRANSACTION.SUCCESS", "transaction", String.format(PAYMENT, MERCHANT_ID));
    List<WechatPayEvent> handled = new ArrayList<>();
    int[] failures = {1};
    NotificationParser.Handler handler =
        event -> {
          if (failures[0]-- > 0) {
            throw new IllegalStateException("database down");
          }
          handled.add(event);
        };

    assertThat(parser.handle(paid, handler).status()).isEqualTo(500); // WeChat Pay sends it again
    assertThat(parser.handle(paid, handler).status()).isEqualTo(204);
    assertThat(parser.handle(paid, handler).status()).isEqualTo(204); // a repeat: not handled again

    assertThat(handled).hasSize(1);
    assertThat(handled.get(0)).isInstanceOf(PaymentSucceeded.class);
  }

  @Test
  void handleAnswersARefusedNotificationWithItsFailure() {
    NotificationRequest foreign =
        notice("EV-D2", "TRANSACTION.SUCCESS", "transaction", String.format(PAYMENT, "1999999999"));
    List<WechatPayEvent> handled = new ArrayList<>();

    assertThat(parser.handle(foreign, handled::add).status()).isEqualTo(403);
    assertThat(handled).isEmpty();
  }
}
