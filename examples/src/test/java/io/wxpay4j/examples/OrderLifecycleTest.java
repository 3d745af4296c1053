package io.wxpay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.examples.ExamplesTest.Result;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job: the whole lifecycle on the embedded and on a standalone simulator, and its failure modes. */
final class OrderLifecycleTest {
  @Test
  void wholeLifecycleRunsOnTheEmbeddedSimulator() {
    Result result = ExamplesTest.run(OrderLifecycle::run);

    assertThat(result.exit).as(result.output).isZero();
    assertThat(result.output)
        .contains("Running against the embedded simulator")
        .contains("[1/11] JSAPI order", "[2/11] Mini-program order", "[3/11] APP order", "[4/11] H5 order")
        .contains("[5/11] Native order", "[6/11] Payment", "[7/11] Payment notification")
        .contains("[9/11] Refund the paid order in full (退款)", "[10/11] Close")
        .contains("WeixinJSBridge.invoke('getBrandWCPayRequest'", "wx.requestPayment", "\"partnerid\"")
        .containsPattern("h5_url           http://127\\.0\\.0\\.1:\\d+/simulator/cashier/h5\\?prepay_id=wx")
        .contains("code_url         weixin://wxpay/bizpayurl?pr=")
        .contains("████████")
        .contains("the simulated payer scanned the QR code and paid ¥0.01")
        .contains("signature verified, resource decrypted with the APIv3 key (AES-256-GCM), answered 204")
        .contains("the notification, both queries and WeChat Pay agree: paid")
        .contains("answer           204 No Content")
        .contains("trade_state      CLOSED")
        .contains("payer pays       refused: ORDER_NOT_PAYABLE")
        .contains("prepay again     refused: HTTP 400 ORDER_CLOSED")
        .contains("refunding the ¥0.01 the simulated payer paid")
        .containsPattern("status +PROCESSING  \\(accepted; the result is notified, or queried\\)")
        .containsPattern("REFUND.SUCCESS received at http://127.0.0.1:\\d+/wechatpay/notify/refund: signature"
            + " verified, resource decrypted with the APIv3 key \\(AES-256-GCM\\), answered 204")
        .contains("refund_status    SUCCESS", "amount           ¥0.01 of ¥0.01")
        .containsPattern("queryByOutRefundNo\\(\"refund_\\d+\"\\)\n +status +SUCCESS\n")
        .contains("to               支付用户零钱")
        .containsPattern("Native +native_\\d+ +REFUND")
        .containsPattern("Refund \\(Native\\) +refund_\\d+ +SUCCESS")
        .containsPattern("JSAPI +jsapi_\\d+ +CLOSED")
        .contains("APIv3 key        set, not shown")
        .contains("[11/11] Pay and sign a deduction contract (支付中签约, beta)")
        .contains("the simulated payer paid ¥0.01 and signed the contract")
        .contains("payment notice   TRANSACTION.SUCCESS verified and decrypted, answered 204: SUCCESS")
        .contains("ENTRUST.SIGN notice at http://127.0.0.1:")
        .containsPattern("contract_id +\\d{18}")
        .contains("contract_state   SIGNED", "contract_state   TERMINATED  (MCH_API_TERMINATE)")
        .contains("terminate notice ENTRUST.TERMINATE verified, contract queried: TERMINATED")
        .containsPattern("APP \\+ contract +contract_\\d+ +SUCCESS")
        .endsWith("OK\n");
    ExamplesTest.assertNoFullOpenid(result.output);
  }

  @Test
  void standaloneSimulatorStateIsReadAndNoSecretIsPrinted(@TempDir Path state) {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      SimulatorMerchant merchant = simulator.merchant();

      Result result =
          ExamplesTest.run(
              OrderLifecycle::run, "--simulator-state", state.toString(), "--base-url", simulator.baseUrl());

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output)
          .contains("Running against the standalone simulator at " + simulator.baseUrl())
          .contains(merchant.merchantSerialNumber(), merchant.wechatPayPublicKeyId())
          .contains("the simulated payer scanned the QR code")
          .doesNotContain(merchant.apiV3Key())
          .doesNotContain(merchant.merchantPrivateKeyPem().lines().skip(1).findFirst().orElseThrow())
          .endsWith("OK\n");
      assertThat(simulator.orders()).hasSize(6);
      assertThat(simulator.contracts()).singleElement()
          .satisfies(c -> assertThat(c.contractState()).isEqualTo("TERMINATED"));
    }
  }

  @Test
  void loopbackNotifyUrlIsServedByTheProgram(@TempDir Path state) throws IOException {
    String notifyUrl = "http://127.0.0.1:" + freePort() + "/shop/notify";
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      Result result =
          ExamplesTest.run(
              OrderLifecycle::run,
              "--simulator-state", state.toString(),
              "--base-url", simulator.baseUrl(),
              "--notify-url", notifyUrl);

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output)
          .contains("notify_url       " + notifyUrl + "  (served by this program)")
          .contains("received at " + notifyUrl);
      assertThat(simulator.notifications())
          .filteredOn(n -> n.eventType().startsWith("TRANSACTION.") || n.eventType().startsWith("REFUND."))
          .allSatisfy(n -> assertThat(n.url()).isEqualTo(
              n.eventType().startsWith("REFUND.") ? notifyUrl + "/refund" : notifyUrl));
      assertThat(simulator.notifications()).extracting(n -> n.eventType())
          .contains("TRANSACTION.SUCCESS", "REFUND.SUCCESS");
      // Contract notices go to the contract endpoint (contract_notify_url, the template's terminate URL).
      assertThat(simulator.notifications())
          .filteredOn(n -> n.eventType().startsWith("ENTRUST."))
          .extracting(n -> n.eventType())
          .containsExactlyInAnyOrder("ENTRUST.SIGN", "ENTRUST.TERMINATE");
    }
  }

  @Test
  void wrongApiV3KeyFailsTheNotificationStepWithExitCodeOne(@TempDir Path state) {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      Result result =
          ExamplesTest.run(
              OrderLifecycle::run,
              "--simulator-state", state.toString(),
              "--base-url", simulator.baseUrl(),
              "--api-v3-key", "0123456789abcdef0123456789abcdef");

      assertThat(result.exit).as(result.output).isEqualTo(1);
      assertThat(result.output)
          .contains("[7/11] Payment notification")
          .contains("FAILED: IllegalStateException: the notification was refused: answered 500"
              + " {\"code\":\"FAIL\",\"message\":\"notification could not be decrypted\"}")
          .doesNotContain("[8/11]")
          .doesNotContain("0123456789abcdef0123456789abcdef");
    }
  }

  @Test
  void manualPaymentIsFoundByPollingTheOrderAndNothingCallsTheControlApi(@TempDir Path state) throws Exception {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start();
        LoopbackProxy proxy = LoopbackProxy.forwardingEverything(simulator.baseUrl())) {
      Thread payer = payNativeOrderWhenPlaced(simulator);

      Result result =
          ExamplesTest.run(
              OrderLifecycle::run,
              "--simulator-state", state.toString(), "--base-url", proxy.baseUrl(), "--manual-pay",
              "--pay-timeout", "30");
      payer.join();

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output)
          .contains("Running against the standalone simulator at " + proxy.baseUrl())
          .contains("Pay it through the simulator: POST " + proxy.baseUrl() + "simulator/pay")
          .contains("Waiting up to 30 s, querying the order every 3 s...")
          .contains("trade_state      SUCCESS")
          .doesNotContain("the simulated payer scanned")
          .doesNotContain("payer pays")
          .endsWith("OK\n");
      assertThat(proxy.requests()).contains("POST /v3/pay/transactions/native");
      assertThat(proxy.controlRequests()).isEmpty();
    }
  }

  @Test
  void manualPayWithAMerchantAccountOnALoopbackSimulatorNeitherProbesNorPays(@TempDir Path state) throws Exception {
    String notifyUrl = "http://127.0.0.1:" + freePort() + "/shop/notify";
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start();
        LoopbackProxy proxy = LoopbackProxy.forwardingEverything(simulator.baseUrl())) {
      Thread payer = payNativeOrderWhenPlaced(simulator);

      Result result =
          ExamplesTest.run(
              OrderLifecycle::run,
              merchantAccount(simulator.merchant(), state, proxy.baseUrl(), "--notify-url", notifyUrl,
                  "--manual-pay", "--pay-timeout", "30"));
      payer.join();

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output)
          .contains("Running against a local endpoint at " + proxy.baseUrl() + " (merchant 1900000109;"
              + " --manual-pay: its control API, if any, is not used)")
          .contains("trade_state      SUCCESS")
          .doesNotContain("the simulated payer")
          .endsWith("OK\n");
      assertThat(proxy.requests()).contains("POST /v3/pay/transactions/native");
      assertThat(proxy.controlRequests()).isEmpty();
    }
  }

  @Test
  void loopbackEndpointWithoutAControlApiIsNotTakenForASimulator(@TempDir Path state) throws Exception {
    String notifyUrl = "http://127.0.0.1:" + freePort() + "/shop/notify";
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start();
        LoopbackProxy proxy = LoopbackProxy.withoutControlApi(simulator.baseUrl())) {
      Thread payer = payNativeOrderWhenPlaced(simulator);

      Result result =
          ExamplesTest.run(
              OrderLifecycle::run,
              merchantAccount(simulator.merchant(), state, proxy.baseUrl(), "--notify-url", notifyUrl,
                  "--pay-timeout", "30"));
      payer.join();

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output)
          .contains("Running against a local endpoint at " + proxy.baseUrl() + " (merchant 1900000109;"
              + " not a simulator: no control API answered)")
          .contains("Pay it as the payer of " + proxy.baseUrl() + " would (this program calls no control API there).")
          .contains("trade_state      SUCCESS")
          .contains("skipped: needs --openid")
          .contains("skipped: needs --plan-id: a deduction template (委托代扣协议模板) configured in 商户平台")
          .doesNotContain("the simulated payer")
          .doesNotContain("payer pays")
          .endsWith("OK\n");
      // The one look at the control API, answered 404; no payment or any other control call follows.
      assertThat(proxy.controlRequests()).containsExactly("GET /simulator/certificates");
    }
  }

  @Test
  void planIdOnAnAccountWithoutAPayerPlacesTheContractOrderForTheApp(@TempDir Path state) throws Exception {
    String notifyUrl = "http://127.0.0.1:" + freePort() + "/shop/notify";
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start();
        LoopbackProxy proxy = LoopbackProxy.withoutControlApi(simulator.baseUrl())) {
      Thread payer = payNativeOrderWhenPlaced(simulator);

      Result result =
          ExamplesTest.run(
              OrderLifecycle::run,
              merchantAccount(simulator.merchant(), state, proxy.baseUrl(), "--notify-url", notifyUrl,
                  "--pay-timeout", "30", "--plan-id", "12535"));
      payer.join();

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output)
          .contains("[11/11] Pay and sign a deduction contract")
          .contains("the app pays with this PayReq, then WeChat asks the payer to sign:")
          .contains("no contract_notify_url: confirm the signing with contracts().query(12535, \"C")
          .contains("contract         not signed yet: HTTP 404 RESOURCE_NOT_EXISTS")
          .endsWith("OK\n");
      assertThat(proxy.requests()).contains("POST /v3/pay/transactions/app-with-contract");
      assertThat(proxy.controlRequests()).containsExactly("GET /simulator/certificates");
    }
  }

  @Test
  void badPlanIdIsAUsageError() {
    Result result = ExamplesTest.run(OrderLifecycle::run, "--plan-id", "plan-A");

    assertThat(result.exit).as(result.output).isEqualTo(2);
    assertThat(result.output).contains("error: --plan-id must be the numeric template id (委托代扣协议模板ID), was plan-A");
  }

  @Test
  void simulatorStateLeadsToTheBaseUrlTheSimulatorRecorded(@TempDir Path state) throws Exception {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      recordBaseUrl(state, simulator.baseUrl()); // as the standalone simulator does when it starts

      Result result = ExamplesTest.run(OrderLifecycle::run, "--simulator-state", state.toString());

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output)
          .contains("Running against the standalone simulator at " + simulator.baseUrl())
          .contains("the simulated payer scanned the QR code")
          .endsWith("OK\n");
    }
  }

  @Test
  void explicitBaseUrlWinsOverTheRecordedOne(@TempDir Path state) throws Exception {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      recordBaseUrl(state, "http://127.0.0.1:" + freePort() + "/");
      ExamplesTest.Main withEnvironment =
          (out, env, args) ->
              OrderLifecycle.run(out, java.util.Map.of("WECHATPAY_BASE_URL", simulator.baseUrl()), args);

      Result result = ExamplesTest.run(withEnvironment, "--simulator-state", state.toString());

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output).contains("Running against the standalone simulator at " + simulator.baseUrl());
    }
  }

  @Test
  void unreachableRecordedBaseUrlIsNamedWithHowToGiveAnother(@TempDir Path state) throws Exception {
    String dead = "http://127.0.0.1:" + freePort() + "/";
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      recordBaseUrl(state, dead);
    }

    Result result = ExamplesTest.run(OrderLifecycle::run, "--simulator-state", state.toString());

    assertThat(result.exit).as(result.output).isEqualTo(1);
    assertThat(result.output)
        .contains("Running against the standalone simulator at " + dead)
        .contains("FAILED: WechatPayConnectionException")
        .contains("nothing answered at " + dead + " (the base_url in " + state.resolve("merchant.json") + ").")
        .contains("java -jar simulator/target/wxpay4j-simulator.jar --state-dir " + state)
        .contains("Give its URL with --base-url URL or the WECHATPAY_BASE_URL environment variable.");
  }

  @Test
  void unreachableMerchantAccountEndpointIsNamed(@TempDir Path state) throws Exception {
    String dead = "http://127.0.0.1:" + freePort() + "/";
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      Result result =
          ExamplesTest.run(
              OrderLifecycle::run,
              merchantAccount(simulator.merchant(), state, dead, "--notify-url", "https://example.com/notify"));

      assertThat(result.exit).as(result.output).isEqualTo(1);
      assertThat(result.output)
          .contains("nothing answered at " + dead + " (given by --base-url or WECHATPAY_BASE_URL). Give another URL"
              + " with --base-url URL or the WECHATPAY_BASE_URL environment variable.");
    }
  }

  /** Pays the Native order's QR code through the simulator's Java API once it exists, as a person would. */
  private static Thread payNativeOrderWhenPlaced(WechatPaySimulator simulator) {
    Thread payer =
        new Thread(
            () -> {
              for (int i = 0; i < 400; i++) {
                var placed = simulator.orders().stream().filter(o -> o.tradeType().equals("NATIVE")).findFirst();
                if (placed.isPresent()) {
                  simulator.payByCodeUrl(placed.get().codeUrl());
                  return;
                }
                try {
                  Thread.sleep(25);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    payer.start();
    return payer;
  }

  /** Options for the simulator's merchant given as a merchant account at {@code baseUrl}, then {@code more}. */
  private static String[] merchantAccount(SimulatorMerchant merchant, Path state, String baseUrl, String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--base-url", baseUrl,
        "--mchid", merchant.merchantId(),
        "--appid", merchant.appId(),
        "--merchant-serial", merchant.merchantSerialNumber(),
        "--private-key", state.resolve("apiclient_key.pem").toString(),
        "--public-key-id", merchant.wechatPayPublicKeyId(),
        "--public-key", state.resolve("pub_key.pem").toString(),
        "--api-v3-key", merchant.apiV3Key()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Writes {@code base_url} into the state directory's merchant.json, as the standalone simulator does. */
  private static void recordBaseUrl(Path state, String baseUrl) throws IOException {
    Path file = state.resolve("merchant.json");
    String json = Files.readString(file);
    Files.writeString(file, json.replaceFirst("\\{", "{\n  \"base_url\" : \"" + baseUrl + "\","));
  }

  @Test
  void explicitCredentialsWorkAsWithAMerchantAccount(@TempDir Path state) {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      SimulatorMerchant merchant = simulator.merchant();

      Result result =
          ExamplesTest.run(
              OrderLifecycle::run,
              "--base-url", simulator.baseUrl(),
              "--mchid", merchant.merchantId(),
              "--appid", merchant.appId(),
              "--merchant-serial", merchant.merchantSerialNumber(),
              "--private-key", state.resolve("apiclient_key.pem").toString(),
              "--public-key-id", merchant.wechatPayPublicKeyId(),
              "--public-key", state.resolve("pub_key.pem").toString(),
              "--api-v3-key", merchant.apiV3Key());

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output)
          .contains("Running against a simulator at " + simulator.baseUrl() + " (merchant 1900000109)")
          .contains("verifies with    " + merchant.wechatPayPublicKeyId())
          .doesNotContain(merchant.apiV3Key())
          .endsWith("OK\n");
    }
  }

  @Test
  void withoutThePublicKeyPlatformCertificatesAreDownloaded(@TempDir Path state) {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      SimulatorMerchant merchant = simulator.merchant();
      ExamplesTest.Main withEnvironment =
          (out, env, args) ->
              OrderLifecycle.run(
                  out,
                  java.util.Map.of(
                      "WECHATPAY_BASE_URL", simulator.baseUrl(),
                      "WECHATPAY_MCHID", merchant.merchantId(),
                      "WECHATPAY_APPID", merchant.appId(),
                      "WECHATPAY_MERCHANT_SERIAL", merchant.merchantSerialNumber(),
                      "WECHATPAY_PRIVATE_KEY", state.resolve("apiclient_key.pem").toString(),
                      "WECHATPAY_API_V3_KEY", merchant.apiV3Key()),
                  args);

      Result result = ExamplesTest.run(withEnvironment);

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output)
          .contains("verifies with    platform certificates, downloaded with the APIv3 key")
          .contains("signature verified, resource decrypted with the APIv3 key")
          .doesNotContain(merchant.apiV3Key())
          .endsWith("OK\n");
    }
  }

  @Test
  void againstWechatPayANotifyUrlIsRequired(@TempDir Path state) {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      SimulatorMerchant merchant = simulator.merchant();

      Result result =
          ExamplesTest.run(
              OrderLifecycle::run,
              "--base-url", "https://api.example.invalid/",
              "--mchid", merchant.merchantId(),
              "--appid", merchant.appId(),
              "--merchant-serial", merchant.merchantSerialNumber(),
              "--private-key", state.resolve("apiclient_key.pem").toString(),
              "--public-key-id", merchant.wechatPayPublicKeyId(),
              "--public-key", state.resolve("pub_key.pem").toString());

      assertThat(result.exit).as(result.output).isEqualTo(2);
      assertThat(result.output)
          .contains("Running against WeChat Pay at https://api.example.invalid/ (merchant 1900000109)")
          .contains("error: --notify-url is required against WeChat Pay");
    }
  }

  @Test
  void helpListsEveryOptionWithItsEnvironmentVariable() {
    Result result = ExamplesTest.run(OrderLifecycle::run, "--help");

    assertThat(result.exit).isZero();
    assertThat(result.output)
        .startsWith("Usage: mvn -B -q -pl examples -am package -DskipTests -Plifecycle -Dlifecycle.args=\"[options]\"\n"
            + "   or: java -cp <classpath> io.wxpay4j.examples.OrderLifecycle [options]\n\nThe WeChat Pay order lifecycle")
        .contains("--base-url URL", "WECHATPAY_BASE_URL", "--mchid ID", "WECHATPAY_MCHID", "--appid ID")
        .contains("--merchant-serial SERIAL", "--private-key FILE", "--public-key-id ID", "--public-key FILE")
        .contains("--api-v3-key KEY", "WECHATPAY_API_V3_KEY", "--notify-url URL", "--simulator-state DIR")
        .contains("--manual-pay", "--help");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Result result = ExamplesTest.run(OrderLifecycle::run, "--merchant-id", "1900000109");

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.output).startsWith("error: unknown option --merchant-id").contains("Usage:");
  }

  @Test
  void incompleteMerchantAccountNamesTheMissingOption() {
    Result result =
        ExamplesTest.run(OrderLifecycle::run, "--mchid", "1900000109", "--public-key-id", "PUB_KEY_ID_0119", "--public-key", "x.pem");

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.output).contains("error: --appid (or WECHATPAY_APPID) is required with a merchant account");
  }

  @Test
  void missingSimulatorStateSaysHowToCreateIt(@TempDir Path empty) {
    Result result = ExamplesTest.run(OrderLifecycle::run, "--simulator-state", empty.toString());

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.output).contains("no merchant.json there", "--state-dir " + empty);
  }

  @Test
  void environmentVariablesAreReadLikeOptions(@TempDir Path state) {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(state).start()) {
      ExamplesTest.Main withEnvironment =
          (out, env, args) ->
              OrderLifecycle.run(
                  out,
                  java.util.Map.of(
                      "WECHATPAY_SIMULATOR_STATE", state.toString(), "WECHATPAY_BASE_URL", simulator.baseUrl()),
                  args);

      Result result = ExamplesTest.run(withEnvironment);

      assertThat(result.exit).as(result.output).isZero();
      assertThat(result.output).contains("Running against the standalone simulator at " + simulator.baseUrl());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
