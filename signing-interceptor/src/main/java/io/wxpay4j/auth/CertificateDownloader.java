package io.wxpay4j.auth;

import com.squareup.moshi.JsonDataException;
import io.wxpay4j.WechatPayErrorResponse;
import io.wxpay4j.internal.ServerText;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Downloads a merchant's platform certificates: {@code GET /v3/certificates} through a client that
 * signs it, each certificate decrypted with the APIv3 key (AES-256-GCM authenticates it), parsed as
 * X.509 and checked against its {@code serial_no}. The answer is accepted only if it is signed by a
 * certificate already trusted; with none trusted (the first download, or all expired since), by a
 * certificate it contains. Stateless: the trust store passes what it trusts.
 */
final class CertificateDownloader {
  private static final System.Logger LOG = System.getLogger(CertificateDownloader.class.getName());
  private static final String PATH = "v3/certificates?algorithm_type=RSA";

  /**
   * The largest certificate list read: WeChat Pay lists two or three certificates of about 2 KiB
   * each, so 256 KiB leaves room for ample growth while a hostile answer cannot fill the heap.
   */
  static final int MAX_LIST_BYTES = 256 * 1024;

  /** The most certificates a list may hold (WeChat Pay lists two during a switch). */
  static final int MAX_CERTIFICATES = 16;

  /** The time a download may take in all when the HTTP client sets no call timeout. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

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
  private final CertificatePolicy policy;

  /**
   * @param http signs the request (has a {@link WechatPaySignatureInterceptor} for this merchant)
   * @param issuers the CA certificates every downloaded certificate must chain to; empty for none
   */
  CertificateDownloader(
      String merchantId,
      ApiV3Key apiV3Key,
      HttpUrl baseUrl,
      Call.Factory http,
      Clock clock,
      List<X509Certificate> issuers) {
    this.merchantId = merchantId;
    this.apiV3Key = apiV3Key;
    this.http = http;
    this.clock = clock;
    this.policy = new CertificatePolicy(clock, issuers);
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
    Map<String, TrustedCertificate> stillTrusted =
        TrustedCertificate.unexpired(current, clock.instant());
    if (!current.isEmpty() && stillTrusted.isEmpty()) {
      throw allExpired(current);
    }
    // Only the very first download, with nothing trusted yet, vouches for itself.
    boolean bootstrap = current.isEmpty();
    Call call = http.newCall(request);
    if (call.timeout().timeoutNanos() == 0) {
      call.timeout().timeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    try (Response response = call.execute()) {
      String requestId = response.header("Request-ID");
      byte[] body = capped(response.body(), requestId);
      if (!response.isSuccessful()) {
        throw errorAnswer(WechatPayErrorResponse.parse(response.code(), requestId, body));
      }
      Instant now = clock.instant();
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
                + printable(requestId),
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

  /**
   * Every certificate trusted before has expired, so none can vouch for a new download: fail closed
   * rather than trust whatever the next answer lists.
   */
  private WechatPayCertificateException allExpired(Map<String, TrustedCertificate> current) {
    TrustedCertificate last = null;
    for (TrustedCertificate t : current.values()) {
      if (last == null || t.expire.isAfter(last.expire)) {
        last = t;
      }
    }
    assert last != null;
    return new WechatPayCertificateException(
        "every platform certificate trusted for merchant "
            + merchantId
            + " has expired (the last, "
            + last.serial
            + ", at "
            + last.expire
            + "), so none can vouch for a new download, and trusting the next download on first use"
            + " would let whoever answers choose the keys. Nothing was downloaded. Find out why the"
            + " scheduled refreshes failed (see the log), then build a new PlatformCertificateVerifier"
            + " or WechatPayClient (its first download is authenticated by the APIv3 key), or move"
            + " to the WeChat Pay public key (PublicKeyVerifier), which does not expire",
        null,
        false,
        null);
  }

  /** The body, at most {@link #MAX_LIST_BYTES}; a longer one is refused unread. */
  private byte[] capped(@Nullable ResponseBody body, @Nullable String requestId)
      throws IOException {
    if (body == null) {
      return new byte[0];
    }
    if (body.contentLength() > MAX_LIST_BYTES) {
      throw tooLarge(body.contentLength() + " bytes", requestId);
    }
    BufferedSource source = body.source();
    if (source.request(MAX_LIST_BYTES + 1L)) {
      throw tooLarge("more than " + MAX_LIST_BYTES + " bytes", requestId);
    }
    return source.readByteArray();
  }

  private WechatPayCertificateException tooLarge(String size, @Nullable String requestId) {
    return new WechatPayCertificateException(
        "GET /v3/certificates for merchant "
            + merchantId
            + " answered "
            + size
            + ", more than the "
            + MAX_LIST_BYTES
            + " a certificate list may have; nothing was trusted. Request-ID: "
            + printable(requestId),
        null,
        false,
        null);
  }

  private static String printable(@Nullable String requestId) {
    return requestId == null ? "(none)" : ServerText.clean(requestId, ServerText.VALUE_LIMIT);
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
              + ServerText.clean(String.valueOf(error.code()), ServerText.VALUE_LIMIT)
              + "): it verifies with the WeChat Pay public key (微信支付公钥) instead. Download the key"
              + " and its ID (PUB_KEY_ID_…) from 商户平台 → 账户中心 → API安全 and use PublicKeyVerifier."
              + " Request-ID: "
              + printable(error.requestId()),
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
            + ServerText.clean(String.valueOf(error.code()), ServerText.VALUE_LIMIT)
            + " "
            + ServerText.clean(String.valueOf(error.message()), ServerText.MESSAGE_LIMIT)
            + (error.httpStatus() == 401
                ? " (check the merchant ID, the merchant certificate serial and the private key)"
                : "")
            + ". Request-ID: "
            + printable(error.requestId()),
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
              + printable(requestId),
          null,
          false,
          e);
    }
    List<PlatformCertificate> data =
        list == null || list.getData() == null ? List.of() : list.getData();
    if (data.size() > MAX_CERTIFICATES) {
      throw new WechatPayCertificateException(
          "GET /v3/certificates for merchant "
              + merchantId
              + " listed "
              + data.size()
              + " certificates, more than the "
              + MAX_CERTIFICATES
              + " a list may hold; nothing was trusted. Request-ID: "
              + printable(requestId),
          null,
          false,
          null);
    }
    Map<String, TrustedCertificate> result = new LinkedHashMap<>();
    List<String> refusals = new ArrayList<>();
    for (PlatformCertificate item : data) {
      TrustedCertificate t = decrypt(item, requestId);
      String refusal = policy.refusal(t);
      if (refusal == null) {
        result.put(t.serial, t);
      } else {
        refusals.add(refusal);
        LOG.log(
            System.Logger.Level.WARNING,
            "platform certificate not trusted for merchant "
                + merchantId
                + ": "
                + refusal
                + ". Request-ID: "
                + printable(requestId));
      }
    }
    if (result.isEmpty() && !refusals.isEmpty()) {
      throw new WechatPayCertificateException(
          "GET /v3/certificates for merchant "
              + merchantId
              + " listed no certificate that can be trusted: "
              + String.join("; ", refusals)
              + ". Request-ID: "
              + printable(requestId),
          null,
          false,
          null);
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
              + printable(requestId),
          null,
          false,
          null);
    }
    if (!CertificatePolicy.isHexSerial(serial)) {
      throw new WechatPayCertificateException(
          "GET /v3/certificates returned serial_no "
              + ServerText.quote(serial, ServerText.VALUE_LIMIT)
              + ", not 1 to 40 hexadecimal digits. Request-ID: "
              + printable(requestId),
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
              + printable(requestId),
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
              + printable(requestId),
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
              + printable(requestId),
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
