package io.wxpay4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.auth.Pem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes the PEM loaders with mutated seeds (PKCS#8 and PKCS#1 keys, certificates, public keys, EC
 * and encrypted keys, broken files) and with arbitrary text: the only exception that may come out
 * is the documented {@link IllegalArgumentException}, and its message never quotes the input.
 */
final class PemFuzzTest {
  private static final List<byte[]> SEEDS = FuzzFixtures.corpus("pem");
  private static final List<Function<String, Object>> LOADERS =
      List.of(Pem::parsePrivateKey, Pem::parsePublicKey, Pem::parseCertificate);

  @Provide
  Arbitrary<Integer> seed() {
    return Arbitraries.integers().between(0, SEEDS.size() - 1);
  }

  @Provide
  Arbitrary<FuzzFixtures.Mutation> mutation() {
    return FuzzFixtures.mutations();
  }

  @Example
  void seedsLoadOrFailWithTheDocumentedException() {
    int loaded = 0;
    for (byte[] seed : SEEDS) {
      for (Function<String, Object> loader : LOADERS) {
        if (load(loader, new String(seed, StandardCharsets.UTF_8)) != null) {
          loaded++;
        }
      }
    }
    // Each valid key or certificate in the corpus loads with the loader made for it.
    assertThat(loaded).isGreaterThanOrEqualTo(5);
  }

  @Property
  void mutatedPemOnlyEverFailsWithIllegalArgument(
      @ForAll("seed") int seed,
      @ForAll("mutation") FuzzFixtures.Mutation first,
      @ForAll("mutation") FuzzFixtures.Mutation second,
      @ForAll @IntRange(min = 0, max = 2) int loader) {
    byte[] mutated = second.apply(first.apply(SEEDS.get(seed)));
    load(LOADERS.get(loader), new String(mutated, StandardCharsets.UTF_8));
  }

  @Property
  void arbitraryTextOnlyEverFailsWithIllegalArgument(
      @ForAll("text") String text, @ForAll @IntRange(min = 0, max = 2) int loader) {
    assertThat(load(LOADERS.get(loader), text)).isNull();
  }

  @Provide
  Arbitrary<String> text() {
    Arbitrary<String> body =
        Arbitraries.strings()
            .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/=\n ")
            .ofMaxLength(600);
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300),
        body,
        body.map(b -> "-----BEGIN PRIVATE KEY-----\n" + b + "\n-----END PRIVATE KEY-----\n"),
        body.map(
            b -> "-----BEGIN RSA PRIVATE KEY-----\n" + b + "\n-----END RSA PRIVATE KEY-----\n"),
        body.map(b -> "-----BEGIN PUBLIC KEY-----\n" + b + "\n-----END PUBLIC KEY-----\n"),
        body.map(b -> "-----BEGIN CERTIFICATE-----\n" + b + "\n-----END CERTIFICATE-----\n"),
        body.map(
            b ->
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                    + b
                    + "\n-----END ENCRYPTED PRIVATE KEY-----\n"),
        body.map(b -> "-----BEGIN EC PRIVATE KEY-----\n" + b + "\n-----END EC PRIVATE KEY-----\n"));
  }

  /**
   * Returns what {@code loader} made of {@code text}, or null when it refused it the documented
   * way.
   */
  private static Object load(Function<String, Object> loader, String text) {
    try {
      return loader.apply(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      if (text.length() > 40) {
        assertThat(e.getMessage()).doesNotContain(text.strip());
      }
      return null;
    } catch (RuntimeException e) {
      throw new AssertionError("only IllegalArgumentException may come out, got " + e, e);
    }
  }
}
