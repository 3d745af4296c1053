package io.wxpay4j.simulator;

import static io.wxpay4j.simulator.TestClient.H5_SCENE;
import static io.wxpay4j.simulator.TestClient.NOTIFY_URL;
import static io.wxpay4j.simulator.TestClient.PAYER;
import static io.wxpay4j.simulator.TestClient.prepayBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The simulator in a real browser (headless Chromium): the dashboard pays a Native order by a
 * click; a merchant's own page, served from another loopback origin, pays a JSAPI order through the
 * bridge script and is refused with a wrong {@code paySign}; the H5 cashier returns to {@code
 * redirect_url}. One browser for the class.
 */
class BrowserTest {
  private static WechatPaySimulator simulator;
  private static TestClient client;
  private static HeadlessChromium chromium;
  private static MockWebServer shop;
  private static final Map<String, String> SHOP_PAGES = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    simulator =
        WechatPaySimulator.builder()
            .notificationTimeScale(0.001)
            .refundDelay(java.time.Duration.ofHours(1))
            .start();
    client = new TestClient(simulator);
    shop = new MockWebServer();
    shop.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            String page = SHOP_PAGES.get(path);
            if (page == null) {
              return new MockResponse.Builder().code(404).body("no page " + path).build();
            }
            return new MockResponse.Builder()
                .setHeader("Content-Type", "text/html; charset=utf-8")
                .body(page)
                .build();
          }
        });
    shop.start(java.net.InetAddress.getLoopbackAddress(), 0);
    chromium = new HeadlessChromium();
  }

  @AfterAll
  static void stop() {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      shop.close();
      simulator.close();
    }
  }

  @BeforeEach
  void freshState() {
    simulator.reset();
    SHOP_PAGES.clear();
  }

  private static String shopUrl(String path) {
    return "http://127.0.0.1:" + shop.getPort() + path;
  }

  @Test
  void dashboardPaysANativeOrderByAClick() {
    String outTradeNo = "DASHBOARD_NATIVE_1";
    TestClient.Answer created =
        client.post(
            "/v3/pay/transactions/native",
            prepayBody(simulator.merchant(), outTradeNo, NOTIFY_URL, ""));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    String codeUrl = created.json().path("code_url").asString();
    client.post(
        "/v3/pay/transactions/jsapi",
        prepayBody(simulator.merchant(), "DASHBOARD_JSAPI_2", NOTIFY_URL, PAYER));

    chromium.driver.get(simulator.baseUrl() + "simulator/");
    WebElement row = orderRow(outTradeNo);
    assertThat(row.findElement(By.cssSelector(".state")).getText()).isEqualTo("NOTPAY");
    assertThat(row.findElement(By.cssSelector("svg.qr title")).getAttribute("textContent"))
        .isEqualTo(codeUrl);
    row.findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Pay')]")).click();

    awaitState(outTradeNo, "SUCCESS");
    assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("SUCCESS");
    assertThat(orderRow(outTradeNo).getText()).contains("transaction_id 4200");
    assertThat(chromium.driver.findElement(By.id("status")).getText()).contains("Pay 支付 ✓");
    simulator.awaitNotifications(1, java.time.Duration.ofSeconds(10));
    String transactionId = simulator.order(outTradeNo).orElseThrow().transactionId();
    TestClient.Answer refund =
        client.post(
            "/v3/refund/domestic/refunds",
            "{\"transaction_id\":\""
                + transactionId
                + "\",\"out_refund_no\":\"DASHBOARD_REFUND_1\",\"amount\":{\"refund\":30,"
                + "\"total\":100,\"currency\":\"CNY\"}}");
    assertThat(refund.status()).as(refund.body()).isEqualTo(200);
    chromium.driver.navigate().refresh();
    assertThat(chromium.driver.findElement(By.id("notifications")).getText())
        .contains("TRANSACTION.SUCCESS", "Deliver again 重新发送");
    assertThat(chromium.driver.findElement(By.id("refunds")).getText())
        .contains("DASHBOARD_REFUND_1", "¥0.30 / ¥1.00");
    chromium.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1500));
    try {
      chromium.screenshot("dashboard.png");
    } finally {
      chromium.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }
  }

  @Test
  void dashboardClosesAnUnpaidOrderByAClick() {
    client.post(
        "/v3/pay/transactions/native",
        prepayBody(simulator.merchant(), "DASHBOARD_CLOSE_1", NOTIFY_URL, ""));
    chromium.driver.get(simulator.baseUrl() + "simulator/");
    orderRow("DASHBOARD_CLOSE_1")
        .findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Close')]"))
        .click();
    awaitState("DASHBOARD_CLOSE_1", "CLOSED");
    assertThat(simulator.order("DASHBOARD_CLOSE_1").orElseThrow().tradeState()).isEqualTo("CLOSED");
  }

  /** Waits until the (reloaded) dashboard shows the order in this state. */
  private static void awaitState(String outTradeNo, String state) {
    By cell = By.cssSelector("tr[data-out-trade-no='" + outTradeNo + "'] .state");
    chromium.waiting().until(ExpectedConditions.textToBe(cell, state));
  }

  private static WebElement orderRow(String outTradeNo) {
    return chromium
        .waiting()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-out-trade-no='" + outTradeNo + "']")));
  }

  /** A merchant's JSAPI page: the simulator's bridge in place of WeChat's, one pay button. */
  private static String jsapiPage(Map<String, String> params, String outcome) {
    StringBuilder json = new StringBuilder("{");
    params.forEach(
        (name, value) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append('"').append(name).append("\":\"").append(value).append('"');
        });
    json.append('}');
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Shop</title>"
        + "<script src=\""
        + simulator.baseUrl()
        + "simulator/jsapi/bridge.js\""
        + (outcome == null ? "" : " data-outcome=\"" + outcome + "\"")
        + "></script></head><body><h1>My shop checkout</h1><button id=\"buy\">Pay with WeChat</button>"
        + "<pre id=\"result\"></pre><script>"
        + "var ready = false; document.addEventListener('WeixinJSBridgeReady', function () { ready = true; });"
        + "document.getElementById('buy').onclick = function () {"
        + " WeixinJSBridge.invoke('getBrandWCPayRequest', "
        + json
        + ", function (res) { document.getElementById('result').textContent ="
        + " res.err_msg + (ready ? ' (bridge ready)' : ''); }); };"
        + "</script></body></html>";
  }

  /**
   * Front-end parameters as a merchant's server makes them: signed here with the test's own JDK
   * code.
   */
  private static Map<String, String> payParameters(String prepayId)
      throws GeneralSecurityException {
    String appId = simulator.merchant().appId();
    String timeStamp = String.valueOf(simulator.now().getEpochSecond());
    String nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
    String pkg = "prepay_id=" + prepayId;
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(simulator.merchant().merchantPrivateKey());
    signature.update(
        (appId + "\n" + timeStamp + "\n" + nonce + "\n" + pkg + "\n")
            .getBytes(StandardCharsets.UTF_8));
    return new java.util.LinkedHashMap<>(
        Map.of(
            "appId", appId,
            "timeStamp", timeStamp,
            "nonceStr", nonce,
            "package", pkg,
            "signType", "RSA",
            "paySign", Base64.getEncoder().encodeToString(signature.sign())));
  }

  private static String prepayJsapi(String outTradeNo) {
    TestClient.Answer answer = client.prepayJsapi(outTradeNo);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().path("prepay_id").asString();
  }

  private static String payOnShopPage(String path) {
    chromium.driver.get(shopUrl(path));
    chromium.driver.findElement(By.id("buy")).click();
    return chromium
        .waiting()
        .until(
            driver -> {
              String text = driver.findElement(By.id("result")).getText();
              return text.isEmpty() ? null : text;
            });
  }

  @Test
  void merchantPagePaysAJsapiOrderThroughTheBridgeWhenThePayerConfirms() throws Exception {
    String prepayId = prepayJsapi("SHOP_JSAPI_1");
    SHOP_PAGES.put("/checkout", jsapiPage(payParameters(prepayId), null));

    chromium.driver.get(shopUrl("/checkout"));
    chromium.driver.findElement(By.id("buy")).click();
    chromium
        .waiting()
        .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("wxpay4j-pay-sheet")));
    chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.id("pay")));
    assertThat(chromium.driver.findElement(By.id("amount")).getText()).isEqualTo("¥1.00");
    chromium.driver.switchTo().defaultContent();
    chromium.screenshot("jsapi-pay-sheet.png");
    chromium.driver.switchTo().frame("wxpay4j-pay-sheet");
    chromium.driver.findElement(By.id("pay")).click();
    chromium.driver.switchTo().defaultContent();

    String result =
        chromium
            .waiting()
            .until(
                driver -> {
                  String text = driver.findElement(By.id("result")).getText();
                  return text.isEmpty() ? null : text;
                });
    assertThat(result).isEqualTo("get_brand_wcpay_request:ok (bridge ready)");
    assertThat(chromium.driver.findElements(By.id("wxpay4j-pay-sheet"))).isEmpty();
    assertThat(simulator.order("SHOP_JSAPI_1").orElseThrow().tradeState()).isEqualTo("SUCCESS");
  }

  @Test
  void wrongPaySignFailsAndLeavesTheOrderUnpaid() throws Exception {
    String prepayId = prepayJsapi("SHOP_JSAPI_2");
    Map<String, String> params = payParameters(prepayId);
    params.put("nonceStr", "ANOTHERNONCE0000000000000000000A"); // signed over another nonce
    SHOP_PAGES.put("/checkout", jsapiPage(params, "ok"));

    assertThat(payOnShopPage("/checkout")).startsWith("get_brand_wcpay_request:fail");
    assertThat(simulator.order("SHOP_JSAPI_2").orElseThrow().tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void scriptedOutcomesCancelAndFail() throws Exception {
    SHOP_PAGES.put("/cancel", jsapiPage(payParameters(prepayJsapi("SHOP_JSAPI_3")), "cancel"));
    SHOP_PAGES.put("/fail", jsapiPage(payParameters(prepayJsapi("SHOP_JSAPI_4")), "fail"));
    SHOP_PAGES.put("/ok", jsapiPage(payParameters(prepayJsapi("SHOP_JSAPI_5")), "ok"));

    assertThat(payOnShopPage("/cancel")).startsWith("get_brand_wcpay_request:cancel");
    assertThat(payOnShopPage("/fail")).startsWith("get_brand_wcpay_request:fail");
    assertThat(payOnShopPage("/ok")).startsWith("get_brand_wcpay_request:ok");

    assertThat(simulator.order("SHOP_JSAPI_3").orElseThrow().tradeState()).isEqualTo("NOTPAY");
    assertThat(simulator.order("SHOP_JSAPI_4").orElseThrow().tradeState()).isEqualTo("PAYERROR");
    assertThat(simulator.order("SHOP_JSAPI_5").orElseThrow().tradeState()).isEqualTo("SUCCESS");
  }

  @Test
  void h5CashierPaysAndReturnsToRedirectUrl() {
    TestClient.Answer created =
        client.post(
            "/v3/pay/transactions/h5",
            prepayBody(simulator.merchant(), "SHOP_H5_1", NOTIFY_URL, H5_SCENE));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    String h5Url = created.json().path("h5_url").asString();
    SHOP_PAGES.put(
        "/paid", "<!DOCTYPE html><title>Back</title><h1 id=\"back\">Back at the shop</h1>");
    String redirect = shopUrl("/paid?order=SHOP_H5_1");

    chromium.driver.get(
        h5Url + "&redirect_url=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
    chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.id("pay")));
    assertThat(chromium.driver.findElement(By.id("amount")).getText()).isEqualTo("¥1.00");
    chromium.screenshot("h5-cashier.png");
    chromium.driver.findElement(By.id("pay")).click();

    chromium.waiting().until(ExpectedConditions.urlToBe(redirect));
    assertThat(chromium.driver.findElement(By.id("back")).getText()).isEqualTo("Back at the shop");
    assertThat(simulator.order("SHOP_H5_1").orElseThrow().tradeState()).isEqualTo("SUCCESS");
  }
}
