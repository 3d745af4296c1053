package io.wxpay4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.model.TradeState;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each benchmark method runs once and returns what the real call returns: the canned server's
 * answers pass both SDKs' signature checks, the floors get 200s whose signatures verify. No
 * timings: those belong to {@code benchmarks/run}.
 */
class BenchmarksSmokeTest {
  @ParameterizedTest
  @ValueSource(strings = {"jdk", "native"})
  void wxpay4jPrepaysAndQueriesThroughTheFacade(String provider) {
    Wxpay4jBenchmark benchmark = new Wxpay4jBenchmark();
    benchmark.provider = provider;
    benchmark.setUp();
    try {
      assertThat(benchmark.prepay()).isEqualTo("wx201410272009395522657a690389285100");
      assertThat(benchmark.query()).isEqualTo(TradeState.SUCCESS);
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void officialSdkPrepaysAndQueriesWithItsVerificationOn() {
    OfficialBenchmark benchmark = new OfficialBenchmark();
    benchmark.setUp();

    assertThat(benchmark.prepay()).isEqualTo("wx201410272009395522657a690389285100");
    assertThat(benchmark.query().name()).isEqualTo("SUCCESS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "native"})
  void floorsExchangeTheCannedAnswersAndTheirSignaturesVerify(String provider) throws Exception {
    FloorBenchmark floor = new FloorBenchmark();
    floor.setUp();
    FloorBenchmark.Crypto crypto = new FloorBenchmark.Crypto();
    crypto.provider = provider;
    crypto.setUp();
    try {
      assertThat(new String(floor.prepay(), StandardCharsets.UTF_8))
          .isEqualTo(CannedServer.PREPAY_BODY);
      assertThat(new String(floor.query(), StandardCharsets.UTF_8))
          .isEqualTo(CannedServer.QUERY_BODY);
      assertThat(new String(floor.prepayWithCrypto(crypto), StandardCharsets.UTF_8))
          .isEqualTo(CannedServer.PREPAY_BODY);
      assertThat(new String(floor.queryWithCrypto(crypto), StandardCharsets.UTF_8))
          .isEqualTo(CannedServer.QUERY_BODY);
    } finally {
      floor.tearDown();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "native"})
  void cryptoSignsAndVerifies(String provider) throws Exception {
    CryptoBenchmark benchmark = new CryptoBenchmark();
    benchmark.provider = provider;
    benchmark.setUp();

    assertThat(benchmark.signAndVerify()).hasSize(344); // Base64 of a 256-byte RSA-2048 signature
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "native"})
  void wxpay4jParsesTheSignedNoticeToThePaidOrder(String provider) throws Exception {
    NotificationBenchmark benchmark = new NotificationBenchmark();
    benchmark.provider = provider;
    benchmark.setUp();
    benchmark.sign();

    io.wxpay4j.model.Transaction paid = benchmark.parse();

    assertThat(paid.getTransactionId()).isEqualTo(NotificationFixture.TRANSACTION_ID);
    assertThat(paid.getPromotionDetail()).hasSize(1);
  }

  @Test
  void officialSdkParsesTheSignedNoticeToThePaidOrder() {
    OfficialNotificationBenchmark benchmark = new OfficialNotificationBenchmark();
    benchmark.setUp();
    benchmark.sign();

    com.wechat.pay.java.service.payments.model.Transaction paid = benchmark.parse();

    assertThat(paid.getTransactionId()).isEqualTo(NotificationFixture.TRANSACTION_ID);
    assertThat(paid.getPromotionDetail()).hasSize(1);
  }

  @Test
  void theDriverCoversEveryBenchmarkMethodOnce() {
    Set<String> keys = Interleaved.variants().stream().map(v -> v.key).collect(Collectors.toSet());

    assertThat(keys)
        .hasSize(17)
        .contains(
            "wxpay4j/notification/native",
            "wxpay4j/notification/jdk",
            "official/notification/jdk",
            "wxpay4j/prepay/native",
            "official/query/jdk",
            "floor/prepay/none",
            "floor+crypto/query/jdk",
            "crypto/sign+verify/native");
  }

  @Test
  void footprintProbesEachSetupInItsOwnJvmAndTabulatesNumbers() throws Exception {
    List<Footprint.Result> results =
        Footprint.measure(
            20,
            List.of(
                Footprint.Setup.WXPAY4J_PUBLIC_KEY_SHARED,
                Footprint.Setup.WXPAY4J_CERTIFICATES,
                Footprint.Setup.OFFICIAL_PUBLIC_KEY_SHARED),
            System.err);

    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.clients).isEqualTo(20);
              assertThat(r.heapBefore).isPositive();
              assertThat(r.heapAfter).isPositive();
              assertThat(r.threads).isNotNegative();
            });
    // Every prepay went out on a kept-alive connection: the count sees at least the shared one.
    assertThat(results.get(2).connections).isPositive();
    String number = "-?[0-9][0-9,]*(\\.[0-9]+)?";
    assertThat(Footprint.markdown(results))
        .containsPattern(
            "\\| wxpay4j, public key, shared OkHttpClient \\| "
                + number
                + " \\| [0-9]+ \\| [0-9,]+ \\| "
                + number
                + " \\|")
        .containsPattern(
            "\\| wxpay4j, platform certificates, own OkHttpClient \\| "
                + number
                + " \\| [0-9]+ \\| [0-9,]+ \\|  \\|")
        .containsPattern(
            "\\| official, public key, shared OkHttpClient \\| "
                + number
                + " \\| [0-9]+ \\| [0-9,]+ \\|  \\|");
  }

  @Test
  void footprintTableDividesRetainedHeapByClientsAndComparesWithTheOfficialTwin() {
    String table =
        Footprint.markdown(
            List.of(
                result(
                    Footprint.Setup.WXPAY4J_PUBLIC_KEY, 30 * 1024, 9, 1000, "OkHttp TaskRunner:2"),
                result(Footprint.Setup.WXPAY4J_PUBLIC_KEY_SHARED, 12 * 1024, 3, 1, ""),
                result(Footprint.Setup.OFFICIAL_PUBLIC_KEY, 20 * 1024, 4, 1000, ""),
                result(Footprint.Setup.OFFICIAL_PUBLIC_KEY_SHARED, 2 * 1024, 3, 1, "")));

    assertThat(table)
        .contains("| wxpay4j, public key, own OkHttpClient | 30.0 | 9 | 1,000 | 1.50 |\n")
        .contains("| wxpay4j, public key, shared OkHttpClient | 12.0 | 3 | 1 | 6.00 |\n")
        .contains("| official, public key, own OkHttpClient | 20.0 | 4 | 1,000 |  |\n")
        .contains(
            "- wxpay4j, public key, own OkHttpClient: 30.0 KB/client **missed**, 9 extra threads"
                + " **missed**, 1,000 open connections **missed**\n")
        .contains(
            "- wxpay4j, public key, shared OkHttpClient: 12.0 KB/client **met**, 3 extra threads"
                + " **met**, 1 open connections **met**\n")
        .contains("- wxpay4j, public key, own OkHttpClient: `OkHttp TaskRunner`: 2\n")
        .contains("- official, public key, shared OkHttpClient: none\n");
  }

  /** A probe's report: {@code clients} = 1000, heap grown by {@code bytesPerClient} each. */
  private static Footprint.Result result(
      Footprint.Setup setup, long bytesPerClient, int threads, int connections, String names) {
    return new Footprint.Result(
        setup,
        Map.of(
            "clients", "1000",
            "heapBefore", "1000000",
            "heapAfter", Long.toString(1000000 + 1000 * bytesPerClient),
            "threads", Integer.toString(threads),
            "connections", Integer.toString(connections),
            "connectionSource", "sockets",
            "threadNames", names.replace(" ", "+")));
  }

  @Test
  void coldStartRunsEachProbeInAFreshJvmToAVerifiedPrepay() throws Exception {
    Path state = Files.createTempDirectory("wxpay4j-coldstart-test");
    try (WechatPaySimulator simulator =
        WechatPaySimulator.builder().stateDirectory(state).start()) {
      ColdStart.Launcher launcher = new ColdStart.Launcher(simulator, state, List.of());
      List<ColdStart.Run> round = new ArrayList<>();
      for (ColdStart.Variant v : ColdStart.Variant.values()) {
        ColdStart.Run run = launcher.run(v, "COLDSTARTSMOKE" + v.ordinal()); // a verified prepay_id
        round.add(run);
        for (int i = 1; i < run.at.length; i++) {
          assertThat(run.at[i])
              .as(v + " " + ColdStartClock.PHASES[i])
              .isGreaterThanOrEqualTo(run.at[i - 1]);
        }
        assertThat(run.at[0]).isPositive();
        assertThat(run.wall).isGreaterThanOrEqualTo(run.at[run.at.length - 1]);
        assertThat(run.cpuMs(null, "verified")).isPositive();
      }
      String number = "[0-9]+";
      assertThat(ColdStart.markdown(List.of(round), List.of(), "1.00", "1.00"))
          .containsPattern(
              "\\| wxpay4j, JDK crypto( \\| " + number + "){9} \\(" + number + "\\) \\| ")
          .containsPattern(
              "\\| official 0.2.17( \\| " + number + "){9} \\(" + number + "\\) \\|  \\|  \\|");
    } finally {
      ColdStart.deleteRecursively(state);
    }
  }

  @Test
  void coldStartProbesGetTheirOwnSdksJarsAndTheNativeProviderOnlyWhereAsked() {
    String jdk = ColdStart.classPath(ColdStart.Variant.WXPAY4J_JDK);
    String accp = ColdStart.classPath(ColdStart.Variant.WXPAY4J_NATIVE);
    String official = ColdStart.classPath(ColdStart.Variant.OFFICIAL);

    assertThat(jdk)
        .contains("bcprov")
        .doesNotContain("AmazonCorretto")
        .doesNotContain("wechatpay-java");
    assertThat(accp).startsWith(jdk).contains("AmazonCorretto");
    assertThat(official)
        .contains("wechatpay-java-core")
        .contains("gson")
        .doesNotContain("bcprov")
        .doesNotContain("moshi")
        .doesNotContain("AmazonCorretto");
  }

  @Test
  void coldStartTablePairsRoundsAndComparesWithTheOfficialSdk() {
    // Two rounds: wxpay4j takes 0.8 then 0.6 of the official's wall time, 0.9 then 0.7 of its CPU.
    List<List<ColdStart.Run>> rounds =
        List.of(
            List.of(
                run(ColdStart.Variant.WXPAY4J_JDK, 800, 900),
                run(ColdStart.Variant.OFFICIAL, 1000, 1000)),
            List.of(
                run(ColdStart.Variant.WXPAY4J_JDK, 600, 700),
                run(ColdStart.Variant.OFFICIAL, 1000, 1000)));

    assertThat(ColdStart.markdown(rounds, List.of(), "0.50", "0.70"))
        .contains("Load average (1 min) 0.50 before, 0.70 after")
        .contains(
            "| wxpay4j, JDK crypto | 700 | 800 | 100 | 100 | 100 | 100 | 100 | 100 | 500 (780) | 0.70 (0.60–0.80) | 0.80 (0.70–0.90) |\n")
        .contains(
            "| official 0.2.17 | 1000 | 1000 | 100 | 100 | 100 | 100 | 100 | 100 | 500 (980) |  |  |\n")
        .contains(
            "- wxpay4j, JDK crypto, first verified prepay wall ×official: 0.70 (0.60–0.80) (target ≤ 0.80) **met**\n")
        .contains(
            "- wxpay4j, JDK crypto, first verified prepay CPU ×official: 0.80 (0.70–0.90) (target ≤ 0.80) **met**\n")
        .doesNotContain("ACCP");
  }

  @Test
  void classLoadLinesAreCountedBySource() {
    assertThat(
            ColdStart.bySource(
                List.of(
                    "java.lang.Object source: shared objects file",
                    "java.security.Signature source: jrt:/java.base",
                    "io.wxpay4j.Orders$$Lambda$53/0x00007f source: io.wxpay4j.Orders",
                    "okhttp3.OkHttpClient source: file:/m2/com/squareup/okhttp3/okhttp-jvm/5.5.1/okhttp-jvm-5.5.1.jar",
                    "io.wxpay4j.Pem source: file:/w/signing-interceptor/target/wxpay4j-signing-interceptor-0.1.0-SNAPSHOT.jar",
                    "io.wxpay4j.benchmarks.ColdStartWxpay4j source: file:/w/benchmarks/target/classes/")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "JDK (CDS archive)", 1,
                "JDK (modules)", 1,
                "generated (lambdas, reflection)", 1,
                "okhttp-jvm", 1,
                "wxpay4j-signing-interceptor", 1,
                "benchmark classes", 1));
  }

  /**
   * A run of {@code v} whose phases each end 100 ms after the last (main at 100 ms), verified at
   * 600 ms with {@code cpu} ms of CPU, and whose JVM exits at {@code wall} ms.
   */
  private static ColdStart.Run run(ColdStart.Variant v, long wall, long cpu) {
    int n = ColdStartClock.PHASES.length;
    long[] at = new long[n];
    long[] cpus = new long[n];
    for (int i = 0; i < n; i++) {
      at[i] = (i + 1) * 100_000_000L;
      cpus[i] = i == n - 1 ? cpu * 1_000_000L : (i + 1) * 20_000_000L;
    }
    return new ColdStart.Run(v, wall * 1_000_000L, at, cpus);
  }

  @Test
  void reportPairsRoundsAndTakesMedians() {
    assertThat(Report.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    assertThat(Report.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
  }
}
