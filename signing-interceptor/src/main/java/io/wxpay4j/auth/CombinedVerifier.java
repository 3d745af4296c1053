package io.wxpay4j.auth;

import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies with the WeChat Pay public key and falls back to platform certificates: for the
 * migration from certificates to the public key (平台证书切换为微信支付公钥), when callbacks may be signed
 * either way.
 *
 * <pre>{@code
 * Verifier verifier = CombinedVerifier.create(publicKeyVerifier, platformCertificateVerifier);
 * }</pre>
 *
 * <p>The key is chosen by serial: the public-key ID selects the public key, any other serial is
 * looked up in the fallback (which may refresh its certificates). {@link #serial()} is the
 * primary's, so requests ask WeChat Pay to sign responses with the public key. Immutable and
 * thread-safe; closing the fallback is the caller's job.
 */
public final class CombinedVerifier implements Verifier {
  private final Verifier primary;
  private final Verifier fallback;

  private CombinedVerifier(Verifier primary, Verifier fallback) {
    this.primary = primary;
    this.fallback = fallback;
  }

  /** Returns a verifier that prefers {@code primary} (usually the public key) and falls back. */
  public static CombinedVerifier create(Verifier primary, Verifier fallback) {
    Objects.requireNonNull(primary, "primary == null");
    Objects.requireNonNull(fallback, "fallback == null");
    return new CombinedVerifier(primary, fallback);
  }

  @Override
  public String serial() {
    return primary.serial();
  }

  @Override
  public Set<String> serials() {
    Set<String> all = new LinkedHashSet<>(primary.serials());
    all.addAll(fallback.serials());
    return java.util.Collections.unmodifiableSet(all);
  }

  @Override
  public @Nullable PublicKey publicKey(String serial) {
    if (primary.serials().contains(serial)) {
      return primary.publicKey(serial);
    }
    return fallback.publicKey(serial);
  }

  @Override
  public String toString() {
    return "CombinedVerifier{primary=" + primary + ", fallback=" + fallback + "}";
  }
}
