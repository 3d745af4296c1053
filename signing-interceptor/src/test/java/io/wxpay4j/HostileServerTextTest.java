package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text a hostile answer chooses (error {@code message}, {@code code}, {@code detail}, {@code
 * Request-ID}, {@code Location}) reaches exception messages and {@code toString()} as one bounded
 * line: it cannot forge a log line or flood a log. The accessors keep the text as sent.
 */
final class HostileServerTextTest {
  private static final String FORGED = "\n2026-12-03 10:00:00 INFO order 42 PAID by admin";

  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private WechatPayClient wechatPay;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    wechatPay = SignedAnswers.client(server, time);
  }

  @AfterEach
  void tearDown() {
    wechatPay.close();
    server.close();
  }

  private static WechatPayErrorResponse error(String json) {
    return WechatPayErrorResponse.parse(
        400, "R-1\r\nforged", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void errorMessageCodeAndDetailWithLineBreaksCannotForgeALogLine() {
    WechatPayErrorResponse error =
        error(
            "{\"code\":\"PARAM_ERROR\\r\\nX\",\"message\":\"参数错误"
                + FORGED.replace("\n", "\\n")
                + "\",\"detail\":{\"field\":\"/a\\u2028b\",\"issue\":\"bad\\u202Eevil\\u0007\"}}");
    WechatPayApiException e = new WechatPayApiException(error, "queryByOutTradeNo", false);

    assertThat(e.getMessage())
        .isEqualTo(
            "queryByOutTradeNo failed: HTTP 400 PARAM_ERROR\\r\\nX: 参数错误\\n2026-12-03 10:00:00"
                + " INFO order 42 PAID by admin (field /a\\u2028b: bad\\u202Eevil\\u0007)"
                + " [Request-ID R-1\\r\\nforged]")
        .doesNotContain("\n", "\r", "\u2028", "\u202E", "\u0007");
    assertThat(error.toString()).doesNotContain("\n", "\r", "\u2028");
    // The accessors return what was sent, for code that branches on it.
    assertThat(e.errorMessage()).isEqualTo("参数错误" + FORGED);
    assertThat(e.code()).isEqualTo("PARAM_ERROR\r\nX");
  }

  @Test
  void anOverlongErrorMessageIsCutInTheExceptionMessage() {
    WechatPayErrorResponse error =
        error("{\"code\":\"PARAM_ERROR\",\"message\":\"" + "x".repeat(100_000) + "\"}");
    WechatPayApiException e = new WechatPayApiException(error, "prepayNative", false);

    assertThat(e.getMessage())
        .startsWith("prepayNative failed: HTTP 400 PARAM_ERROR: " + "x".repeat(200) + "… [")
        .hasSizeLessThan(300);
    assertThat(e.errorMessage()).hasSize(100_000);
  }

  @Test
  void aBackslashCannotFakeAnEscape() {
    WechatPayErrorResponse error =
        error("{\"code\":\"C\",\"message\":\"a\\\\nb\"}"); // a\nb, literal
    assertThat(new WechatPayApiException(error, "op", false).getMessage())
        .startsWith("op failed: HTTP 400 C: a\\\\nb [");
  }

  @Test
  void aRedirectsLocationIsQuotedEscapedAndBounded() {
    String location = "https://evil.example/\t" + "a".repeat(500);
    server.enqueue(
        new MockResponse.Builder().code(307).addHeaderLenient("Location", location).build());

    assertThatThrownBy(() -> wechatPay.orders().queryByOutTradeNo("1217752501201407033233368018"))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e ->
                assertThat(e.getMessage())
                    .contains(
                        "a redirect to \"https://evil.example/\\t"
                            + "a".repeat(78)
                            + "…\" was not followed")
                    .doesNotContain("\t")
                    .hasSizeLessThan(500));
  }
}
