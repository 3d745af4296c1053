package io.wxpay4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureMessagesTest {
  private static byte[] vector(String name) throws IOException {
    try (InputStream in = SignatureMessagesTest.class.getResourceAsStream("/vectors/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void getRequestMessageMatchesTheOpensslVectorByteForByte() throws IOException {
    byte[] message =
        SignatureMessages.request(
            "GET",
            "/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1900000109",
            1554208460L,
            "593BEC0C930BF1AFEB40B4A08C8FB242",
            new byte[0]);
    assertThat(message).isEqualTo(vector("request-get.message"));
    assertThat(new String(message, StandardCharsets.UTF_8)).endsWith("\n\n");
  }

  @Test
  void postRequestMessageCarriesTheUtf8BodyVerbatim() throws IOException {
    byte[] message =
        SignatureMessages.request(
            "POST",
            "/v3/pay/transactions/jsapi",
            1554208460L,
            "593BEC0C930BF1AFEB40B4A08C8FB242",
            vector("request-post.body"));
    assertThat(message).isEqualTo(vector("request-post.message"));
  }

  @Test
  void responseMessagesMatchForBodyAndEmptyBody() throws IOException {
    assertThat(
            SignatureMessages.response(
                "1722850421", "d824f2e086d3c1df967785d13fcd22ef", vector("response-200.body")))
        .isEqualTo(vector("response-200.message"));
    assertThat(
            SignatureMessages.response(
                "1722850421", "d824f2e086d3c1df967785d13fcd22ef", new byte[0]))
        .isEqualTo(vector("response-204.message"));
  }

  @Test
  void valueEndingInLineFeedStillGetsItsOwnTerminator() {
    assertThat(SignatureMessages.lines("a\n", "b"))
        .isEqualTo("a\n\nb\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noncesAre32AlphanumericCharacters() {
    Nonces nonces = Nonces.create();
    assertThat(nonces.get()).matches("[0-9A-Za-z]{32}").isNotEqualTo(nonces.get());
  }
}
