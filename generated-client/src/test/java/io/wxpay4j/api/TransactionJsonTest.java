package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.PrepayRequest;
import io.wxpay4j.model.PromotionDetail;
import io.wxpay4j.model.PromotionScope;
import io.wxpay4j.model.PromotionType;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.TradeType;
import io.wxpay4j.model.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Decoding and encoding of the generated models with {@link WechatPayJson}. */
final class TransactionJsonTest {
  private final JsonAdapter<Transaction> adapter = WechatPayJson.moshi().adapter(Transaction.class);

  /** The query answer from the order documentation this project starts from. */
  static String example() {
    try (InputStream in =
        TransactionJsonTest.class.getResourceAsStream("/query-response-example.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void documentationExampleDecodesEveryField() throws Exception {
    Transaction order = adapter.fromJson(example());

    assertThat(order.getAmount().getCurrency()).isEqualTo("CNY");
    assertThat(order.getAmount().getPayerCurrency()).isEqualTo("CNY");
    assertThat(order.getAmount().getPayerTotal()).isEqualTo(1);
    assertThat(order.getAmount().getTotal()).isEqualTo(1);
    assertThat(order.getAppid()).isEqualTo("ww16143ea010132711");
    assertThat(order.getAttach()).isEqualTo("自定义数据说明");
    assertThat(order.getBankType()).isEqualTo("BOSH_CREDIT");
    assertThat(order.getMchid()).isEqualTo("1611854986");
    assertThat(order.getOutTradeNo()).isEqualTo("5519778939773395659222199398");
    assertThat(order.getPayer().getOpenid()).isEqualTo("oAuaP0TRUMwP169nQfg7XCEAw3HQ");
    assertThat(order.getPromotionDetail()).isEmpty();
    assertThat(order.getSuccessTime())
        .isEqualTo(OffsetDateTime.of(2021, 8, 28, 14, 42, 39, 0, ZoneOffset.ofHours(8)));
    assertThat(order.getTradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(order.getTradeStateDesc()).isEqualTo("支付成功");
    assertThat(order.getTradeType()).isEqualTo(TradeType.JSAPI);
    assertThat(order.getTransactionId()).isEqualTo("4200001207202108286046087211");
    assertThat(order.getSceneInfo()).isNull();
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    Transaction order =
        adapter.fromJson(
            "{\"appid\":\"wx1\",\"mchid\":\"1\",\"out_trade_no\":\"abcdef\",\"trade_state\":\"NOTPAY\","
                + "\"trade_state_desc\":\"未支付\",\"new_field\":{\"nested\":[1,2,{\"x\":null}]},\"other\":7}");

    assertThat(order.getTradeState()).isEqualTo(TradeState.NOTPAY);
    assertThat(order.getOutTradeNo()).isEqualTo("abcdef");
  }

  @Test
  void unknownEnumValuesDecodeToTheUnknownConstant() throws Exception {
    Transaction order =
        adapter.fromJson(
            "{\"trade_state\":\"PARTIALLY_REFUNDED\",\"trade_type\":\"SOMETHING_NEW\","
                + "\"promotion_detail\":[{\"coupon_id\":\"1\",\"amount\":1,\"scope\":\"REGION\",\"type\":\"GIFT\"}]}");

    assertThat(order.getTradeState()).isEqualTo(TradeState.UNKNOWN_DEFAULT_OPEN_API);
    assertThat(order.getTradeType()).isEqualTo(TradeType.UNKNOWN_DEFAULT_OPEN_API);
    PromotionDetail promotion = order.getPromotionDetail().get(0);
    assertThat(promotion.getScope()).isEqualTo(PromotionScope.UNKNOWN_DEFAULT_OPEN_API);
    assertThat(promotion.getType()).isEqualTo(PromotionType.UNKNOWN_DEFAULT_OPEN_API);
    assertThat(TradeState.fromValue("NEVER_SEEN")).isEqualTo(TradeState.UNKNOWN_DEFAULT_OPEN_API);
  }

  @Test
  void nullValuesDecodeToAbsentFields() throws Exception {
    Transaction order =
        adapter.fromJson(
            "{\"trade_state\":null,\"trade_type\":null,\"success_time\":null,\"payer\":null,"
                + "\"promotion_detail\":null,\"attach\":null}");

    assertThat(order.getTradeState()).isNull();
    assertThat(order.getTradeType()).isNull();
    assertThat(order.getSuccessTime()).isNull();
    assertThat(order.getPayer()).isNull();
    assertThat(order.getPromotionDetail()).isNull();
    assertThat(order.getAttach()).isNull();
  }

  @Test
  void nullsAreNeverWritten() {
    PrepayRequest request =
        PrepayRequest.builder()
            .appid("wx1")
            .mchid("1")
            .description("d")
            .outTradeNo("abcdef")
            .notifyUrl("https://example.com/n")
            .amount(Amount.builder().total(1).build())
            .attach(null)
            .build();

    String json = WechatPayJson.moshi().adapter(PrepayRequest.class).toJson(request);

    assertThat(json).doesNotContain("null").doesNotContain("attach").doesNotContain("currency");
  }

  @Test
  void rfc3339TimesParseWithOffsetZuluAndFraction() throws Exception {
    Instant expected = Instant.parse("2021-08-28T06:42:39Z");
    for (String time :
        new String[] {
          "2021-08-28T14:42:39+08:00", "2021-08-28T06:42:39Z", "2021-08-28T14:42:39.000+08:00"
        }) {
      Transaction order = adapter.fromJson("{\"success_time\":\"" + time + "\"}");
      assertThat(order.getSuccessTime().toInstant()).as(time).isEqualTo(expected);
    }
  }

  @Test
  void timesAreWrittenWithSecondsAndNumericOffset() {
    String json =
        WechatPayJson.moshi()
            .adapter(Transaction.class)
            .toJson(
                Transaction.builder()
                    .appid("wx1")
                    .mchid("1")
                    .outTradeNo("abcdef")
                    .tradeState(TradeState.SUCCESS)
                    .tradeStateDesc("ok")
                    .successTime(
                        OffsetDateTime.of(2021, 8, 28, 6, 42, 39, 123_000_000, ZoneOffset.UTC))
                    .build());

    assertThat(json).contains("\"success_time\":\"2021-08-28T06:42:39+00:00\"");
  }
}
