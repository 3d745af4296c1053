package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.PromotionScope;
import io.wxpay4j.model.Refund;
import io.wxpay4j.model.RefundAmount;
import io.wxpay4j.model.RefundChannel;
import io.wxpay4j.model.RefundFromAccount;
import io.wxpay4j.model.RefundFundsAccount;
import io.wxpay4j.model.RefundGoodsDetail;
import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.RefundPromotionDetail;
import io.wxpay4j.model.RefundPromotionType;
import io.wxpay4j.model.RefundStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Decoding of the refund models with {@link WechatPayJson}. */
final class RefundJsonTest {
  private final JsonAdapter<Refund> refunds = WechatPayJson.moshi().adapter(Refund.class);
  private final JsonAdapter<RefundNotification> notifications =
      WechatPayJson.moshi().adapter(RefundNotification.class);

  static String resource(String name) {
    try (InputStream in = RefundJsonTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer example of the official create-refund and query-refund pages. */
  @Test
  void documentationExampleAnswerDecodesEveryField() throws Exception {
    Refund refund = refunds.fromJson(resource("refund-response-example.json"));

    assertThat(refund.getRefundId()).isEqualTo("50000000382019052709732678859");
    assertThat(refund.getOutRefundNo()).isEqualTo("1217752501201407033233368018");
    assertThat(refund.getTransactionId()).isEqualTo("1217752501201407033233368018");
    assertThat(refund.getOutTradeNo()).isEqualTo("1217752501201407033233368018");
    assertThat(refund.getChannel()).isEqualTo(RefundChannel.ORIGINAL);
    assertThat(refund.getUserReceivedAccount()).isEqualTo("招商银行信用卡0403");
    OffsetDateTime time = OffsetDateTime.of(2020, 12, 1, 16, 18, 12, 0, ZoneOffset.ofHours(8));
    assertThat(refund.getSuccessTime()).isEqualTo(time);
    assertThat(refund.getCreateTime()).isEqualTo(time);
    assertThat(refund.getStatus()).isEqualTo(RefundStatus.SUCCESS);
    assertThat(refund.getFundsAccount()).isEqualTo(RefundFundsAccount.UNSETTLED);
    RefundAmount amount = refund.getAmount();
    assertThat(amount.getTotal()).isEqualTo(100L);
    assertThat(amount.getRefund()).isEqualTo(100L);
    assertThat(amount.getFrom()).hasSize(1);
    assertThat(amount.getFrom().get(0).getAccount()).isEqualTo(RefundFromAccount.AVAILABLE);
    assertThat(amount.getFrom().get(0).getAmount()).isEqualTo(444L);
    assertThat(amount.getPayerTotal()).isEqualTo(90L);
    assertThat(amount.getPayerRefund()).isEqualTo(90L);
    assertThat(amount.getSettlementRefund()).isEqualTo(100L);
    assertThat(amount.getSettlementTotal()).isEqualTo(100L);
    assertThat(amount.getDiscountRefund()).isEqualTo(10L);
    assertThat(amount.getCurrency()).isEqualTo("CNY");
    assertThat(amount.getRefundFee()).isNull();
    assertThat(refund.getPromotionDetail()).hasSize(1);
    RefundPromotionDetail promotion = refund.getPromotionDetail().get(0);
    assertThat(promotion.getPromotionId()).isEqualTo("109519");
    assertThat(promotion.getScope()).isEqualTo(PromotionScope.SINGLE);
    assertThat(promotion.getType()).isEqualTo(RefundPromotionType.DISCOUNT);
    assertThat(promotion.getAmount()).isEqualTo(5L);
    assertThat(promotion.getRefundAmount()).isEqualTo(100L);
    assertThat(promotion.getGoodsDetail()).hasSize(1);
    RefundGoodsDetail goods = promotion.getGoodsDetail().get(0);
    assertThat(goods.getMerchantGoodsId()).isEqualTo("1217752501201407033233368018");
    assertThat(goods.getWechatpayGoodsId()).isEqualTo("1001");
    assertThat(goods.getGoodsName()).isEqualTo("iPhone6s 16G");
    assertThat(goods.getUnitPrice()).isEqualTo(528800L);
    assertThat(goods.getRefundAmount()).isEqualTo(528800L);
    assertThat(goods.getRefundQuantity()).isEqualTo(1);
    assertThat(refund.toString()).doesNotContain("0403");
  }

  /** The decrypted resource example of the official refund-notification page. */
  @Test
  void documentationExampleNotificationResourceDecodesEveryField() throws Exception {
    RefundNotification notification =
        notifications.fromJson(resource("refund-notification-example.json"));

    assertThat(notification.getMchid()).isEqualTo("1900000100");
    assertThat(notification.getSpMchid()).isNull();
    assertThat(notification.getSubMchid()).isNull();
    assertThat(notification.getTransactionId()).isEqualTo("1008450740201411110005820873");
    assertThat(notification.getOutTradeNo()).isEqualTo("20150806125346");
    assertThat(notification.getRefundId()).isEqualTo("50200207182018070300011301001");
    assertThat(notification.getOutRefundNo()).isEqualTo("7752501201407033233368018");
    assertThat(notification.getRefundStatus()).isEqualTo(RefundStatus.SUCCESS);
    assertThat(notification.getSuccessTime())
        .isEqualTo(OffsetDateTime.of(2018, 6, 8, 10, 34, 56, 0, ZoneOffset.ofHours(8)));
    assertThat(notification.getUserReceivedAccount()).isEqualTo("招商银行信用卡0403");
    assertThat(notification.getAmount().getTotal()).isEqualTo(999L);
    assertThat(notification.getAmount().getRefund()).isEqualTo(999L);
    assertThat(notification.getAmount().getPayerTotal()).isEqualTo(999L);
    assertThat(notification.getAmount().getPayerRefund()).isEqualTo(999L);
    assertThat(notification.toString()).doesNotContain("0403");
  }

  @Test
  void partnerNotificationCarriesSpAndSubMchidAndTheClosedStatus() throws Exception {
    RefundNotification notification =
        notifications.fromJson(
            "{\"sp_mchid\":\"1230000109\",\"sub_mchid\":\"1900000109\",\"out_trade_no\":\"T1\","
                + "\"transaction_id\":\"4200000001\",\"out_refund_no\":\"R1\",\"refund_id\":\"5030\","
                + "\"refund_status\":\"CLOSED\",\"user_received_account\":\"支付用户零钱\","
                + "\"amount\":{\"total\":3,\"refund\":1,\"payer_total\":3,\"payer_refund\":1}}");

    assertThat(notification.getSpMchid()).isEqualTo("1230000109");
    assertThat(notification.getSubMchid()).isEqualTo("1900000109");
    assertThat(notification.getMchid()).isNull();
    assertThat(notification.getRefundStatus()).isEqualTo(RefundStatus.CLOSED);
    assertThat(notification.getSuccessTime()).isNull();
  }

  /** Where pages and SDKs disagree, every variant decodes (reference: accept liberally). */
  @Test
  void everyDocumentedSpellingAndNewValuesDecode() throws Exception {
    Refund refund =
        refunds.fromJson(
            "{\"status\":\"CLOSE\",\"channel\":\"SOMETHING_NEW\",\"funds_account\":\"ECNY_BASIC\","
                + "\"amount\":{\"total\":3000000000,\"refund\":2999999999,\"refund_fee\":7},"
                + "\"promotion_detail\":[{\"type\":\"CASH\"},{\"type\":\"NOCASH\"},{\"type\":\"COUPON\"},"
                + "{\"type\":\"DISCOUNT\"},{\"type\":\"VOUCHER\",\"scope\":\"REGION\"}],\"new_field\":[1]}");

    assertThat(refund.getStatus()).isEqualTo(RefundStatus.CLOSE);
    assertThat(refund.getChannel()).isEqualTo(RefundChannel.UNKNOWN_DEFAULT_OPEN_API);
    assertThat(refund.getFundsAccount()).isEqualTo(RefundFundsAccount.ECNY_BASIC);
    assertThat(refund.getAmount().getTotal()).isEqualTo(3_000_000_000L);
    assertThat(refund.getAmount().getRefund()).isEqualTo(2_999_999_999L);
    assertThat(refund.getAmount().getRefundFee()).isEqualTo(7L);
    assertThat(refund.getPromotionDetail())
        .extracting(RefundPromotionDetail::getType)
        .containsExactly(
            RefundPromotionType.CASH,
            RefundPromotionType.NOCASH,
            RefundPromotionType.COUPON,
            RefundPromotionType.DISCOUNT,
            RefundPromotionType.UNKNOWN_DEFAULT_OPEN_API);
    assertThat(refund.getPromotionDetail().get(4).getScope())
        .isEqualTo(PromotionScope.UNKNOWN_DEFAULT_OPEN_API);
  }
}
