package io.wxpay4j.auth;

import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class RsaSha256SignerTest {
  @Test
  void signatureEqualsTheOpensslGoldenValue() {
    assertThat(merchantSigner().sign(bytes("request-get.message")))
        .isEqualTo(text("request-get.signature"));
    assertThat(merchantSigner().sign(bytes("request-post.message")))
        .isEqualTo(text("request-post.signature"));
  }

  @Test
  void pkcs1AndPkcs8KeysSignIdentically() {
    RsaSha256Signer pkcs1 =
        RsaSha256Signer.create(
            MERCHANT_SERIAL,
            Pem.readPrivateKeyResource("vectors/test-only-merchant-key-pkcs1.pem"));
    assertThat(pkcs1.sign(bytes("request-get.message"))).isEqualTo(text("request-get.signature"));
  }

  @Test
  void serialIsUpperCased() {
    assertThat(RsaSha256Signer.create(MERCHANT_SERIAL.toLowerCase(), merchantKey()).serialNumber())
        .isEqualTo(MERCHANT_SERIAL);
    assertThat(merchantSigner().algorithm()).isEqualTo("SHA256-RSA2048");
  }

  @Test
  void nonHexSerialIsRejectedAtCreation() {
    assertThatThrownBy(() -> RsaSha256Signer.create("PUB_KEY_ID_0001", merchantKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "serialNumber must be the merchant API certificate serial in hex (e.g. from `openssl"
                + " x509 -noout -serial -in apiclient_cert.pem` or Pem.serialNumber(certificate)),"
                + " found 15 characters that are not all hex digits");
  }

  @Test
  void nonRsaKeyIsRejectedAtCreation() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    assertThatThrownBy(
            () -> RsaSha256Signer.create(MERCHANT_SERIAL, ec.generateKeyPair().getPrivate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("privateKey must be an RSA private key (apiclient_key.pem), found a EC key");
  }

  @Test
  void signerFromCertificateTakesItsSerial() {
    RsaSha256Signer signer =
        RsaSha256Signer.create(
            Pem.readCertificateResource("vectors/test-only-merchant-cert.pem"), merchantKey());
    assertThat(signer.serialNumber()).isEqualTo(MERCHANT_SERIAL);
    assertThat(signer.sign(bytes("request-get.message"))).isEqualTo(text("request-get.signature"));
  }

  @Test
  void keyFromAnotherCertificateIsRejectedAtCreation() {
    assertThatThrownBy(
            () ->
                RsaSha256Signer.create(
                    Pem.readCertificateResource("vectors/test-only-merchant-cert.pem"),
                    platformKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "privateKey does not belong to merchant certificate "
                + MERCHANT_SERIAL
                + ": apiclient_key.pem and apiclient_cert.pem must come from the same certificate"
                + " request");
  }

  @Test
  void toStringShowsOnlyTheSerial() {
    assertThat(merchantSigner().toString())
        .isEqualTo("RsaSha256Signer{serialNumber=" + MERCHANT_SERIAL + "}");
  }
}
