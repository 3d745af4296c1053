package io.wxpay4j.fuzz;

import static io.wxpay4j.fuzz.FuzzFixtures.latin1;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.PublicKeyVerifier;
import io.wxpay4j.notify.NotificationParser;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayNotificationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes {@link NotificationParser}: signed, encrypted notifications built from the seed corpus of
 * decrypted payloads, spoiled by one mutation (body, any of the four headers), plus signed bodies
 * of arbitrary bytes and arbitrary JSON that reach the decryption and decoding steps. Only {@link
 * WechatPayNotificationException} may come out, and a notification whose signed parts changed is
 * never accepted.
 */
final class NotificationParserFuzzTest {
  private static final List<byte[]> PAYLOADS = FuzzFixtures.corpus("notification");
  private static final String NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
  private static final NotificationParser PARSER =
      NotificationParser.builder()
          .merchantId("1900000109")
          .appIds(java.util.List.of("wxd678efh567hg6787"))
          .verifier(
              PublicKeyVerifier.create(FuzzFixtures.PUBLIC_KEY_ID, FuzzFixtures.PLATFORM_PUBLIC))
          .apiV3Key(ApiV3Key.of(FuzzFixtures.API_V3_KEY))
          .clock(FuzzFixtures.CLOCK)
          .build();
  private static final String[] HEADERS = {
    "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"
  };

  @Provide
  Arbitrary<Integer> seed() {
    return Arbitraries.integers().between(0, PAYLOADS.size() - 1);
  }

  @Provide
  Arbitrary<FuzzFixtures.Mutation> mutation() {
    return FuzzFixtures.mutations();
  }

  @Provide
  Arbitrary<FuzzFixtures.Mutation> textMutation() {
    return FuzzFixtures.textMutations();
  }

  /** The notification body WeChat Pay would send for this decrypted payload. */
  static byte[] body(byte[] payload) {
    String resourceNonce = "TESTONLYnon1";
    String ciphertext = FuzzFixtures.encrypt(resourceNonce, "transaction", payload);
    return ("{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2015-05-20T13:29:35+08:00\","
            + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"TRANSACTION.SUCCESS\","
            + "\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"transaction\","
            + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
            + ciphertext
            + "\","
            + "\"associated_data\":\"transaction\",\"nonce\":\""
            + resourceNonce
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, String> headers(byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Timestamp", FuzzFixtures.TIMESTAMP);
    headers.put("Wechatpay-Nonce", NONCE);
    headers.put("Wechatpay-Signature", FuzzFixtures.sign(FuzzFixtures.TIMESTAMP, NONCE, body));
    headers.put("Wechatpay-Serial", FuzzFixtures.PUBLIC_KEY_ID);
    return headers;
  }

  private static NotificationRequest request(Map<String, String> headers, byte[] body) {
    Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    return NotificationRequest.create(caseInsensitive::get, body);
  }

  @Example
  void everySeedParsesUnchanged() throws Exception {
    for (byte[] payload : PAYLOADS) {
      byte[] body = body(payload);
      assertThat(PARSER.parseTransaction(request(headers(body), body)).getOutTradeNo())
          .isNotBlank();
    }
  }

  @Property
  void mutatedBodyIsNeverAccepted(
      @ForAll("seed") int seed, @ForAll("mutation") FuzzFixtures.Mutation mutation) {
    byte[] body = body(PAYLOADS.get(seed));
    byte[] mutated = mutation.apply(body);
    assertRejectedUnlessUnchanged(headers(body), mutated, !Arrays.equals(mutated, body));
  }

  @Property
  void mutatedHeaderIsNeverAccepted(
      @ForAll("seed") int seed,
      @ForAll @IntRange(min = 0, max = 3) int which,
      @ForAll("textMutation") FuzzFixtures.Mutation mutation,
      @ForAll boolean remove) {
    byte[] body = body(PAYLOADS.get(seed));
    Map<String, String> headers = headers(body);
    String name = HEADERS[which];
    String original = headers.get(name);
    String value = latin1(mutation.apply(original.getBytes(StandardCharsets.ISO_8859_1)));
    if (remove) {
      headers.remove(name);
    } else {
      headers.put(name, value);
    }
    assertRejectedUnlessUnchanged(headers, body, remove || changed(name, original, value));
  }

  private static boolean changed(String name, String original, String value) {
    String trimmed = value.strip();
    if (trimmed.equals(original)) {
      return false;
    }
    if (name.equals("Wechatpay-Signature")) {
      try {
        return !Arrays.equals(
            Base64.getDecoder().decode(trimmed), Base64.getDecoder().decode(original));
      } catch (IllegalArgumentException e) {
        return true;
      }
    }
    if (name.equals("Wechatpay-Serial")) {
      return !trimmed.equalsIgnoreCase(original);
    }
    return true;
  }

  private static void assertRejectedUnlessUnchanged(
      Map<String, String> headers, byte[] body, boolean changed) {
    try {
      PARSER.parseTransaction(request(headers, body));
    } catch (WechatPayNotificationException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain(FuzzFixtures.API_V3_KEY);
      return;
    } catch (RuntimeException e) {
      throw new AssertionError("only WechatPayNotificationException may come out, got " + e, e);
    }
    assertThat(changed).as("a changed notification was accepted").isFalse();
  }

  /**
   * Signed bodies of arbitrary bytes: authentic, so parsing goes on to JSON, decryption and
   * decoding.
   */
  @Property
  void signedArbitraryBodiesOnlyEverFailAsNotificationErrors(@ForAll("anyBody") byte[] body) {
    try {
      PARSER.parse(request(headers(body), body));
    } catch (WechatPayNotificationException e) {
      assertThat(e.answer()).isNotNull();
    } catch (RuntimeException e) {
      throw new AssertionError("only WechatPayNotificationException may come out, got " + e, e);
    }
  }

  /** Signed, correctly encrypted resources whose plaintext is arbitrary. */
  @Property
  void decryptedArbitraryPayloadsOnlyEverFailAsNotificationErrors(
      @ForAll("anyBody") byte[] payload) {
    byte[] body = body(payload);
    try {
      PARSER.parseTransaction(request(headers(body), body));
    } catch (WechatPayNotificationException e) {
      assertThat(e.answer()).isNotNull();
    } catch (RuntimeException e) {
      throw new AssertionError("only WechatPayNotificationException may come out, got " + e, e);
    }
  }

  @Provide
  Arbitrary<byte[]> anyBody() {
    Arbitrary<String> json =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtrufalsn \\u").ofMaxLength(300),
            Arbitraries.of(
                "{}",
                "[]",
                "null",
                "{\"resource\":null}",
                "{\"resource\":{}}",
                "{\"resource\":{\"ciphertext\":\"\",\"nonce\":\"\",\"associated_data\":null}}",
                "{\"resource\":{\"ciphertext\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"nonce\":\"x\"}}",
                "{\"amount\":{\"total\":\"abc\"}}",
                "{\"trade_state\":42}",
                "{\"success_time\":\"yesterday\"}",
                "{\"promotion_detail\":{}}",
                "{\"out_trade_no\":[1,2]}",
                "\"str\"",
                "1e999999"));
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(400),
        json.map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }
}
