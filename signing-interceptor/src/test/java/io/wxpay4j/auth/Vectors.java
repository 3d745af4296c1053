package io.wxpay4j.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The committed TEST-ONLY keys and golden vectors under src/test/resources/vectors (see README
 * there).
 */
public final class Vectors {
  public static final String MERCHANT_ID = "1900000109";
  public static final String MERCHANT_SERIAL = "3775B6A45ACD588826D15E583A95F5DD6A0D1D1F";
  public static final String PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0116571234562024052000123400000000";
  public static final long REQUEST_TIMESTAMP = 1554208460L;
  public static final String REQUEST_NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";
  public static final long RESPONSE_TIMESTAMP = 1722850421L;
  public static final String RESPONSE_NONCE = "d824f2e086d3c1df967785d13fcd22ef";
  public static final long NOTIFICATION_TIMESTAMP = 1722850500L;
  public static final String NOTIFICATION_NONCE = "0ae4f9dcd0c3b5d8b2a1e3f4c5d6e7f8";
  public static final String API_V3_KEY = "TESTONLYapiV3key0123456789abcdef";
  public static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  private Vectors() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  public static PrivateKey merchantKey() {
    return Pem.readPrivateKeyResource("vectors/test-only-merchant-key.pem");
  }

  public static PublicKey merchantPublicKey() {
    return Pem.readPublicKeyResource("vectors/test-only-merchant-public-key.pem");
  }

  public static PrivateKey platformKey() {
    return Pem.readPrivateKeyResource("vectors/test-only-platform-key.pem");
  }

  public static PublicKey platformPublicKey() {
    return Pem.readPublicKeyResource("vectors/test-only-platform-public-key.pem");
  }

  public static RsaSha256Signer merchantSigner() {
    return RsaSha256Signer.create(MERCHANT_SERIAL, merchantKey());
  }

  /**
   * The platform public key, presented as a WeChat Pay public key with ID {@link #PUBLIC_KEY_ID}.
   */
  public static PublicKeyVerifier publicKeyVerifier() {
    return PublicKeyVerifier.create(PUBLIC_KEY_ID, platformPublicKey());
  }
}
