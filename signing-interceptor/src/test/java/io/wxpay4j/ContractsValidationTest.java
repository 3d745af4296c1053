package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.Amount;
import io.wxpay4j.model.AppWithContractPrepayRequest;
import io.wxpay4j.model.ContractInfo;
import io.wxpay4j.model.JsapiContractInfo;
import io.wxpay4j.model.JsapiWithContractPrepayRequest;
import io.wxpay4j.model.Payer;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 支付中签约 (beta): bad pay-and-sign orders and contract calls are refused with the field and the rule
 * named, before anything is sent.
 */
final class ContractsValidationTest {
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

  private static ContractInfo.Builder contract() {
    return ContractInfo.builder()
        .planId("12535")
        .contractMchid("1900000109")
        .contractAppid("wxd678efh567hg6787")
        .contractCode("C20240101")
        .requestSerial("1695")
        .contractDisplayAccount("会员")
        .contractNotifyUrl("https://example.com/wechatpay/contract");
  }

  private static Consumer<AppWithContractPrepayRequest.Builder> app(ContractInfo.Builder info) {
    return order ->
        order
            .description("会员月卡")
            .outTradeNo("order_20240101_0001")
            .amount(Amount.builder().total(1500).build())
            .contractInfo(info.build());
  }

  private static JsapiContractInfo.Builder jsapiContract() {
    return JsapiContractInfo.builder()
        .planId("12535")
        .contractMchid("1900000109")
        .contractAppid("wxd678efh567hg6787")
        .contractCode("C20240101")
        .requestSerial("1695")
        .contractDisplayAccount("会员");
  }

  private static Consumer<JsapiWithContractPrepayRequest.Builder> jsapi(
      JsapiContractInfo.Builder info) {
    return order ->
        order
            .description("会员月卡")
            .outTradeNo("order_20240101_0002")
            .amount(Amount.builder().total(1500).build())
            .payer(Payer.builder().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").build())
            .contractInfo(info.build());
  }

  private void assertRefusedBeforeSending(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void appOrderWithoutContractInfoIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContract(
                    order ->
                        order
                            .description("会员月卡")
                            .outTradeNo("order_20240101_0001")
                            .amount(Amount.builder().total(1500).build())),
        "AppWithContractPrepayRequest.contract_info is required but was not set");
  }

  @Test
  void contractInfoWithoutPlanIdIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayAppWithContract(app(contract().planId(null))),
        "ContractInfo.plan_id is required but was not set");
  }

  @Test
  void contractInfoWithoutContractMchidIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayAppWithContract(app(contract().contractMchid(null))),
        "ContractInfo.contract_mchid is required but was not set");
  }

  @Test
  void contractInfoWithoutRequestSerialIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayAppWithContractAsync(app(contract().requestSerial(null))),
        "ContractInfo.request_serial is required but was not set");
  }

  @Test
  void planIdWithLettersIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayAppWithContract(app(contract().planId("plan1"))),
        "ContractInfo.plan_id must match ^[0-9]{1,28}$ but does not");
  }

  @Test
  void requestSerialWithALeadingZeroIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayAppWithContract(app(contract().requestSerial("0169"))),
        "ContractInfo.request_serial must match ^[1-9][0-9]{0,11}$ but does not");
  }

  @Test
  void requestSerialOfThirteenDigitsIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContract(app(contract().requestSerial("1234567890123"))),
        "ContractInfo.request_serial must be at most 12 characters but has 13");
  }

  @Test
  void contractCodeOfThirtyThreeCharactersIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay.orders().prepayAppWithContract(app(contract().contractCode("C".repeat(33)))),
        "ContractInfo.contract_code must be at most 32 characters but has 33");
  }

  @Test
  void contractCodeWithAnUnderscoreIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayAppWithContract(app(contract().contractCode("C_2024"))),
        "ContractInfo.contract_code must match ^[0-9A-Za-z]{1,32}$ but does not");
  }

  @Test
  void displayAccountOfThirtyThreeCharactersIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContract(app(contract().contractDisplayAccount("会".repeat(33)))),
        "ContractInfo.contract_display_account must be at most 32 characters but has 33");
  }

  @Test
  void displayAccountWithAnEmojiIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContract(app(contract().contractDisplayAccount("会员\uD83D\uDE00"))),
        "/contract_info/contract_display_account contains a character that UTF-8 encodes in 4"
            + " bytes (an emoji or a character beyond U+FFFF); WeChat Pay accepts only 1- to 3-byte"
            + " characters: remove or replace it");
  }

  @Test
  void plainHttpContractNotifyUrlIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContract(
                    app(contract().contractNotifyUrl("http://example.com/wechatpay/contract"))),
        "contract_info.contract_notify_url must be an https URL reachable from the Internet (WeChat"
            + " Pay calls it); http is accepted only for a loopback notify URL while baseUrl is a"
            + " local simulator");
  }

  @Test
  void contractNotifyUrlWithAQueryStringIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContract(
                    app(contract().contractNotifyUrl("https://example.com/contract?user=1"))),
        "contract_info.contract_notify_url must not have a query string: WeChat Pay calls it as"
            + " given; put the order in the path");
  }

  @Test
  void relativeContractNotifyUrlIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContract(app(contract().contractNotifyUrl("/wechatpay/contract"))),
        "contract_info.contract_notify_url \"/wechatpay/contract\" does not parse as a URL (a port of 0"
            + " or above 65535, a space, a missing scheme…): give an absolute https URL such as"
            + " https://example.com/wechatpay/notify");
  }

  @Test
  void contractNotifyUrlOfTwoHundredFiftySevenCharactersIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContract(
                    app(contract().contractNotifyUrl("https://example.com/" + "n".repeat(237)))),
        "ContractInfo.contract_notify_url must be at most 256 characters but has 257");
  }

  @Test
  void plainHttpPaymentNotifyUrlIsRefusedAsForPlainOrders() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContractWithPayParameters(
                    app(contract()).andThen(o -> o.notifyUrl("http://example.com/notify"))),
        "notify_url must be an https URL reachable from the Internet (WeChat Pay calls it); http is"
            + " accepted only for a loopback notify URL while baseUrl is a local simulator");
  }

  @Test
  void anotherMerchantsMchidIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayAppWithContract(app(contract()).andThen(o -> o.mchid("1900000999"))),
        "mchid is filled in by the client (1900000109); do not set it, or use that merchant's"
            + " client");
  }

  @Test
  void jsapiOrderWithoutPayerIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayJsapiWithContract(jsapi(jsapiContract()).andThen(o -> o.payer(null))),
        "JsapiWithContractPrepayRequest.payer is required but was not set");
  }

  @Test
  void jsapiSigningWithoutContractCodeIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayJsapiWithContract(jsapi(jsapiContract().contractCode(null))),
        "contract_info.contract_code is required to sign a contract while paying (支付中签约): set"
            + " plan_id, contract_mchid, contract_appid, contract_code, request_serial and"
            + " contract_display_account, or send token or password_free_contract_id alone to pay"
            + " under an existing authorisation");
  }

  @Test
  void jsapiEmptyContractInfoIsRefusedNamingTheFirstSigningMember() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayJsapiWithContractWithPayParametersAsync(jsapi(JsapiContractInfo.builder())),
        "contract_info.plan_id is required to sign a contract while paying (支付中签约): set"
            + " plan_id, contract_mchid, contract_appid, contract_code, request_serial and"
            + " contract_display_account, or send token or password_free_contract_id alone to pay"
            + " under an existing authorisation");
  }

  @Test
  void jsapiTokenMixedWithSigningMembersIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.orders().prepayJsapiWithContract(jsapi(jsapiContract().token("TOKEN_1"))),
        "contract_info mixes an existing authorisation (token) with signing members (plan_id,"
            + " contract_code, …): send one set; WeChat Pay has not documented a mix");
  }

  @Test
  void jsapiTokenAndPasswordFreeContractIdTogetherAreRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayJsapiWithContract(
                    jsapi(
                        JsapiContractInfo.builder()
                            .token("TOKEN_1")
                            .passwordFreeContractId("202011065409471222"))),
        "contract_info.token and contract_info.password_free_contract_id are two ways to pay under"
            + " an existing authorisation: send one of them");
  }

  @Test
  void jsapiPlainHttpContractNotifyUrlIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .orders()
                .prepayJsapiWithContract(
                    jsapi(jsapiContract().contractNotifyUrl("http://example.com/contract"))),
        "contract_info.contract_notify_url must be an https URL reachable from the Internet (WeChat"
            + " Pay calls it); http is accepted only for a loopback notify URL while baseUrl is a"
            + " local simulator");
  }

  @Test
  void queryWithPlanIdZeroIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.contracts().query(0, "C20240101"),
        "plan_id must be the positive template id (委托代扣协议模板ID) of 商户平台, was 0");
  }

  @Test
  void queryWithAContractCodeOfThirtyThreeCharactersIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.contracts().queryAsync(12535, "C".repeat(33)),
        "out_contract_code must be 1 to 32 characters (the contract_code sent at signing), has 33");
  }

  @Test
  void queryWithABlankContractCodeIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.contracts().query(12535, " "),
        "out_contract_code must be 1 to 32 characters (the contract_code sent at signing), has 1");
  }

  @Test
  void terminateWithoutARemarkIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.contracts().terminate(12535, "C20240101", ""),
        "contract_termination_remark is required: say why the merchant terminates (解约原因)");
  }

  @Test
  void terminateWithARemarkOfTwoHundredFiftySevenCharactersIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.contracts().terminateAsync(12535, "C20240101", "因".repeat(257)),
        "contract_termination_remark must be at most 256 characters but has 257");
  }

  @Test
  void terminateWithPlanIdMinusOneIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.contracts().terminate(-1, "C20240101", "用户取消"),
        "plan_id must be the positive template id (委托代扣协议模板ID) of 商户平台, was -1");
  }

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> wechatPay.contracts().query(12535, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("outContractCode == null");
    assertThatThrownBy(() -> wechatPay.contracts().terminate(12535, "C1", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("remark == null");
    assertThat(server.getRequestCount()).isZero();
  }
}
