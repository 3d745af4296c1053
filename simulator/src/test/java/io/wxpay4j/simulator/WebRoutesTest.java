package io.wxpay4j.simulator;

import static io.wxpay4j.simulator.TestClient.H5_SCENE;
import static io.wxpay4j.simulator.TestClient.NOTIFY_URL;
import static io.wxpay4j.simulator.TestClient.prepayBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.simulator.TestClient.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard and the payer pages over HTTP: escaping and page policy, the JSAPI checks (one
 * named negative test each), the H5 cashier's checks, deliver again, close, and the control guard
 * on every new route. {@link BrowserTest} runs the same pages in Chromium.
 */
class WebRoutesTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final MediaType JSON = MediaType.get("application/json");
  private static WechatPaySimulator simulator;
  private static TestClient client;
  private static final MockWebServer receiver = new MockWebServer();

  @BeforeAll
  static void start() throws IOException {
    receiver.start(InetAddress.getLoopbackAddress(), 0);
    simulator = WechatPaySimulator.builder().start(); // real-time retries: none within a test
    client = new TestClient(simulator);
  }

  @AfterAll
  static void stop() {
    simulator.close();
    receiver.close();
  }

  private static String id(String prefix) {
    return prefix + "_" + System.nanoTime() + "_" + IDS.incrementAndGet();
  }

  private static Answer http(String method, String path, String body, String... headers) {
    Request.Builder request = new Request.Builder().url(simulator.baseUrl() + path.substring(1));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    request.method(method, body == null ? null : RequestBody.create(body, JSON));
    try (Response response = TestClient.HTTP.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String prepayJsapi() {
    String outTradeNo = id("WEB");
    Answer answer = client.prepayJsapi(outTradeNo);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return outTradeNo;
  }

  private static String prepayId(String outTradeNo) {
    return simulator.order(outTradeNo).orElseThrow().prepayId();
  }

  /** JSAPI front-end parameters signed with the merchant key by the test's own JDK code. */
  private static ObjectNode params(String prepayId) throws GeneralSecurityException {
    ObjectNode params = Json.object();
    params.put("appId", simulator.merchant().appId());
    params.put("timeStamp", String.valueOf(simulator.now().getEpochSecond()));
    params.put("nonceStr", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
    params.put("package", "prepay_id=" + prepayId);
    params.put("signType", "RSA");
    resign(params);
    return params;
  }

  private static void resign(ObjectNode params) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(simulator.merchant().merchantPrivateKey());
    signature.update(
        (params.path("appId").asString()
                + "\n"
                + params.path("timeStamp").asString()
                + "\n"
                + params.path("nonceStr").asString()
                + "\n"
                + params.path("package").asString()
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
    params.put("paySign", Base64.getEncoder().encodeToString(signature.sign()));
  }

  private static JsonNode verify(JsonNode params) {
    ObjectNode body = Json.object();
    body.set("params", params);
    Answer answer = http("POST", "/simulator/jsapi/verify", Json.write(body));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private static JsonNode confirm(JsonNode params, String action) {
    ObjectNode body = Json.object();
    body.set("params", params);
    body.put("action", action);
    Answer answer = http("POST", "/simulator/jsapi/confirm", Json.write(body));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private static void assertRefused(JsonNode params, String why, String outTradeNo) {
    JsonNode verified = verify(params);
    assertThat(verified.path("err_msg").asString()).isEqualTo("get_brand_wcpay_request:fail");
    assertThat(verified.path("err_desc").asString()).contains(why);
    JsonNode confirmed = confirm(params, "pay");
    assertThat(confirmed.path("err_msg").asString()).isEqualTo("get_brand_wcpay_request:fail");
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void dashboardEscapesMerchantTextAndRunsOnlyItsOwnScripts() {
    String outTradeNo = id("XSS");
    String body =
        prepayBody(simulator.merchant(), outTradeNo, NOTIFY_URL, "")
            .replace("Image形象店-深圳腾大-QQ公仔", "<script>alert(1)</script>\\\"'&");
    assertThat(client.post("/v3/pay/transactions/native", body).status()).isEqualTo(200);

    Answer page = http("GET", "/simulator/", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;")
        .doesNotContain("<script>alert(1)");
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'none'");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.body()).contains("<svg", "Orders", "订单", "Notifications", "通知");
  }

  @Test
  void scriptsAreServedFromTheSimulatorItself() {
    Answer dashboard = http("GET", "/simulator/web/dashboard.js", null);
    Answer bridge = http("GET", "/simulator/jsapi/bridge.js", null);

    assertThat(dashboard.status()).isEqualTo(200);
    assertThat(dashboard.header("Content-Type")).startsWith("text/javascript");
    assertThat(bridge.body()).contains("getBrandWCPayRequest", "WeixinJSBridgeReady");
    assertThat(http("GET", "/simulator/web/other.js", null).status()).isEqualTo(404);
    assertThat(http("GET", "/simulator/jsapi/sheet", null).header("Content-Security-Policy"))
        .contains("frame-ancestors http://127.0.0.1:* http://localhost:*")
        .doesNotContain("frame-ancestors *");
  }

  @Test
  void jsapiParametersOfTheOrderVerifyAndPay() throws Exception {
    String outTradeNo = prepayJsapi();
    ObjectNode params = params(prepayId(outTradeNo));

    JsonNode summary = verify(params);
    assertThat(summary.path("ok").asBoolean()).isTrue();
    assertThat(summary.path("amount").asString()).isEqualTo("¥1.00");
    assertThat(confirm(params, "pay").path("err_msg").asString())
        .isEqualTo("get_brand_wcpay_request:ok");
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("SUCCESS");
    assertThat(confirm(params, "pay").path("err_desc").asString()).contains("ORDER_NOT_PAYABLE");
  }

  @Test
  void jsapiTamperedPaySignFails() throws Exception {
    String outTradeNo = prepayJsapi();
    ObjectNode params = params(prepayId(outTradeNo));
    params.put("timeStamp", String.valueOf(simulator.now().getEpochSecond() + 1)); // not re-signed
    assertRefused(params, "支付验证签名失败", outTradeNo);
  }

  @Test
  void jsapiPaySignByAnotherKeyFails() throws Exception {
    String outTradeNo = prepayJsapi();
    ObjectNode params = params(prepayId(outTradeNo));
    Signature other = Signature.getInstance("SHA256withRSA");
    other.initSign(Crypto.create().newRsaKeyPair().getPrivate());
    other.update("anything".getBytes(StandardCharsets.UTF_8));
    params.put("paySign", Base64.getEncoder().encodeToString(other.sign()));
    assertRefused(params, "支付验证签名失败", outTradeNo);
  }

  @Test
  void jsapiAppIdOfAnotherAppFails() throws Exception {
    String outTradeNo = prepayJsapi();
    ObjectNode params = params(prepayId(outTradeNo));
    params.put("appId", "wx0000000000000000");
    resign(params);
    assertRefused(params, "appId is not the app the order was placed for", outTradeNo);
  }

  @Test
  void jsapiPackageWithoutPrepayIdPrefixFails() throws Exception {
    String outTradeNo = prepayJsapi();
    ObjectNode params = params(prepayId(outTradeNo));
    params.put("package", prepayId(outTradeNo));
    resign(params);
    assertRefused(params, "package must be prepay_id=", outTradeNo);
  }

  @Test
  void jsapiUnknownPrepayIdFails() throws Exception {
    String outTradeNo = prepayJsapi();
    ObjectNode params = params("wx201410272009395522657a690389285100");
    assertRefused(params, "no order has this prepay_id", outTradeNo);
  }

  @Test
  void jsapiPrepayIdOfAnAppOrderFails() throws Exception {
    String outTradeNo = id("APP");
    assertThat(
            client
                .post(
                    "/v3/pay/transactions/app",
                    prepayBody(simulator.merchant(), outTradeNo, NOTIFY_URL, ""))
                .status())
        .isEqualTo(200);
    assertRefused(params(prepayId(outTradeNo)), "not a JSAPI order", outTradeNo);
  }

  @Test
  void jsapiSignTypeOtherThanRsaFails() throws Exception {
    String outTradeNo = prepayJsapi();
    ObjectNode params = params(prepayId(outTradeNo));
    params.put("signType", "HMAC-SHA256");
    assertRefused(params, "signType must be RSA", outTradeNo);
  }

  @Test
  void jsapiNumericTimeStampFails() throws Exception {
    String outTradeNo = prepayJsapi();
    ObjectNode params = params(prepayId(outTradeNo));
    params.put("timeStamp", simulator.now().getEpochSecond()); // a number, not a string
    assertRefused(params, "缺少参数 timeStamp", outTradeNo);
  }

  @Test
  void jsapiMissingPaySignFails() throws Exception {
    String outTradeNo = prepayJsapi();
    ObjectNode params = params(prepayId(outTradeNo));
    params.remove("paySign");
    assertRefused(params, "缺少参数 paySign", outTradeNo);
  }

  @Test
  void jsapiCancelChangesNothingAndFailIsAPayError() throws Exception {
    String cancelled = prepayJsapi();
    String failed = prepayJsapi();

    assertThat(confirm(params(prepayId(cancelled)), "cancel").path("err_msg").asString())
        .isEqualTo("get_brand_wcpay_request:cancel");
    assertThat(confirm(params(prepayId(failed)), "fail").path("err_msg").asString())
        .isEqualTo("get_brand_wcpay_request:fail");
    assertThat(simulator.order(cancelled).orElseThrow().tradeState()).isEqualTo("NOTPAY");
    assertThat(simulator.order(failed).orElseThrow().tradeState()).isEqualTo("PAYERROR");
  }

  private static String prepayH5() {
    String outTradeNo = id("H5");
    Answer answer =
        client.post(
            "/v3/pay/transactions/h5",
            prepayBody(simulator.merchant(), outTradeNo, NOTIFY_URL, H5_SCENE));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().path("h5_url").asString();
  }

  private static String path(String url) {
    return url.substring(simulator.baseUrl().length() - 1);
  }

  @Test
  void h5CashierShowsTheOrderOfItsUrl() {
    String h5Url = prepayH5();
    String redirect = "https://shop.example/paid?a=1&b='2'";

    Answer page =
        http(
            "GET",
            path(h5Url) + "&redirect_url=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8),
            null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("¥1.00", "data-redirect-url=\"https://shop.example/paid?a=1&amp;b=&#39;2&#39;\"");
  }

  @Test
  void h5CashierWithAnotherPackageIsRefused() {
    String h5Url = prepayH5();
    Answer page = http("GET", path(h5Url).replaceAll("package=[0-9]+", "package=1234567890"), null);

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("商家参数格式有误");
  }

  @Test
  void h5CashierRedirectUrlMustBeHttp() {
    String h5Url = prepayH5();
    Answer page = http("GET", path(h5Url) + "&redirect_url=javascript%3Aalert(1)", null);

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("redirect_url must be an absolute http(s) URL");
  }

  @Test
  void h5ConfirmPaysTheOrder() {
    String h5Url = prepayH5();
    String prepayId = h5Url.replaceAll(".*prepay_id=([^&]+).*", "$1");
    String pkg = h5Url.replaceAll(".*package=", "");
    Answer wrong =
        http(
            "POST",
            "/simulator/cashier/h5/confirm",
            "{\"prepay_id\":\"" + prepayId + "\",\"package\":\"0000000000\",\"action\":\"pay\"}");
    Answer paid =
        http(
            "POST",
            "/simulator/cashier/h5/confirm",
            "{\"prepay_id\":\"" + prepayId + "\",\"package\":\"" + pkg + "\",\"action\":\"pay\"}");

    assertThat(wrong.json().path("result").asString()).isEqualTo("fail");
    assertThat(paid.json().path("result").asString()).isEqualTo("ok");
    assertThat(paid.json().path("trade_state").asString()).isEqualTo("SUCCESS");
  }

  @Test
  void closeFromTheDashboardClosesAnUnpaidOrderOnly() {
    String unpaid = prepayJsapi();
    String paid = prepayJsapi();
    simulator.pay(paid);

    assertThat(
            http("POST", "/simulator/orders/" + unpaid + "/close", "{}")
                .json()
                .path("trade_state")
                .asString())
        .isEqualTo("CLOSED");
    Answer refused = http("POST", "/simulator/orders/" + paid + "/close", "{}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("TRADE_ERROR");
  }

  @Test
  void deliverAgainSendsTheSameNotificationSignedAfresh() throws Exception {
    String notifyUrl = "http://127.0.0.1:" + receiver.getPort() + "/notify";
    receiver.enqueue(new MockResponse.Builder().code(500).body("busy").build());
    receiver.enqueue(new MockResponse.Builder().code(204).build());
    String outTradeNo = id("AGAIN");
    assertThat(
            client
                .post(
                    "/v3/pay/transactions/jsapi",
                    prepayBody(simulator.merchant(), outTradeNo, notifyUrl, TestClient.PAYER))
                .status())
        .isEqualTo(200);
    simulator.pay(outTradeNo);
    RecordedRequest first = receiver.takeRequest(10, TimeUnit.SECONDS);
    NotificationAttempt failed = firstAttempt(outTradeNo);

    Answer again =
        http("POST", "/simulator/notifications/" + failed.notificationId() + "/redeliver", "{}");

    RecordedRequest second = receiver.takeRequest(10, TimeUnit.SECONDS);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().path("attempt").asInt()).isEqualTo(2);
    assertThat(again.json().path("delivered").asBoolean()).isTrue();
    assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8());
    assertThat(second.getHeaders().get("Wechatpay-Signature")).isNotBlank();
    assertThat(http("POST", "/simulator/notifications/no-such-id/redeliver", "{}").status())
        .isEqualTo(404);
  }

  /** The first logged attempt of the order's notification (logged just after its answer). */
  private static NotificationAttempt firstAttempt(String outTradeNo) {
    for (int seen = 1; ; seen++) {
      for (NotificationAttempt attempt :
          simulator.awaitNotifications(seen, Duration.ofSeconds(10))) {
        if (attempt.outTradeNo().equals(outTradeNo)) {
          return attempt;
        }
      }
    }
  }

  @Test
  void everyNewStateChangingRouteIsBehindTheControlGuard() {
    String outTradeNo = prepayJsapi();
    Answer crossSite =
        http(
            "POST",
            "/simulator/jsapi/confirm",
            "{}",
            "Origin",
            "https://attacker.example",
            "Sec-Fetch-Site",
            "cross-site");
    Answer form;
    Request request =
        new Request.Builder()
            .url(simulator.baseUrl() + "simulator/orders/" + outTradeNo + "/close")
            .post(RequestBody.create("a=1", MediaType.get("application/x-www-form-urlencoded")))
            .build();
    try (Response response = TestClient.HTTP.newCall(request).execute()) {
      form = new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Answer rebound = http("GET", "/simulator/", null, "Host", "attacker.example:8890");

    assertThat(crossSite.code()).isEqualTo("CROSS_SITE_REQUEST");
    assertThat(form.code()).isEqualTo("CONTROL_HEADER_REQUIRED");
    assertThat(rebound.code()).isEqualTo("HOST_NOT_LOOPBACK");
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("NOTPAY");
  }
}
