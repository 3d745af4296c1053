package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.simulator.TestClient.Answer;
import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * 支付中签约 end to end over loopback: the with-contract prepays, the payer paying and signing (or not),
 * the payment and ENTRUST.* notices, the papay query and terminate, the rules of the reference
 * (pay-with-contract.md §7–§8), spec validation, faults and the control API. Only the simulator's
 * own clock is used.
 */
class ContractsFunctionalTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final long PLAN = 3484306348L;
  private static final String APP = "/v3/pay/transactions/app-with-contract";
  private static final String JSAPI = "/v3/pay/transactions/jsapi-with-contract";
  private static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  private static final MockWebServer receiver = new MockWebServer();
  private static WechatPaySimulator simulator;
  private static TestClient client;
  private static SimulatorMerchant merchant;
  private static PublicKey platformKey;

  @BeforeAll
  static void start() throws Exception {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(204).build();
          }
        });
    receiver.start(InetAddress.getLoopbackAddress(), 0);
    simulator =
        WechatPaySimulator.builder().plan(PLAN, "会员自动续费", url("/contract/terminated")).start();
    client = new TestClient(simulator);
    merchant = simulator.merchant();
    platformKey = merchant.platformCertificate().getPublicKey();
  }

  @AfterAll
  static void stop() {
    simulator.close();
    receiver.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + receiver.getPort() + path;
  }

  private static String id(String prefix) {
    return String.format("%s%dx%05d", prefix, IDS.incrementAndGet(), System.nanoTime() % 100000);
  }

  private static String serial() {
    return Long.toString(100000 + IDS.incrementAndGet());
  }

  private static String contractInfo(String contractCode, String serial, String extra) {
    return "\"contract_info\":{\"plan_id\":\""
        + PLAN
        + "\",\"contract_mchid\":\""
        + merchant.merchantId()
        + "\",\"contract_appid\":\""
        + merchant.appId()
        + "\",\"contract_code\":\""
        + contractCode
        + "\",\"request_serial\":\""
        + serial
        + "\",\"contract_display_account\":\"会员小王\""
        + extra
        + "}";
  }

  private static String signing(String contractCode) {
    return contractInfo(
        contractCode, serial(), ",\"contract_notify_url\":\"" + url("/contract/signed") + "\"");
  }

  private static Answer prepayApp(String outTradeNo, String contractInfo) {
    return client.post(
        APP, TestClient.prepayBody(merchant, outTradeNo, url("/pay/notify"), contractInfo));
  }

  private static Answer prepayJsapi(String outTradeNo, String contractInfo) {
    return client.post(
        JSAPI,
        TestClient.prepayBody(
            merchant, outTradeNo, url("/pay/notify"), TestClient.PAYER + "," + contractInfo));
  }

  private static Answer query(long planId, String code) {
    return client.get("/v3/papay/sign/contracts/plan-id/" + planId + "/out-contract-code/" + code);
  }

  private static Answer terminate(long planId, String code, String remark) {
    return client.post(
        "/v3/papay/sign/contracts/plan-id/" + planId + "/out-contract-code/" + code + "/terminate",
        "{\"contract_termination_remark\":\"" + remark + "\"}");
  }

  private static Answer ok(Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.signedBy(platformKey)).isTrue();
    return answer;
  }

  /** A paid APP order whose payer signed; returns its contract code. */
  private static String signedContract(String outTradeNo) {
    String code = id("C");
    ok(prepayApp(outTradeNo, signing(code)));
    simulator.pay(outTradeNo);
    return code;
  }

  /** The first delivery of this event about this order (waits for it to be made). */
  private static NotificationAttempt notice(String outTradeNo, String eventType) {
    int seen = 0;
    while (true) {
      List<NotificationAttempt> log =
          simulator.awaitNotifications(seen + 1, Duration.ofSeconds(10));
      for (NotificationAttempt attempt : log) {
        if (outTradeNo.equals(attempt.outTradeNo()) && eventType.equals(attempt.eventType())) {
          return attempt;
        }
      }
      seen = log.size();
    }
  }

  /** Checks what a merchant's handler checks and returns the decrypted resource. */
  private static JsonNode verifiedResource(NotificationAttempt attempt, String summary) {
    assertThat(attempt.delivered()).as(attempt.toString()).isTrue();
    Map<String, String> headers = attempt.requestHeaders();
    String body = attempt.requestBody();
    assertThat(
            TestCrypto.verify(
                platformKey,
                headers.get("Wechatpay-Timestamp")
                    + "\n"
                    + headers.get("Wechatpay-Nonce")
                    + "\n"
                    + body
                    + "\n",
                headers.get("Wechatpay-Signature")))
        .as("signature")
        .isTrue();
    JsonNode envelope = Json.parse(body);
    assertThat(envelope.path("event_type").asString()).isEqualTo(attempt.eventType());
    assertThat(envelope.path("summary").asString()).isEqualTo(summary);
    assertThat(envelope.path("resource_type").asString()).isEqualTo("encrypt-resource");
    JsonNode resource = envelope.path("resource");
    assertThat(resource.path("original_type").asString()).isEqualTo("entrust");
    assertThat(resource.path("algorithm").asString()).isEqualTo("AEAD_AES_256_GCM");
    assertThat(body).doesNotContain(OPENID);
    return Json.parse(
        TestCrypto.decrypt(
            merchant.apiV3Key(),
            resource.path("nonce").asString(),
            resource.path("associated_data").asString(),
            resource.path("ciphertext").asString()));
  }

  private static Answer control(String method, String path, String body) {
    return client.raw(
        method, client.url(path), body == null && method.equals("POST") ? "" : body, null);
  }

  // ---------------------------------------------------------------- prepay, pay and sign

  @Test
  void appWithContractAnswersAPrepayIdAndPlacesAnUnpaidAppOrder() {
    String outTradeNo = id("T");

    Answer answer = ok(prepayApp(outTradeNo, signing(id("C"))));

    assertThat(answer.json().path("prepay_id").asString()).startsWith("wx");
    SimulatorOrder order = simulator.order(outTradeNo).orElseThrow();
    assertThat(order.tradeType()).isEqualTo("APP");
    assertThat(order.tradeState()).isEqualTo("NOTPAY");
    assertThat(order.prepayId()).isEqualTo(answer.json().path("prepay_id").asString());
    assertThat(simulator.contracts()).isEmpty();
  }

  @Test
  void payingSendsThePaymentNoticeAndASignedEncryptedEntrustSignNotice() {
    String outTradeNo = id("T");
    String code = id("C");
    ok(prepayApp(outTradeNo, signing(code)));
    Instant paidAt = simulator.now();

    simulator.pay(outTradeNo);

    NotificationAttempt payment = notice(outTradeNo, "TRANSACTION.SUCCESS");
    assertThat(payment.url()).isEqualTo(url("/pay/notify"));
    NotificationAttempt signed = notice(outTradeNo, "ENTRUST.SIGN");
    assertThat(signed.url()).isEqualTo(url("/contract/signed"));
    JsonNode contract = verifiedResource(signed, "委托代扣签约通知");
    SimulatorContract stored = simulator.contract(PLAN, code).orElseThrow();
    assertThat(contract.path("mchid").asString()).isEqualTo(merchant.merchantId());
    assertThat(contract.path("appid").asString()).isEqualTo(merchant.appId());
    assertThat(contract.path("contract_id").asString())
        .isEqualTo(stored.contractId())
        .matches("[0-9]{18}");
    assertThat(contract.path("plan_id").isIntegralNumber()).isTrue();
    assertThat(contract.path("plan_id").asLong()).isEqualTo(PLAN);
    assertThat(contract.path("out_contract_code").asString()).isEqualTo(code);
    assertThat(contract.path("contract_display_account").asString()).isEqualTo("会**王");
    assertThat(contract.path("contract_state").asString()).isEqualTo("SIGNED");
    Instant signedTime =
        OffsetDateTime.parse(contract.path("contract_signed_time").asString()).toInstant();
    assertThat(signedTime).isBetween(paidAt.minusSeconds(1), simulator.now());
    assertThat(OffsetDateTime.parse(contract.path("contract_expired_time").asString()).toInstant())
        .isEqualTo(signedTime.plus(Duration.ofDays(365)));
    assertThat(contract.path("openid").asString()).startsWith("oSim");
    assertThat(contract.has("contract_terminate_info")).isFalse();
  }

  @Test
  void signedContractIsQueryableWithItsIdStateTimesAndMaskedAccount() {
    String outTradeNo = id("T");
    String code = signedContract(outTradeNo);

    JsonNode contract = ok(query(PLAN, code)).json();

    SimulatorContract stored = simulator.contract(PLAN, code).orElseThrow();
    assertThat(contract.path("contract_id").asString()).isEqualTo(stored.contractId());
    assertThat(contract.path("contract_state").asString()).isEqualTo("SIGNED");
    assertThat(contract.path("contract_display_account").asString()).isEqualTo("会**王");
    assertThat(contract.path("contract_signed_time").asString())
        .isEqualTo(Order.rfc3339(stored.signedTime()));
    assertThat(contract.path("contract_expired_time").asString())
        .isEqualTo(Order.rfc3339(stored.expiredTime()));
    assertThat(contract.path("plan_id").asLong()).isEqualTo(PLAN);
    assertThat(stored.displayAccount()).isEqualTo("会员小王");
    assertThat(stored.outTradeNo()).isEqualTo(outTradeNo);
    assertThat(client.queryByOutTradeNo(outTradeNo).json().path("trade_state").asString())
        .isEqualTo("SUCCESS");
  }

  @Test
  void jsapiWithContractSignsForThePayerOfTheRequest() {
    String outTradeNo = id("T");
    String code = id("C");
    ok(prepayJsapi(outTradeNo, signing(code)));

    simulator.pay(outTradeNo);

    assertThat(ok(query(PLAN, code)).json().path("openid").asString()).isEqualTo(OPENID);
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeType()).isEqualTo("JSAPI");
  }

  @Test
  void withoutContractNotifyUrlTheSigningIsNotNotified() {
    String outTradeNo = id("T");
    String code = id("C");
    ok(prepayApp(outTradeNo, contractInfo(code, serial(), "")));

    simulator.pay(outTradeNo);

    notice(outTradeNo, "TRANSACTION.SUCCESS");
    assertThat(simulator.contract(PLAN, code).orElseThrow().contractState()).isEqualTo("SIGNED");
    assertThat(simulator.notifications()).noneMatch(n -> n.eventType().startsWith("ENTRUST"));
  }

  // ---------------------------------------------------------------- terminate

  @Test
  void terminateEndsTheContractAndNotifiesThePlansTerminateUrl() {
    String outTradeNo = id("T");
    String code = signedContract(outTradeNo);

    JsonNode answer = ok(terminate(PLAN, code, "用户取消订阅")).json();

    assertThat(answer.path("contract_state").asString()).isEqualTo("TERMINATED");
    assertThat(answer.at("/contract_terminate_info/contract_termination_mode").asString())
        .isEqualTo("MCH_API_TERMINATE");
    assertThat(answer.at("/contract_terminate_info/contract_termination_remark").asString())
        .isEqualTo("用户取消订阅");
    NotificationAttempt terminated = notice(outTradeNo, "ENTRUST.TERMINATE");
    assertThat(terminated.url()).isEqualTo(url("/contract/terminated"));
    JsonNode resource = verifiedResource(terminated, "委托代扣解约通知");
    assertThat(resource.path("contract_state").asString()).isEqualTo("TERMINATED");
    assertThat(resource.at("/contract_terminate_info/contract_terminated_time").asString())
        .isEqualTo(answer.at("/contract_terminate_info/contract_terminated_time").asString());
    assertThat(ok(query(PLAN, code)).json().path("contract_state").asString())
        .isEqualTo("TERMINATED");
    assertThat(simulator.contract(PLAN, code).orElseThrow().terminationMode())
        .isEqualTo("MCH_API_TERMINATE");
  }

  @Test
  void terminatingATerminatedContractIsRefused() {
    String code = signedContract(id("T"));
    ok(terminate(PLAN, code, "first"));

    Answer again = terminate(PLAN, code, "second");

    assertThat(again.status()).as(again.body()).isEqualTo(400);
    assertThat(again.code()).isEqualTo("INVALID_REQUEST");
    assertThat(again.json().path("message").asString())
        .contains("is TERMINATED: only a SIGNED contract can be terminated");
    assertThat(again.signedBy(platformKey)).isTrue();
  }

  @Test
  void planWithoutTerminateUrlTerminatesWithoutANotice() {
    String outTradeNo = id("T");
    String code = id("C");
    ok(
        prepayApp(
            outTradeNo,
            signing(code)
                .replace("\"" + PLAN + "\"", "\"" + WechatPaySimulator.DEFAULT_PLAN_ID + "\"")));
    simulator.pay(outTradeNo);
    notice(outTradeNo, "ENTRUST.SIGN");

    ok(terminate(WechatPaySimulator.DEFAULT_PLAN_ID, code, "r"));

    assertThat(
            simulator
                .contract(WechatPaySimulator.DEFAULT_PLAN_ID, code)
                .orElseThrow()
                .contractState())
        .isEqualTo("TERMINATED");
    assertThat(simulator.notifications()).noneMatch(n -> n.eventType().equals("ENTRUST.TERMINATE"));
  }

  @Test
  void payerTerminatingInWeChatIsAUserTerminateNotice() {
    String outTradeNo = id("T");
    String code = signedContract(outTradeNo);

    SimulatorContract ended = simulator.terminateContractAsPayer(PLAN, code);

    assertThat(ended.contractState()).isEqualTo("TERMINATED");
    assertThat(ended.terminationMode()).isEqualTo("USER_TERMINATE");
    JsonNode resource = verifiedResource(notice(outTradeNo, "ENTRUST.TERMINATE"), "委托代扣解约通知");
    assertThat(resource.at("/contract_terminate_info/contract_termination_mode").asString())
        .isEqualTo("USER_TERMINATE");
    assertThat(resource.at("/contract_terminate_info").has("contract_termination_remark"))
        .isFalse();
    assertThatThrownBy(() -> simulator.terminateContractAsPayer(PLAN, code))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("INVALID_REQUEST: ");
    assertThatThrownBy(() -> simulator.terminateContractAsPayer(PLAN, "NOPE"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void unknownContractIsResourceNotExists() {
    Answer answer = query(PLAN, "UNKNOWN1");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.code()).isEqualTo("RESOURCE_NOT_EXISTS");
    assertThat(answer.signedBy(platformKey)).isTrue();
    assertThat(terminate(PLAN, "UNKNOWN1", "r").status()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- not signing, one per payer

  @Test
  void payerWhoPaysButDoesNotSignLeavesASignFailedContractAndNoSigningNotice() {
    String outTradeNo = id("T");
    String code = id("C");
    ok(prepayApp(outTradeNo, signing(code)));

    SimulatorOrder paid = simulator.payWithoutSigning(outTradeNo);

    assertThat(paid.tradeState()).isEqualTo("SUCCESS");
    notice(outTradeNo, "TRANSACTION.SUCCESS");
    JsonNode contract = ok(query(PLAN, code)).json();
    assertThat(contract.path("contract_state").asString()).isEqualTo("SIGN_FAILED");
    assertThat(contract.has("contract_signed_time")).isFalse();
    assertThat(simulator.notifications()).noneMatch(n -> n.eventType().startsWith("ENTRUST"));
    Answer refused = terminate(PLAN, code, "r");
    assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void controlApiPaysWithoutSigningByOrderAndByPrepayId() {
    String first = id("T");
    String firstCode = id("C");
    ok(prepayApp(first, signing(firstCode)));
    String second = id("T");
    String secondCode = id("C");
    String prepayId =
        ok(prepayApp(second, signing(secondCode))).json().path("prepay_id").asString();

    Answer byOrder = control("POST", "/simulator/orders/" + first + "/pay", "{\"sign\":false}");
    Answer byPrepayId =
        control("POST", "/simulator/pay", "{\"prepay_id\":\"" + prepayId + "\",\"sign\":false}");

    assertThat(byOrder.status()).as(byOrder.body()).isEqualTo(200);
    assertThat(byPrepayId.status()).as(byPrepayId.body()).isEqualTo(200);
    assertThat(simulator.contract(PLAN, firstCode).orElseThrow().contractState())
        .isEqualTo("SIGN_FAILED");
    assertThat(simulator.contract(PLAN, secondCode).orElseThrow().contractState())
        .isEqualTo("SIGN_FAILED");
  }

  @Test
  void payingWithoutSigningAPlainOrderIsRefused() {
    String outTradeNo = id("T");
    assertThat(client.prepayJsapi(outTradeNo).status()).isEqualTo(200);

    assertThatThrownBy(() -> simulator.payWithoutSigning(outTradeNo))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("NOT_A_CONTRACT_ORDER: order " + outTradeNo + " has no contract");
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("NOTPAY");
    Answer control =
        control(
            "POST", "/simulator/pay", "{\"out_trade_no\":\"" + outTradeNo + "\",\"sign\":false}");
    assertThat(control.status()).isEqualTo(409);
    assertThat(control.code()).isEqualTo("NOT_A_CONTRACT_ORDER");
  }

  @Test
  void secondSigningBySamePayerUnderThePlanFailsUntilTheFirstIsTerminated() {
    String first = id("T");
    String firstCode = id("C");
    ok(prepayJsapi(first, signing(firstCode)));
    simulator.pay(first);
    String second = id("T");
    String secondCode = id("C");
    ok(prepayJsapi(second, signing(secondCode)));

    simulator.pay(second);

    assertThat(simulator.order(second).orElseThrow().tradeState()).isEqualTo("SUCCESS");
    assertThat(ok(query(PLAN, secondCode)).json().path("contract_state").asString())
        .isEqualTo("SIGN_FAILED");
    notice(second, "TRANSACTION.SUCCESS");
    assertThat(simulator.notifications())
        .filteredOn(n -> n.eventType().equals("ENTRUST.SIGN"))
        .extracting(NotificationAttempt::outTradeNo)
        .containsOnly(first);
    ok(terminate(PLAN, firstCode, "换新协议"));
    String third = id("T");
    String thirdCode = id("C");
    ok(prepayJsapi(third, signing(thirdCode)));
    simulator.pay(third);
    assertThat(ok(query(PLAN, thirdCode)).json().path("contract_state").asString())
        .isEqualTo("SIGNED");
  }

  // ---------------------------------------------------------------- prepay rules

  @Test
  void reEnteringTheSameOrderAnswersTheSamePrepayId() {
    String outTradeNo = id("T");
    String body = signing(id("C"));
    String prepayId = ok(prepayApp(outTradeNo, body)).json().path("prepay_id").asString();

    assertThat(ok(prepayApp(outTradeNo, body)).json().path("prepay_id").asString())
        .isEqualTo(prepayId);
  }

  @Test
  void contractCodeOfAnotherOrderIsRefusedEvenAfterTermination() {
    String code = signedContract(id("T"));
    ok(terminate(PLAN, code, "r"));

    Answer reused = prepayApp(id("T"), signing(code));

    assertThat(reused.status()).as(reused.body()).isEqualTo(400);
    assertThat(reused.code()).isEqualTo("INVALID_REQUEST");
    assertThat(reused.json().path("message").asString())
        .startsWith("签约协议号重复 (contract_code " + code);
  }

  @Test
  void requestSerialOfAnotherOrderIsRefused() {
    String serial = serial();
    ok(prepayApp(id("T"), contractInfo(id("C"), serial, "")));

    Answer reused = prepayApp(id("T"), contractInfo(id("C"), serial, ""));

    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.code()).isEqualTo("INVALID_REQUEST");
    assertThat(reused.json().path("message").asString()).startsWith("请求序列号重复");
  }

  @Test
  void unknownPlanIsRefused() {
    Answer answer = prepayApp(id("T"), signing(id("C")).replace("\"" + PLAN + "\"", "\"99\""));

    TestClient.assertParamError(answer, "/contract_info/plan_id", "body");
    assertThat(answer.json().path("message").asString()).contains("委托代扣模板不存在");
    Answer long28 =
        prepayApp(
            id("T"), signing(id("C")).replace("\"" + PLAN + "\"", "\"" + "9".repeat(28) + "\""));
    TestClient.assertParamError(long28, "/contract_info/plan_id", "body");
  }

  @Test
  void jsapiPaymentUnderAnAuthorisationTokenIsNotSimulated() {
    Answer answer = prepayJsapi(id("T"), "\"contract_info\":{\"token\":\"TOKEN_1\"}");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("NO_AUTH");
  }

  @Test
  void jsapiSigningWithoutAMemberIsAParamError() {
    Answer answer =
        prepayJsapi(id("T"), signing(id("C")).replace("\"request_serial\"", "\"x_serial\""));

    TestClient.assertParamError(answer, "/contract_info/request_serial", "body");
  }

  @Test
  void httpContractNotifyUrlToAnotherHostIsRefused() {
    Answer answer =
        prepayApp(
            id("T"),
            contractInfo(
                id("C"), serial(), ",\"contract_notify_url\":\"http://example.com/contract\""));

    TestClient.assertParamError(answer, "/contract_info/contract_notify_url", "body");
  }

  // ---------------------------------------------------------------- the spec

  @Test
  void integerPlanIdInContractInfoIsRefusedByTheSpec() {
    Answer answer =
        prepayApp(
            id("T"),
            signing(id("C")).replace("\"plan_id\":\"" + PLAN + "\"", "\"plan_id\":" + PLAN));

    TestClient.assertParamError(answer, "/contract_info/plan_id", "body");
  }

  @Test
  void appOrderWithoutContractInfoIsRefusedByTheSpec() {
    Answer answer = prepayApp(id("T"), "\"attach\":\"a\"");

    TestClient.assertParamError(answer, "/contract_info", "body");
  }

  @Test
  void contractCodeWithAnUnderscoreIsRefusedByTheSpec() {
    TestClient.assertParamError(
        prepayApp(id("T"), signing("C_1")), "/contract_info/contract_code", "body");
  }

  @Test
  void nonNumericPlanIdInThePathIsAParamError() {
    TestClient.assertParamError(query(0, "C1"), "plan_id", "path");
    Answer letters = client.get("/v3/papay/sign/contracts/plan-id/abc/out-contract-code/C1");
    TestClient.assertParamError(letters, "plan_id", "path");
  }

  @Test
  void contractCodeOfThirtyThreeCharactersInThePathIsAParamError() {
    TestClient.assertParamError(query(PLAN, "C".repeat(33)), "out_contract_code", "path");
  }

  @Test
  void terminateWithoutRemarkIsRefusedByTheSpec() {
    String code = signedContract(id("T"));

    Answer answer =
        client.post(
            "/v3/papay/sign/contracts/plan-id/"
                + PLAN
                + "/out-contract-code/"
                + code
                + "/terminate",
            "{}");

    TestClient.assertParamError(answer, "/contract_termination_remark", "body");
    assertThat(simulator.contract(PLAN, code).orElseThrow().contractState()).isEqualTo("SIGNED");
  }

  // ---------------------------------------------------------------- faults, control API, reset

  @Test
  void faultsApplyToTheNewRoutes() {
    String code = signedContract(id("T"));
    simulator.injectFault("queryContract", Fault.SYSTEM_ERROR, 1);
    simulator.injectFault("prepayAppWithContract", Fault.FREQUENCY_LIMITED, 1);

    assertThat(query(PLAN, code).status()).isEqualTo(500);
    assertThat(ok(query(PLAN, code)).json().path("contract_state").asString()).isEqualTo("SIGNED");
    Answer limited = prepayApp(id("T"), signing(id("C")));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("FREQUENCY_LIMITED");
    simulator.injectFault("terminateContract", Fault.PROBE_SIGNATURE, 1);
    Answer spoiled = terminate(PLAN, code, "r");
    assertThat(spoiled.status()).isEqualTo(200);
    assertThat(spoiled.signedBy(platformKey)).isFalse();
    assertThat(simulator.contract(PLAN, code).orElseThrow().contractState())
        .isEqualTo("TERMINATED");
  }

  @Test
  void controlApiConfiguresPlansAndShowsAndTerminatesContracts() {
    Answer plan =
        control(
            "POST",
            "/simulator/plans",
            "{\"plan_id\":777,\"plan_name\":\"年卡\",\"terminate_notify_url\":\""
                + url("/plan777/terminated")
                + "\"}");
    assertThat(plan.status()).as(plan.body()).isEqualTo(200);
    assertThat(control("GET", "/simulator/plans", null).json().toString())
        .contains("\"plan_id\":777,\"plan_name\":\"年卡\"")
        .contains("\"plan_id\":" + WechatPaySimulator.DEFAULT_PLAN_ID)
        .contains("\"plan_id\":" + PLAN);
    String outTradeNo = id("T");
    String code = id("C");
    ok(prepayApp(outTradeNo, signing(code).replace("\"" + PLAN + "\"", "\"777\"")));
    simulator.pay(outTradeNo);

    JsonNode list = control("GET", "/simulator/contracts", null).json();
    JsonNode one = control("GET", "/simulator/contracts/777/" + code, null).json();
    Answer ended = control("POST", "/simulator/contracts/777/" + code + "/terminate", null);

    assertThat(list.size()).isEqualTo(1);
    assertThat(list.get(0).path("out_trade_no").asString()).isEqualTo(outTradeNo);
    assertThat(list.get(0).has("openid")).isFalse();
    assertThat(one.path("contract_state").asString()).isEqualTo("SIGNED");
    assertThat(one.path("contract_display_account").asString()).isEqualTo("会员小王");
    assertThat(ended.json().path("contract_state").asString()).isEqualTo("TERMINATED");
    assertThat(notice(outTradeNo, "ENTRUST.TERMINATE").url()).isEqualTo(url("/plan777/terminated"));
    assertThat(control("GET", "/simulator/contracts/777/NOPE", null).status()).isEqualTo(404);
    Answer bad = control("POST", "/simulator/plans", "{\"plan_id\":\"x\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo("PARAM_ERROR");
  }

  @Test
  void resetForgetsContractsButKeepsThePlans() {
    String code = signedContract(id("T"));
    simulator.configurePlan(888, "季卡", null);

    simulator.reset();

    assertThat(simulator.contracts()).isEmpty();
    assertThat(query(PLAN, code).status()).isEqualTo(404);
    ok(prepayApp(id("T"), signing(code).replace("\"" + PLAN + "\"", "\"888\"")));
  }

  @Test
  void builderAndJavaApiRefuseBadPlans() {
    assertThatThrownBy(() -> WechatPaySimulator.builder().plan(0, "x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("planId must be positive, was 0");
    assertThatThrownBy(() -> simulator.configurePlan(5, "x", "http://example.com/t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("terminate_notify_url must use https");
  }
}
