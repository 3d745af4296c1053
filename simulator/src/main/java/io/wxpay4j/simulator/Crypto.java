package io.wxpay4j.simulator;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The simulator's own crypto, straight on the JDK ({@code Signature}, {@code Cipher}) and Bouncy
 * Castle (certificates, PEM armour). Deliberately independent of the wxpay4j client.
 */
final class Crypto {
  static final String SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";
  private static final String ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final SecureRandom random;

  Crypto(SecureRandom random) {
    this.random = random;
  }

  static Crypto create() {
    return new Crypto(new SecureRandom());
  }

  String randomAlphanumeric(int length) {
    StringBuilder result = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      result.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return result.toString();
  }

  String randomDigits(int length) {
    StringBuilder result = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      result.append((char) ('0' + random.nextInt(10)));
    }
    return result.toString();
  }

  String randomHex(int length) {
    byte[] bytes = new byte[(length + 1) / 2];
    random.nextBytes(bytes);
    return hex(bytes).substring(0, length);
  }

  byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  double randomUnit() {
    return random.nextDouble();
  }

  KeyPair newRsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation is not available", e);
    }
  }

  /** A self-signed RSA certificate with a random positive 160-bit serial (40 hex digits). */
  X509Certificate selfSignedCertificate(
      KeyPair keyPair, String subject, Instant notBefore, Instant notAfter) {
    try {
      BigInteger serial = new BigInteger(1, randomBytes(20));
      if (serial.bitLength() < 157) {
        serial = serial.setBit(159); // keep 40 hex digits, like WeChat Pay's serials
      }
      X500Name name = new X500Name(subject);
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name, serial, Date.from(notBefore), Date.from(notAfter), name, keyPair.getPublic());
      ContentSigner signer =
          new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a test certificate", e);
    }
  }

  static String serialHex(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
  }

  static String sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(message);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA signing failed", e);
    }
  }

  /** Verifies a Base64 SHA256withRSA signature; false for any malformed input. */
  static boolean verify(PublicKey key, byte[] message, String base64Signature) {
    byte[] signatureBytes;
    try {
      signatureBytes = Base64.getDecoder().decode(base64Signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** AEAD_AES_256_GCM with a 128-bit tag appended to the ciphertext, Base64 encoded. */
  static String encryptAesGcm(
      String apiV3Key, String nonce, String associatedData, byte[] plaintext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
          new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM encryption failed", e);
    }
  }

  static byte[] decryptAesGcm(
      String apiV3Key, String nonce, String associatedData, String base64Ciphertext)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
        new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return cipher.doFinal(Base64.getDecoder().decode(base64Ciphertext));
  }

  /**
   * Decrypts a sensitive field sent to WeChat Pay (敏感信息加密): Base64 of RSA-OAEP with SHA-1 and
   * MGF1-SHA-1 ({@code RSA/ECB/OAEPWithSHA-1AndMGF1Padding}, the parameters spelt out so that no
   * provider default can change them), UTF-8 plaintext.
   *
   * @throws GeneralSecurityException if the text is not Base64 or does not decrypt with this key
   */
  static String decryptOaep(PrivateKey key, String base64Ciphertext)
      throws GeneralSecurityException {
    byte[] ciphertext;
    try {
      ciphertext = Base64.getDecoder().decode(base64Ciphertext);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not Base64", e);
    }
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        key,
        new javax.crypto.spec.OAEPParameterSpec(
            "SHA-1",
            "MGF1",
            java.security.spec.MGF1ParameterSpec.SHA1,
            javax.crypto.spec.PSource.PSpecified.DEFAULT));
    return new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8);
  }

  static String pem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  static String privateKeyPem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded()); // PKCS#8, like apiclient_key.pem
  }

  static String publicKeyPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  static String certificatePem(X509Certificate certificate) {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PemObject readPem(String text, String expectedType) {
    try (PemReader reader = new PemReader(new StringReader(text))) {
      PemObject object = reader.readPemObject();
      if (object == null || !object.getType().equals(expectedType)) {
        throw new IllegalArgumentException(
            "expected a PEM block of type "
                + expectedType
                + (object == null ? ", found none" : ", found " + object.getType()));
      }
      return object;
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable PEM text", e);
    }
  }

  static PrivateKey readPrivateKey(String pem) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(readPem(pem, "PRIVATE KEY").getContent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PKCS#8 RSA private key", e);
    }
  }

  static PublicKey readPublicKey(String pem) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(readPem(pem, "PUBLIC KEY").getContent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an RSA public key", e);
    }
  }

  static X509Certificate readCertificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new java.io.ByteArrayInputStream(readPem(pem, "CERTIFICATE").getContent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an X.509 certificate", e);
    }
  }

  static String hex(byte[] bytes) {
    StringBuilder result = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      result.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return result.toString();
  }
}
