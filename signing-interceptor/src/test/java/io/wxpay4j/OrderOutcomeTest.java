package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How query answers and failures map to the five outcomes. */
final class OrderOutcomeTest {
  @Test
  void everyTradeStateMapsToAnOutcome() {
    Map<TradeState, OrderOutcome.Status> expected = new EnumMap<>(TradeState.class);
    expected.put(TradeState.NOTPAY, OrderOutcome.Status.CREATED);
    expected.put(TradeState.USERPAYING, OrderOutcome.Status.CREATED);
    expected.put(TradeState.ACCEPT, OrderOutcome.Status.CREATED);
    expected.put(TradeState.PAYERROR, OrderOutcome.Status.CREATED);
    expected.put(TradeState.SUCCESS, OrderOutcome.Status.PAID);
    expected.put(TradeState.REFUND, OrderOutcome.Status.PAID);
    expected.put(TradeState.CLOSED, OrderOutcome.Status.CLOSED);
    expected.put(TradeState.REVOKED, OrderOutcome.Status.CLOSED);
    expected.put(TradeState.UNKNOWN_DEFAULT_OPEN_API, OrderOutcome.Status.UNKNOWN);

    assertThat(expected).hasSize(TradeState.values().length);
    expected.forEach(
        (state, status) ->
            assertThat(OrderOutcome.status(state)).as(state.name()).isEqualTo(status));
    assertThat(OrderOutcome.status(null)).isEqualTo(OrderOutcome.Status.UNKNOWN);
  }

  @Test
  void anAnswerAboutAnotherOrderIsNeverTrusted() {
    Transaction other = transaction("order_0002", "SUCCESS");

    OrderOutcome<Transaction> outcome =
        OrderOutcome.of("order_0001", other, other.getOutTradeNo(), other.getTradeState());

    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.UNKNOWN);
    assertThat(outcome.isFinal()).isFalse();
  }

  @Test
  void orderNotExistIsNotFoundAndOtherFailuresAreUnknown() {
    OrderOutcome<Transaction> notFound =
        OrderOutcome.failed("order_0001", apiError(404, "ORDER_NOT_EXIST"));
    OrderOutcome<Transaction> oldSpelling =
        OrderOutcome.failed("order_0001", apiError(404, "ORDERNOTEXIST"));
    OrderOutcome<Transaction> overloaded =
        OrderOutcome.failed("order_0001", apiError(503, "SERVICE_UNAVAILABLE"));

    assertThat(notFound.status()).isEqualTo(OrderOutcome.Status.NOT_FOUND);
    assertThat(oldSpelling.status()).isEqualTo(OrderOutcome.Status.NOT_FOUND);
    assertThat(overloaded.status()).isEqualTo(OrderOutcome.Status.UNKNOWN);
    assertThat(overloaded.failure()).isInstanceOf(WechatPayApiException.class);
    assertThat(overloaded.toString())
        .isEqualTo(
            "OrderOutcome{outTradeNo=order_0001, status=UNKNOWN, failure=WechatPayApiException}");
  }

  @Test
  void anUnverifiedNotFoundIsNeverNotFound() {
    byte[] body =
        "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    WechatPayApiException unsigned =
        new WechatPayApiException(
            WechatPayErrorResponse.parse(404, "R-404", body), "queryByOutTradeNo", false);

    OrderOutcome<Transaction> outcome = OrderOutcome.failed("order_0001", unsigned);

    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.UNKNOWN);
    assertThat(unsigned.mayHaveTakenEffect()).isTrue();
  }

  @Test
  void toStringLeavesOutPayerData() {
    Transaction paid = transaction("order_0001", "SUCCESS");
    assertThat(paid.getPayer().getOpenid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");

    OrderOutcome<Transaction> outcome =
        OrderOutcome.of("order_0001", paid, paid.getOutTradeNo(), paid.getTradeState());

    assertThat(outcome.status()).isEqualTo(OrderOutcome.Status.PAID);
    assertThat(outcome.isFinal()).isTrue();
    assertThat(outcome.toString())
        .isEqualTo("OrderOutcome{outTradeNo=order_0001, status=PAID, tradeState=SUCCESS}")
        .doesNotContain("oUpF8");
  }

  private static Transaction transaction(String outTradeNo, String tradeState) {
    try {
      return io.wxpay4j.json.WechatPayJson.moshi()
          .adapter(Transaction.class)
          .fromJson(
              "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000109\",\"out_trade_no\":\""
                  + outTradeNo
                  + "\",\"trade_type\":\"NATIVE\",\"trade_state\":\""
                  + tradeState
                  + "\",\"trade_state_desc\":\"d\",\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}}");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static WechatPayApiException apiError(int status, String code) {
    byte[] body =
        ("{\"code\":\"" + code + "\",\"message\":\"m\"}").getBytes(StandardCharsets.UTF_8);
    return new WechatPayApiException(
        WechatPayErrorResponse.parse(status, "R-" + status, body), "queryByOutTradeNo", true);
  }
}
