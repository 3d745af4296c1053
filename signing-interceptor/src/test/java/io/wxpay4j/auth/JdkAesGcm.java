package io.wxpay4j.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-side AES-256-GCM encryption with the JDK {@link Cipher} directly (the "server" encrypting
 * resources).
 */
public final class JdkAesGcm {
  private JdkAesGcm() {}

  public static String encrypt(
      String apiV3Key, String nonce, String associatedData, byte[] plaintext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.US_ASCII), "AES"),
          new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
