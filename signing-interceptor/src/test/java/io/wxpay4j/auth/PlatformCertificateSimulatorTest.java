package io.wxpay4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.WechatPaySignatureException.Reason;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Platform-certificate hardening against the simulator's {@code GET /v3/certificates}: once every
 * trusted certificate has expired, a new certificate is not trusted on first use.
 */
class PlatformCertificateSimulatorTest {
  private final WechatPaySimulator simulator = WechatPaySimulator.start();
  private final SimulatorMerchant merchant = simulator.merchant();
  private final TestClock clock = new TestClock(simulator.now().getEpochSecond());
  private final AtomicInteger downloads = new AtomicInteger();
  private final OkHttpClient wire =
      new OkHttpClient.Builder()
          .addNetworkInterceptor(
              chain -> {
                if (chain.request().url().encodedPath().equals("/v3/certificates")) {
                  downloads.incrementAndGet();
                }
                return chain.proceed(chain.request());
              })
          .build();

  @AfterEach
  void stop() {
    simulator.close();
  }

  private PlatformCertificateVerifier verifier() throws IOException {
    return PlatformCertificateVerifier.builder()
        .merchantId(merchant.merchantId())
        .signer(
            RsaSha256Signer.create(merchant.merchantSerialNumber(), merchant.merchantPrivateKey()))
        .apiV3Key(ApiV3Key.of(merchant.apiV3Key()))
        .baseUrl(HttpUrl.get(simulator.baseUrl()))
        .okHttpClient(wire)
        .clock(clock)
        .refreshInterval(Duration.ZERO)
        .unknownSerialRefreshInterval(Duration.ZERO)
        .build();
  }

  @Test
  void afterEveryTrustedCertificateExpiredANewOneIsNotTrustedOnFirstUse() throws Exception {
    try (PlatformCertificateVerifier verifier = verifier()) {
      String first = Pem.serialNumber(simulator.signingPlatformCertificate());
      assertThat(verifier.serials()).containsExactly(first);

      // Five years on, every refresh having failed meanwhile: the certificate has expired, and a
      // certificate the client never saw signs the download and the answers.
      Duration fiveYears = Duration.ofDays(5 * 365 + 2);
      simulator.advanceClock(fiveYears);
      clock.advance(fiveYears);
      String stranger = Pem.serialNumber(simulator.rotatePlatformCertificate());
      assertThat(verifier.serials()).isEmpty();

      assertThatThrownBy(verifier::refresh)
          .isInstanceOf(WechatPayCertificateException.class)
          .hasMessageStartingWith(
              "every platform certificate trusted for merchant "
                  + merchant.merchantId()
                  + " has expired (the last, "
                  + first
                  + ", at ");
      // An answer signed by the stranger is refused, and its serial downloads nothing.
      OkHttpClient client =
          wire.newBuilder()
              .addInterceptor(
                  WechatPaySignatureInterceptor.builder()
                      .merchantId(merchant.merchantId())
                      .signer(
                          RsaSha256Signer.create(
                              merchant.merchantSerialNumber(), merchant.merchantPrivateKey()))
                      .verifier(verifier)
                      .clock(clock)
                      .build())
              .build();
      Request query =
          new Request.Builder()
              .url(
                  HttpUrl.get(simulator.baseUrl())
                      .resolve(
                          "v3/pay/transactions/out-trade-no/nosuchorder01?mchid="
                              + merchant.merchantId()))
              .build();
      assertThatThrownBy(
              () -> {
                try (Response ignored = client.newCall(query).execute()) {
                  throw new AssertionError("an answer was accepted");
                }
              })
          .satisfies(
              e -> {
                WechatPaySignatureException unverified = WechatPaySignatureException.from(e);
                assertThat(unverified).isNotNull();
                assertThat(unverified.reason()).isEqualTo(Reason.UNKNOWN_SERIAL);
                assertThat(unverified.serial()).isEqualTo(stranger);
              });
      assertThat(downloads).hasValue(1); // the build's only: the failing ones never hit the wire
      assertThat(verifier.serials()).isEmpty();
    }
  }
}
