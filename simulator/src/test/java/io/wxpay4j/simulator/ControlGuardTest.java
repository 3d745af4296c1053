package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wxpay4j.simulator.TestClient.Answer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control API answers only what a local script or test sends, never what a web page the
 * developer happens to visit makes the browser send: DNS rebinding (a foreign {@code Host}) and
 * cross-site requests (forms, simple fetches, foreign {@code Origin}, {@code Sec-Fetch-Site:
 * cross-site}).
 */
class ControlGuardTest {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final MediaType TEXT = MediaType.get("text/plain");
  private static final MediaType JSON = MediaType.get("application/json");

  private static WechatPaySimulator simulator;
  private static TestClient client;

  @BeforeAll
  static void start() {
    simulator = WechatPaySimulator.builder().start();
    client = new TestClient(simulator);
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  /** A control call with exactly these extra headers ({@code name, value, …}). */
  private static Answer call(
      String method, String path, MediaType type, String body, String... headers) {
    Request.Builder request = new Request.Builder().url(simulator.baseUrl() + path.substring(1));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    RequestBody requestBody =
        body != null
            ? RequestBody.create(body, type)
            : method.equals("POST") ? RequestBody.create(new byte[0]) : null;
    request.method(method, requestBody);
    try (Response response = TestClient.HTTP.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String placeNativeOrder(String outTradeNo) {
    Answer answer =
        client.post(
            "/v3/pay/transactions/native",
            TestClient.prepayBody(simulator.merchant(), outTradeNo, TestClient.NOTIFY_URL, ""));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().path("code_url").asString();
  }

  private static void assertForbidden(Answer answer, String code, String... messageParts) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(answer.code()).isEqualTo(code);
    if (messageParts.length > 0) {
      assertThat(answer.json().path("message").asString()).contains(messageParts);
    }
  }

  // ---------------------------------------------------------------- DNS rebinding: the Host header

  @Test
  void controlRequestWithForeignHostIsRefused() {
    // A page on attacker.example re-points its name at 127.0.0.1; the browser then sends its own
    // name as Host and treats the simulator's answers as same-origin, readable by the page.
    Answer merchant = call("GET", "/simulator/merchant", null, null, "Host", "attacker.example");
    Answer orders =
        call(
            "GET", "/simulator/orders", null, null, "Host", "attacker.example:" + simulator.port());
    placeNativeOrder("GUARD_0001");
    Answer pay =
        call(
            "POST",
            "/simulator/orders/GUARD_0001/pay",
            JSON,
            "",
            "Host",
            "attacker.example:" + simulator.port());

    assertForbidden(
        merchant,
        "HOST_NOT_LOOPBACK",
        "Host: attacker.example",
        "localhost, 127.0.0.1 or [::1]",
        "DNS rebinding");
    assertForbidden(orders, "HOST_NOT_LOOPBACK", "Host: attacker.example:" + simulator.port());
    assertForbidden(pay, "HOST_NOT_LOOPBACK");
    assertThat(simulator.order("GUARD_0001").orElseThrow().tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void namesThatOnlyLookLoopbackAreRefused() {
    // (MockWebServer drops a request whose Host does not parse as a URL host before it reaches
    // the simulator; a browser never sends one.)
    for (String host :
        List.of(
            "127.0.0.1.attacker.example",
            "localhost.attacker.example",
            "attacker.example#127.0.0.1",
            "127.0.0.256",
            "0.0.0.0",
            "[::2]",
            "10.0.0.1",
            "192.168.1.10:8890")) {
      assertThat(call("GET", "/simulator/orders", null, null, "Host", host).status())
          .as(host)
          .isEqualTo(403);
    }
  }

  @Test
  void loopbackHostsWithAnyPortAreAnswered() {
    for (String host :
        List.of(
            "localhost",
            "LOCALHOST:8890",
            "127.0.0.1",
            "127.0.0.1:" + simulator.port(),
            "127.1.2.3:1",
            "[::1]",
            "[::1]:" + simulator.port(),
            "[0:0:0:0:0:0:0:1]:8890")) {
      assertThat(call("GET", "/simulator/orders", null, null, "Host", host).status())
          .as(host)
          .isEqualTo(200);
    }
  }

  @Test
  void wechatPayRoutesIgnoreTheHost() {
    Answer query =
        client.get(
            "/v3/pay/transactions/out-trade-no/GUARD_0002?mchid="
                + simulator.merchant().merchantId());

    Answer foreign = call("GET", "/v3/certificates", null, null, "Host", "api.mch.weixin.qq.com");

    assertThat(query.code()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(foreign.status()).isEqualTo(401); // judged by its signature, not by its Host
    assertThat(foreign.code()).isEqualTo("SIGN_ERROR");
  }

  // ---------------------------------------------------------------- cross-site requests

  @Test
  void crossSiteFormPostIsRefused() {
    // <form method=post action=http://127.0.0.1:8890/simulator/pay> on any web site: the browser
    // sends it with a loopback Host, a form content type and the site's Origin.
    String codeUrl = placeNativeOrder("GUARD_0003");
    Answer withOrigin =
        call(
            "POST",
            "/simulator/pay",
            FORM,
            "code_url=" + codeUrl,
            "Origin",
            "https://attacker.example",
            "Sec-Fetch-Site",
            "cross-site");
    // Older browsers send neither Origin nor Sec-Fetch-Site with a form: the content type decides.
    Answer bare = call("POST", "/simulator/pay", FORM, "{\"code_url\":\"" + codeUrl + "\"}");
    Answer reset = call("POST", "/simulator/reset", FORM, "");

    assertForbidden(
        withOrigin, "CROSS_SITE_REQUEST", "Origin: https://attacker.example", "loopback origin");
    assertForbidden(
        bare,
        "CONTROL_HEADER_REQUIRED",
        "Content-Type: application/json",
        "X-Wxpay4j-Simulator: 1",
        "application/x-www-form-urlencoded");
    assertForbidden(reset, "CONTROL_HEADER_REQUIRED");
    assertThat(simulator.order("GUARD_0003").orElseThrow().tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void crossSiteSimpleFetchIsRefused() {
    // fetch(url, {method: "POST", mode: "no-cors", body: JSON}) sends text/plain without preflight.
    placeNativeOrder("GUARD_0004");
    Answer textPlain =
        call(
            "POST",
            "/simulator/faults",
            TEXT,
            "{\"route\":\"*\",\"fault\":\"SYSTEM_ERROR\",\"times\":5}");
    Answer noBody = call("POST", "/simulator/orders/GUARD_0004/pay", null, null);
    Answer delete = call("DELETE", "/simulator/faults", null, null);

    assertForbidden(textPlain, "CONTROL_HEADER_REQUIRED", "text/plain");
    assertForbidden(noBody, "CONTROL_HEADER_REQUIRED", "no Content-Type");
    assertForbidden(delete, "CONTROL_HEADER_REQUIRED");
    assertThat(simulator.order("GUARD_0004").orElseThrow().tradeState()).isEqualTo("NOTPAY");
    assertThat(client.prepayJsapi("GUARD_0005").status()).isEqualTo(200); // no fault was added
  }

  @Test
  void crossSiteOriginOrFetchMetadataIsRefusedEvenWithJson() {
    // A browser sends these headers only after a CORS preflight, which the simulator never grants;
    // refusing them anyway keeps a future CORS mistake from opening the door.
    placeNativeOrder("GUARD_0006");
    Answer foreignOrigin =
        call(
            "POST",
            "/simulator/orders/GUARD_0006/pay",
            JSON,
            "",
            "Origin",
            "http://attacker.example:8890");
    Answer nullOrigin =
        call("POST", "/simulator/orders/GUARD_0006/pay", JSON, "", "Origin", "null");
    Answer crossSite =
        call(
            "POST",
            "/simulator/orders/GUARD_0006/pay",
            null,
            null,
            "X-Wxpay4j-Simulator",
            "1",
            "Sec-Fetch-Site",
            "cross-site");
    Answer preflight =
        call(
            "OPTIONS",
            "/simulator/orders/GUARD_0006/pay",
            null,
            null,
            "Origin",
            "https://attacker.example",
            "Access-Control-Request-Method",
            "POST");

    assertForbidden(foreignOrigin, "CROSS_SITE_REQUEST", "Origin: http://attacker.example:8890");
    assertForbidden(nullOrigin, "CROSS_SITE_REQUEST", "Origin: null");
    assertForbidden(crossSite, "CROSS_SITE_REQUEST", "Sec-Fetch-Site: cross-site");
    assertForbidden(preflight, "CROSS_SITE_REQUEST");
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(simulator.order("GUARD_0006").orElseThrow().tradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void scriptedStateChangesAreAccepted() {
    placeNativeOrder("GUARD_0007");
    String codeUrl = placeNativeOrder("GUARD_0008");
    Answer header =
        call("POST", "/simulator/orders/GUARD_0007/pay", null, null, "X-Wxpay4j-Simulator", "1");
    Answer json =
        call(
            "POST",
            "/simulator/pay",
            MediaType.get("application/json; charset=utf-8"),
            "{\"code_url\":\"" + codeUrl + "\"}",
            "Origin",
            "http://localhost:" + simulator.port(),
            "Sec-Fetch-Site",
            "same-origin");
    Answer delete = call("DELETE", "/simulator/faults", null, null, "X-Wxpay4j-Simulator", "1");

    assertThat(header.status()).as(header.body()).isEqualTo(200);
    assertThat(json.status()).as(json.body()).isEqualTo(200);
    assertThat(delete.status()).as(delete.body()).isEqualTo(200);
    assertThat(simulator.order("GUARD_0008").orElseThrow().tradeState()).isEqualTo("SUCCESS");
  }

  @Test
  void readsNeedNoExtraHeader() {
    Answer cross = call("GET", "/simulator/orders", null, null, "Sec-Fetch-Site", "cross-site");

    // A cross-site page can make the browser send this GET, but cannot read the answer (no CORS).
    assertThat(call("GET", "/simulator/orders", null, null).status()).isEqualTo(200);
    assertThat(cross.status()).isEqualTo(200);
    assertThat(cross.header("Access-Control-Allow-Origin")).isNull();
  }

  // ---------------------------------------------------------------- the README's curl recipes

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }

  @Test
  void readmeCurlRecipesPassTheGuard() throws Exception {
    assumeTrue(onPath("sh") && onPath("curl"), "needs sh and curl");
    List<String> recipes = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
      if (line.startsWith("curl ") && line.contains("localhost:8890/simulator/")) {
        recipes.add(line.replaceAll("\\s+#.*$", ""));
      }
    }
    assertThat(recipes).hasSizeGreaterThanOrEqualTo(8);

    for (String recipe : recipes) {
      String command =
          recipe
              .replace("curl -s ", "curl -s -o /dev/null -w '%{http_code}' ")
              .replace("localhost:8890", "localhost:" + simulator.port());
      Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      // 404 and 409 are fine (no such order or refund here): only the guard's 403 is not.
      assertThat(status).as(recipe).matches("200|404|409");
    }
  }
}
