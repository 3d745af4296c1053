package io.wxpay4j.auth;

import java.security.PublicKey;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Supplies the WeChat Pay keys that response and notification signatures are checked against,
 * chosen by the {@code Wechatpay-Serial} header.
 *
 * <p>Implementations: {@link PublicKeyVerifier} (the WeChat Pay public key, 微信支付公钥), {@link
 * PlatformCertificateVerifier} (platform certificates, 平台证书, downloaded and refreshed) and {@link
 * CombinedVerifier} (both, during the migration). The signature check itself — headers, the
 * 300-second window, SHA256withRSA over {@code timestamp\nnonce\nbody\n} — is done by {@link
 * WechatPaySignatureInterceptor} and {@link NotificationParser}, identically for every verifier.
 * Implementations must be thread-safe.
 */
public interface Verifier {
  /**
   * The serial sent in the {@code Wechatpay-Serial} request header: the public-key ID ({@code
   * PUB_KEY_ID_…}) or the newest platform-certificate serial. In public-key mode it also makes
   * WeChat Pay sign the response with the public key.
   */
  String serial();

  /** The serials whose keys are trusted right now, for diagnostics. */
  Set<String> serials();

  /**
   * Returns the key for {@code serial}, or null if none is trusted. May block while certificates
   * are refreshed because of an unknown serial.
   */
  @Nullable PublicKey publicKey(String serial);
}
