package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The simulator's JDK crypto against vectors computed with OpenSSL and Python (see
 * vectors/README.md).
 */
class GoldenVectorTest {
  private static final String KEY = "0123456789abcdefghijABCDEFGHIJ01";
  private static final String PLAINTEXT =
      "{\"out_trade_no\":\"1217752501201407033233368018\",\"trade_state\":\"SUCCESS\"}";

  private static String vector(String name) throws IOException {
    try (InputStream in = GoldenVectorTest.class.getResourceAsStream("/vectors/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static PrivateKey privateKey() throws IOException {
    return Crypto.readPrivateKey(vector("test-only-merchant-key.pem"));
  }

  private static PublicKey publicKey() throws IOException {
    return Crypto.readPublicKey(vector("test-only-merchant-public-key.pem"));
  }

  @Test
  void requestMessageIsTheFiveLinesOpenSslSigned() throws IOException {
    byte[] message =
        Authenticator.message(
            "POST",
            "/v3/pay/transactions/out-trade-no/1217752501201407033233368018/close",
            "1554208460",
            "593BEC0C930BF1AFEB40B4A08C8FB242",
            "{\"mchid\":\"1900000109\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(message, StandardCharsets.UTF_8))
        .isEqualTo(vector("request-message.txt"));
    assertThat(Crypto.sign(privateKey(), message))
        .isEqualTo(vector("request-signature.b64").trim());
    assertThat(Crypto.verify(publicKey(), message, vector("request-signature.b64").trim()))
        .isTrue();
  }

  @Test
  void emptyBodyResponseMessageEndsWithALoneNewline() throws IOException {
    byte[] message =
        ResponseSigner.message("1554209980", "c5ac7061fccab6bf3e254dcf98995b8c", new byte[0]);

    assertThat(new String(message, StandardCharsets.UTF_8))
        .isEqualTo(vector("response-204-message.txt"));
    assertThat(Crypto.sign(privateKey(), message))
        .isEqualTo(vector("response-204-signature.b64").trim());
  }

  @Test
  void notificationCiphertextMatchesPythonCryptography() throws Exception {
    String ciphertext =
        Crypto.encryptAesGcm(
            KEY, "q7Xy3nL0pZ2a", "transaction", PLAINTEXT.getBytes(StandardCharsets.UTF_8));

    assertThat(ciphertext).isEqualTo(vector("notification-ciphertext.b64").trim());
    assertThat(
            new String(
                Crypto.decryptAesGcm(KEY, "q7Xy3nL0pZ2a", "transaction", ciphertext),
                StandardCharsets.UTF_8))
        .isEqualTo(PLAINTEXT);
  }

  @Test
  void wrongAssociatedDataFailsTheGcmTag() throws IOException {
    String ciphertext = vector("notification-ciphertext.b64").trim();

    assertThatThrownBy(() -> Crypto.decryptAesGcm(KEY, "q7Xy3nL0pZ2a", "certificate", ciphertext))
        .isInstanceOf(javax.crypto.AEADBadTagException.class);
  }

  @Test
  void authenticatorAcceptsTheOpenSslSignedRequestAndRejectsOneChangedByte() throws Exception {
    java.security.cert.X509Certificate certificate =
        Crypto.create()
            .selfSignedCertificate(
                new java.security.KeyPair(publicKey(), privateKey()),
                "CN=1900000109",
                Instant.parse("2019-01-01T00:00:00Z"),
                Instant.parse("2030-01-01T00:00:00Z"));
    String serial = Crypto.serialHex(certificate);
    Authenticator authenticator = new Authenticator("1900000109", serial, publicKey());
    String header =
        "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\","
            + "signature=\""
            + vector("request-signature.b64").trim()
            + "\",timestamp=\"1554208460\",serial_no=\""
            + serial
            + "\"";
    String target = "/v3/pay/transactions/out-trade-no/1217752501201407033233368018/close";
    Instant now = Instant.ofEpochSecond(1554208460 + 10);

    assertThat(
            authenticator.authenticate(
                header,
                "POST",
                target,
                "{\"mchid\":\"1900000109\"}".getBytes(StandardCharsets.UTF_8),
                now))
        .isEqualTo("1900000109");
    assertThatThrownBy(
            () ->
                authenticator.authenticate(
                    header,
                    "POST",
                    target,
                    "{\"mchid\":\"1900000108\"}".getBytes(StandardCharsets.UTF_8),
                    now))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status).isEqualTo(401);
              assertThat(e.code).isEqualTo("SIGN_ERROR");
            });
  }
}
