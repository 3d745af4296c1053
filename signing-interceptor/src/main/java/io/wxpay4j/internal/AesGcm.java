package io.wxpay4j.internal;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it for notifications and platform certificates: 128-bit tag
 * appended to the ciphertext, nonce and associated data as UTF-8 bytes.
 */
public final class AesGcm {
  /** The GCM tag length WeChat Pay uses: 128 bits, appended to the ciphertext. */
  public static final int TAG_BYTES = 16;

  private AesGcm() {}

  /**
   * Returns the plaintext, or throws {@link AEADBadTagException} when the key, nonce, associated
   * data or ciphertext do not match. Messages never contain key or data bytes.
   */
  public static byte[] decrypt(
      byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag)
      throws GeneralSecurityException {
    return decrypt(
        newCipher(), new SecretKeySpec(key, "AES"), nonce, associatedData, ciphertextAndTag);
  }

  /** A cipher for {@link #decrypt(Cipher, SecretKey, byte[], byte[], byte[])}. */
  public static Cipher newCipher() throws GeneralSecurityException {
    return Cipher.getInstance("AES/GCM/NoPadding");
  }

  /**
   * As {@link #decrypt(byte[], byte[], byte[], byte[])} with {@code cipher} (from {@link
   * #newCipher}), initialised here: a cipher that decrypted before can be given again, unless it
   * threw.
   */
  public static byte[] decrypt(
      Cipher cipher, SecretKey key, byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag)
      throws GeneralSecurityException {
    if (ciphertextAndTag.length < TAG_BYTES) {
      throw new AEADBadTagException(
          "ciphertext is "
              + ciphertextAndTag.length
              + " bytes, shorter than the 16-byte GCM tag: it was truncated");
    }
    if (nonce.length == 0) {
      throw new AEADBadTagException("nonce is empty");
    }
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    cipher.updateAAD(associatedData);
    try {
      return cipher.doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      // Our own wording: the JDK's differs between versions ("Tag mismatch", "Tag mismatch!").
      throw new AEADBadTagException(
          "GCM tag mismatch: wrong key, nonce or associated data, or the ciphertext was altered");
    }
  }
}
