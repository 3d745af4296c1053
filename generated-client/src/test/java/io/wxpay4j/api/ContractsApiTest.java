package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.AppWithContractPrepayRequest;
import io.wxpay4j.model.Contract;
import io.wxpay4j.model.ContractInfo;
import io.wxpay4j.model.ContractState;
import io.wxpay4j.model.JsapiContractInfo;
import io.wxpay4j.model.JsapiWithContractPrepayRequest;
import io.wxpay4j.model.Payer;
import io.wxpay4j.model.PrepayResponse;
import io.wxpay4j.model.TerminateContractRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * What each generated 支付中签约 operation (beta) puts on the wire, over a real loopback server: the two
 * with-contract prepays of {@link OrdersApi} and the contract query and terminate of {@link
 * ContractsApi}.
 */
final class ContractsApiTest {
  private final MockWebServer server = new MockWebServer();
  private OrdersApi orders;
  private ContractsApi contracts;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    Retrofit retrofit =
        new Retrofit.Builder()
            .baseUrl(server.url("/"))
            .addConverterFactory(MoshiConverterFactory.create(WechatPayJson.moshi()))
            .build();
    orders = retrofit.create(OrdersApi.class);
    contracts = retrofit.create(ContractsApi.class);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private void enqueueJson(String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  private static void assertJsonPost(RecordedRequest request, String target, String body) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(target);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().utf8()).isEqualTo(body);
  }

  /** The transcription's example values: plan_id and request_serial are JSON strings. */
  static ContractInfo.Builder contractInfo() {
    return ContractInfo.builder()
        .planId("3484306348")
        .contractMchid("1230000109")
        .contractAppid("wxd678efh567hg6787")
        .contractCode("100001256")
        .requestSerial("1695")
        .contractDisplayAccount("微信代扣")
        .contractNotifyUrl("https://yourapp.com/contract/notify");
  }

  private static final String CONTRACT_INFO_JSON =
      "\"contract_info\":{\"contract_appid\":\"wxd678efh567hg6787\",\"contract_code\":\"100001256\","
          + "\"contract_display_account\":\"微信代扣\",\"contract_mchid\":\"1230000109\","
          + "\"contract_notify_url\":\"https://yourapp.com/contract/notify\",\"plan_id\":\"3484306348\","
          + "\"request_serial\":\"1695\"}";

  private static final String CONTRACT_JSON =
      "{\"mchid\":\"1230000109\",\"contract_id\":\"202011065409471222\",\"appid\":\"wxd678efh567hg6787\","
          + "\"plan_id\":3484306348,\"out_contract_code\":\"100001256\",\"contract_display_account\":\"微信代扣\","
          + "\"contract_state\":\"SIGNED\",\"contract_signed_time\":\"2015-07-01T10:00:00+08:00\","
          + "\"contract_expired_time\":\"2016-07-01T10:00:00+08:00\",\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}";

  @Test
  void prepayAppWithContractPostsTheOrderAndTheContractInfoWithStringIds() throws Exception {
    enqueueJson("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}");
    AppWithContractPrepayRequest request =
        AppWithContractPrepayRequest.builder()
            .appid("wxd678efh567hg6787")
            .mchid("1230000109")
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo("1217752501201407033233368018")
            .notifyUrl("https://www.weixin.qq.com/wxpay/pay.php")
            .amount(Amount.builder().total(100).currency("CNY").build())
            .contractInfo(contractInfo().build())
            .build();

    PrepayResponse answer = orders.prepayAppWithContract(request).execute().body();

    assertThat(answer.getPrepayId()).isEqualTo("wx201410272009395522657a690389285100");
    // Moshi writes fields in JSON-name order; WeChat Pay does not depend on key order.
    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/transactions/app-with-contract",
        "{\"amount\":{\"currency\":\"CNY\",\"total\":100},\"appid\":\"wxd678efh567hg6787\","
            + CONTRACT_INFO_JSON
            + ",\"description\":\"Image形象店-深圳腾大-QQ公仔\",\"mchid\":\"1230000109\","
            + "\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\","
            + "\"out_trade_no\":\"1217752501201407033233368018\"}");
  }

  @Test
  void prepayJsapiWithContractPostsThePayerAndTheSigningMembers() throws Exception {
    enqueueJson("{\"prepay_id\":\"wx2016\"}");
    JsapiWithContractPrepayRequest request =
        JsapiWithContractPrepayRequest.builder()
            .appid("wxd678efh567hg6787")
            .mchid("1230000109")
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo("1217752501201407033233368018")
            .notifyUrl("https://www.weixin.qq.com/wxpay/pay.php")
            .amount(Amount.builder().total(100).build())
            .payer(Payer.builder().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").build())
            .contractInfo(
                JsapiContractInfo.builder()
                    .planId("3484306348")
                    .contractMchid("1230000109")
                    .contractAppid("wxd678efh567hg6787")
                    .contractCode("100001256")
                    .requestSerial("1695")
                    .contractDisplayAccount("微信代扣")
                    .contractNotifyUrl("https://yourapp.com/contract/notify")
                    .build())
            .build();

    assertThat(orders.prepayJsapiWithContract(request).execute().body().getPrepayId())
        .isEqualTo("wx2016");
    assertJsonPost(
        server.takeRequest(),
        "/v3/pay/transactions/jsapi-with-contract",
        "{\"amount\":{\"total\":100},\"appid\":\"wxd678efh567hg6787\","
            + CONTRACT_INFO_JSON
            + ",\"description\":\"Image形象店-深圳腾大-QQ公仔\",\"mchid\":\"1230000109\","
            + "\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\","
            + "\"out_trade_no\":\"1217752501201407033233368018\","
            + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}}");
    assertThat(request.toString()).doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
  }

  @Test
  void prepayJsapiWithContractCanCarryAPreAuthorisationTokenAlone() throws Exception {
    enqueueJson("{\"prepay_id\":\"wx2017\"}");
    JsapiWithContractPrepayRequest request =
        JsapiWithContractPrepayRequest.builder()
            .appid("wxd678efh567hg6787")
            .mchid("1230000109")
            .description("T")
            .outTradeNo("1217752501201407033233368019")
            .notifyUrl("https://www.weixin.qq.com/wxpay/pay.php")
            .amount(Amount.builder().total(1).build())
            .payer(Payer.builder().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").build())
            .contractInfo(JsapiContractInfo.builder().token("TOKEN_1").build())
            .build();

    orders.prepayJsapiWithContract(request).execute();

    assertThat(server.takeRequest().getBody().utf8())
        .contains("\"contract_info\":{\"token\":\"TOKEN_1\"}");
  }

  @Test
  void queryContractPutsPlanIdAndTheEncodedContractCodeInThePath() throws Exception {
    enqueueJson(CONTRACT_JSON);

    Contract contract = contracts.queryContract(3484306348L, "C|1 2").execute().body();

    assertThat(contract.getContractState()).isEqualTo(ContractState.SIGNED);
    assertThat(contract.getPlanId()).isEqualTo(3484306348L);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    // What is on the wire is what must be signed; a direct merchant sends no query string.
    assertThat(request.getTarget())
        .isEqualTo("/v3/papay/sign/contracts/plan-id/3484306348/out-contract-code/C%7C1%202");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void terminateContractPostsTheRemark() throws Exception {
    enqueueJson(
        CONTRACT_JSON
            .replace("\"SIGNED\"", "\"TERMINATED\"")
            .replace(
                "}",
                ",\"contract_terminate_info\":{\"contract_termination_mode\":\"MCH_API_TERMINATE\","
                    + "\"contract_terminated_time\":\"2015-12-01T10:00:00+08:00\","
                    + "\"contract_termination_remark\":\"用户要求解约\"}}"));

    Contract contract =
        contracts
            .terminateContract(
                12535L,
                "100001256",
                TerminateContractRequest.builder().contractTerminationRemark("用户要求解约").build())
            .execute()
            .body();

    assertThat(contract.getContractState()).isEqualTo(ContractState.TERMINATED);
    assertThat(contract.getContractTerminateInfo().getContractTerminationRemark())
        .isEqualTo("用户要求解约");
    assertJsonPost(
        server.takeRequest(),
        "/v3/papay/sign/contracts/plan-id/12535/out-contract-code/100001256/terminate",
        "{\"contract_termination_remark\":\"用户要求解约\"}");
  }

  @Test
  void terminateAnswerWithOnlyTheTwinsThreeFieldsDecodes() throws Exception {
    enqueueJson(
        "{\"mchid\":\"1230000109\",\"plan_id\":\"12535\",\"out_contract_code\":\"100001256\"}");

    Contract contract =
        contracts
            .terminateContract(
                12535L,
                "100001256",
                TerminateContractRequest.builder().contractTerminationRemark("r").build())
            .execute()
            .body();

    assertThat(contract.getPlanId()).isEqualTo(12535L);
    assertThat(contract.getContractState()).isNull();
    assertThat(contract.getContractId()).isNull();
  }

  @Test
  void buildersEnforceTheSendRulesOfContractInfo() {
    assertThatThrownBy(() -> contractInfo().planId(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ContractInfo.plan_id is required but was not set");
    assertThatThrownBy(() -> contractInfo().planId("P12535").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ContractInfo.plan_id must match ^[0-9]{1,28}$ but does not");
    assertThatThrownBy(() -> contractInfo().contractCode("C-1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ContractInfo.contract_code must match ^[0-9A-Za-z]{1,32}$ but does not");
    assertThatThrownBy(() -> contractInfo().requestSerial("01695").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ContractInfo.request_serial must match ^[1-9][0-9]{0,11}$ but does not");
    assertThatThrownBy(() -> contractInfo().contractDisplayAccount("账".repeat(33)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ContractInfo.contract_display_account must be at most 32 characters but has 33");
    assertThatThrownBy(
            () ->
                contractInfo().contractNotifyUrl("https://example.com/" + "n".repeat(237)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ContractInfo.contract_notify_url must be at most 256 characters but has 257");
    assertThatThrownBy(
            () -> TerminateContractRequest.builder().contractTerminationRemark("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "TerminateContractRequest.contract_termination_remark must be at least 1 characters but has 0");
    assertThatThrownBy(
            () ->
                AppWithContractPrepayRequest.builder()
                    .appid("wxd678efh567hg6787")
                    .mchid("1230000109")
                    .description("T")
                    .outTradeNo("1217752501201407033233368018")
                    .notifyUrl("https://www.weixin.qq.com/wxpay/pay.php")
                    .amount(Amount.builder().total(1).build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AppWithContractPrepayRequest.contract_info is required but was not set");
  }
}
