package io.wxpay4j.auth;

import com.squareup.moshi.JsonDataException;
import io.wxpay4j.WechatPayErrorResponse;
import io.wxpay4j.internal.SignatureCheck;
import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.CertificateList;
import io.wxpay4j.model.EncryptedResource;
import io.wxpay4j.model.PlatformCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Downloads a merchant's platform certificates: {@code GET /v3/certificates} through a client that
 * signs it, each certificate decrypted with the APIv3 key (AES-256-GCM authenticates it), parsed as
 * X.509 and checked against its {@code serial_no}. The answer is accepted only if it is signed by a
 * certificate already trusted; with none trusted (the first download, or all expired since), by a
 * certificate it contains. Stateless: the trust store passes what it trusts.
 */
final class CertificateDownloader {
  private static final String PATH = "v3/certificates?algorithm_type=RSA";

  /**
   * The request tag of a download, read by {@link WechatPaySignatureInterceptor}: the request is
   * signed but names no {@code Wechatpay-Serial}, and its answer is verified here, against the
   * certificates trusted before it, not by the interceptor.
   */
  enum Download {
    INSTANCE
  }

  private final String merchantId;
  private final ApiV3Key apiV3Key;
  private final Request request;
  private final Call.Factory http;
  private final Clock clock;

  /**
   * @param http signs the request (has a {@link WechatPaySignatureInterceptor} for this merchant)
   */
  CertificateDownloader(
      String merchantId, ApiV3Key apiV3Key, HttpUrl baseUrl, Call.Factory http, Clock clock) {
    this.merchantId = merchantId;
    this.apiV3Key = apiV3Key;
    this.http = http;
    this.clock = clock;
    this.request =
        new Request.Builder()
            .url(baseUrl.resolve(PATH))
            .tag(Download.class, Download.INSTANCE)
            .build();
  }

  String merchantId() {
    return merchantId;
  }

  /**
   * Downloads the list and returns its unexpired certificates.
   *
   * @param current the certificates trusted now, which must vouch for the answer
   * @throws WechatPayCertificateException for an error answer, an unusable list or certificate
   * @throws io.wxpay4j.WechatPaySignatureException if the answer is not signed as required
   */
  Map<String, TrustedCertificate> download(Map<String, TrustedCertificate> current)
      throws IOException {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      byte[] body = responseBody != null ? responseBody.bytes() : new byte[0];
      String requestId = response.header("Request-ID");
      if (!response.isSuccessful()) {
        throw errorAnswer(WechatPayErrorResponse.parse(response.code(), requestId, body));
      }
      Instant now = clock.instant();
      Map<String, TrustedCertificate> stillTrusted = TrustedCertificate.unexpired(current, now);
      // With nothing unexpired left to vouch for it (first download, or every refresh failed until
      // all certificates expired), a download is accepted like the first one.
      boolean bootstrap = stillTrusted.isEmpty();
      if (!bootstrap) {
        // Verify before parsing, with what is already trusted: a new certificate must come signed
        // by an old one.
        verify(response, body, stillTrusted, requestId);
      }
      Map<String, TrustedCertificate> downloaded =
          TrustedCertificate.unexpired(parse(body, requestId), now);
      if (downloaded.isEmpty()) {
        throw new WechatPayCertificateException(
            "GET /v3/certificates for merchant "
                + merchantId
                + " returned no unexpired platform certificate; if this merchant uses the WeChat"
                + " Pay public key (微信支付公钥), configure it with PublicKeyVerifier instead."
                + " Request-ID: "
                + requestId,
            null,
            true,
            null);
      }
      if (bootstrap) {
        // Nothing trusted yet: decryption with the APIv3 key authenticated the certificates, and
        // the answer must at least be signed by one of them.
        verify(response, body, downloaded, requestId);
      }
      return downloaded;
    }
  }

  private void verify(
      Response response,
      byte[] body,
      Map<String, TrustedCertificate> trusted,
      @Nullable String requestId) {
    SignatureCheck.verify(
        "Certificate download", response::header, body, new Snapshot(trusted), clock, requestId);
  }

  private WechatPayCertificateException errorAnswer(WechatPayErrorResponse error) {
    boolean noCertificates =
        error.httpStatus() == 404 || "RESOURCE_NOT_EXISTS".equals(error.code());
    if (noCertificates) {
      return new WechatPayCertificateException(
          "merchant "
              + merchantId
              + " has no platform certificate (GET /v3/certificates answered HTTP "
              + error.httpStatus()
              + " "
              + error.code()
              + "): it verifies with the WeChat Pay public key (微信支付公钥) instead. Download the key"
              + " and its ID (PUB_KEY_ID_…) from 商户平台 → 账户中心 → API安全 and use PublicKeyVerifier."
              + " Request-ID: "
              + error.requestId(),
          error,
          true,
          null);
    }
    return new WechatPayCertificateException(
        "GET /v3/certificates for merchant "
            + merchantId
            + " failed: HTTP "
            + error.httpStatus()
            + " "
            + error.code()
            + " "
            + error.message()
            + (error.httpStatus() == 401
                ? " (check the merchant ID, the merchant certificate serial and the private key)"
                : "")
            + ". Request-ID: "
            + error.requestId(),
        error,
        false,
        null);
  }

  private Map<String, TrustedCertificate> parse(byte[] body, @Nullable String requestId)
      throws IOException {
    CertificateList list;
    try {
      list =
          WechatPayJson.moshi()
              .adapter(CertificateList.class)
              .fromJson(new String(body, StandardCharsets.UTF_8));
    } catch (JsonDataException | IOException e) {
      throw new WechatPayCertificateException(
          "GET /v3/certificates returned malformed JSON ("
              + e.getMessage()
              + "). Request-ID: "
              + requestId,
          null,
          false,
          e);
    }
    List<PlatformCertificate> data =
        list == null || list.getData() == null ? List.of() : list.getData();
    Map<String, TrustedCertificate> result = new LinkedHashMap<>();
    for (PlatformCertificate item : data) {
      TrustedCertificate t = decrypt(item, requestId);
      result.put(t.serial, t);
    }
    return result;
  }

  private TrustedCertificate decrypt(PlatformCertificate item, @Nullable String requestId)
      throws IOException {
    String serial =
        item.getSerialNo() == null ? "" : item.getSerialNo().trim().toUpperCase(Locale.ROOT);
    EncryptedResource encrypted = item.getEncryptCertificate();
    if (serial.isEmpty()
        || encrypted == null
        || encrypted.getCiphertext() == null
        || encrypted.getNonce() == null) {
      throw new WechatPayCertificateException(
          "GET /v3/certificates returned a certificate without serial_no or encrypt_certificate."
              + " Request-ID: "
              + requestId,
          null,
          false,
          null);
    }
    byte[] pem;
    try {
      pem =
          apiV3Key.decrypt(
              encrypted.getAssociatedData(), encrypted.getNonce(), encrypted.getCiphertext());
    } catch (GeneralSecurityException e) {
      throw new WechatPayCertificateException(
          "cannot decrypt platform certificate "
              + serial
              + " of merchant "
              + merchantId
              + " ("
              + e.getMessage()
              + "): the APIv3 key is most likely wrong; it must be this merchant's APIv3 key"
              + " (APIv3密钥), not the API v2 key. Request-ID: "
              + requestId,
          null,
          false,
          e);
    }
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new WechatPayCertificateException(
          "platform certificate "
              + serial
              + " is not an X.509 certificate. Request-ID: "
              + requestId,
          null,
          false,
          e);
    }
    if (!certificate.getSerialNumber().equals(new BigInteger(serial, 16))) {
      throw new WechatPayCertificateException(
          "platform certificate listed as "
              + serial
              + " has serial "
              + Pem.serialNumber(certificate)
              + ". Request-ID: "
              + requestId,
          null,
          false,
          null);
    }
    Instant notAfter = certificate.getNotAfter().toInstant();
    Instant expire =
        item.getExpireTime() != null && item.getExpireTime().toInstant().isBefore(notAfter)
            ? item.getExpireTime().toInstant()
            : notAfter;
    Instant effective =
        item.getEffectiveTime() != null
            ? item.getEffectiveTime().toInstant()
            : certificate.getNotBefore().toInstant();
    return new TrustedCertificate(serial, certificate, effective, expire);
  }

  @Override
  public String toString() {
    return "CertificateDownloader{merchantId=" + merchantId + ", url=" + request.url() + "}";
  }

  /** A fixed set of certificates, for verifying a download. */
  private static final class Snapshot implements Verifier {
    private final Map<String, TrustedCertificate> certificates;

    Snapshot(Map<String, TrustedCertificate> certificates) {
      this.certificates = certificates;
    }

    @Override
    public String serial() {
      return certificates.keySet().iterator().next();
    }

    @Override
    public Set<String> serials() {
      return certificates.keySet();
    }

    @Override
    public @Nullable PublicKey publicKey(String serial) {
      TrustedCertificate t = certificates.get(serial.toUpperCase(Locale.ROOT));
      return t == null ? null : t.certificate.getPublicKey();
    }
  }
}
