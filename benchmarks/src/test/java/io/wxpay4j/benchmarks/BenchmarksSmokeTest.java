package io.wxpay4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.model.TradeState;
import java.nio.charset.StandardCharsets;
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

  @Test
  void theDriverCoversEveryBenchmarkMethodOnce() {
    Set<String> keys = Interleaved.variants().stream().map(v -> v.key).collect(Collectors.toSet());

    assertThat(keys)
        .hasSize(14)
        .contains(
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
  void reportPairsRoundsAndTakesMedians() {
    assertThat(Report.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    assertThat(Report.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
  }
}
