package io.wxpay4j.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SHA256withRSA (RSASSA-PKCS1-v1_5) over the merchant API private key: the {@code
 * WECHATPAY2-SHA256-RSA2048} scheme.
 *
 * <pre>{@code
 * Signer signer = RsaSha256Signer.create(
 *     "3775B6A45ACD588826D15E583A95F5DD6A0D1D1F",          // merchant API certificate serial
 *     Pem.readPrivateKey(Path.of("apiclient_key.pem")));
 * }</pre>
 *
 * <p>Immutable and thread-safe. The key is checked when the signer is created: a non-RSA key or a
 * key that cannot sign fails here, not at the first request. {@link #toString()} shows the serial
 * only.
 */
public final class RsaSha256Signer implements Signer {
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,64}");

  private final String serialNumber;
  private final PrivateKey privateKey;
  private final CryptoProvider provider;
  private final RsaEngines engines;

  private RsaSha256Signer(String serialNumber, PrivateKey privateKey, CryptoProvider provider) {
    this.serialNumber = serialNumber;
    this.privateKey = provider.privateKey(privateKey); // the provider's own form, once
    this.provider = provider.forConverted(this.privateKey);
    this.engines = new RsaEngines(this.provider, this.privateKey);
  }

  /**
   * Returns a signer for {@code privateKey}, whose merchant API certificate has serial {@code
   * serialNumber} (hex, any case; see {@link Pem#serialNumber}).
   *
   * @throws IllegalArgumentException if the serial is not hex or the key is not a usable RSA
   *     private key
   */
  public static RsaSha256Signer create(String serialNumber, PrivateKey privateKey) {
    return create(serialNumber, privateKey, CryptoProvider.automatic());
  }

  /**
   * Returns a signer as {@link #create(String, PrivateKey)} that signs with {@code provider} (e.g.
   * {@link CryptoProvider#jdk()} to keep the JDK even where the native provider is present).
   *
   * @throws IllegalArgumentException if the serial is not hex or the key is not a usable RSA
   *     private key
   */
  public static RsaSha256Signer create(
      String serialNumber, PrivateKey privateKey, CryptoProvider provider) {
    Objects.requireNonNull(serialNumber, "serialNumber == null");
    Objects.requireNonNull(privateKey, "privateKey == null");
    Objects.requireNonNull(provider, "provider == null");
    String serial = serialNumber.trim();
    if (!HEX.matcher(serial).matches()) {
      throw new IllegalArgumentException(
          "serialNumber must be the merchant API certificate serial in hex (e.g. from `openssl x509"
              + " -noout -serial -in apiclient_cert.pem` or Pem.serialNumber(certificate)), found "
              + serial.length()
              + " characters that are not all hex digits");
    }
    if (!"RSA".equalsIgnoreCase(privateKey.getAlgorithm())) {
      throw new IllegalArgumentException(
          "privateKey must be an RSA private key (apiclient_key.pem), found a "
              + privateKey.getAlgorithm()
              + " key");
    }
    RsaSha256Signer signer =
        new RsaSha256Signer(serial.toUpperCase(Locale.ROOT), privateKey, provider);
    signer.sign(
        "wxpay4j key check".getBytes(StandardCharsets.UTF_8)); // fail now, not on the first call
    return signer;
  }

  /**
   * Returns a signer for {@code privateKey} whose serial is taken from {@code merchantCertificate}
   * ({@code apiclient_cert.pem}), after checking that the key belongs to that certificate: a key
   * and a certificate from different downloads fail here rather than as {@code 401 SIGN_ERROR} on
   * every call.
   *
   * @throws IllegalArgumentException if the key is not RSA or does not match the certificate's
   *     public key
   */
  public static RsaSha256Signer create(X509Certificate merchantCertificate, PrivateKey privateKey) {
    Objects.requireNonNull(merchantCertificate, "merchantCertificate == null");
    RsaSha256Signer signer = create(Pem.serialNumber(merchantCertificate), privateKey);
    byte[] probe = "wxpay4j key pair check".getBytes(StandardCharsets.UTF_8);
    boolean matches;
    try {
      Signature verify = Signature.getInstance("SHA256withRSA");
      verify.initVerify(merchantCertificate.getPublicKey());
      verify.update(probe);
      matches = verify.verify(Base64.getDecoder().decode(signer.sign(probe)));
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new IllegalArgumentException(
          "privateKey does not belong to merchant certificate "
              + signer.serialNumber()
              + ": apiclient_key.pem and apiclient_cert.pem must come from the same certificate"
              + " request");
    }
    return signer;
  }

  @Override
  public String serialNumber() {
    return serialNumber;
  }

  @Override
  public String algorithm() {
    return "SHA256-RSA2048";
  }

  @Override
  public String sign(byte[] message) {
    Objects.requireNonNull(message, "message == null");
    try {
      return Base64.getEncoder().encodeToString(engines.sign(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot sign with the merchant private key of certificate " + serialNumber, e);
    }
  }

  /**
   * The signature of {@code lines}, each followed by {@code \n}, fed to the engine piece by piece:
   * the same bytes as {@link #sign} over the assembled message, without assembling it.
   */
  @Override
  public String signLines(byte[]... lines) {
    try {
      return Base64.getEncoder().encodeToString(engines.signLines(lines));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot sign with the merchant private key of certificate " + serialNumber, e);
    }
  }

  /** The provider that computes the signatures. */
  public CryptoProvider cryptoProvider() {
    return provider;
  }

  @Override
  public String toString() {
    return "RsaSha256Signer{serialNumber=" + serialNumber + "}";
  }
}
