package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

/**
 * The JSAPI {@code paySign} the pay sheet checks, against a signature made by the OpenSSL CLI (the
 * command is in {@code vectors/README.md}), never by the simulator's or the client's code.
 */
class PaySignGoldenVectorTest {
  private static final String APP_ID = "wxd678efh567hg6787";
  private static final String TIME_STAMP = "1554208460";
  private static final String NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";
  private static final String PACKAGE = "prepay_id=wx201410272009395522657a690389285100";

  private static String vector(String name) throws IOException {
    try (InputStream in = PaySignGoldenVectorTest.class.getResourceAsStream("/vectors/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static PublicKey publicKey() throws IOException {
    return Crypto.readPublicKey(vector("test-only-merchant-public-key.pem"));
  }

  @Test
  void payMessageIsTheFourLinesOpenSslSigned() throws IOException {
    byte[] message = FrontEndPayer.payMessage(APP_ID, TIME_STAMP, NONCE, PACKAGE);

    assertThat(new String(message, StandardCharsets.UTF_8))
        .isEqualTo(vector("jsapi-pay-message.txt"));
    assertThat(Crypto.verify(publicKey(), message, vector("jsapi-pay-sign.b64").trim())).isTrue();
  }

  @Test
  void paySignOverAnotherPackageDoesNotVerify() throws IOException {
    byte[] message =
        FrontEndPayer.payMessage(APP_ID, TIME_STAMP, NONCE, PACKAGE.replace("5100", "5101"));

    assertThat(Crypto.verify(publicKey(), message, vector("jsapi-pay-sign.b64").trim())).isFalse();
  }

  @Test
  void paySignOverTheMessageWithoutItsLastNewlineDoesNotVerify() throws IOException {
    String withoutLast = vector("jsapi-pay-message.txt");
    byte[] message =
        withoutLast.substring(0, withoutLast.length() - 1).getBytes(StandardCharsets.UTF_8);

    assertThat(Crypto.verify(publicKey(), message, vector("jsapi-pay-sign.b64").trim())).isFalse();
  }
}
