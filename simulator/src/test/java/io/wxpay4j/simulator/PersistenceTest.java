package io.wxpay4j.simulator;

import static io.wxpay4j.simulator.TestClient.H5_SCENE;
import static io.wxpay4j.simulator.TestClient.NOTIFY_URL;
import static io.wxpay4j.simulator.TestClient.prepayBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wxpay4j.simulator.TestClient.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent simulator ({@code persistState}, the standalone default) keeps orders, refunds,
 * contracts, the notification log, the clock and rotated certificates across a restart with the
 * same state directory, bounded by {@code maxStoredOrders}.
 */
class PersistenceTest {
  /**
   * One merchant for every test (RSA key generation is slow): copied into each test's directory.
   */
  @TempDir static Path merchantTemplate;

  @BeforeAll
  static void makeMerchant() {
    WechatPaySimulator.builder().stateDirectory(merchantTemplate).start().close();
  }

  private static WechatPaySimulator start(Path dir, int maxOrders) {
    copyMerchant(dir);
    return WechatPaySimulator.builder()
        .stateDirectory(dir)
        .persistState(true)
        .maxStoredOrders(maxOrders)
        .notificationTimeScale(0.001)
        .refundDelay(Duration.ofHours(1))
        .start();
  }

  private static void copyMerchant(Path dir) {
    if (Credentials.exists(dir)) {
      return;
    }
    try (var files = Files.walk(merchantTemplate)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = dir.resolve(merchantTemplate.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer control(WechatPaySimulator simulator, String method, String path) {
    Request.Builder request = new Request.Builder().url(simulator.baseUrl() + path.substring(1));
    request.method(
        method,
        method.equals("GET") ? null : RequestBody.create("{}", MediaType.get("application/json")));
    try (Response response = TestClient.HTTP.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer prepayWithContract(
      TestClient client, String outTradeNo, String contractCode, String serial) {
    return client.post(
        "/v3/pay/transactions/app-with-contract",
        prepayBody(
            client.merchant,
            outTradeNo,
            NOTIFY_URL,
            contractInfo(client.merchant, contractCode, serial)));
  }

  private static String contractInfo(SimulatorMerchant merchant, String code, String serial) {
    return "\"contract_info\":{\"plan_id\":\""
        + WechatPaySimulator.DEFAULT_PLAN_ID
        + "\",\"contract_mchid\":\""
        + merchant.merchantId()
        + "\",\"contract_appid\":\""
        + merchant.appId()
        + "\",\"contract_code\":\""
        + code
        + "\",\"request_serial\":\""
        + serial
        + "\",\"contract_display_account\":\"会员小王\"}";
  }

  @Test
  void everythingTheDashboardShowsSurvivesARestart(@TempDir Path dir) {
    String transactionId;
    String signingSerial;
    String contractId;
    int attempts;
    try (WechatPaySimulator first = start(dir, 100)) {
      TestClient client = new TestClient(first);
      SimulatorMerchant merchant = first.merchant();
      assertThat(client.prepayJsapi("KEEP_PAID").status()).isEqualTo(200);
      assertThat(client.prepayJsapi("KEEP_UNPAID").status()).isEqualTo(200);
      assertThat(client.prepayJsapi("KEEP_FAILED").status()).isEqualTo(200);
      String codeUrl =
          client
              .post(
                  "/v3/pay/transactions/native",
                  prepayBody(merchant, "KEEP_NATIVE", NOTIFY_URL, ""))
              .json()
              .path("code_url")
              .asString();
      assertThat(prepayWithContract(client, "KEEP_CONTRACT", "C1", "1001").status()).isEqualTo(200);
      assertThat(prepayWithContract(client, "KEEP_SIGN_LATER", "C2", "1002").status())
          .isEqualTo(200);
      transactionId = first.pay("KEEP_PAID").transactionId();
      first.fail("KEEP_FAILED");
      first.pay("KEEP_CONTRACT");
      contractId =
          first.contract(WechatPaySimulator.DEFAULT_PLAN_ID, "C1").orElseThrow().contractId();
      Answer refund =
          client.post(
              "/v3/refund/domestic/refunds",
              "{\"transaction_id\":\""
                  + transactionId
                  + "\",\"out_refund_no\":\"KEEP_REFUND\",\"amount\":{\"refund\":40,\"total\":100,"
                  + "\"currency\":\"CNY\"}}");
      assertThat(refund.status()).as(refund.body()).isEqualTo(200);
      first.markRefundAbnormal("KEEP_REFUND");
      first.advanceClock(Duration.ofMinutes(2));
      first.addPlatformCertificate();
      signingSerial = Crypto.serialHex(first.activatePlatformCertificate());
      attempts = first.awaitNotifications(2, Duration.ofSeconds(10)).size();
      assertThat(codeUrl).startsWith("weixin://");
    }

    try (WechatPaySimulator second = start(dir, 100)) {
      assertThat(second.orders())
          .extracting(SimulatorOrder::outTradeNo, SimulatorOrder::tradeState)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("KEEP_PAID", "REFUND"),
              org.assertj.core.groups.Tuple.tuple("KEEP_UNPAID", "NOTPAY"),
              org.assertj.core.groups.Tuple.tuple("KEEP_FAILED", "PAYERROR"),
              org.assertj.core.groups.Tuple.tuple("KEEP_NATIVE", "NOTPAY"),
              org.assertj.core.groups.Tuple.tuple("KEEP_CONTRACT", "SUCCESS"),
              org.assertj.core.groups.Tuple.tuple("KEEP_SIGN_LATER", "NOTPAY"));
      assertThat(second.order("KEEP_PAID").orElseThrow().transactionId()).isEqualTo(transactionId);
      assertThat(second.refund("KEEP_REFUND").orElseThrow().status()).isEqualTo("ABNORMAL");
      assertThat(second.contract(WechatPaySimulator.DEFAULT_PLAN_ID, "C1").orElseThrow())
          .extracting(SimulatorContract::contractId, SimulatorContract::contractState)
          .containsExactly(contractId, "SIGNED");
      assertThat(second.notifications().size()).isGreaterThanOrEqualTo(attempts);
      assertThat(Crypto.serialHex(second.signingPlatformCertificate())).isEqualTo(signingSerial);
      assertThat(second.platformCertificates()).hasSize(2);
      assertThat(second.now()).isAfter(java.time.Instant.now().plus(Duration.ofSeconds(100)));

      // The restored state works: queried by signed calls, paid by the payer, closed refunds.
      TestClient client = new TestClient(second);
      Answer query =
          client.get(
              "/v3/pay/transactions/id/"
                  + transactionId
                  + "?mchid="
                  + second.merchant().merchantId());
      assertThat(query.status()).as(query.body()).isEqualTo(200);
      assertThat(query.json().path("trade_state").asString()).isEqualTo("REFUND");
      assertThat(query.signedBy(second.signingPlatformCertificate().getPublicKey())).isTrue();
      assertThat(second.pay("KEEP_UNPAID").tradeState()).isEqualTo("SUCCESS");
      second.pay("KEEP_SIGN_LATER"); // the signing it waited for before the restart
      assertThat(
              second
                  .contract(WechatPaySimulator.DEFAULT_PLAN_ID, "C2")
                  .orElseThrow()
                  .contractState())
          .isEqualTo("SIGNED");
      assertThat(second.closeRefund("KEEP_REFUND").status()).isEqualTo("CLOSED");
      assertThat(control(second, "GET", "/simulator/").body())
          .contains("KEEP_PAID", "KEEP_NATIVE", "KEEP_REFUND", "TRANSACTION.SUCCESS");
      // a contract code stays taken
      Answer reused = prepayWithContract(client, "KEEP_OTHER", "C1", "1003");
      assertThat(reused.status()).isEqualTo(400);
      assertThat(reused.body()).contains("签约协议号重复");
    }

    try (WechatPaySimulator third = start(dir, 100)) {
      assertThat(third.order("KEEP_UNPAID").orElseThrow().tradeState()).isEqualTo("SUCCESS");
      assertThat(third.refund("KEEP_REFUND").orElseThrow().status()).isEqualTo("CLOSED");
    }
  }

  @Test
  void pastTheCapTheOldestOrdersAreForgotten(@TempDir Path dir) {
    try (WechatPaySimulator simulator = start(dir, 3)) {
      TestClient client = new TestClient(simulator);
      for (int i = 1; i <= 5; i++) {
        Answer created = client.prepayJsapi("CAPPED_" + i);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        simulator.advanceClock(Duration.ofSeconds(1)); // distinct creation times
      }
      awaitOrderCount(simulator, 3);
    }
    try (WechatPaySimulator restarted = start(dir, 3)) {
      assertThat(restarted.orders())
          .extracting(SimulatorOrder::outTradeNo)
          .containsExactly("CAPPED_3", "CAPPED_4", "CAPPED_5");
    }
    try (WechatPaySimulator smaller = start(dir, 2)) {
      assertThat(smaller.orders())
          .extracting(SimulatorOrder::outTradeNo)
          .containsExactly("CAPPED_4", "CAPPED_5");
    }
  }

  private static void awaitOrderCount(WechatPaySimulator simulator, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (simulator.orders().size() != count) {
      assertThat(System.nanoTime()).as("orders: " + simulator.orders()).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void concurrentChangesAreKeptInTheirLatestState(@TempDir Path dir) throws Exception {
    java.util.Map<String, String> before;
    try (WechatPaySimulator simulator = start(dir, 1000)) {
      TestClient client = new TestClient(simulator);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(4);
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int t = thread;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    String outTradeNo = "MANY_" + t + "_" + i;
                    assertThat(client.prepayJsapi(outTradeNo).status()).isEqualTo(200);
                    switch (i % 3) {
                      case 0 -> simulator.pay(outTradeNo);
                      case 1 -> simulator.fail(outTradeNo);
                      default -> client.close(outTradeNo);
                    }
                  }
                }));
      }
      for (java.util.concurrent.Future<?> future : done) {
        future.get();
      }
      pool.shutdown();
      before = states(simulator);
    }
    try (WechatPaySimulator restarted = start(dir, 1000)) {
      assertThat(states(restarted)).hasSize(100).isEqualTo(before);
    }
  }

  private static java.util.Map<String, String> states(WechatPaySimulator simulator) {
    java.util.Map<String, String> states = new java.util.TreeMap<>();
    for (SimulatorOrder order : simulator.orders()) {
      states.put(order.outTradeNo(), order.tradeState() + " " + order.transactionId());
    }
    return states;
  }

  @Test
  void resetIsKeptToo(@TempDir Path dir) {
    try (WechatPaySimulator simulator = start(dir, 10)) {
      new TestClient(simulator).prepayJsapi("RESET_1");
      simulator.reset();
      new TestClient(simulator).prepayJsapi("RESET_2");
    }
    assertRestartHasOrders(dir, "RESET_2");
  }

  @Test
  void aLineTornByAKillIsSkipped(@TempDir Path dir) throws IOException {
    try (WechatPaySimulator simulator = start(dir, 10)) {
      new TestClient(simulator).prepayJsapi("TORN_1");
    }
    Files.writeString(
        dir.resolve(StateJournal.FILE), "{\"type\":\"order\",\"req", StandardOpenOption.APPEND);
    assertRestartHasOrders(dir, "TORN_1");
  }

  private static void assertRestartHasOrders(Path dir, String... outTradeNos) {
    try (WechatPaySimulator restarted = start(dir, 10)) {
      assertThat(restarted.orders())
          .extracting(SimulatorOrder::outTradeNo)
          .containsExactly(outTradeNos);
    }
  }

  @Test
  void journalAndKeysAreOwnerOnly(@TempDir Path dir) throws IOException {
    assumeTrue(OwnerOnlyFiles.posix(dir));
    try (WechatPaySimulator simulator = start(dir, 10)) {
      new TestClient(simulator).prepayJsapi("MODE_1");
      simulator.rotatePlatformCertificate();
    }
    for (Path file : List.of(dir.resolve(StateJournal.FILE), dir.resolve(StateJournal.KEYS_FILE))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
    }
  }

  @Test
  void withoutPersistStateNothingIsKept(@TempDir Path dir) {
    copyMerchant(dir);
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().stateDirectory(dir).start()) {
      new TestClient(simulator).prepayJsapi("MEMORY_1");
    }
    assertThat(dir.resolve(StateJournal.FILE)).doesNotExist();
    try (WechatPaySimulator restarted = WechatPaySimulator.builder().stateDirectory(dir).start()) {
      assertThat(restarted.orders()).isEmpty();
    }
  }

  @Test
  void helpNamesThePersistenceOptions() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WechatPaySimulator.launch(
        new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--max-orders N", "--no-persist", "state-journal.jsonl");
  }

  /**
   * The "done when": the standalone simulator lists a new order at /simulator/ after a
   * restart.
   */
  @Test
  void standaloneDashboardListsAnOrderAfterARestart(@TempDir Path dir) {
    copyMerchant(dir);
    String[] args = {"--port", "0", "--state-dir", dir.toString()};
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (WechatPaySimulator standalone =
        WechatPaySimulator.launch(args, quiet, System.err).simulator) {
      TestClient client = new TestClient(standalone);
      Answer created =
          client.post(
              "/v3/pay/transactions/h5",
              prepayBody(standalone.merchant(), "STANDALONE_1", NOTIFY_URL, H5_SCENE));
      assertThat(created.status()).as(created.body()).isEqualTo(200);
      assertThat(control(standalone, "GET", "/simulator/").body()).contains("STANDALONE_1");
    }
    try (WechatPaySimulator restarted =
        WechatPaySimulator.launch(args, quiet, System.err).simulator) {
      Answer page = control(restarted, "GET", "/simulator/");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      assertThat(page.body()).contains("STANDALONE_1", "NOTPAY", "H5 cashier 收银台");
      assertThat(new TestClient(restarted).prepayJsapi("STANDALONE_2").status()).isEqualTo(200);
      assertThat(restarted.orders())
          .extracting(SimulatorOrder::outTradeNo)
          .containsExactly("STANDALONE_1", "STANDALONE_2");
    }
  }
}
