package io.wxpay4j.internal;

import static io.wxpay4j.auth.Vectors.PUBLIC_KEY_ID;
import static io.wxpay4j.auth.Vectors.RESPONSE_NONCE;
import static io.wxpay4j.auth.Vectors.RESPONSE_TIMESTAMP;
import static io.wxpay4j.auth.Vectors.bytes;
import static io.wxpay4j.auth.Vectors.publicKeyVerifier;
import static io.wxpay4j.auth.Vectors.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.WechatPaySignatureException.Reason;
import io.wxpay4j.auth.TestClock;
import io.wxpay4j.auth.Verifier;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cheap checks of {@link SignatureCheck} run before any key lookup (which may start a
 * certificate download) and before the RSA engine: one named negative test per check, each counting
 * the lookups and verifications a recording verifier saw.
 */
class SignatureCheckTest {
  private final TestClock clock = new TestClock(RESPONSE_TIMESTAMP);
  private final Recording verifier = new Recording(publicKeyVerifier());
  private final Map<String, String> headers = new HashMap<>();

  SignatureCheckTest() {
    headers.put("Wechatpay-Timestamp", Long.toString(RESPONSE_TIMESTAMP));
    headers.put("Wechatpay-Nonce", RESPONSE_NONCE);
    headers.put("Wechatpay-Signature", text("response-200.signature").trim());
    headers.put("Wechatpay-Serial", PUBLIC_KEY_ID);
  }

  private void verify() {
    SignatureCheck.verify(
        "Response", headers::get, bytes("response-200.body"), verifier, clock, "R-1");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(Reason reason) {
    return assertThatThrownBy(this::verify)
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void theGoldenVectorVerifiesWithOneLookupAndOneVerification() {
    verify();
    assertThat(verifier.lookups).hasValue(1);
    assertThat(verifier.verifications).hasValue(1);
  }

  @Test
  void probePrefixIsRefusedBeforeAnyKeyLookup() {
    headers.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + headers.get("Wechatpay-Signature"));
    refused(Reason.BAD_SIGNATURE)
        .satisfies(e -> assertThat(((WechatPaySignatureException) e).isProbe()).isTrue())
        .hasMessageStartingWith(
            "Response signature not verified: the signature is a WECHATPAY/SIGNTEST/ probe");
    assertThat(verifier.lookups).hasValue(0);
    assertThat(verifier.verifications).hasValue(0);
  }

  @Test
  void staleTimestampIsRefusedBeforeAnyKeyLookup() {
    clock.set(RESPONSE_TIMESTAMP + 300);
    refused(Reason.STALE_TIMESTAMP);
    assertThat(verifier.lookups).hasValue(0);
  }

  @Test
  void malformedTimestampIsRefusedBeforeAnyKeyLookup() {
    headers.put("Wechatpay-Timestamp", "-1");
    refused(Reason.MALFORMED_TIMESTAMP);
    assertThat(verifier.lookups).hasValue(0);
  }

  @ParameterizedTest(name = "serial {0} is refused before any key lookup")
  @ValueSource(
      strings = {
        "PUB_KEY_ID 0116",
        "5157F09E\n2026-12-03 INFO forged line",
        "5157F09E\u0000",
        "证书序列号",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" // 65
      })
  void malformedSerialIsRefusedBeforeAnyKeyLookup(String serial) {
    headers.put("Wechatpay-Serial", serial);
    refused(Reason.MALFORMED_SERIAL)
        .hasMessageStartingWith("Response signature not verified: Wechatpay-Serial \"")
        .hasMessageContaining(
            " is not a serial: WeChat Pay sends a platform-certificate serial (hex) or a"
                + " public-key ID (PUB_KEY_ID_…), 1 to 64 printable characters without spaces")
        .satisfies(e -> assertThat(e.getMessage().split("\n")).hasSize(4)); // no forged line
    assertThat(verifier.lookups).hasValue(0);
  }

  @Test
  void aSerialOf64CharactersIsLookedUp() {
    headers.put("Wechatpay-Serial", "A".repeat(64));
    refused(Reason.UNKNOWN_SERIAL);
    assertThat(verifier.lookups).hasValue(1);
  }

  @Test
  void nonBase64SignatureIsRefusedBeforeAnyKeyLookup() {
    headers.put("Wechatpay-Signature", "not base64 !!");
    refused(Reason.MALFORMED_SIGNATURE)
        .hasMessageStartingWith(
            "Response signature not verified: Wechatpay-Signature is not Base64\n");
    assertThat(verifier.lookups).hasValue(0);
  }

  @Test
  void signatureShorterThanAnRsa2048SignatureIsRefusedBeforeAnyKeyLookup() {
    headers.put("Wechatpay-Signature", Base64.getEncoder().encodeToString(new byte[255]));
    refused(Reason.MALFORMED_SIGNATURE)
        .hasMessageStartingWith(
            "Response signature not verified: Wechatpay-Signature has 255 bytes, fewer than the"
                + " 256 of an RSA signature by a key of 2048 bits or more"
                + " (WECHATPAY2-SHA256-RSA2048)\n");
    assertThat(verifier.lookups).hasValue(0);
  }

  @Test
  void signatureLongerThanAnRsa4096SignatureIsRefusedWithoutDecoding() {
    headers.put("Wechatpay-Signature", "A".repeat(1000) + "!"); // not even Base64: never decoded
    refused(Reason.MALFORMED_SIGNATURE)
        .hasMessageStartingWith(
            "Response signature not verified: Wechatpay-Signature has 1001 characters, more than"
                + " the Base64 of a 4096-bit RSA signature\n");
    assertThat(verifier.lookups).hasValue(0);
  }

  @Test
  void signatureOfAnotherLengthThanTheKeysModulusIsRefusedBeforeVerifying() {
    headers.put("Wechatpay-Signature", Base64.getEncoder().encodeToString(new byte[384]));
    refused(Reason.MALFORMED_SIGNATURE)
        .hasMessageStartingWith(
            "Response signature not verified: Wechatpay-Signature has 384 bytes, but a signature"
                + " by the 2048-bit key of Wechatpay-Serial "
                + PUBLIC_KEY_ID
                + " has 256\n");
    assertThat(verifier.lookups).hasValue(1);
    assertThat(verifier.verifications).hasValue(0);
  }

  @Test
  void aWrongSignatureOfTheRightLengthReachesTheEngineAndFails() {
    headers.put("Wechatpay-Signature", Base64.getEncoder().encodeToString(new byte[256]));
    refused(Reason.BAD_SIGNATURE);
    assertThat(verifier.verifications).hasValue(1);
  }

  @Test
  void aHostileRequestIdIsEscapedInTheMessage() {
    clock.set(RESPONSE_TIMESTAMP + 300);
    assertThatThrownBy(
            () ->
                SignatureCheck.verify(
                    "Response",
                    headers::get,
                    bytes("response-200.body"),
                    verifier,
                    clock,
                    "R-1\n2026-12-03 INFO forged\u202E"))
        .hasMessageEndingWith("  Request-ID: \"R-1\\n2026-12-03 INFO forged\\u202E\"")
        .satisfies(e -> assertThat(e.getMessage().split("\n")).hasSize(4));
  }

  /** Counts what reaches the key store and the engine. */
  private static final class Recording implements Verifier {
    final Verifier delegate;
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger verifications = new AtomicInteger();

    Recording(Verifier delegate) {
      this.delegate = delegate;
    }

    @Override
    public String serial() {
      return delegate.serial();
    }

    @Override
    public Set<String> serials() {
      return delegate.serials();
    }

    @Override
    public @Nullable PublicKey publicKey(String serial) {
      lookups.incrementAndGet();
      return delegate.publicKey(serial);
    }

    @Override
    public boolean verify(String serial, byte[] signature, byte[]... lines)
        throws GeneralSecurityException {
      verifications.incrementAndGet();
      return delegate.verify(serial, signature, lines);
    }
  }
}
