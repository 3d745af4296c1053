package io.wxpay4j.fuzz;

import static io.wxpay4j.fuzz.FuzzFixtures.latin1;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.auth.ApiV3Key;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes AEAD_AES_256_GCM decryption with the APIv3 key: a resource from the seed corpus, encrypted
 * with the JDK, then one mutation of its ciphertext, nonce or associated data. Decryption either
 * returns the original plaintext for an input that is the same (the same Base64 bytes) or throws a
 * {@link GeneralSecurityException}; nothing else comes out and no altered resource decrypts.
 */
final class ApiV3KeyFuzzTest {
  private static final List<byte[]> PLAINTEXTS = FuzzFixtures.corpus("aead");
  private static final ApiV3Key KEY = ApiV3Key.of(FuzzFixtures.API_V3_KEY);
  private static final String NONCE = "TESTONLYnon1";
  private static final String AAD = "transaction";

  @Provide
  Arbitrary<Integer> seed() {
    return Arbitraries.integers().between(0, PLAINTEXTS.size() - 1);
  }

  @Provide
  Arbitrary<FuzzFixtures.Mutation> textMutation() {
    return FuzzFixtures.textMutations();
  }

  @Example
  void everySeedRoundTrips() throws GeneralSecurityException {
    for (byte[] plaintext : PLAINTEXTS) {
      assertThat(KEY.decrypt(AAD, NONCE, FuzzFixtures.encrypt(NONCE, AAD, plaintext)))
          .isEqualTo(plaintext);
    }
  }

  @Property
  void alteredResourceNeverDecrypts(
      @ForAll("seed") int seed,
      @ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll("textMutation") FuzzFixtures.Mutation mutation) {
    byte[] plaintext = PLAINTEXTS.get(seed);
    String ciphertext = FuzzFixtures.encrypt(NONCE, AAD, plaintext);
    String[] parts = {ciphertext, NONCE, AAD};
    String original = parts[which];
    parts[which] = latin1(mutation.apply(original.getBytes(StandardCharsets.ISO_8859_1)));
    boolean same = parts[which].equals(original);
    if (which == 0 && !same) {
      try {
        same =
            Arrays.equals(
                Base64.getDecoder().decode(parts[which]), Base64.getDecoder().decode(original));
      } catch (IllegalArgumentException e) {
        same = false;
      }
    }
    byte[] decrypted;
    try {
      decrypted = KEY.decrypt(parts[2], parts[1], parts[0]);
    } catch (GeneralSecurityException e) {
      assertThat(e.getMessage()).doesNotContain(FuzzFixtures.API_V3_KEY);
      return;
    } catch (RuntimeException e) {
      throw new AssertionError("only GeneralSecurityException may come out, got " + e, e);
    }
    assertThat(same).as("an altered resource decrypted").isTrue();
    assertThat(decrypted).isEqualTo(plaintext);
  }

  @Property
  void arbitraryInputsOnlyEverFailAsSecurityExceptions(
      @ForAll("anyText") String associatedData,
      @ForAll("anyText") String nonce,
      @ForAll("anyText") String ciphertext) {
    try {
      KEY.decrypt(associatedData, nonce, ciphertext);
      throw new AssertionError("arbitrary input decrypted");
    } catch (GeneralSecurityException e) {
      assertThat(e.getMessage()).isNotBlank();
    } catch (RuntimeException e) {
      throw new AssertionError("only GeneralSecurityException may come out, got " + e, e);
    }
  }

  @Property
  void keyTextIsRefusedOnlyWithIllegalArgument(@ForAll("anyText") String text) {
    try {
      ApiV3Key key = ApiV3Key.of(text);
      assertThat(text).hasSize(32);
      assertThat(key.toString()).doesNotContain(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain(text.length() >= 8 ? text : "\u0000\u0000");
    } catch (RuntimeException e) {
      throw new AssertionError("only IllegalArgumentException may come out, got " + e, e);
    }
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(120),
        Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=").ofMaxLength(120),
        Arbitraries.strings().ascii().ofLength(32),
        Arbitraries.of("", "AAAAAAAAAAAAAAAAAAAAAA==", NONCE, AAD));
  }
}
