package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.auth.SkipResponseVerification;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.PrepayRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries over loopback against scripted answers: what is retried, how often, how long, with what
 * bytes.
 */
final class RetryInterceptorTest {
  private static final Pattern NONCE = Pattern.compile("nonce_str=\"([^\"]+)\"");
  private static final Pattern TIMESTAMP = Pattern.compile("timestamp=\"([0-9]+)\"");

  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private WechatPayClient wechatPay;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    wechatPay = client().build();
  }

  @AfterEach
  void tearDown() {
    wechatPay.close();
    server.close();
  }

  private WechatPayClientBuilder client() {
    return time.install(
        WechatPayClient.builder()
            .merchantId("1900000109")
            .merchantKey(SignedAnswers.MERCHANT_SERIAL, SignedAnswers.MERCHANT.getPrivate())
            .platformPublicKey(SignedAnswers.PUBLIC_KEY_ID, SignedAnswers.PLATFORM.getPublic())
            .appId("wxd678efh567hg6787")
            .notifyUrl("https://example.com/wechatpay/notify")
            .baseUrl(server.url("/").toString()),
        0.5);
  }

  private static Consumer<PrepayRequest.Builder> order() {
    return order ->
        order
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo("1217752501201407033233368018")
            .amount(Amount.builder().total(100).build());
  }

  /** An error answer signed like WeChat Pay's: the facade may act on it. */
  private static MockResponse error(int status, String code) {
    return SignedAnswers.json(status, "{\"code\":\"" + code + "\",\"message\":\"injected\"}")
        .newBuilder()
        .setHeader("Request-ID", "R-" + status)
        .build();
  }

  private List<RecordedRequest> recorded() throws InterruptedException {
    List<RecordedRequest> result = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      result.add(server.takeRequest());
    }
    return result;
  }

  private static String item(Pattern pattern, RecordedRequest request) {
    Matcher matcher = pattern.matcher(request.getHeaders().get("Authorization"));
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  @Test
  void everyAttemptIsFreshlySignedOverTheSameBodyBytes() throws Exception {
    server.enqueue(error(503, "SERVICE_UNAVAILABLE"));
    server.enqueue(error(500, "SYSTEM_ERROR"));
    server.enqueue(SignedAnswers.json(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=1\"}"));

    WechatPayResponse<?> created = wechatPay.orders().prepayNative(order());

    assertThat(created.httpStatus()).isEqualTo(200);
    List<RecordedRequest> attempts = recorded();
    assertThat(attempts).hasSize(3);
    assertThat(attempts).extracting(r -> item(NONCE, r)).doesNotHaveDuplicates();
    assertThat(attempts)
        .extracting(r -> r.getBody().utf8())
        .containsOnly(attempts.get(0).getBody().utf8());
    assertThat(attempts.get(0).getBody().utf8())
        .contains("\"out_trade_no\":\"1217752501201407033233368018\"");
    // Jitter fixed at 0.5: half of 200 ms plus a quarter, then half of 400 ms plus a quarter.
    assertThat(time.waits).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
  }

  @Test
  void eachAttemptCarriesTheTimestampOfItsOwnSending() throws Exception {
    java.util.concurrent.atomic.AtomicLong seconds =
        new java.util.concurrent.atomic.AtomicLong(1_700_000_000L);
    java.time.Clock clock =
        new java.time.Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            return java.time.Instant.ofEpochSecond(seconds.get());
          }
        };
    // The sleeper moves the signing clock as a real wait would.
    try (WechatPayClient timed =
        client()
            .clock(clock)
            .retryTiming(d -> seconds.addAndGet(Math.max(1, d.toSeconds())), time, () -> 0.5)
            .build()) {
      // Unsigned: signed answers would carry the wall-clock time, not this clock's.
      for (int i = 0; i < 3; i++) {
        server.enqueue(
            new MockResponse.Builder()
                .code(503)
                .body("{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"injected\"}")
                .build());
      }

      assertThatThrownBy(() -> timed.orders().close("order_0001"))
          .isInstanceOf(WechatPayApiException.class);
    }
    List<RecordedRequest> attempts = recorded();
    assertThat(attempts)
        .extracting(r -> item(TIMESTAMP, r))
        .containsExactly("1700000000", "1700000001", "1700000002");
  }

  @Test
  void businessErrorsAreNeverRetried() throws Exception {
    for (String[] answer :
        new String[][] {
          {"400", "PARAM_ERROR"},
          {"401", "SIGN_ERROR"},
          {"403", "OUT_TRADE_NO_USED"},
          {"404", "ORDER_NOT_EXIST"}
        }) {
      int status = Integer.parseInt(answer[0]);
      int before = server.getRequestCount();
      server.enqueue(error(status, answer[1]));

      assertThatThrownBy(() -> wechatPay.orders().prepayNative(order()))
          .isInstanceOfSatisfying(
              WechatPayApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(status);
                assertThat(e.hasCode(answer[1])).isTrue();
                assertThat(e.mayHaveTakenEffect()).isFalse();
                assertThat(e.getMessage()).doesNotContain("attempts");
              });
      assertThat(server.getRequestCount() - before).isEqualTo(1);
    }
    assertThat(time.waits).isEmpty();
  }

  @Test
  void serverErrorsOtherThanSystemErrorAreNotRetried() throws Exception {
    server.enqueue(error(500, "INVALID_TRANSACTIONID"));

    assertThatThrownBy(() -> wechatPay.orders().queryById("4200000000000000000000000000"))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> assertThat(e.hasCode("INVALID_TRANSACTIONID")).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serverErrorWithoutCodeAndTheOldSpellingAreRetried() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).body("<html>bad gateway</html>").build());
    server.enqueue(error(500, "SYSTEMERROR"));
    server.enqueue(SignedAnswers.noContent());

    assertThat(wechatPay.orders().close("1217752501201407033233368018").httpStatus())
        .isEqualTo(204);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void answerThatFailsVerificationIsNotRetried() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body("{\"code_url\":\"weixin://forged\"}")
            .build());
    server.enqueue(SignedAnswers.json(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=1\"}"));

    assertThatThrownBy(() -> wechatPay.orders().prepayNative(order()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits).isEmpty();
  }

  @Test
  void attemptsAreCappedAndTheLastAnswerIsReportedWithTheirCount() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(error(429, "FREQUENCY_LIMITED"));
    }

    assertThatThrownBy(() -> wechatPay.orders().prepayNative(order()))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.getMessage()).endsWith("[Request-ID R-429] after 3 attempts");
              assertThat(e.mayHaveTakenEffect()).isFalse();
            });
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anEarlierServerErrorMakesALaterRefusalMayHaveTakenEffect() throws Exception {
    server.enqueue(error(500, "SYSTEM_ERROR"));
    server.enqueue(error(429, "FREQUENCY_LIMITED"));
    server.enqueue(error(429, "FREQUENCY_LIMITED"));

    assertThatThrownBy(() -> wechatPay.orders().prepayNative(order()))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.mayHaveTakenEffect()).isTrue();
            });
  }

  @Test
  void totalTimeIsCapped() throws Exception {
    try (WechatPayClient capped =
        client()
            .retryPolicy(
                RetryPolicy.builder().maxAttempts(10).maxElapsed(Duration.ofMillis(1000)).build())
            .build()) {
      for (int i = 0; i < 10; i++) {
        server.enqueue(error(503, "SERVICE_UNAVAILABLE"));
      }

      assertThatThrownBy(() -> capped.orders().close("order_0001"))
          .isInstanceOf(WechatPayApiException.class);
      // 150 + 300 + 600 = 1050 ms would pass the budget: the third wait is never started.
      assertThat(time.waits).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
      assertThat(server.getRequestCount()).isEqualTo(3);
    }
  }

  @Test
  void retryPolicyNoneTurnsRetriesOffForTheClientAndAViewTurnsThemOnForACall() throws Exception {
    try (WechatPayClient noRetries = client().retryPolicy(RetryPolicy.none()).build()) {
      server.enqueue(error(503, "SERVICE_UNAVAILABLE"));
      assertThatThrownBy(() -> noRetries.orders().close("order_0001"))
          .isInstanceOf(WechatPayApiException.class);
      assertThat(server.getRequestCount()).isEqualTo(1);

      server.enqueue(error(503, "SERVICE_UNAVAILABLE"));
      server.enqueue(SignedAnswers.noContent());
      assertThat(
              noRetries
                  .orders()
                  .withRetryPolicy(RetryPolicy.defaults())
                  .close("order_0001")
                  .httpStatus())
          .isEqualTo(204);
      assertThat(server.getRequestCount()).isEqualTo(3);
    }
  }

  @Test
  void aViewWithoutRetriesLeavesTheClientsOwnRetries() throws Exception {
    server.enqueue(error(503, "SERVICE_UNAVAILABLE"));
    Orders once = wechatPay.orders().withRetryPolicy(RetryPolicy.none());
    assertThatThrownBy(() -> once.close("order_0001")).isInstanceOf(WechatPayApiException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(error(503, "SERVICE_UNAVAILABLE"));
    server.enqueue(SignedAnswers.noContent());
    assertThat(wechatPay.orders().close("order_0001").httpStatus()).isEqualTo(204);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aRequestTagSetsThePolicyOnTheRawClient() throws Exception {
    server.enqueue(error(503, "SERVICE_UNAVAILABLE"));
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    Request request =
        new Request.Builder()
            .url(server.url("/v3/bill/file"))
            .post(RequestBody.create("{}", MediaType.get("application/json")))
            .tag(SkipResponseVerification.class, SkipResponseVerification.INSTANCE)
            .tag(RetryPolicy.class, RetryPolicy.none())
            .build();

    try (Response response = wechatPay.okHttpClient().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(503);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void refusedConnectionsAreRetriedAndReportedAsNeverSent() throws Exception {
    String deadUrl = server.url("/").toString();
    server.close();
    try (WechatPayClient dead = client().baseUrl(deadUrl).build()) {
      assertThatThrownBy(() -> dead.orders().prepayNative(order()))
          .isInstanceOfSatisfying(
              WechatPayConnectionException.class,
              e -> {
                assertThat(e.mayHaveTakenEffect()).isFalse();
                assertThat(e.getCause().getSuppressed()).hasSize(2);
                assertThat(e.getMessage())
                    .contains("(ConnectException: ")
                    .contains(") after 3 attempts; the request was not sent");
              });
    }
    assertThat(time.waits).hasSize(2);
  }

  @Test
  void aRequestLostAfterSendingKeepsALaterRefusedRetryMayHaveTakenEffect() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket(true, false, false))
            .build());
    // The server goes away while the client waits: the retry is refused, before anything is sent.
    try (WechatPayClient client =
        client()
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).build())
            .retryTiming(d -> server.close(), time, () -> 0.5)
            .build()) {
      assertThatThrownBy(() -> client.orders().prepayNative(order()))
          .isInstanceOfSatisfying(
              WechatPayConnectionException.class,
              e -> {
                assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
                assertThat(e.mayHaveTakenEffect()).isTrue();
                assertThat(e.getMessage())
                    .contains(" after 2 attempts; the request may have been carried out");
                assertThat(e.getCause().getSuppressed()).hasSize(1);
                assertThat(e.getCause().getSuppressed()[0])
                    .hasMessageStartingWith("attempt 1 failed: ");
              });
    }
  }

  @Test
  void policyBackoffDoublesUpToItsCapWithinHalfAndAllOfIt() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(6)
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(500))
            .build();

    assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(policy.backoff(1, 0.999999))
        .isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(4, 0.0)).isEqualTo(Duration.ofMillis(250));
    assertThat(policy.backoff(60, 1.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.defaults().newBuilder().build()).isEqualTo(RetryPolicy.defaults());
  }

  @Test
  void policyRefusesOutOfRangeSettingsNamingThem() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .hasMessage("maxAttempts must be 1 (no retry) to 10, was 0");
    assertThatThrownBy(() -> RetryPolicy.builder().maxElapsed(Duration.ofSeconds(-1)))
        .hasMessage("maxElapsed must not be negative, was PT-1S");
    assertThatThrownBy(
            () ->
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofSeconds(3))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build())
        .hasMessage("initialBackoff (PT3S) must not exceed maxBackoff (PT1S)");
  }
}
