package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.simulator.TestClient.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private static WechatPaySimulator simulator;
  private static TestClient client;
  private static PublicKey platformKey;

  @BeforeAll
  static void start() {
    simulator = WechatPaySimulator.builder().start();
    client = new TestClient(simulator);
    platformKey = simulator.merchant().platformCertificate().getPublicKey();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @Test
  void systemErrorFailsTheNextRequestOnlyAndCreatesNoOrder() {
    simulator.injectFault("prepayJsapi", Fault.SYSTEM_ERROR, 1);

    Answer first = client.prepayJsapi("FAULT_0001");
    Answer second = client.prepayJsapi("FAULT_0001");

    assertThat(first.status()).isEqualTo(500);
    assertThat(first.code()).isEqualTo("SYSTEM_ERROR");
    assertThat(first.signedBy(platformKey)).isTrue();
    assertThat(second.status()).isEqualTo(200);
    assertThat(simulator.orders()).hasSize(1);
  }

  @Test
  void frequencyLimitedAndServiceUnavailableAnswerTheirStatus() {
    simulator.injectFault("*", Fault.FREQUENCY_LIMITED, 1);
    simulator.injectFault("queryOrderByOutTradeNo", Fault.SERVICE_UNAVAILABLE, 1);

    Answer limited = client.queryByOutTradeNo("FAULT_0002");
    Answer unavailable = client.queryByOutTradeNo("FAULT_0002");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("FREQUENCY_LIMITED");
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.code()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(client.queryByOutTradeNo("FAULT_0002").code()).isEqualTo("ORDER_NOT_EXIST");
  }

  @Test
  void faultOnAnotherRouteLeavesThisOneAlone() {
    simulator.injectFault("closeOrder", Fault.SYSTEM_ERROR, 1);

    assertThat(client.prepayJsapi("FAULT_0003").status()).isEqualTo(200);
  }

  @Test
  void probabilityOneFailsEveryRequestUntilCleared() {
    simulator.injectFaultWithProbability("prepayJsapi", Fault.SYSTEM_ERROR, 1.0);

    assertThat(client.prepayJsapi("FAULT_0004").status()).isEqualTo(500);
    assertThat(client.prepayJsapi("FAULT_0004").status()).isEqualTo(500);
    simulator.clearFaults();
    assertThat(client.prepayJsapi("FAULT_0004").status()).isEqualTo(200);
  }

  @Test
  void connectionResetHappensAfterTheOrderWasCreated() {
    simulator.injectFault("prepayJsapi", Fault.CONNECTION_RESET, 1);

    assertThatThrownBy(() -> client.prepayJsapi("FAULT_0005"))
        .isInstanceOf(UncheckedIOException.class);

    assertThat(client.queryByOutTradeNo("FAULT_0005").json().path("trade_state").asString())
        .isEqualTo("NOTPAY");
  }

  @Test
  void truncatedBodySendsHeadersThenFailsWhileReadingTheBody() throws IOException {
    simulator.injectFault("queryOrderByOutTradeNo", Fault.TRUNCATED_BODY, 1);
    Request request =
        new Request.Builder()
            .url(client.url("/v3/pay/transactions/out-trade-no/FAULT_0006?mchid=1"))
            .build();

    try (Response response = TestClient.HTTP.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.header("Wechatpay-Signature")).isNotNull();
      long declared = Long.parseLong(response.header("Content-Length"));
      assertThat(declared).isGreaterThan(20);
      assertThatThrownBy(() -> response.body().string())
          .isInstanceOf(java.net.ProtocolException.class)
          .hasMessage("unexpected end of stream");
    }
  }

  @Test
  void probeSignatureFailsVerification() {
    simulator.injectFault("prepayJsapi", Fault.PROBE_SIGNATURE, 1);

    Answer answer = client.prepayJsapi("FAULT_0007");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Wechatpay-Signature")).startsWith("WECHATPAY/SIGNTEST/");
    assertThat(answer.signedBy(platformKey)).isFalse();
  }

  @Test
  void staleTimestampIsValidlySignedTenMinutesAgo() {
    simulator.injectFault("prepayJsapi", Fault.STALE_TIMESTAMP, 1);

    Answer answer = client.prepayJsapi("FAULT_0008");

    assertThat(answer.signedBy(platformKey)).isTrue();
    assertThat(
            simulator.now().getEpochSecond() - Long.parseLong(answer.header("Wechatpay-Timestamp")))
        .isBetween(599L, 601L);
  }

  @Test
  void unknownSerialNamesNoKnownCertificate() {
    simulator.injectFault("prepayJsapi", Fault.UNKNOWN_SERIAL, 1);

    Answer answer = client.prepayJsapi("FAULT_0009");

    assertThat(answer.header("Wechatpay-Serial"))
        .hasSize(40)
        .isNotEqualTo(simulator.merchant().platformSerialNumber());
  }

  @Test
  void missingSignatureLeavesTheOtherHeaders() {
    simulator.injectFault("prepayJsapi", Fault.MISSING_SIGNATURE, 1);

    Answer answer = client.prepayJsapi("FAULT_0010");

    assertThat(answer.header("Wechatpay-Signature")).isNull();
    assertThat(answer.header("Wechatpay-Timestamp")).isNotNull();
    assertThat(answer.header("Wechatpay-Serial")).isNotNull();
  }

  @Test
  void latencyDelaysTheAnswerPastAShortReadTimeout() throws IOException {
    simulator.injectLatency("queryOrderByOutTradeNo", Duration.ofSeconds(3), 1);
    OkHttpClient impatient =
        TestClient.HTTP.newBuilder().readTimeout(200, TimeUnit.MILLISECONDS).build();
    Request request =
        new Request.Builder()
            .url(client.url("/v3/pay/transactions/out-trade-no/FAULT_0011?mchid=1"))
            .build();

    assertThatThrownBy(() -> impatient.newCall(request).execute().close())
        .isInstanceOf(SocketTimeoutException.class);
    try (Response response = impatient.newCall(request).execute()) {
      assertThat(response.code())
          .isEqualTo(401); // the fault was used up; unsigned request → SIGN_ERROR
    }
  }

  @Test
  void badArgumentsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> simulator.injectFault("prepayJsapi", Fault.SYSTEM_ERROR, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("times must be at least 1, was 0");
    assertThatThrownBy(
            () -> simulator.injectFaultWithProbability("prepayJsapi", Fault.SYSTEM_ERROR, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probability must be in (0, 1], was 1.5");
  }
}
