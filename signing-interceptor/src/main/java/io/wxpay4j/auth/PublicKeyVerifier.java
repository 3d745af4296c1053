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
  private volatile PublicKey publicKey;

  /**
   * The key as given while this verifier, of {@link CryptoProvider#automatic()}, verifies on the
   * JDK waiting for the automatic choice (see {@link CryptoProvider}); null once it is made, or for
   * a provider chosen by the caller.
   */
  private volatile @Nullable PublicKey awaitingChoice;

  /**
   * Keys looked up while awaiting the choice: the second one starts it (racy, need not be exact).
   */
  private int lookupsAwaiting;

  private PublicKeyVerifier(
      String publicKeyId, PublicKey publicKey, @Nullable PublicKey awaitingChoice) {
    this.publicKeyId = publicKeyId;
    this.publicKey = publicKey;
    this.awaitingChoice = awaitingChoice;
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
   * {@code provider}: {@link #publicKey(String)} then returns the key in that provider's own form
   * (for {@link CryptoProvider#automatic()}, the key as given until the choice is made).
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
    CryptoProvider chosen = provider.deferred() ? CryptoProvider.automaticChoice(false) : provider;
    return chosen == null
        ? new PublicKeyVerifier(publicKeyId, publicKey, publicKey) // the JDK until it is chosen
        : new PublicKeyVerifier(publicKeyId, chosen.publicKey(publicKey), null);
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
    if (!publicKeyId.equals(serial)) {
      return null;
    }
    PublicKey original = awaitingChoice;
    if (original != null) {
      CryptoProvider chosen = CryptoProvider.automaticChoice(++lookupsAwaiting > 1);
      if (chosen != null) {
        publicKey = chosen.publicKey(original); // once: a later conversion gives an equal key
        awaitingChoice = null;
      }
    }
    return publicKey;
  }

  @Override
  public String toString() {
    return "PublicKeyVerifier{publicKeyId=" + publicKeyId + "}";
  }
}
