package io.wxpay4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.model.TradeState;
import java.nio.charset.StandardCharsets;
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
  void reportPairsRoundsAndTakesMedians() {
    assertThat(Report.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    assertThat(Report.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
  }
}
