package io.wxpay4j.auth;

import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Reused per-thread engines give the same answers as fresh ones, on every thread, for every key.
 */
class RsaEnginesTest {
  private final byte[] responseMessage = bytes("response-200.message");
  private final byte[] responseSignature =
      Base64.getDecoder().decode(text("response-200.signature"));

  @Test
  void reusedSigningEnginesGiveTheGoldenSignatureOnEveryThread() throws Exception {
    RsaSha256Signer signer = merchantSigner();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String vector = i % 2 == 0 ? "request-get" : "request-post";
        results.add(pool.submit(() -> vector + " " + signer.sign(bytes(vector + ".message"))));
      }
      for (Future<String> result : results) {
        String[] parts = result.get().split(" ");
        assertThat(parts[1]).isEqualTo(text(parts[0] + ".signature"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void alternatingKeysOnOneThreadAreEachUsed() throws Exception {
    PublicKey platform = platformPublicKey();
    PublicKey merchant = merchantPublicKey();

    assertThat(RsaEngines.verify(platform, responseMessage, responseSignature)).isTrue();
    assertThat(RsaEngines.verify(merchant, responseMessage, responseSignature)).isFalse();
    assertThat(RsaEngines.verify(platform, responseMessage, responseSignature)).isTrue();
    assertThat(RsaEngines.verify(platform, bytes("response-204.message"), responseSignature))
        .isFalse();
    assertThat(RsaEngines.verify(platform, responseMessage, responseSignature)).isTrue();
  }

  @Test
  void streamedLinesVerifyLikeTheAssembledGoldenMessage() throws Exception {
    PublicKey platform = platformPublicKey();
    byte[] timestamp = Long.toString(RESPONSE_TIMESTAMP).getBytes(StandardCharsets.UTF_8);
    byte[] nonce = RESPONSE_NONCE.getBytes(StandardCharsets.UTF_8);

    assertThat(
            RsaEngines.verifyLines(
                platform, responseSignature, timestamp, nonce, bytes("response-200.body")))
        .isTrue();
    byte[] changed = bytes("response-200.body");
    changed[changed.length - 1] ^= 1;
    assertThat(RsaEngines.verifyLines(platform, responseSignature, timestamp, nonce, changed))
        .isFalse();
    assertThat(
            RsaEngines.verifyLines(
                platform, responseSignature, nonce, timestamp, bytes("response-200.body")))
        .isFalse();
  }

  @Test
  void signingLineByLineGivesTheGoldenRequestSignature() {
    RsaSha256Signer signer = merchantSigner();
    byte[][] lines = {
      utf8("POST"),
      utf8("/v3/pay/transactions/jsapi"),
      utf8(Long.toString(REQUEST_TIMESTAMP)),
      utf8(REQUEST_NONCE),
      bytes("request-post.body")
    };

    assertThat(signer.signLines(lines)).isEqualTo(text("request-post.signature"));
    assertThat(signer.signLines(lines)).isEqualTo(signer.sign(bytes("request-post.message")));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void engineThatThrewIsNotReused() throws Exception {
    PublicKey platform = platformPublicKey();
    assertThat(RsaEngines.verify(platform, responseMessage, responseSignature)).isTrue();

    assertThatThrownBy(() -> RsaEngines.verify(platform, responseMessage, new byte[7]))
        .isInstanceOf(SignatureException.class);

    assertThat(RsaEngines.verify(platform, responseMessage, responseSignature)).isTrue();
  }
}
