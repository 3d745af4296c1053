package io.wxpay4j.auth;

import io.wxpay4j.internal.AesGcm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The APIv3 key (APIv3密钥): the 32-character secret set in 商户平台 → 账户中心 → API安全 that decrypts
 * notifications and platform certificates (AEAD_AES_256_GCM).
 *
 * <pre>{@code
 * ApiV3Key apiV3Key = ApiV3Key.of(System.getenv("WECHATPAY_APIV3_KEY"));
 * }</pre>
 *
 * <p>It is checked when created: exactly 32 printable ASCII characters. {@link #toString()} never
 * shows it. Immutable and thread-safe.
 */
public final class ApiV3Key {
  private final byte[] key;
  private final SecretKeySpec aesKey;

  /**
   * Idle AES-GCM ciphers of this key, reused across threads (at most as many as have decrypted at
   * once): {@code Cipher.getInstance} and the provider choice of a first {@code init} cost more
   * than decrypting a notification. They live and die with the key; one that threw is dropped.
   */
  private final ConcurrentLinkedQueue<Cipher> idle = new ConcurrentLinkedQueue<>();

  private ApiV3Key(byte[] key) {
    this.key = key;
    this.aesKey = new SecretKeySpec(key, "AES");
  }

  /**
   * Returns the key whose text is {@code key}.
   *
   * @throws IllegalArgumentException if it is not exactly 32 printable ASCII characters
   */
  public static ApiV3Key of(String key) {
    Objects.requireNonNull(key, "apiV3Key == null");
    if (key.startsWith("-----BEGIN")) {
      throw new IllegalArgumentException(
          "apiV3Key must be the 32-character APIv3 key (APIv3密钥), found PEM text: a key or"
              + " certificate file was passed instead");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "apiV3Key must be 32 printable ASCII characters (APIv3密钥), found "
                + (c == ' ' || c == '\n' || c == '\r' || c == '\t'
                    ? "whitespace"
                    : "a non-ASCII character")
                + " at index "
                + i
                + " (trim it?)");
      }
    }
    if (key.length() != 32) {
      throw new IllegalArgumentException(
          "apiV3Key must be 32 ASCII characters (APIv3密钥, set in 商户平台 → API安全), found "
              + key.length()
              + " characters");
    }
    return new ApiV3Key(key.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Decrypts an AEAD_AES_256_GCM resource such as a notification's {@code resource} or a platform
   * certificate's {@code encrypt_certificate}.
   *
   * @param associatedData the {@code associated_data} exactly as received; null or empty means none
   * @param nonce the 12-character {@code nonce}
   * @param ciphertext the Base64 {@code ciphertext} (ciphertext followed by the 16-byte tag)
   * @throws AEADBadTagException if the ciphertext is not Base64, was truncated or altered, or this
   *     is not the key it was encrypted with (the most common cause)
   */
  public byte[] decrypt(@Nullable String associatedData, String nonce, String ciphertext)
      throws GeneralSecurityException {
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(ciphertext, "ciphertext == null");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(ciphertext);
    } catch (IllegalArgumentException e) {
      throw new AEADBadTagException("ciphertext is not Base64");
    }
    byte[] aad =
        associatedData == null ? new byte[0] : associatedData.getBytes(StandardCharsets.UTF_8);
    Cipher cipher = idle.poll();
    if (cipher == null) {
      cipher = AesGcm.newCipher();
    }
    byte[] plaintext =
        AesGcm.decrypt(cipher, aesKey, nonce.getBytes(StandardCharsets.UTF_8), aad, bytes);
    idle.offer(cipher); // not reached if it threw
    return plaintext;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApiV3Key && java.security.MessageDigest.isEqual(key, ((ApiV3Key) o).key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "ApiV3Key{redacted}";
  }
}
