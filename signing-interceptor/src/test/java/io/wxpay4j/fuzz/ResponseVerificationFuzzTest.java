package io.wxpay4j.fuzz;

import static io.wxpay4j.fuzz.FuzzFixtures.latin1;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.auth.PublicKeyVerifier;
import io.wxpay4j.auth.RsaSha256Signer;
import io.wxpay4j.auth.WechatPaySignatureInterceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fuzzes the response verification path: real OkHttp calls through the signing interceptor,
 * answered by an interceptor behind it with a signed answer from the seed corpus that one mutation
 * then spoils (body, timestamp, nonce, signature or serial). Only an {@code IOException} carrying a
 * {@link WechatPaySignatureException} may come out, and an answer whose signed parts changed is
 * never accepted.
 */
final class ResponseVerificationFuzzTest {
  private static final List<byte[]> BODIES = FuzzFixtures.corpus("response");
  private static final String NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";
  private static final WechatPaySignatureInterceptor SIGNING =
      WechatPaySignatureInterceptor.builder()
          .merchantId("1900000109")
          .signer(
              RsaSha256Signer.create(FuzzFixtures.MERCHANT_SERIAL, FuzzFixtures.MERCHANT_PRIVATE))
          .verifier(
              PublicKeyVerifier.create(FuzzFixtures.PUBLIC_KEY_ID, FuzzFixtures.PLATFORM_PUBLIC))
          .clock(FuzzFixtures.CLOCK)
          .build();
  private static final String[] SIGNED_HEADERS = {
    "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"
  };

  @Provide
  Arbitrary<FuzzFixtures.Mutation> mutation() {
    return FuzzFixtures.mutations();
  }

  @Provide
  Arbitrary<FuzzFixtures.Mutation> textMutation() {
    return FuzzFixtures.textMutations();
  }

  @Provide
  Arbitrary<Integer> seed() {
    return Arbitraries.integers().between(0, BODIES.size() - 1);
  }

  /** The signed headers of {@code body}, in a map the mutations edit. */
  private static Map<String, String> signedHeaders(byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Timestamp", FuzzFixtures.TIMESTAMP);
    headers.put("Wechatpay-Nonce", NONCE);
    headers.put("Wechatpay-Signature", FuzzFixtures.sign(FuzzFixtures.TIMESTAMP, NONCE, body));
    headers.put("Wechatpay-Serial", FuzzFixtures.PUBLIC_KEY_ID);
    headers.put("Request-ID", "08F78BB5AF0610A8BD0A1AA1E1E8F8B3AE2F1B");
    return headers;
  }

  /** Runs one real call answered with these headers and body; returns the body the caller got. */
  static byte[] call(int status, Map<String, String> headers, byte[] body) throws IOException {
    Headers.Builder answerHeaders = new Headers.Builder();
    headers.forEach(answerHeaders::addUnsafeNonAscii);
    OkHttpClient client =
        new OkHttpClient.Builder()
            .addInterceptor(SIGNING)
            .addInterceptor(
                chain ->
                    new Response.Builder()
                        .request(chain.request())
                        .protocol(Protocol.HTTP_1_1)
                        .code(status)
                        .message("fuzz")
                        .headers(answerHeaders.build())
                        .body(ResponseBody.create(body, MediaType.get("application/json")))
                        .build())
            .build();
    Request request =
        new Request.Builder().url("http://127.0.0.1:1/v3/pay/transactions/id/42?mchid=1").build();
    try (Response response = client.newCall(request).execute()) {
      return response.body().bytes();
    }
  }

  @Example
  void everySeedVerifiesUnchanged() throws IOException {
    for (byte[] body : BODIES) {
      assertThat(call(200, signedHeaders(body), body)).isEqualTo(body);
    }
  }

  @Property
  void mutatedBodyIsNeverAccepted(
      @ForAll("seed") int seed, @ForAll("mutation") FuzzFixtures.Mutation mutation) {
    byte[] body = BODIES.get(seed);
    byte[] mutated = mutation.apply(body);
    assertRejectedUnlessUnchanged(signedHeaders(body), mutated, !Arrays.equals(mutated, body));
  }

  @Property
  void mutatedSignedHeaderIsNeverAccepted(
      @ForAll("seed") int seed,
      @ForAll @IntRange(min = 0, max = 3) int which,
      @ForAll("textMutation") FuzzFixtures.Mutation mutation,
      @ForAll boolean remove) {
    byte[] body = BODIES.get(seed);
    Map<String, String> headers = signedHeaders(body);
    String name = SIGNED_HEADERS[which];
    String original = headers.get(name);
    String value = latin1(mutation.apply(original.getBytes(StandardCharsets.ISO_8859_1)));
    if (remove) {
      headers.remove(name);
    } else {
      headers.put(name, value);
    }
    assertRejectedUnlessUnchanged(headers, body, remove || changed(name, original, value));
  }

  /**
   * Whether a header edit changes what is verified; a few edits are the same value written another
   * way.
   */
  private static boolean changed(String name, String original, String value) {
    String trimmed = value.strip();
    if (trimmed.equals(original)) {
      return false; // header values are trimmed
    }
    if (name.equals("Wechatpay-Signature")) {
      try {
        // Base64 can spell the same bytes in more than one way (the unused low bits of the last
        // symbol).
        return !Arrays.equals(
            Base64.getDecoder().decode(trimmed), Base64.getDecoder().decode(original));
      } catch (IllegalArgumentException e) {
        return true;
      }
    }
    return true;
  }

  private static void assertRejectedUnlessUnchanged(
      Map<String, String> headers, byte[] body, boolean changed) {
    byte[] accepted;
    try {
      accepted = call(200, headers, body);
    } catch (IOException e) {
      WechatPaySignatureException unverified = WechatPaySignatureException.from(e);
      if (unverified == null) {
        throw new AssertionError("only WechatPaySignatureException may come out, got " + e, e);
      }
      assertThat(unverified.reason()).isNotNull();
      assertThat(e.getMessage()).doesNotContain(FuzzFixtures.API_V3_KEY);
      return;
    }
    assertThat(changed).as("a changed answer was accepted").isFalse();
    assertThat(accepted).isEqualTo(body);
  }

  @Property
  void arbitraryHeadersAndBodyOnlyEverFailVerification(
      @ForAll("headerValue") String timestamp,
      @ForAll("headerValue") String nonce,
      @ForAll("headerValue") String signature,
      @ForAll("headerValue") String serial,
      @ForAll byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Timestamp", timestamp);
    headers.put("Wechatpay-Nonce", nonce);
    headers.put("Wechatpay-Signature", signature);
    headers.put("Wechatpay-Serial", serial);
    try {
      call(200, headers, body);
      throw new AssertionError("an unsigned answer was accepted");
    } catch (IOException e) {
      WechatPaySignatureException unverified = WechatPaySignatureException.from(e);
      if (unverified == null) {
        throw new AssertionError("only WechatPaySignatureException may come out, got " + e, e);
      }
      assertThat(unverified.reason()).isNotNull();
    }
  }

  @Provide
  Arbitrary<String> headerValue() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(400),
        Arbitraries.strings().withChars("0123456789+-=/ ABCDEFabcdef_").ofMaxLength(400),
        Arbitraries.of(
            FuzzFixtures.TIMESTAMP,
            FuzzFixtures.PUBLIC_KEY_ID,
            "WECHATPAY/SIGNTEST/AAAA",
            "",
            " ",
            "99999999999999999999",
            "-1"));
  }
}
