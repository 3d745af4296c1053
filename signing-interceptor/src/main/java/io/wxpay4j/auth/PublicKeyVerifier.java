package io.wxpay4j.auth;

import java.security.PublicKey;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies with the WeChat Pay public key (微信支付公钥) and its ID ({@code PUB_KEY_ID_…}), downloaded
 * once from 商户平台 → 账户中心 → API安全. The recommended mode, and the only one for merchants registered
 * recently.
 *
 * <pre>{@code
 * Verifier verifier = PublicKeyVerifier.create(
 *     "PUB_KEY_ID_0116571234562024052000123400000000",
 *     Pem.readPublicKey(Path.of("pub_key.pem")));
 * }</pre>
 *
 * <p>Immutable and thread-safe; it never calls the network.
 */
public final class PublicKeyVerifier implements Verifier {
  private final String publicKeyId;
  private final PublicKey publicKey;

  private PublicKeyVerifier(String publicKeyId, PublicKey publicKey) {
    this.publicKeyId = publicKeyId;
    this.publicKey = publicKey;
  }

  /**
   * Returns a verifier that trusts {@code publicKey} for responses whose {@code Wechatpay-Serial}
   * equals {@code publicKeyId}.
   *
   * @throws IllegalArgumentException if the ID is blank or contains whitespace, or the key is not
   *     RSA
   */
  public static PublicKeyVerifier create(String publicKeyId, PublicKey publicKey) {
    return create(publicKeyId, publicKey, CryptoProvider.automatic());
  }

  /**
   * Returns a verifier as {@link #create(String, PublicKey)} whose signatures are checked with
   * {@code provider}: {@link #publicKey(String)} then returns the key in that provider's own form.
   *
   * @throws IllegalArgumentException if the ID is blank or contains whitespace, or the key is not
   *     RSA
   */
  public static PublicKeyVerifier create(
      String publicKeyId, PublicKey publicKey, CryptoProvider provider) {
    Objects.requireNonNull(publicKeyId, "publicKeyId == null");
    Objects.requireNonNull(publicKey, "publicKey == null");
    Objects.requireNonNull(provider, "provider == null");
    if (publicKeyId.isEmpty() || !publicKeyId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "publicKeyId must be the WeChat Pay public key ID shown next to the key in 商户平台, e.g."
              + " PUB_KEY_ID_0116571234562024052000123400000000; found "
              + (publicKeyId.isEmpty() ? "an empty string" : "whitespace or non-ASCII characters"));
    }
    if (!"RSA".equalsIgnoreCase(publicKey.getAlgorithm())) {
      throw new IllegalArgumentException(
          "publicKey must be the RSA WeChat Pay public key, found a "
              + publicKey.getAlgorithm()
              + " key");
    }
    return new PublicKeyVerifier(publicKeyId, provider.publicKey(publicKey));
  }

  /** The public-key ID, {@code PUB_KEY_ID_…}. */
  public String publicKeyId() {
    return publicKeyId;
  }

  @Override
  public String serial() {
    return publicKeyId;
  }

  @Override
  public Set<String> serials() {
    return Set.of(publicKeyId);
  }

  @Override
  public @Nullable PublicKey publicKey(String serial) {
    return publicKeyId.equals(serial) ? publicKey : null;
  }

  @Override
  public String toString() {
    return "PublicKeyVerifier{publicKeyId=" + publicKeyId + "}";
  }
}
