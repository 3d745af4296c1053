package io.wxpay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every small example's {@code main} logic against its embedded simulator, as a user would, and checks
 * its exit code and what it printed. The environment is empty: a developer's WECHATPAY_* variables never send
 * a test to a real merchant account.
 */
final class ExamplesTest {
  /**
   * An openid in full (28 characters, the first {@code o}) where the examples print one: after a {@code payer}
   * or {@code openid} label ({@code payer openid     o…}, {@code (payer o…)}, {@code payer         o…
   * (sub_openid)}, JSON {@code "openid": "o…"}). Output must only show masked ones ({@code oUpF…(masked)}).
   * Anywhere else a 28-character run starting with {@code o} is no evidence: a base64 signature holds one in
   * about one run out of fifty.
   */
  static final Pattern FULL_OPENID =
      Pattern.compile("(?:openid|payer)[\"':=(\\s]*(o[A-Za-z0-9_-]{27})(?![A-Za-z0-9_+/=-])");

  /**
   * Fails if {@code output} shows an openid in full, labelled ({@link #FULL_OPENID}) or the demo payer's
   * anywhere; the message quotes the match with a little context, not the whole output.
   */
  static void assertNoFullOpenid(String output) {
    Matcher labelled = FULL_OPENID.matcher(output);
    if (labelled.find()) {
      fail("an unmasked openid was printed: " + excerpt(output, labelled.start(1), labelled.end(1)));
    }
    int demo = output.indexOf(Setup.DEMO_OPENID);
    if (demo >= 0) {
      fail("the demo payer's openid was printed unmasked: "
          + excerpt(output, demo, demo + Setup.DEMO_OPENID.length()));
    }
  }

  /** The text from 40 characters before {@code start} to 40 after {@code end}, on one line. */
  private static String excerpt(String text, int start, int end) {
    int from = Math.max(0, start - 40);
    int to = Math.min(text.length(), end + 40);
    return (from > 0 ? "…" : "") + "\"" + text.substring(from, to).replace("\n", "⏎") + "\""
        + (to < text.length() ? "…" : "");
  }

  /** Runs {@code example} with {@code args} and an empty environment; returns exit code and output. */
  static Result run(Main example, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int exit = example.run(out, Map.of(), args);
    return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  /** The testable {@code run} of an example. */
  interface Main {
    int run(PrintStream out, Map<String, String> env, String... args);
  }

  static final class Result {
    final int exit;
    final String output;

    Result(int exit, String output) {
      this.exit = exit;
      this.output = output;
    }
  }

  private static String ok(Main example) {
    Result result = run(example);
    assertThat(result.exit).as(result.output).isZero();
    assertThat(result.output)
        .contains("Running against the embedded simulator")
        .doesNotContain("FAILED")
        .doesNotContain("PRIVATE KEY");
    assertNoFullOpenid(result.output);
    return result.output;
  }

  @Test
  void firstCallPlacesAndQueriesAnOrder() {
    assertThat(ok(FirstCall::run)).contains("code_url weixin://wxpay/bizpayurl?pr=").contains("is NOTPAY, ¥0.01");
  }

  @Test
  void prepayJsapiPrintsSignedBridgeParameters() {
    assertThat(ok(PrepayJsapi::run))
        .contains("\"appId\": \"wxd678efh567hg6787\"", "\"package\": \"prepay_id=", "\"signType\": \"RSA\"",
            "\"paySign\": \"", "payer oUpF…(masked)");
  }

  @Test
  void prepayMiniProgramPrintsRequestPaymentParametersWithoutAppId() {
    String output = ok(PrepayMiniProgram::run);
    assertThat(output).contains("\"package\": \"prepay_id=", "\"paySign\": \"").doesNotContain("\"appId\"");
  }

  @Test
  void prepayAppPrintsPayReq() {
    assertThat(ok(PrepayApp::run))
        .contains("\"partnerid\": \"1900000109\"", "\"package\": \"Sign=WXPay\"", "\"sign\": \"");
  }

  @Test
  void prepayH5PrintsTheH5Url() {
    // The simulator's h5_url opens its H5 cashier (WeChat's is https://wx.tenpay.com/…).
    assertThat(ok(PrepayH5::run))
        .containsPattern("h5_url        http://127\\.0\\.0\\.1:\\d+/simulator/cashier/h5\\?prepay_id=wx");
  }

  @Test
  void prepayNativeDrawsTheCodeUrl() {
    String output = ok(PrepayNative::run);
    assertThat(output).contains("code_url      weixin://wxpay/bizpayurl?pr=").contains("████████");
  }

  @Test
  void queryOrderFindsThePaidOrderByBothIds() {
    assertThat(ok(QueryOrder::run))
        .contains("by out_trade_no  SUCCESS")
        .containsPattern("by transaction_id \\d+  SUCCESS, out_trade_no query_\\d+");
  }

  @Test
  void closeOrderMakesTheOrderUnpayable() {
    assertThat(ok(CloseOrder::run))
        .contains("closed        HTTP 204", "trade_state   CLOSED", "payer pays    refused: ORDER_NOT_PAYABLE");
  }

  @Test
  void handleNotificationVerifiesTheRealOneAndRefusesTheForgedCopy() {
    assertThat(ok(HandleNotification::run))
        .contains("notification      verified, decrypted, amount and trade_state checked, answered 204")
        .contains("trade_state     SUCCESS")
        .contains("forged copy       answered 401 {\"code\":\"FAIL\"", "(refused, nothing marked paid)");
  }

  @Test
  void errorHandlingShowsEveryKindOfFailure() {
    assertThat(ok(ErrorHandling::run))
        .contains("an existing order       trade_state NOTPAY")
        .contains("out_trade_no \"no!\"      bad input: out_trade_no must be 6 to 32 characters")
        .contains("an unknown order        no such order")
        .contains("one 500, retried        trade_state NOTPAY  (the client's retry policy absorbed it)")
        .contains("500 SYSTEM_ERROR        retry with the same parameters: 500 SYSTEM_ERROR")
        .contains("a probe signature       unverified answer")
        .contains("answer cut off          no answer: orders.reconcile(outTradeNo) before repeating")
        .contains("connection refused      no answer: not sent, safe to repeat")
        .contains("build() without keys    merchantKey(serialNumber, privateKey) is required");
  }

  @Test
  void perRequestOptionsOverrideDefaultsAndRunAsync() {
    assertThat(ok(PerRequestOptions::run))
        .contains("no retries    NOTPAY", "async query   NOTPAY", "attach        cart=42");
  }

  @Test
  void escapeHatchesReachRetrofitAndOkHttp() {
    assertThat(ok(EscapeHatches::run))
        .contains("Retrofit      HTTP 200, trade_state NOTPAY")
        .contains("OkHttp        GET /v3/certificates: HTTP 200");
  }

  @Test
  void partnerOrderLifecyclePlacesPaysQueriesAndClosesForASubMerchant() {
    assertThat(ok(PartnerOrderLifecycle::run))
        .contains("sub_mchid     1900000110, sub_appid wxd678efh567hg6999")
        .contains("appId signed  wxd678efh567hg6999")
        .contains("\"package\": \"prepay_id=", "\"paySign\": \"")
        .contains("APP order     PayReq appid wxd678efh567hg6999, partnerid 1900000109, prepayid wx")
        .containsPattern("H5 order      h5_url http://127\\.0\\.0\\.1:\\d+/simulator/cashier/h5\\?")
        .contains("by out_trade_no  SUCCESS")
        .containsPattern("by transaction_id \\d+  SUCCESS")
        .containsPattern("closed        partner_\\S+  HTTP 204, now CLOSED");
  }

  @Test
  void partnerExampleAgainstWechatPayNeedsASubMerchant(@TempDir Path dir) throws Exception {
    // Credentials that parse but go nowhere: the example must refuse before any network call.
    try (WechatPaySimulator simulator = WechatPaySimulator.start()) {
      Path key = Files.writeString(dir.resolve("apiclient_key.pem"), simulator.merchant().merchantPrivateKeyPem());
      Path pub = Files.writeString(dir.resolve("pub_key.pem"), simulator.merchant().wechatPayPublicKeyPem());
      Result result =
          run(PartnerOrderLifecycle::run, "--base-url", "https://api.example.invalid/", "--mchid", "1900000109",
              "--appid", "wxd678efh567hg6787", "--merchant-serial", simulator.merchant().merchantSerialNumber(),
              "--private-key", key.toString(), "--public-key-id", simulator.merchant().wechatPayPublicKeyId(),
              "--public-key", pub.toString(), "--openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
      assertThat(result.exit).as(result.output).isEqualTo(2);
      assertThat(result.output).contains("--sub-mchid is required against WeChat Pay");
    }
  }

  @Test
  void reconcileAndPollRecoverALostAnswerWithoutADuplicateAndCloseTheUnpaidOrder() {
    assertThat(ok(ReconcileAndPoll::run))
        .contains("code_url      weixin://wxpay/bizpayurl?pr=")
        .contains("orders        1 in the simulator")
        .contains("polled        CLOSED");
  }

  @Test
  void reconcileBillsDownloadsVerifiesAndMatchesTheDaysBills() {
    assertThat(ok(ReconcileBills::run))
        .contains("paid          3 orders (¥7.49), refunded ¥0.50 of ")
        .containsPattern("trade bill    [0-9]+ bytes, SHA-1 [0-9a-f]{40} verified \\(gzip\\)")
        .contains("              4 lines, orders ¥7.49, refunds ¥0.50, fees ¥0.04194")
        .contains("fund flow     7 entries, in ¥7.49, out ¥0.55, SHA-1 ")
        .contains("reconciled    4 bill lines with 4 records: 0 missing, 0 extra, 0 mismatched")
        .contains("result        the bills match our records");
  }

  @Test
  void refundOrderRefundsInPartAndInFullAndReconcilesALostAnswerWithoutASecondRefund() {
    assertThat(ok(RefundOrder::run))
        .containsPattern("refund notify_url   http://127.0.0.1:\\d+/wechatpay/notify/refund")
        .containsPattern("partial refund      refund_\\d+_1: ¥0.30 of ¥1.00")
        .containsPattern("the remaining       refund_\\d+_2: ¥0.70 of ¥1.00")
        .contains("  status            PROCESSING  (accepted; the result is notified)")
        .contains("  REFUND.SUCCESS    verified and decrypted at the refund notify_url, answered 204")
        .contains("    amount          ¥0.30 refunded, ¥0.30 to the payer")
        .contains("  queried           SUCCESS at ")
        .contains("  order now         trade_state REFUND, refunded ¥0.30 + ¥0.70 = ¥1.00: in full")
        .containsPattern("  reconciled        RefundOutcome\\{outRefundNo=refund_\\d+_3, status=PROCESSING,")
        .contains("(the same: WeChat Pay made one refund)")
        .contains("  refunds           1 of this order in the simulator");
  }

  @Test
  void everyExampleHasHelp() {
    for (Main example :
        new Main[] {
          FirstCall::run, PrepayNative::run, HandleNotification::run, ErrorHandling::run, ReconcileBills::run,
          RefundOrder::run
        }) {
      Result result = run(example, "--help");
      assertThat(result.exit).isZero();
      assertThat(result.output).contains("--mchid ID", "WECHATPAY_MCHID", "--simulator-state DIR");
    }
  }

  @Test
  void jsapiExampleAgainstWechatPayNeedsAnOpenid(@TempDir Path dir)
      throws Exception {
    // Credentials that parse but go nowhere: the example must refuse before any network call.
    Path key = dir.resolve("apiclient_key.pem");
    try (WechatPaySimulator simulator = WechatPaySimulator.start()) {
      Files.writeString(key, simulator.merchant().merchantPrivateKeyPem());
      Path pub = dir.resolve("pub_key.pem");
      Files.writeString(pub, simulator.merchant().wechatPayPublicKeyPem());
      Result result =
          run(PrepayJsapi::run, "--base-url", "https://api.example.invalid/", "--mchid", "1900000109",
              "--appid", "wxd678efh567hg6787", "--merchant-serial", simulator.merchant().merchantSerialNumber(),
              "--private-key", key.toString(), "--public-key-id", simulator.merchant().wechatPayPublicKeyId(),
              "--public-key", pub.toString());
      assertThat(result.exit).as(result.output).isEqualTo(2);
      assertThat(result.output).contains("--openid is required against WeChat Pay");
    }
  }

  @Test
  void openidCheckIgnoresBase64RunsAndCatchesEveryLabelledOpenid() {
    String openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    // A paySign whose base64 holds a 28-character run starting with "o" between "+" and "/".
    String signature = "\"paySign\": \"b4dzVGhb+oAbCdEfGhIjKlMnOpQrStUvWxYz0/123456789==\"";
    assertNoFullOpenid(signature + "\n      payer openid     oUpF…(masked)\n(payer oUpF…(masked))\n");
    for (String printed :
        new String[] {
          "      payer openid     " + openid + "\n",
          "out_trade_no  jsapi_1  (payer " + openid + ")",
          "payer         " + openid + " (sub_openid)",
          "\"payer\": {\"openid\": \"" + openid + "\"}",
          "sub_openid=" + openid,
        }) {
      assertThatThrownBy(() -> assertNoFullOpenid(printed.replace(openid, "oSim" + openid.substring(4))))
          .as(printed)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("an unmasked openid was printed");
    }
  }

  @Test
  void openidCheckQuotesTheMatchInContextNotTheWholeOutput() {
    String output =
        "line\n".repeat(150) + "      payer openid     oSimAbCdEfGhIjKlMnOpQrStUvWx\n" + "line\n".repeat(150);

    assertThatThrownBy(() -> assertNoFullOpenid(output))
        .hasMessage("an unmasked openid was printed: …\"e⏎line⏎line⏎line⏎      payer openid     "
            + "oSimAbCdEfGhIjKlMnOpQrStUvWx⏎line⏎line⏎line⏎line⏎line⏎line⏎line⏎line\"…");
    assertThatThrownBy(() -> assertNoFullOpenid("x".repeat(100) + Setup.DEMO_OPENID))
        .hasMessage("the demo payer's openid was printed unmasked: …\"" + "x".repeat(40) + Setup.DEMO_OPENID + "\"");
  }
}
