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
import org.jspecify.annotations.Nullable;

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
 * key the provider cannot initialise for signing fails here, not at the first request. {@link
 * #toString()} shows the serial only.
 */
public final class RsaSha256Signer implements Signer {
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,64}");

  private final String serialNumber;
  private volatile CryptoProvider provider;
  private volatile RsaEngines engines;

  /**
   * The key as given while this signer, of {@link CryptoProvider#automatic()}, signs on the JDK
   * waiting for the automatic choice; null once it is made, or for a provider chosen by the caller.
   */
  private volatile @Nullable PrivateKey awaitingChoice;

  /**
   * Signatures made while awaiting the choice: the second one starts it (racy, it need not count
   * exactly).
   */
  private int signaturesAwaiting;

  private RsaSha256Signer(String serialNumber, PrivateKey privateKey, CryptoProvider provider) {
    this.serialNumber = serialNumber;
    CryptoProvider chosen = provider.deferred() ? CryptoProvider.automaticChoice(false) : provider;
    if (chosen == null) {
      this.awaitingChoice = privateKey;
      chosen = CryptoProvider.jdk();
    }
    PrivateKey converted = chosen.privateKey(privateKey); // the provider's own form, once
    this.provider = chosen.forConverted(converted);
    this.engines = new RsaEngines(this.provider, converted);
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
    try {
      // Fail now, not on the first call; the engine is kept for that call. No signature here: an
      // RSA private-key operation on a cold JVM costs tens of milliseconds, and initSign already
      // refuses a key the provider cannot sign with.
      signer.engines.prepare();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot sign with the merchant private key of certificate " + signer.serialNumber, e);
    }
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
      return Base64.getEncoder().encodeToString(engines().sign(message));
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
      return Base64.getEncoder().encodeToString(engines().signLines(lines));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot sign with the merchant private key of certificate " + serialNumber, e);
    }
  }

  /**
   * The provider that computes the signatures: for {@link CryptoProvider#automatic()}, the JDK
   * until the automatic choice is made (see {@link CryptoProvider}), then the choice.
   */
  public CryptoProvider cryptoProvider() {
    return provider;
  }

  /**
   * The engines to sign with: the JDK's while the automatic choice is awaited, which the second
   * signature starts making in the background; the chosen provider's once it is made.
   */
  private RsaEngines engines() {
    PrivateKey key = awaitingChoice;
    if (key == null) {
      return engines;
    }
    CryptoProvider chosen = CryptoProvider.automaticChoice(++signaturesAwaiting > 1);
    if (chosen == null) {
      return engines;
    }
    synchronized (this) {
      if (awaitingChoice != null) {
        PrivateKey converted = chosen.privateKey(key);
        CryptoProvider used = chosen.forConverted(converted);
        RsaEngines next = new RsaEngines(used, converted);
        try {
          next.prepare();
          provider = used;
          engines = next;
        } catch (GeneralSecurityException e) {
          // the JDK, which signed so far, goes on signing
        }
        awaitingChoice = null;
      }
      return engines;
    }
  }

  @Override
  public String toString() {
    return "RsaSha256Signer{serialNumber=" + serialNumber + "}";
  }
}
