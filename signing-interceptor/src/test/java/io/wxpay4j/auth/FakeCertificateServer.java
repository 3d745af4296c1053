package io.wxpay4j.auth;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A scriptable stand-in for WeChat Pay's {@code GET /v3/certificates} (and one signed API answer
 * for every other path), built from JDK crypto only: AES-GCM with {@link JdkAesGcm}, signatures
 * with {@link JdkSignatures}.
 */
public final class FakeCertificateServer extends Dispatcher {
  /** One listed certificate. */
  public static final class Listed {
    public final TestCertificates.Issued issued;
    public final Instant effective;
    public final Instant expire;

    public Listed(TestCertificates.Issued issued, Instant effective, Instant expire) {
      this.issued = issued;
      this.effective = effective;
      this.expire = expire;
    }
  }

  private final TestClock clock;
  private final String apiV3Key;
  private final PublicKey merchantPublicKey;
  public final AtomicInteger certificateDownloads = new AtomicInteger();
  public final List<String> authorizationFailures = new ArrayList<>();

  volatile List<Listed> listed = List.of();

  /** Signs the certificate download answer. */
  volatile TestCertificates.Issued downloadSigner;

  /** Signs every other answer. */
  volatile TestCertificates.Issued apiSigner;

  /** When set, the certificate download answers with this status and body instead. */
  volatile int errorStatus;

  volatile String errorBody = "";

  /** When set, a certificate download waits for it before answering (a slow download). */
  volatile CountDownLatch downloadGate;

  /** When set, the certificate download answers this body (signed) instead of the list. */
  volatile String listBody;

  public FakeCertificateServer(TestClock clock, String apiV3Key, PublicKey merchantPublicKey) {
    this.clock = clock;
    this.apiV3Key = apiV3Key;
    this.merchantPublicKey = merchantPublicKey;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    checkAuthorization(request);
    if (request.getTarget().startsWith("/v3/certificates")) {
      certificateDownloads.incrementAndGet();
      if (errorStatus != 0) {
        return new MockResponse.Builder()
            .code(errorStatus)
            .addHeader("Request-ID", "R-CERT-ERROR")
            .body(errorBody)
            .build();
      }
      CountDownLatch gate = downloadGate;
      if (gate != null) {
        try {
          if (!gate.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the download gate was never opened");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String body = listBody;
      return signed(body != null ? body : certificateList(), downloadSigner);
    }
    return signed("{\"ok\":true}", apiSigner);
  }

  private String certificateList() {
    StringBuilder json = new StringBuilder("{\"data\":[");
    String separator = "";
    int n = 0;
    for (Listed l : listed) {
      String nonce = String.format("TESTONLY%04d", n++);
      String ciphertext =
          JdkAesGcm.encrypt(
              apiV3Key, nonce, "certificate", l.issued.pem().getBytes(StandardCharsets.US_ASCII));
      json.append(separator)
          .append("{\"serial_no\":\"")
          .append(l.issued.serial)
          .append("\",\"effective_time\":\"")
          .append(time(l.effective))
          .append("\",\"expire_time\":\"")
          .append(time(l.expire))
          .append("\",\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"")
          .append(nonce)
          .append("\",\"associated_data\":\"certificate\",\"ciphertext\":\"")
          .append(ciphertext)
          .append("\"}}");
      separator = ",";
    }
    return json.append("]}").toString();
  }

  private static String time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(8))
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private MockResponse signed(String body, TestCertificates.Issued signer) {
    PrivateKey key = signer.keyPair.getPrivate();
    return JdkSignatures.signedResponse(
            200, body, key, signer.serial, clock.instant().getEpochSecond())
        .build();
  }

  /** Checks the merchant signature of every request the way WeChat Pay would, with the JDK. */
  private void checkAuthorization(RecordedRequest request) {
    if (!JdkSignatures.requestSignedBy(merchantPublicKey, request)) {
      authorizationFailures.add(request.getTarget() + ": not signed by the merchant key");
    }
  }
}
