package io.wxpay4j;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Encrypts a sensitive request field (敏感信息加密) as WeChat Pay v3 requires: RSA with OAEP padding,
 * SHA-1 as the digest and in MGF1, the empty label (Java's {@code
 * RSA/ECB/OAEPWithSHA-1AndMGF1Padding}), over the UTF-8 plaintext, Base64 encoded, under the WeChat
 * Pay public key or a platform certificate's key. The parameters are spelled out rather than left
 * to the transformation's name, whose MGF1 digest some providers choose differently.
 */
final class RsaOaep {
  private static final OAEPParameterSpec SHA1_MGF1_SHA1 =
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);

  /** OAEP overhead with SHA-1: two digests and two bytes (RFC 8017 §7.1.1). */
  private static final int OVERHEAD = 2 * 20 + 2;

  private RsaOaep() {}

  /**
   * Returns the Base64 ciphertext of {@code plaintext}; a fresh random seed makes every call's
   * ciphertext different. {@code field} names the field in messages, which never show the value.
   *
   * @throws IllegalArgumentException if the plaintext is too long for the key, or the key is not
   *     RSA
   */
  static String encrypt(PublicKey key, String field, String plaintext) {
    if (!(key instanceof RSAPublicKey)) {
      throw new IllegalArgumentException(
          field
              + " cannot be encrypted: the WeChat Pay key is "
              + key.getAlgorithm()
              + ", not RSA");
    }
    byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
    int max = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8 - OVERHEAD;
    if (bytes.length > max) {
      throw new IllegalArgumentException(
          field
              + " is "
              + bytes.length
              + " bytes in UTF-8, more than the "
              + max
              + " that RSA-OAEP encrypts under WeChat Pay's key");
    }
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, SHA1_MGF1_SHA1);
      return Base64.getEncoder().encodeToString(cipher.doFinal(bytes));
    } catch (GeneralSecurityException e) {
      // The JDK always has RSA-OAEP: only a broken provider set-up gets here.
      throw new IllegalStateException(
          "RSA-OAEP encryption of " + field + " failed: " + e.getMessage(), e);
    }
  }
}
