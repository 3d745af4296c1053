package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.auth.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * The sensitive-field encryption of the abnormal refund. OAEP is randomized, so the golden check is
 * that independent implementations decrypt what {@link RsaOaep} encrypts: Bouncy Castle's
 * lightweight {@link OAEPEncoding} (no JCA, no shared code) and the JDK, with the TEST-ONLY
 * platform key. The committed vectors pin those decryptions to OpenSSL (see {@code
 * vectors/README.md}).
 */
final class RsaOaepTest {
  private static final PublicKey PUBLIC = Vectors.platformPublicKey();
  private static final PrivateKey PRIVATE = Vectors.platformKey();

  /** Bouncy Castle's OAEP with SHA-1 for the label hash and MGF1, the empty label. */
  private static String bouncyCastleDecrypt(String base64) throws InvalidCipherTextException {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) PRIVATE;
    OAEPEncoding oaep = new OAEPEncoding(new RSAEngine(), new SHA1Digest(), new SHA1Digest(), null);
    oaep.init(
        false,
        new RSAPrivateCrtKeyParameters(
            key.getModulus(),
            key.getPublicExponent(),
            key.getPrivateExponent(),
            key.getPrimeP(),
            key.getPrimeQ(),
            key.getPrimeExponentP(),
            key.getPrimeExponentQ(),
            key.getCrtCoefficient()));
    byte[] ciphertext = Base64.getDecoder().decode(base64);
    return new String(oaep.processBlock(ciphertext, 0, ciphertext.length), StandardCharsets.UTF_8);
  }

  private static String jdkDecrypt(String base64, String digest) throws Exception {
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
    MGF1ParameterSpec mgf1 =
        digest.equals("SHA-1") ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256;
    cipher.init(
        Cipher.DECRYPT_MODE,
        PRIVATE,
        new OAEPParameterSpec(digest, "MGF1", mgf1, PSource.PSpecified.DEFAULT));
    return new String(cipher.doFinal(Base64.getDecoder().decode(base64)), StandardCharsets.UTF_8);
  }

  @Test
  void bouncyCastleDecryptsWhatIsEncrypted() throws Exception {
    assertThat(bouncyCastleDecrypt(RsaOaep.encrypt(PUBLIC, "bank_account", "6212261234567890403")))
        .isEqualTo("6212261234567890403");
    assertThat(bouncyCastleDecrypt(RsaOaep.encrypt(PUBLIC, "real_name", "张三"))).isEqualTo("张三");
  }

  @Test
  void jdkTransformationWeChatPayNamesDecryptsWhatIsEncrypted() throws Exception {
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    cipher.init(Cipher.DECRYPT_MODE, PRIVATE);
    byte[] ciphertext = Base64.getDecoder().decode(RsaOaep.encrypt(PUBLIC, "real_name", "张三"));

    assertThat(new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8)).isEqualTo("张三");
  }

  @Test
  void ciphertextIsBase64OfOneKeySizedBlockAndFreshEachTime() {
    String first = RsaOaep.encrypt(PUBLIC, "bank_account", "6212261234567890403");
    String second = RsaOaep.encrypt(PUBLIC, "bank_account", "6212261234567890403");

    assertThat(Base64.getDecoder().decode(first)).hasSize(256);
    assertThat(first).isNotEqualTo(second); // a random seed per call: equal plaintexts do not show
  }

  @Test
  void sha256OaepDoesNotDecryptIt() {
    String ciphertext = RsaOaep.encrypt(PUBLIC, "bank_account", "6212261234567890403");

    assertThatThrownBy(() -> jdkDecrypt(ciphertext, "SHA-256"))
        .isInstanceOf(BadPaddingException.class);
  }

  @Test
  void ciphertextsOpenSslDecryptedAreDecryptedToTheSamePlaintexts() throws Exception {
    String bankAccount = Vectors.text("oaep-bank-account.wxpay4j.ciphertext").strip();
    String realName = Vectors.text("oaep-real-name.wxpay4j.ciphertext").strip();

    assertThat(bouncyCastleDecrypt(bankAccount)).isEqualTo("6212261234567890403");
    assertThat(jdkDecrypt(bankAccount, "SHA-1")).isEqualTo("6212261234567890403");
    assertThat(bouncyCastleDecrypt(realName)).isEqualTo("张三");
    assertThat(jdkDecrypt(realName, "SHA-1")).isEqualTo("张三");
  }

  @Test
  void ciphertextOpenSslEncryptedIsDecryptedByTheTestsDecryptors() throws Exception {
    String openssl = Vectors.text("oaep-bank-account.openssl.ciphertext").strip();

    assertThat(bouncyCastleDecrypt(openssl)).isEqualTo("6222021234567890123");
    assertThat(jdkDecrypt(openssl, "SHA-1")).isEqualTo("6222021234567890123");
  }

  @Test
  void longestPlaintextFitsAndOneByteMoreIsRefusedWithoutEchoingIt() throws Exception {
    String longest = "1".repeat(214); // 256 - 2 × 20 - 2 bytes under a 2048-bit key

    assertThat(bouncyCastleDecrypt(RsaOaep.encrypt(PUBLIC, "real_name", longest)))
        .isEqualTo(longest);
    assertThatThrownBy(() -> RsaOaep.encrypt(PUBLIC, "real_name", longest + "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "real_name is 215 bytes in UTF-8, more than the 214 that RSA-OAEP encrypts under WeChat"
                + " Pay's key");
  }

  @Test
  void nonRsaKeyIsRefused() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    PublicKey key = ec.generateKeyPair().getPublic();

    assertThatThrownBy(() -> RsaOaep.encrypt(key, "bank_account", "6212261234567890403"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bank_account cannot be encrypted: the WeChat Pay key is EC, not RSA");
  }

  @Test
  void theTestKeyIsTwoThousandFortyEightBits() {
    // The sizes above assume it; a different vector key would make them lie.
    assertThat(((RSAPrivateCrtKey) PRIVATE).getModulus().bitLength()).isEqualTo(2048);
    assertThat(((RSAPrivateCrtKey) PRIVATE).getPublicExponent())
        .isEqualTo(BigInteger.valueOf(65537));
  }
}
