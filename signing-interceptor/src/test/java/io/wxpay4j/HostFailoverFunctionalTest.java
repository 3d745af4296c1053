package io.wxpay4j;

import static io.wxpay4j.ReliabilityFixtures.client;
import static io.wxpay4j.ReliabilityFixtures.closedPortUrl;
import static io.wxpay4j.ReliabilityFixtures.nativeOrder;
import static io.wxpay4j.ReliabilityFixtures.newOutTradeNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.TradeState;
import io.wxpay4j.simulator.Fault;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backup-host failover against real loopback servers: the simulator as one host, and a closed port
 * (connection refused) or a second simulator as the other.
 */
final class HostFailoverFunctionalTest {
  private final FakeTime time = new FakeTime();
  private final ReliabilityFixtures.WireCounter wire = new ReliabilityFixtures.WireCounter();
  private WechatPaySimulator simulator;
  private int simulatorPort;

  @BeforeEach
  void start() {
    simulator = WechatPaySimulator.start();
    simulatorPort = simulator.port();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void refusedPrimaryMovesTheRetryAndLaterCallsToTheBackupUntilTheCoolDownEnds() throws Exception {
    String dead = closedPortUrl();
    try (WechatPayClient wechatPay =
        client(simulator, time, wire.client())
            .baseUrl(dead)
            .backupBaseUrl(simulator.baseUrl())
            .failoverCoolDown(Duration.ofMinutes(1))
            .build()) {
      String outTradeNo = newOutTradeNo("failover");

      // Attempt 1 is refused by the primary; the retry goes to the backup and succeeds.
      assertThat(wechatPay.orders().prepayNative(nativeOrder(outTradeNo)).body().getCodeUrl())
          .startsWith("weixin://");
      assertThat(time.waits).hasSize(1);

      // Within the cool-down, calls go straight to the backup: no refused attempt, no wait.
      time.advance(Duration.ofSeconds(59));
      assertThat(wechatPay.orders().queryByOutTradeNo(outTradeNo).body().getTradeState())
          .isEqualTo(TradeState.NOTPAY);
      assertThat(time.waits).hasSize(1);

      // After it, the primary is tried again (refused), then the backup again.
      time.advance(Duration.ofSeconds(2));
      assertThat(wechatPay.orders().close(outTradeNo).httpStatus()).isEqualTo(204);
      assertThat(time.waits).hasSize(2);

      assertThat(simulator.orders()).hasSize(1);
      assertThat(simulator.order(outTradeNo).orElseThrow().tradeState()).isEqualTo("CLOSED");
      assertThat(wire.count(simulatorPort, "/v3/pay/transactions/native")).isEqualTo(1);
      assertThat(wire.count(HttpUrl.get(dead).port(), "/v3/pay/transactions/native")).isZero();
    }
  }

  @Test
  void bothHostsRefusingIsReportedWithEachHostAndNeverSent() throws Exception {
    String primary = closedPortUrl();
    String backup = closedPortUrl();
    try (WechatPayClient wechatPay =
        client(simulator, time, wire.client()).baseUrl(primary).backupBaseUrl(backup).build()) {
      assertThatThrownBy(() -> wechatPay.orders().prepayNative(nativeOrder(newOutTradeNo("both"))))
          .isInstanceOfSatisfying(
              WechatPayConnectionException.class,
              e -> {
                assertThat(e.mayHaveTakenEffect()).isFalse();
                assertThat(e.getMessage())
                    .contains(
                        " after 3 attempts on "
                            + hostAndPort(primary)
                            + " and "
                            + hostAndPort(backup)
                            + "; the request was not sent");
              });
    }
  }

  private static String hostAndPort(String url) {
    HttpUrl parsed = HttpUrl.get(url);
    return parsed.host() + ":" + parsed.port();
  }

  @Test
  void httpErrorAnswersNeverSwitchHosts() throws Exception {
    try (WechatPaySimulator backup = WechatPaySimulator.start();
        WechatPayClient wechatPay =
            client(simulator, time, wire.client()).backupBaseUrl(backup.baseUrl()).build()) {
      simulator.injectFault("prepayNative", Fault.SERVICE_UNAVAILABLE, 3);
      String outTradeNo = newOutTradeNo("http_error");

      assertThatThrownBy(() -> wechatPay.orders().prepayNative(nativeOrder(outTradeNo)))
          .isInstanceOfSatisfying(
              WechatPayApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(503);
                assertThat(e.getMessage()).endsWith("after 3 attempts");
              });

      assertThat(wire.count(simulatorPort, "/v3/pay/transactions/native")).isEqualTo(3);
      assertThat(wire.count(backup.port(), "/v3/pay/transactions/native")).isZero();
      assertThat(simulator.orders()).isEmpty();
      assertThat(backup.orders()).isEmpty();
    }
  }

  @Test
  void failureOnTheBackupSwitchesBackToThePrimaryAtOnce() throws Exception {
    String dead = closedPortUrl();
    try (WechatPayClient wechatPay =
        client(simulator, time, wire.client())
            .backupBaseUrl(dead)
            .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
            .build()) {
      // Attempt 1 reaches the primary, which creates the order and then drops the connection: the
      // client moves to the backup, which refuses; attempt 3 is back on the primary and re-enters
      // the same order.
      simulator.injectFault("prepayNative", Fault.CONNECTION_RESET, 1);
      String outTradeNo = newOutTradeNo("backup_down");

      assertThat(wechatPay.orders().prepayNative(nativeOrder(outTradeNo)).httpStatus())
          .isEqualTo(200);

      assertThat(time.waits).hasSize(2);
      assertThat(simulator.orders()).extracting(o -> o.outTradeNo()).containsExactly(outTradeNo);
      assertThat(wire.count(simulatorPort, "/v3/pay/transactions/native"))
          .isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void certificateDownloadsFollowTheFailover() throws Exception {
    String dead = closedPortUrl();
    io.wxpay4j.simulator.SimulatorMerchant merchant = simulator.merchant();
    try (WechatPayClient wechatPay =
        time.install(
                WechatPayClient.builder()
                    .merchantId(merchant.merchantId())
                    .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
                    .platformCertificates()
                    .apiV3Key(merchant.apiV3Key())
                    .appId(merchant.appId())
                    .notifyUrl("http://127.0.0.1:9/wechatpay/notify")
                    .okHttpClient(wire.client())
                    .baseUrl(dead)
                    .backupBaseUrl(simulator.baseUrl()),
                0.5)
            .build()) {
      assertThat(wechatPay.verifier().serials()).contains(merchant.platformSerialNumber());
      assertThat(wire.count(simulatorPort, "/v3/certificates")).isEqualTo(1);

      String outTradeNo = newOutTradeNo("cert_failover");
      wechatPay.orders().prepayNative(nativeOrder(outTradeNo));
      assertThat(simulator.order(outTradeNo)).isPresent();
    }
  }

  @Test
  void withoutABackupRefusedCallsFailAfterTheirRetriesAsNeverSent() throws Exception {
    try (WechatPayClient wechatPay =
        client(simulator, time, wire.client()).baseUrl(closedPortUrl()).disableFailover().build()) {
      assertThatThrownBy(
              () -> wechatPay.orders().prepayNative(nativeOrder(newOutTradeNo("no_backup"))))
          .isInstanceOfSatisfying(
              WechatPayConnectionException.class,
              e -> assertThat(e.mayHaveTakenEffect()).isFalse());
      assertThat(time.waits).hasSize(2);
      assertThat(simulator.orders()).isEmpty();
    }
  }

  @Test
  void twoClientsKeepTheirOwnFailoverState() throws Exception {
    String dead = closedPortUrl();
    try (WechatPayClient failing =
            client(simulator, time, wire.client())
                .baseUrl(dead)
                .backupBaseUrl(simulator.baseUrl())
                .build();
        WechatPayClient healthy =
            client(simulator, time, wire.client()).backupBaseUrl(dead).build()) {
      failing.orders().prepayNative(nativeOrder(newOutTradeNo("state_a")));
      int waits = time.waits.size();

      healthy.orders().prepayNative(nativeOrder(newOutTradeNo("state_b")));

      assertThat(time.waits).hasSize(waits);
      assertThat(simulator.orders()).hasSize(2);
    }
  }

  @Test
  void theDefaultBackupOfThePrimaryHostIsApi2() {
    assertThat(
            HttpStack.backupFor(
                WechatPayClient.builder(), HttpUrl.get(WechatPayClient.PRIMARY_BASE_URL)))
        .isEqualTo(HttpUrl.get("https://api2.mch.weixin.qq.com/"));
    assertThat(
            HttpStack.backupFor(
                WechatPayClient.builder(), HttpUrl.get("https://api.wechatpay.cn/")))
        .isEqualTo(HttpUrl.get("https://api2.wechatpay.cn/"));
    assertThat(
            HttpStack.backupFor(
                WechatPayClient.builder(), HttpUrl.get("https://apihk.mch.weixin.qq.com/")))
        .isNull();
  }

  @Test
  void theBackupKeepsThePathBelowItsBaseUrl() throws Exception {
    try (mockwebserver3.MockWebServer backup = new mockwebserver3.MockWebServer()) {
      backup.start();
      backup.enqueue(new mockwebserver3.MockResponse.Builder().code(200).body("ok").build());
      String dead = closedPortUrl() + "gateway/";
      try (WechatPayClient wechatPay =
          client(simulator, time, wire.client())
              .baseUrl(dead)
              .backupBaseUrl(backup.url("/backup/").toString())
              .build()) {
        okhttp3.Request request =
            new okhttp3.Request.Builder()
                .url(dead + "v3/bill/file?token=1")
                .tag(
                    io.wxpay4j.auth.SkipResponseVerification.class,
                    io.wxpay4j.auth.SkipResponseVerification.INSTANCE)
                .build();
        try (okhttp3.Response response = wechatPay.okHttpClient().newCall(request).execute()) {
          assertThat(response.code()).isEqualTo(200);
        }
        mockwebserver3.RecordedRequest sent = backup.takeRequest();
        assertThat(sent.getTarget()).isEqualTo("/backup/v3/bill/file?token=1");
        // The signature covers the path actually sent.
        assertThat(sent.getHeaders().get("Authorization")).startsWith("WECHATPAY2-SHA256-RSA2048 ");
      }
    }
  }

  @Test
  void failoverSettingsAreCheckedNamingTheSetter() {
    assertThatThrownBy(() -> WechatPayClient.builder().backupBaseUrl("api2.mch.weixin.qq.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backupBaseUrl must be an https URL such as https://api2.mch.weixin.qq.com/");
    assertThatThrownBy(() -> WechatPayClient.builder().failoverCoolDown(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failoverCoolDown must be positive, was PT0S");
    assertThat(
            HttpStack.backupFor(
                WechatPayClient.builder().disableFailover(),
                HttpUrl.get(WechatPayClient.PRIMARY_BASE_URL)))
        .isNull();
    assertThat(
            HttpStack.backupFor(
                WechatPayClient.builder().backupBaseUrl("https://api.mch.weixin.qq.com/hk"),
                HttpUrl.get("https://apihk.mch.weixin.qq.com/")))
        .isEqualTo(HttpUrl.get("https://api.mch.weixin.qq.com/hk/"));
  }
}
