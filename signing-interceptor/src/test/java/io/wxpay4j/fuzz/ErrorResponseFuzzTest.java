package io.wxpay4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.WechatPayErrorResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes the reader of error answers (unsigned, so fully attacker-controlled): {@link
 * WechatPayErrorResponse#parse} takes any bytes without throwing and keeps the status and body; the
 * retry interceptor reads 500 answers with it to decide whether to retry.
 */
final class ErrorResponseFuzzTest {
  private static final List<byte[]> SEEDS = FuzzFixtures.corpus("response");

  @Provide
  Arbitrary<byte[]> body() {
    Arbitrary<byte[]> mutatedSeed =
        Arbitraries.integers()
            .between(0, SEEDS.size() - 1)
            .flatMap(i -> FuzzFixtures.mutations().map(m -> m.apply(SEEDS.get(i))));
    Arbitrary<byte[]> json =
        Arbitraries.strings()
            .withChars("{}[]\":,0123456789.-+eEtrufalsn \\ucodemsagtilfvx")
            .ofMaxLength(300)
            .map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(
        mutatedSeed, json, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
  }

  @Property
  void anyErrorBodyParsesWithoutThrowing(
      @ForAll @IntRange(min = 100, max = 599) int status, @ForAll("body") byte[] body) {
    WechatPayErrorResponse error = WechatPayErrorResponse.parse(status, "R-1", body);

    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.requestId()).isEqualTo("R-1");
    assertThat(error.body()).isNotNull();
  }
}
