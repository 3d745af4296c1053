package io.wxpay4j.auth;

import static io.wxpay4j.auth.Vectors.bytes;
import static io.wxpay4j.auth.Vectors.merchantSigner;
import static io.wxpay4j.auth.Vectors.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The {@link Signer#signLines} contract, for custom signers (an HSM) and for {@link
 * RsaSha256Signer}.
 */
final class SignerTest {
  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[][] REQUEST_POST_LINES = {
    utf8("POST"),
    utf8("/v3/pay/transactions/jsapi"),
    utf8("1554208460"),
    utf8("593BEC0C930BF1AFEB40B4A08C8FB242"),
    bytes("request-post.body")
  };

  /** A signer that only knows whole messages, as an HSM-backed one would. */
  private static final class WholeMessageSigner implements Signer {
    final RsaSha256Signer delegate = merchantSigner();
    byte[] lastMessage;

    @Override
    public String serialNumber() {
      return delegate.serialNumber();
    }

    @Override
    public String algorithm() {
      return delegate.algorithm();
    }

    @Override
    public String sign(byte[] message) {
      lastMessage = message;
      return delegate.sign(message);
    }
  }

  @Test
  void defaultSignLinesSignsTheAssembledGoldenMessage() {
    WholeMessageSigner custom = new WholeMessageSigner();

    String signature = custom.signLines(REQUEST_POST_LINES);

    assertThat(custom.lastMessage).isEqualTo(bytes("request-post.message"));
    assertThat(signature).isEqualTo(text("request-post.signature"));
  }

  @Test
  void rsaSha256SignerStreamsTheLinesToTheSameGoldenSignature() {
    assertThat(merchantSigner().signLines(REQUEST_POST_LINES))
        .isEqualTo(text("request-post.signature"));
  }
}
