package io.wxpay4j.auth;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies WeChat Pay signatures: given the {@code Wechatpay-Serial} of an answer or a
 * notification, checks its SHA256withRSA signature with the key that serial names.
 *
 * <pre>{@code
 * boolean genuine = verifier.verify(serial, signatureBytes, timestamp, nonce, body);
 * }</pre>
 *
 * <p>Implementations: {@link PublicKeyVerifier} (the WeChat Pay public key, 微信支付公钥), {@link
 * PlatformCertificateVerifier} (platform certificates, 平台证书, downloaded and refreshed) and {@link
 * CombinedVerifier} (both, during the migration). The checks around the signature — the four {@code
 * Wechatpay-*} headers, the 300-second window, WeChat Pay's probes — are made once, before any key
 * is looked up, by {@link WechatPaySignatureInterceptor} and {@link
 * io.wxpay4j.notify.NotificationParser}. Implementations must be thread-safe.
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
   * are refreshed because of an unknown serial. Also the key to encrypt sensitive fields with
   * (RSA-OAEP) for {@link #serial()}.
   */
  @Nullable PublicKey publicKey(String serial);

  /**
   * Whether {@code signature} is the signature, by the key of {@code serial}, of the message made
   * of {@code lines} each followed by {@code \n} (for answers and notifications: the timestamp, the
   * nonce and the body). False for an unknown serial and for a wrong or malformed signature; the
   * lines are streamed into the engine, never joined.
   *
   * @throws GeneralSecurityException if the crypto provider fails
   */
  default boolean verify(String serial, byte[] signature, byte[]... lines)
      throws GeneralSecurityException {
    PublicKey key = publicKey(serial);
    return key != null && RsaEngines.verifyLines(key, signature, lines);
  }
}
