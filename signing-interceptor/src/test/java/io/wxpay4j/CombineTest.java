package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.CombineCloseRequest;
import io.wxpay4j.model.CombineCloseSubOrder;
import java.util.List;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Combine answers the simulator does not give, on the wire with signed answers: a close answered
 * {@code 202 USER_PAYING} is not a close, and a query answer about another combine order or
 * initiator is refused.
 */
final class CombineTest {
  private final MockWebServer server = new MockWebServer();
  private WechatPayClient wechatPay;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    wechatPay =
        WechatPayClient.builder()
            .merchantId("1900000109")
            .merchantKey(SignedAnswers.MERCHANT_SERIAL, SignedAnswers.MERCHANT.getPrivate())
            .platformPublicKey(SignedAnswers.PUBLIC_KEY_ID, SignedAnswers.PLATFORM.getPublic())
            .appId("wxd678efh567hg6787")
            .baseUrl(server.url("/").toString())
            .build();
  }

  @AfterEach
  void tearDown() {
    wechatPay.close();
    server.close();
  }

  private static Consumer<CombineCloseRequest.Builder> both() {
    return close ->
        close.subOrders(
            List.of(
                CombineCloseSubOrder.builder().mchid("1900000211").outTradeNo("S0000001").build(),
                CombineCloseSubOrder.builder().mchid("1900000212").outTradeNo("S0000002").build()));
  }

  @Test
  void closeAnswered204SendsTheSubOrdersAndTheCombineAppid() throws Exception {
    server.enqueue(SignedAnswers.noContent());

    WechatPayResponse<Void> closed = wechatPay.combine().close("C20260101000001", both());

    assertThat(closed.httpStatus()).isEqualTo(204);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget())
        .isEqualTo("/v3/combine-transactions/out-trade-no/C20260101000001/close");
    assertThat(request.getBody().utf8())
        .isEqualTo(
            "{\"combine_appid\":\"wxd678efh567hg6787\",\"sub_orders\":["
                + "{\"mchid\":\"1900000211\",\"out_trade_no\":\"S0000001\"},"
                + "{\"mchid\":\"1900000212\",\"out_trade_no\":\"S0000002\"}]}");
  }

  @Test
  void closeAnsweredUserPayingIsNotAClose() {
    server.enqueue(
        SignedAnswers.json(202, "{\"code\":\"USER_PAYING\",\"message\":\"用户支付中，请稍后再试\"}"));

    assertThatThrownBy(() -> wechatPay.combine().close("C20260101000001", both()))
        .isInstanceOfSatisfying(
            WechatPayException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(202);
              assertThat(e.mayHaveTakenEffect()).isTrue();
            })
        .hasMessage(
            "closeCombine was not carried out: WeChat Pay answered 202 (USER_PAYING: the payer is"
                + " paying) instead of 204; query the combine order after 5 seconds and close it again"
                + " only if it is still unpaid");
  }

  @Test
  void queryAnswerAboutAnotherCombineOrderIsRefused() {
    server.enqueue(
        SignedAnswers.json(
            200,
            "{\"combine_appid\":\"wxd678efh567hg6787\",\"combine_mchid\":\"1900000109\","
                + "\"combine_out_trade_no\":\"C20260101000002\",\"sub_orders\":[]}"));

    assertThatThrownBy(() -> wechatPay.combine().queryByOutTradeNo("C20260101000001"))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(WechatPaySignatureException.Reason.WRONG_SUBJECT))
        .hasMessageContaining(
            "the verified answer is about combine_out_trade_no \"C20260101000002\", not the"
                + " \"C20260101000001\" asked for");
  }

  @Test
  void queryAnswerAboutAnotherInitiatorIsRefused() {
    server.enqueue(
        SignedAnswers.json(
            200,
            "{\"combine_appid\":\"wxd678efh567hg6787\",\"combine_mchid\":\"1900000999\","
                + "\"combine_out_trade_no\":\"C20260101000001\",\"sub_orders\":[]}"));

    assertThatThrownBy(() -> wechatPay.combine().queryByOutTradeNo("C20260101000001"))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(WechatPaySignatureException.Reason.WRONG_SUBJECT))
        .hasMessageContaining("the verified answer is about combine_mchid \"1900000999\"");
  }
}
