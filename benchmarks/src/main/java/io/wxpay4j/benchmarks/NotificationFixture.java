package io.wxpay4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A payment notice (支付成功通知) as WeChat Pay sends it: a paid order of 1 KB of JSON, with a coupon,
 * encrypted with AEAD_AES_256_GCM under {@link Fixtures#API_V3_KEY}, in the notification envelope,
 * signed with the {@link Fixtures#PLATFORM} key of {@link Fixtures#PUBLIC_KEY_ID} at a given time.
 * Made with the JDK directly, never with either SDK.
 */
final class NotificationFixture {
  static final String TRANSACTION_ID = "4200000985202306085395127431";

  /** The decrypted resource: what both parsers decode. */
  static final String TRANSACTION =
      "{\"mchid\":\""
          + Fixtures.MERCHANT_ID
          + "\",\"appid\":\""
          + Fixtures.APP_ID
          + "\",\"out_trade_no\":\""
          + Fixtures.OUT_TRADE_NO
          + "\",\"transaction_id\":\""
          + TRANSACTION_ID
          + "\",\"trade_type\":\"JSAPI\",\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\","
          + "\"bank_type\":\"CMC\",\"attach\":\"order-source=miniprogram&store=1024\","
          + "\"success_time\":\"2023-06-08T10:34:56+08:00\",\"payer\":{\"openid\":\""
          + Fixtures.OPENID
          + "\"},\"amount\":{\"total\":100,\"payer_total\":90,\"currency\":\"CNY\","
          + "\"payer_currency\":\"CNY\"},\"scene_info\":{\"device_id\":\"013467007045764\"},"
          + "\"promotion_detail\":[{\"coupon_id\":\"109519\",\"name\":\"单品惠-6\",\"scope\":\"SINGLE\","
          + "\"type\":\"DISCOUNT\",\"amount\":10,\"stock_id\":\"931386\",\"wechatpay_contribute\":0,"
          + "\"merchant_contribute\":10,\"other_contribute\":0,\"currency\":\"CNY\",\"goods_detail\":["
          + "{\"goods_id\":\"M1006\",\"quantity\":1,\"unit_price\":100,\"discount_amount\":10,"
          + "\"goods_remark\":\"商品备注信息\"}]}]}";

  final Map<String, String> headers;
  final byte[] body;

  private NotificationFixture(Map<String, String> headers, byte[] body) {
    this.headers = headers;
    this.body = body;
  }

  /** The notice signed at {@code now} (both SDKs refuse one older than five minutes). */
  static NotificationFixture signedAt(Instant now) {
    try {
      String nonce = "fdasflkja484w";
      byte[] iv = "0123456789ab".getBytes(StandardCharsets.US_ASCII);
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(Fixtures.utf8(Fixtures.API_V3_KEY), "AES"),
          new GCMParameterSpec(128, iv));
      aes.updateAAD(Fixtures.utf8("transaction"));
      String ciphertext =
          Base64.getEncoder().encodeToString(aes.doFinal(Fixtures.utf8(TRANSACTION)));
      String envelope =
          "{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2023-06-08T10:34:56+08:00\","
              + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"TRANSACTION.SUCCESS\","
              + "\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"transaction\","
              + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
              + ciphertext
              + "\",\"associated_data\":\"transaction\",\"nonce\":\"0123456789ab\"}}";
      String timestamp = Long.toString(now.getEpochSecond());
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(Fixtures.PLATFORM.getPrivate());
      rsa.update(Fixtures.utf8(timestamp + "\n" + nonce + "\n" + envelope + "\n"));
      String signature = Base64.getEncoder().encodeToString(rsa.sign());
      return new NotificationFixture(
          Map.of(
              "Wechatpay-Timestamp", timestamp,
              "Wechatpay-Nonce", nonce,
              "Wechatpay-Signature", signature,
              "Wechatpay-Serial", Fixtures.PUBLIC_KEY_ID,
              "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"),
          Fixtures.utf8(envelope));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
