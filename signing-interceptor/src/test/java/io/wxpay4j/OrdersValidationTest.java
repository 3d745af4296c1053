package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.Amount;
import io.wxpay4j.model.H5Info;
import io.wxpay4j.model.H5Type;
import io.wxpay4j.model.Payer;
import io.wxpay4j.model.PrepayRequest;
import io.wxpay4j.model.SceneInfo;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input is refused with the field and the rule named, before anything is sent. */
final class OrdersValidationTest {
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

  private static Consumer<PrepayRequest.Builder> valid() {
    return order ->
        order
            .description("T-shirt")
            .outTradeNo("order_20240101_0001")
            .amount(Amount.builder().total(100).build());
  }

  private void assertRefusedBeforeSending(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void missingDescriptionIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayNative(valid().andThen(o -> o.description(null))),
        "PrepayRequest.description is required but was not set");
  }

  @Test
  void missingNotifyUrlWithoutDefaultIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayNative(valid().andThen(o -> o.notifyUrl(null))),
        "PrepayRequest.notify_url is required but was not set");
  }

  @Test
  void outTradeNoOfFiveCharactersIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayNative(valid().andThen(o -> o.outTradeNo("12345"))),
        "PrepayRequest.out_trade_no must be at least 6 characters but has 5");
  }

  @Test
  void outTradeNoOfThirtyThreeCharactersIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayNative(valid().andThen(o -> o.outTradeNo("1".repeat(33)))),
        "PrepayRequest.out_trade_no must be at most 32 characters but has 33");
  }

  @Test
  void outTradeNoWithForbiddenCharacterIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayNative(valid().andThen(o -> o.outTradeNo("order/2024"))),
        "PrepayRequest.out_trade_no must match ^[0-9A-Za-z_\\-|*]{6,32}$ but does not");
  }

  @Test
  void queryWithMalformedOutTradeNoIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().queryByOutTradeNo("a b c d e f"),
        "out_trade_no must be 6 to 32 characters of 0-9 A-Z a-z _ - | *");
  }

  @Test
  void queryWithMalformedTransactionIdIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().queryById("../4200"),
        "transaction_id must be WeChat Pay's order number (微信支付订单号): 1 to 32 letters and digits");
  }

  @Test
  void zeroAmountIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayNative(valid().andThen(o -> o.amount(Amount.builder().total(0).build()))),
        "Amount.total must be at least 1 but is 0");
  }

  @Test
  void descriptionOf128CharactersIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayNative(valid().andThen(o -> o.description("商".repeat(128)))),
        "PrepayRequest.description must be at most 127 characters but has 128");
  }

  @Test
  void httpNotifyUrlIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayNative(valid().andThen(o -> o.notifyUrl("http://example.com/notify"))),
        "notify_url must be an https URL reachable from the Internet (WeChat Pay calls it); http is accepted"
            + " only for a loopback notify URL while baseUrl is a local simulator");
  }

  @Test
  void notifyUrlThatDoesNotParseIsEchoedAndSaidSo() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayNative(valid().andThen(o -> o.notifyUrl("https://example.com:0/notify"))),
        "notify_url \"https://example.com:0/notify\" does not parse as a URL (a port of 0 or above"
            + " 65535, a space, a missing scheme…): give an absolute https URL such as"
            + " https://example.com/wechatpay/notify");
  }

  @Test
  void notifyUrlWithQueryStringIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayNative(valid().andThen(o -> o.notifyUrl("https://example.com/n?order=1"))),
        "notify_url must not have a query string: WeChat Pay calls it as given; put the order in the path");
  }

  @Test
  void nonCnyCurrencyIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayNative(
                    valid()
                        .andThen(o -> o.amount(Amount.builder().total(1).currency("USD").build()))),
        "amount.currency must be CNY (the only currency of domestic merchants) or left unset");
  }

  @Test
  void emojiInDescriptionIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayNative(valid().andThen(o -> o.description("T-shirt 👕"))),
        "/description contains a character that UTF-8 encodes in 4 bytes (an emoji or a character beyond"
            + " U+FFFF); WeChat Pay accepts only 1- to 3-byte characters: remove or replace it");
  }

  @Test
  void supplementaryCharacterInNestedFieldIsRefusedWithItsPath() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayH5(
                    valid()
                        .andThen(
                            o ->
                                o.sceneInfo(
                                    SceneInfo.builder()
                                        .payerClientIp("14.23.150.211")
                                        .h5Info(
                                            H5Info.builder()
                                                .type(H5Type.WAP)
                                                .appName("𠀀 shop")
                                                .build())
                                        .build()))),
        "/scene_info/h5_info/app_name contains a character that UTF-8 encodes in 4 bytes (an emoji or a"
            + " character beyond U+FFFF); WeChat Pay accepts only 1- to 3-byte characters: remove or replace it");
  }

  @Test
  void jsapiWithoutPayerIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayJsapi(valid()),
        "payer.openid is required for JSAPI and mini-program prepay");
  }

  @Test
  void appWithPayerIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayApp(valid().andThen(o -> o.payer(Payer.builder().openid("o1").build()))),
        "payer must not be set for APP prepay: the payer is known only once they pay");
  }

  @Test
  void h5WithoutH5InfoIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayH5(
                    valid()
                        .andThen(
                            o ->
                                o.sceneInfo(SceneInfo.builder().payerClientIp("1.2.3.4").build()))),
        "scene_info.h5_info is required for H5 prepay, with scene_info.payer_client_ip the payer's real IP");
  }

  @Test
  void anotherMerchantsMchidIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayNative(valid().andThen(o -> o.mchid("1230000109"))),
        "mchid is filled in by the client (1900000109); do not set it, or use that merchant's client");
  }

  @Test
  void loopbackHttpNotifyUrlIsAcceptedOnlyAgainstALocalServer() {
    // The server here is on loopback, so a loopback http notify URL passes the checks and is sent.
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(500).build());
    assertThatThrownBy(
            () ->
                wechatPay
                    .orders()
                    .withRetryPolicy(
                        RetryPolicy.none()) // the 500 is not retried: one request is counted
                    .prepayNative(valid().andThen(o -> o.notifyUrl("http://127.0.0.1:8080/n"))))
        .isInstanceOf(WechatPayException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
