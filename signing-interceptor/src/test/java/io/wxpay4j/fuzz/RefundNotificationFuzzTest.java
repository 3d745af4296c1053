package io.wxpay4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.PublicKeyVerifier;
import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.RefundStatus;
import io.wxpay4j.notify.NotificationParser;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayNotificationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the decoding of refund notifications ({@code REFUND.*}) into the generated {@link
 * RefundNotification} through {@link NotificationParser#parse(NotificationRequest, Class)}: signed,
 * encrypted notifications built from the seed corpus of decrypted refund resources, with the signed
 * body spoiled by one mutation, with the decrypted resource corrupted before it is encrypted and
 * signed again (so it reaches Moshi), and with arbitrary refund-shaped JSON. Only {@link
 * WechatPayNotificationException} may come out, a notification whose signed parts changed is never
 * accepted, and what is accepted is a refund notification of the documented shape.
 */
final class RefundNotificationFuzzTest {
  private static final List<byte[]> PAYLOADS = FuzzFixtures.corpus("refund-notification");
  private static final String NONCE = "7RG5RS1PBNEKA7L1XCL8PZOJ8W6ZTOPN";
  private static final NotificationParser PARSER =
      NotificationParser.builder()
          .merchantId("1900000109")
          .verifier(
              PublicKeyVerifier.create(FuzzFixtures.PUBLIC_KEY_ID, FuzzFixtures.PLATFORM_PUBLIC))
          .apiV3Key(ApiV3Key.of(FuzzFixtures.API_V3_KEY))
          .clock(FuzzFixtures.CLOCK)
          .build();

  /** The seeds of a service provider (sp_mchid 1230000109) are its notices, not the merchant's. */
  private static final NotificationParser PARTNER_PARSER =
      NotificationParser.builder()
          .merchantId("1230000109")
          .verifier(
              PublicKeyVerifier.create(FuzzFixtures.PUBLIC_KEY_ID, FuzzFixtures.PLATFORM_PUBLIC))
          .apiV3Key(ApiV3Key.of(FuzzFixtures.API_V3_KEY))
          .clock(FuzzFixtures.CLOCK)
          .build();

  private static NotificationParser parserFor(byte[] payload) {
    return new String(payload, StandardCharsets.UTF_8).contains("sp_mchid")
        ? PARTNER_PARSER
        : PARSER;
  }

  @Provide
  Arbitrary<Integer> seed() {
    return Arbitraries.integers().between(0, PAYLOADS.size() - 1);
  }

  @Provide
  Arbitrary<FuzzFixtures.Mutation> mutation() {
    return FuzzFixtures.mutations();
  }

  /** The refund notification WeChat Pay would send for this decrypted resource. */
  static byte[] body(byte[] resource) {
    String resourceNonce = "TESTONLYnon2";
    String ciphertext = FuzzFixtures.encrypt(resourceNonce, "refund", resource);
    return ("{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2018-06-08T10:34:56+08:00\","
            + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"REFUND.SUCCESS\","
            + "\"summary\":\"退款成功\",\"resource\":{\"original_type\":\"refund\","
            + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
            + ciphertext
            + "\",\"associated_data\":\"refund\",\"nonce\":\""
            + resourceNonce
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static NotificationRequest request(byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(signedHeaders(body));
    return NotificationRequest.create(headers::get, body);
  }

  private static Map<String, String> signedHeaders(byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Timestamp", FuzzFixtures.TIMESTAMP);
    headers.put("Wechatpay-Nonce", NONCE);
    headers.put("Wechatpay-Signature", FuzzFixtures.sign(FuzzFixtures.TIMESTAMP, NONCE, body));
    headers.put("Wechatpay-Serial", FuzzFixtures.PUBLIC_KEY_ID);
    return headers;
  }

  /** Parses; returns null for a documented refusal, fails on any other exception. */
  private static RefundNotification parseOrRefuse(NotificationRequest request) {
    try {
      return PARSER.parseRefund(request);
    } catch (WechatPayNotificationException e) {
      assertThat(e.answer()).isNotNull();
      assertThat(e.getMessage()).isNotBlank().doesNotContain(FuzzFixtures.API_V3_KEY);
      return null;
    } catch (RuntimeException e) {
      throw new AssertionError("only WechatPayNotificationException may come out, got " + e, e);
    }
  }

  @Example
  void everySeedDecodesAsARefundNotification() throws Exception {
    for (byte[] payload : PAYLOADS) {
      RefundNotification refund = parserFor(payload).parseRefund(request(body(payload)));
      assertThat(refund.getOutRefundNo()).isNotBlank();
      assertThat(refund.getRefundId()).isNotBlank();
      assertThat(refund.getRefundStatus()).isNotNull();
      assertThat(refund.getAmount().getRefund()).isPositive();
    }
  }

  @Example
  void seedsKeepWhatTheyEncode() throws Exception {
    RefundNotification close =
        parserFor(PAYLOADS.get(3)).parseRefund(request(body(PAYLOADS.get(3))));
    RefundNotification unknown =
        parserFor(PAYLOADS.get(4)).parseRefund(request(body(PAYLOADS.get(4))));
    RefundNotification partner =
        parserFor(PAYLOADS.get(1)).parseRefund(request(body(PAYLOADS.get(1))));

    assertThat(close.getRefundStatus()).isEqualTo(RefundStatus.CLOSE);
    assertThat(close.getAmount().getTotal()).isEqualTo(9007199254740993L); // beyond a double
    assertThat(unknown.getRefundStatus()).isEqualTo(RefundStatus.UNKNOWN_DEFAULT_OPEN_API);
    assertThat(partner.getSpMchid()).isEqualTo("1230000109");
    assertThat(partner.getSubMchid()).isEqualTo("1900000109");
    assertThat(partner.getMchid()).isNull();
  }

  @Property
  void mutatedSignedBodyIsNeverAccepted(
      @ForAll("seed") int seed, @ForAll("mutation") FuzzFixtures.Mutation mutation) {
    byte[] body = body(PAYLOADS.get(seed));
    byte[] mutated = mutation.apply(body);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(signedHeaders(body)); // signed over the original body
    RefundNotification parsed = parseOrRefuse(NotificationRequest.create(headers::get, mutated));
    if (parsed != null) {
      assertThat(mutated).as("a changed notification was accepted").isEqualTo(body);
    }
  }

  /**
   * Corrupted resources, encrypted and signed as WeChat Pay would: authentic, so every one reaches
   * the JSON decoding of {@code RefundNotification}.
   */
  @Property
  void corruptedResourcesOnlyEverFailAsNotificationErrors(
      @ForAll("seed") int seed, @ForAll("mutation") FuzzFixtures.Mutation mutation) {
    byte[] resource = mutation.apply(PAYLOADS.get(seed));
    RefundNotification parsed = parseOrRefuse(request(body(resource)));
    if (parsed != null && Arrays.equals(resource, PAYLOADS.get(seed))) {
      assertThat(parsed.getOutRefundNo()).isNotBlank();
    }
  }

  /** Refund-shaped JSON with wrong types, odd numbers and odd nesting, decrypted correctly. */
  @Property
  void arbitraryRefundJsonOnlyEverFailsAsNotificationErrors(@ForAll("refundJson") String json) {
    parseOrRefuse(request(body(json.getBytes(StandardCharsets.UTF_8))));
  }

  @Provide
  Arbitrary<String> refundJson() {
    Arbitrary<String> value =
        Arbitraries.of(
            "null",
            "true",
            "0",
            "-1",
            "1.5",
            "1e3",
            "1e999999",
            "9223372036854775808",
            "-9223372036854775809",
            "\"\"",
            "\"SUCCESS\"",
            "\"CLOSE\"",
            "\"2018-06-08T10:34:56+08:00\"",
            "\"yesterday\"",
            "\"\\ud800\"",
            "[]",
            "[1,2]",
            "{}",
            "{\"total\":\"abc\"}",
            "{\"refund\":1.0000000000000002}");
    Arbitrary<String> key =
        Arbitraries.of(
            "mchid",
            "sp_mchid",
            "sub_mchid",
            "out_trade_no",
            "transaction_id",
            "out_refund_no",
            "refund_id",
            "refund_status",
            "success_time",
            "user_received_account",
            "amount",
            "total",
            "refund",
            "payer_total",
            "payer_refund",
            "unknown_field");
    Arbitrary<String> member = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v);
    Arbitrary<String> object =
        member.list().ofMaxSize(8).map(members -> "{" + String.join(",", members) + "}");
    // A generated amount and status inside an otherwise valid refund notification.
    Arbitrary<String> nested =
        Combinators.combine(object, value)
            .as(
                (amount, status) ->
                    "{\"mchid\":\"1900000109\",\"out_trade_no\":\"o1\",\"transaction_id\":\"t1\","
                        + "\"out_refund_no\":\"r1\",\"refund_id\":\"5\",\"refund_status\":"
                        + status
                        + ",\"user_received_account\":\"x\",\"amount\":"
                        + amount
                        + "}");
    return Arbitraries.oneOf(
        object,
        nested,
        Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtrufalsn ").ofMaxLength(200));
  }
}
