package io.wxpay4j.auth;

import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class ApiV3KeyTest {
  private final ApiV3Key key = ApiV3Key.of(API_V3_KEY);

  @Test
  void decryptsThePythonCryptographyVector() throws Exception {
    byte[] plain =
        key.decrypt("transaction", "TESTONLYnon1", text("notification-transaction.ciphertext"));
    assertThat(plain).isEqualTo(bytes("notification-transaction.json"));
  }

  @Test
  void absentAndEmptyAssociatedDataAreTheSame() throws Exception {
    String ciphertext = text("notification-transaction-no-aad.ciphertext");
    assertThat(key.decrypt(null, "TESTONLYnon1", ciphertext))
        .isEqualTo(bytes("notification-transaction.json"));
    assertThat(key.decrypt("", "TESTONLYnon1", ciphertext))
        .isEqualTo(bytes("notification-transaction.json"));
  }

  @Test
  void wrongApiV3KeyFailsAuthentication() {
    ApiV3Key wrong = ApiV3Key.of("TESTONLYapiV3key0123456789abcdeX");
    assertThatThrownBy(
            () ->
                wrong.decrypt(
                    "transaction", "TESTONLYnon1", text("notification-transaction.ciphertext")))
        .isInstanceOf(AEADBadTagException.class)
        .hasMessage(
            "GCM tag mismatch: wrong key, nonce or associated data, or the ciphertext was altered");
  }

  @Test
  void wrongAssociatedDataFailsAuthentication() {
    assertThatThrownBy(
            () ->
                key.decrypt(
                    "certificate", "TESTONLYnon1", text("notification-transaction.ciphertext")))
        .isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void truncatedCiphertextIsRejected() {
    byte[] full = Base64.getDecoder().decode(text("notification-transaction.ciphertext"));
    String cut = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(full, full.length - 1));
    assertThatThrownBy(() -> key.decrypt("transaction", "TESTONLYnon1", cut))
        .isInstanceOf(AEADBadTagException.class);
    String shorterThanTag = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(full, 10));
    assertThatThrownBy(() -> key.decrypt("transaction", "TESTONLYnon1", shorterThanTag))
        .isInstanceOf(AEADBadTagException.class)
        .hasMessage("ciphertext is 10 bytes, shorter than the 16-byte GCM tag: it was truncated");
  }

  @Test
  void nonBase64CiphertextIsRejected() {
    assertThatThrownBy(() -> key.decrypt("transaction", "TESTONLYnon1", "%%%"))
        .isInstanceOf(AEADBadTagException.class)
        .hasMessage("ciphertext is not Base64");
  }

  @Test
  void keyOfWrongLengthIsRejectedWithItsLength() {
    assertThatThrownBy(() -> ApiV3Key.of("TESTONLYapiV3key0123456789abcde"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "apiV3Key must be 32 ASCII characters (APIv3密钥, set in 商户平台 → API安全), found 31"
                + " characters");
  }

  @Test
  void keyWithNonAsciiOrWhitespaceIsRejectedWithThePosition() {
    assertThatThrownBy(() -> ApiV3Key.of("TESTONLYapiV3key0123456789abcdé"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "apiV3Key must be 32 printable ASCII characters (APIv3密钥), found a non-ASCII character"
                + " at index 30 (trim it?)");
    assertThatThrownBy(() -> ApiV3Key.of("TESTONLYapiV3key0123456789abcdef\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "apiV3Key must be 32 printable ASCII characters (APIv3密钥), found whitespace at index 32"
                + " (trim it?)");
  }

  @Test
  void pemPassedAsApiV3KeyIsNamed() {
    assertThatThrownBy(
            () ->
                ApiV3Key.of(
                    text("test-only-merchant-key.pem")
                        .substring(text("test-only-merchant-key.pem").indexOf("-----"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "apiV3Key must be the 32-character APIv3 key (APIv3密钥), found PEM text: a key or"
                + " certificate file was passed instead");
  }

  @Test
  void toStringIsRedactedAndEqualityIsByValue() {
    assertThat(key.toString()).isEqualTo("ApiV3Key{redacted}");
    assertThat(key).isEqualTo(ApiV3Key.of(API_V3_KEY)).hasSameHashCodeAs(ApiV3Key.of(API_V3_KEY));
  }
}
