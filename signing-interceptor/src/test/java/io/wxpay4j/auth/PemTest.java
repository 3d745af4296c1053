package io.wxpay4j.auth;

import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  @TempDir Path dir;

  @Test
  void pkcs8AndPkcs1PrivateKeysLoadToTheSameKey() {
    assertThat(Pem.parsePrivateKey(text("test-only-merchant-key-pkcs1.pem")).getEncoded())
        .isEqualTo(Pem.parsePrivateKey(text("test-only-merchant-key.pem")).getEncoded());
  }

  @Test
  void keyLoadsFromPathClasspathAndString() throws Exception {
    Path file = dir.resolve("apiclient_key.pem");
    Files.writeString(file, text("test-only-merchant-key.pem"));
    byte[] expected = merchantKey().getEncoded();
    assertThat(Pem.readPrivateKey(file).getEncoded()).isEqualTo(expected);
    assertThat(Pem.readPrivateKeyResource("/vectors/test-only-merchant-key.pem").getEncoded())
        .isEqualTo(expected);
    assertThat(Pem.parsePrivateKey(text("test-only-merchant-key.pem")).getEncoded())
        .isEqualTo(expected);
  }

  @Test
  void keyFileVariantsLoadTheSameKey() {
    String pem = text("test-only-merchant-key.pem");
    byte[] expected = merchantKey().getEncoded();
    for (String variant :
        new String[] {
          pem.replace("\n", "\r\n"), // edited on Windows
          "Bag Attributes\n    localKeyID: 01 00 00 00 \n" + pem, // openssl pkcs12 -nodes output
          pem.trim(), // no final newline
          pem + "\n" + text("test-only-merchant-cert.pem"), // key and certificate in one file
          text("test-only-merchant-cert.pem") + pem,
          text("test-only-merchant-key-pkcs1.pem")
        }) {
      assertThat(Pem.parsePrivateKey(variant).getEncoded()).isEqualTo(expected);
    }
  }

  @Test
  void pkcs8PublicKeyAndCertificateAreReadWithoutBouncyCastle() throws Exception {
    FreshClasses loader = new FreshClasses(Pem.class.getName());
    Class<?> pem = loader.loadClass(Pem.class.getName());
    assertThat(pem.getClassLoader()).isSameAs(loader);

    PrivateKey key =
        (PrivateKey)
            pem.getMethod("parsePrivateKey", String.class)
                .invoke(null, text("test-only-merchant-key.pem"));
    pem.getMethod("parsePublicKey", String.class)
        .invoke(null, text("test-only-merchant-public-key.pem"));
    pem.getMethod("parseCertificate", String.class)
        .invoke(null, text("test-only-merchant-cert.pem"));

    assertThat(key.getEncoded()).isEqualTo(merchantKey().getEncoded());
    assertThat(loader.requestedAny("org.bouncycastle.")).isFalse();
    // PKCS#1 is Bouncy Castle's: the loader sees it asked for.
    pem.getMethod("parsePrivateKey", String.class)
        .invoke(null, text("test-only-merchant-key-pkcs1.pem"));
    assertThat(loader.requested).contains("org.bouncycastle.openssl.PEMParser");
  }

  @Test
  void certificateSerialIsUpperCaseHexAsOpensslPrintsIt() throws Exception {
    Path file = dir.resolve("apiclient_cert.pem");
    Files.writeString(file, text("test-only-merchant-cert.pem"));
    assertThat(Pem.serialNumber(Pem.readCertificate(file))).isEqualTo(MERCHANT_SERIAL);
    assertThat(Pem.serialNumber(Pem.readCertificateResource("vectors/test-only-platform-cert.pem")))
        .isEqualTo(PLATFORM_SERIAL);
  }

  @Test
  void publicKeyMatchesTheCertificateKey() {
    assertThat(Pem.parsePublicKey(text("test-only-merchant-public-key.pem")).getEncoded())
        .isEqualTo(
            Pem.parseCertificate(text("test-only-merchant-cert.pem")).getPublicKey().getEncoded());
  }

  @Test
  void certificatePassedAsPrivateKeyIsNamed() {
    assertThatThrownBy(() -> Pem.readPrivateKeyResource("vectors/test-only-merchant-cert.pem"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected an unencrypted RSA private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA"
                + " PRIVATE KEY-----, the merchant's apiclient_key.pem) in classpath resource"
                + " vectors/test-only-merchant-cert.pem but found a certificate (-----BEGIN"
                + " CERTIFICATE-----); a certificate was passed where a key was expected"
                + " (apiclient_cert.pem vs apiclient_key.pem?)");
  }

  @Test
  void encryptedPkcs8KeyIsNamed() {
    assertThatThrownBy(() -> Pem.readPrivateKeyResource("vectors/test-only-encrypted-key.pem"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "but found an encrypted private key; decrypt it first, e.g. `openssl pkey -in"
                + " encrypted.pem -out apiclient_key.pem`");
  }

  @Test
  void encryptedPkcs1KeyIsNamed() {
    assertThatThrownBy(
            () -> Pem.readPrivateKeyResource("vectors/test-only-encrypted-key-pkcs1.pem"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but found an encrypted private key; decrypt it first");
  }

  @Test
  void nonRsaPrivateKeyIsNamed() {
    assertThatThrownBy(() -> Pem.readPrivateKeyResource("vectors/test-only-ec-key.pem"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected an RSA private key in classpath resource vectors/test-only-ec-key.pem but"
                + " found a EC private key; WeChat Pay's WECHATPAY2-SHA256-RSA2048 needs the RSA"
                + " apiclient_key.pem");
  }

  @Test
  void nonRsaPublicKeyIsNamed() {
    assertThatThrownBy(() -> Pem.readPublicKeyResource("vectors/test-only-ec-public-key.pem"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected an RSA public key in classpath resource vectors/test-only-ec-public-key.pem"
                + " but found a EC public key");
  }

  @Test
  void privateKeyPassedAsPublicKeyIsNamed() {
    assertThatThrownBy(() -> Pem.parsePublicKey(text("test-only-merchant-key.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected an RSA public key (-----BEGIN PUBLIC KEY-----, e.g. the WeChat Pay public key"
                + " pub_key.pem) in PEM text but found a private key");
  }

  @Test
  void keyPassedAsCertificateIsNamed() {
    assertThatThrownBy(() -> Pem.parseCertificate(text("test-only-merchant-public-key.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected an X.509 certificate (-----BEGIN CERTIFICATE-----, e.g. apiclient_cert.pem)"
                + " in PEM text but found a public key (-----BEGIN PUBLIC KEY-----)");
  }

  @Test
  void textWithoutPemBlockIsNamed() {
    assertThatThrownBy(() -> Pem.parsePrivateKey("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "in PEM text but found no PEM block (the text must contain a -----BEGIN ...-----"
                + " line)");
  }

  @Test
  void missingFileAndResourceAreNamed() {
    assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("nope.pem")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read PEM file " + dir.resolve("nope.pem"));
    assertThatThrownBy(() -> Pem.readPrivateKeyResource("keys/nope.pem"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("classpath resource keys/nope.pem not found");
  }
}
