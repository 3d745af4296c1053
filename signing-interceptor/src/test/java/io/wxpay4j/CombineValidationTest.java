package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.CombineCloseRequest;
import io.wxpay4j.model.CombineCloseSubOrder;
import io.wxpay4j.model.CombinePayerInfo;
import io.wxpay4j.model.CombinePrepayRequest;
import io.wxpay4j.model.CombineSceneInfo;
import io.wxpay4j.model.CombineSubOrder;
import io.wxpay4j.model.CombineSubOrderAmount;
import io.wxpay4j.model.CombineSubTransaction;
import io.wxpay4j.model.CombineTransaction;
import io.wxpay4j.model.TradeState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A combine order that breaks a rule is refused before anything is sent, naming the field (by its
 * JSON path) and the fix.
 */
final class CombineValidationTest {
  private final MockWebServer server = new MockWebServer();
  private WechatPayClient wechatPay;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    wechatPay = LocalClients.forServer(server);
  }

  @AfterEach
  void tearDown() {
    wechatPay.close();
    server.close();
  }

  private static CombineSubOrder.Builder sub(String mchid, String outTradeNo) {
    return CombineSubOrder.builder()
        .mchid(mchid)
        .outTradeNo(outTradeNo)
        .description("饮料")
        .attach("shop")
        .amount(CombineSubOrderAmount.builder().totalAmount(100L).currency("CNY").build());
  }

  private static Consumer<CombinePrepayRequest.Builder> of(CombineSubOrder... subOrders) {
    return order -> order.combineOutTradeNo("C20260101000001").subOrders(List.of(subOrders));
  }

  private static Consumer<CombinePrepayRequest.Builder> valid() {
    return of(sub("1900000211", "S0000001").build(), sub("1900000212", "S0000002").build());
  }

  private void assertRefusedBeforeSending(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aSingleSubOrderIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().prepayNative(of(sub("1900000211", "S0000001").build())),
        "sub_orders has 1 sub-order, but a direct merchant's combine order has 2 to 10"
            + " (普通商户模式只支持2-10笔): pay a single order with orders() instead");
  }

  @Test
  void elevenSubOrdersAreRefused() {
    List<CombineSubOrder> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(sub("1900000211", "S000000" + (10 + i)).build());
    }

    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayNative(o -> o.combineOutTradeNo("C20260101000001").subOrders(eleven)),
        "sub_orders has 11 sub-orders, but a direct merchant's combine order has 2 to 10"
            + " (普通商户模式只支持2-10笔): split the payment into several combine orders");
  }

  @Test
  void noSubOrdersAreRefusedByTheSchema() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayNative(
                    o -> o.combineOutTradeNo("C20260101000001").subOrders(Collections.emptyList())),
        "CombinePrepayRequest.sub_orders must have at least 1 items but has 0");
  }

  @Test
  void fiftyOneSubOrdersAreRefusedByTheSchema() {
    List<CombineSubOrder> many = Collections.nCopies(51, sub("1900000211", "S0000001").build());

    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayNative(o -> o.combineOutTradeNo("C20260101000001").subOrders(many)),
        "CombinePrepayRequest.sub_orders must have at most 50 items but has 51");
  }

  @Test
  void aDuplicateSubOrderOutTradeNoIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayNative(
                    of(
                        sub("1900000211", "S0000001").build(),
                        sub("1900000212", "S0000001").build())),
        "sub_orders[1].out_trade_no \"S0000001\" is also sub_orders[0].out_trade_no: give every"
            + " sub-order its own out_trade_no (it names the sub-order in queries, refunds and bills)");
  }

  /** A valid first sub-order and a second of {@code fen} in {@code currency}. */
  private static Consumer<CombinePrepayRequest.Builder> secondCosting(long fen, String currency) {
    return of(
        sub("1900000211", "S0000001").build(),
        sub("1900000212", "S0000002")
            .amount(CombineSubOrderAmount.builder().totalAmount(fen).currency(currency).build())
            .build());
  }

  @Test
  void aZeroAmountIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().prepayNative(secondCosting(0L, "CNY")),
        "CombineSubOrderAmount.total_amount must be at least 1 but is 0");
  }

  @Test
  void aCurrencyOtherThanCnyIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().prepayNative(secondCosting(100L, "USD")),
        "sub_orders[1].amount.currency must be CNY (the only currency of domestic merchants),"
            + " was \"USD\"");
  }

  @Test
  void anotherCombineMchidIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().prepayNative(valid().andThen(o -> o.combineMchid("1900000999"))),
        "combine_mchid is filled in by the client (1900000109, the initiator 合单发起方); do not set"
            + " it, or use that merchant's client");
  }

  @Test
  void aMissingCombineAppidIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().prepayNative(valid().andThen(o -> o.combineAppid(null))),
        "CombinePrepayRequest.combine_appid is required but was not set");
  }

  @Test
  void aSubOrderMchidThatIsNotAMerchantIdIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayNative(
                    of(sub("1900000211", "S0000001").build(), sub("shop-b", "S0000002").build())),
        "sub_orders[1].mchid must be the sub-order merchant's ID (子单商户号): digits only, e.g."
            + " 1900000109, bound to combine_appid");
  }

  @Test
  void aServiceProvidersSubMchidIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayNative(
                    of(
                        sub("1900000211", "S0000001").subMchid("1900000300").build(),
                        sub("1900000212", "S0000002").build())),
        "sub_orders[0].sub_mchid is for a service provider's combine order (服务商合单), which this"
            + " client does not place; a direct merchant names the sub-order's merchant in mchid:"
            + " remove it");
  }

  @Test
  void aSubOrderOutTradeNoWithAForbiddenCharacterIsRefused() {
    assertRefusedBeforeSending(
        () -> sub("1900000211", "S/000001").build(),
        "CombineSubOrder.out_trade_no must match ^[0-9A-Za-z_\\-|*]{6,32}$ but does not");
  }

  @Test
  void aCombineOutTradeNoOfFiveCharactersIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().prepayNative(valid().andThen(o -> o.combineOutTradeNo("C1234"))),
        "CombinePrepayRequest.combine_out_trade_no must be at least 6 characters but has 5");
  }

  @Test
  void aMissingAttachIsRefused() {
    assertRefusedBeforeSending(
        () -> sub("1900000211", "S0000001").attach(null).build(),
        "CombineSubOrder.attach is required but was not set");
  }

  @Test
  void aDescriptionOf128CharactersIsRefused() {
    assertRefusedBeforeSending(
        () -> sub("1900000211", "S0000001").description("商".repeat(128)).build(),
        "CombineSubOrder.description must be at most 127 characters but has 128");
  }

  @Test
  void aDeviceIdOf17CharactersIsRefused() {
    assertRefusedBeforeSending(
        () ->
            CombineSceneInfo.builder()
                .payerClientIp("203.0.113.7")
                .deviceId("D".repeat(17))
                .build(),
        "CombineSceneInfo.device_id must be at most 16 characters but has 17");
  }

  @Test
  void jsapiWithoutThePayerIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().prepayJsapi(valid()),
        "combine_payer_info.openid is required for JSAPI and mini-program combine prepay: the payer's"
            + " openid under combine_appid");
  }

  @Test
  void nativeWithAPayerIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayNative(
                    valid()
                        .andThen(
                            o ->
                                o.combinePayerInfo(
                                    CombinePayerInfo.builder().openid("oPayer").build()))),
        "combine_payer_info must not be set for NATIVE combine prepay: the payer is known only once"
            + " they pay; remove it");
  }

  @Test
  void h5WithoutH5InfoIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayH5(
                    valid()
                        .andThen(
                            o ->
                                o.sceneInfo(
                                    CombineSceneInfo.builder()
                                        .payerClientIp("203.0.113.7")
                                        .build()))),
        "scene_info.h5_info is required for H5 combine prepay, with scene_info.payer_client_ip the"
            + " payer's real IP");
  }

  @Test
  void anHttpNotifyUrlIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayNative(valid().andThen(o -> o.notifyUrl("http://example.com/notify"))),
        "notify_url must be an https URL reachable from the Internet (WeChat Pay calls it); http is"
            + " accepted only for a loopback notify URL while baseUrl is a local simulator");
  }

  @Test
  void anEmojiInADescriptionIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .combine()
                .prepayNative(
                    of(
                        sub("1900000211", "S0000001").description("饮料🍺").build(),
                        sub("1900000212", "S0000002").build())),
        "/sub_orders/0/description contains a character that UTF-8 encodes in 4 bytes (an emoji or"
            + " a character beyond U+FFFF); WeChat Pay accepts only 1- to 3-byte characters: remove or"
            + " replace it");
  }

  private static Consumer<CombineCloseRequest.Builder> closing(String... outTradeNos) {
    List<CombineCloseSubOrder> subOrders = new ArrayList<>();
    for (String outTradeNo : outTradeNos) {
      subOrders.add(
          CombineCloseSubOrder.builder().mchid("1900000211").outTradeNo(outTradeNo).build());
    }
    return close -> close.subOrders(subOrders);
  }

  @Test
  void aCloseOfOneSubOrderIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().close("C20260101000001", closing("S0000001")),
        "sub_orders has 1 sub-order, but a direct merchant's combine order has 2 to 10"
            + " (普通商户模式只支持2-10笔): pay a single order with orders() instead");
  }

  @Test
  void aCloseWithADuplicateSubOrderIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().close("C20260101000001", closing("S0000001", "S0000001")),
        "sub_orders[1].out_trade_no \"S0000001\" is also sub_orders[0].out_trade_no: give every"
            + " sub-order its own out_trade_no (it names the sub-order in queries, refunds and bills)");
  }

  @Test
  void aQueryOfAMalformedCombineOutTradeNoIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().queryByOutTradeNo("../C1"),
        "combine_out_trade_no must be 6 to 32 characters of 0-9 A-Z a-z _ - | * (合单商户订单号)");
  }

  @Test
  void aReconcileOfAMalformedCombineOutTradeNoIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.combine().reconcile("C 1234"),
        "combine_out_trade_no must be 6 to 32 characters of 0-9 A-Z a-z _ - | * (合单商户订单号)");
  }

  private static CombineTransaction withStates(TradeState... states) {
    List<CombineSubTransaction> subOrders = new ArrayList<>();
    for (TradeState state : states) {
      subOrders.add(
          CombineSubTransaction.builder()
              .mchid("1900000211")
              .outTradeNo("S" + subOrders.size() + "000000")
              .tradeState(state)
              .amount(
                  io.wxpay4j.model.CombineSubTransactionAmount.builder().totalAmount(1L).build())
              .build());
    }
    return CombineTransaction.builder()
        .combineAppid("wxd678efh567hg6787")
        .combineMchid("1900000109")
        .combineOutTradeNo("C20260101000001")
        .subOrders(subOrders)
        .build();
  }

  @Test
  void theDerivedStateIsTheSubOrdersOneState() {
    assertThat(Combine.tradeState(withStates(TradeState.SUCCESS, TradeState.SUCCESS)))
        .isEqualTo(TradeState.SUCCESS);
    assertThat(Combine.tradeState(withStates(TradeState.SUCCESS, TradeState.REFUND)))
        .isEqualTo(TradeState.SUCCESS);
    assertThat(Combine.tradeState(withStates(TradeState.CLOSED, TradeState.CLOSED)))
        .isEqualTo(TradeState.CLOSED);
  }

  @Test
  void mixedSubOrderStatesAreNoStateAtAll() {
    assertThat(Combine.tradeState(withStates(TradeState.SUCCESS, TradeState.NOTPAY))).isNull();
    assertThat(Combine.tradeState(withStates(TradeState.CLOSED, TradeState.NOTPAY))).isNull();
    assertThat(Combine.tradeState(withStates())).isNull();
  }
}
