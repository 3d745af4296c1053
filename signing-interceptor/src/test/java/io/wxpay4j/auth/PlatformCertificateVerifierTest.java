package io.wxpay4j.auth;

import static io.wxpay4j.auth.SignatureFailures.assertUnverified;
import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.WechatPaySignatureException.Reason;
import io.wxpay4j.notify.NotificationParser;
import io.wxpay4j.notify.NotificationRequest;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformCertificateVerifierTest {
  private static final long T0 = 1_800_000_000L;
  private static final Instant NOW = Instant.ofEpochSecond(T0);

  @StartStop final MockWebServer server = new MockWebServer();

  private final TestClock clock = new TestClock(T0);
  private final FakeCertificateServer wechat =
      new FakeCertificateServer(clock, API_V3_KEY, merchantPublicKey());
  private final List<PlatformCertificateVerifier> opened = new ArrayList<>();

  private static final TestCertificates.Issued A =
      TestCertificates.issue(
          "6A1B2C3D4E5F60718293A4B5C6D7E8F901234567",
          NOW.minus(Duration.ofDays(300)),
          NOW.plus(Duration.ofDays(3000)));
  private static final TestCertificates.Issued B =
      TestCertificates.issue(
          "7B2C3D4E5F60718293A4B5C6D7E8F90123456789",
          NOW.minus(Duration.ofDays(1)),
          NOW.plus(Duration.ofDays(5000)));

  /** A as listed at first: effective for 300 days, 3,000 more to go. */
  private static FakeCertificateServer.Listed listedA() {
    return new FakeCertificateServer.Listed(
        A, NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(3000)));
  }

  /** A newer certificate as listed: effective since yesterday, 5,000 days to go. */
  private static FakeCertificateServer.Listed listedNew(TestCertificates.Issued issued) {
    return new FakeCertificateServer.Listed(
        issued, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(5000)));
  }

  @BeforeEach
  void setUp() {
    server.setDispatcher(wechat);
    wechat.listed = List.of(listedA());
    wechat.downloadSigner = A;
    wechat.apiSigner = A;
  }

  @AfterEach
  void closeVerifiers() {
    opened.forEach(PlatformCertificateVerifier::close);
    assertThat(wechat.authorizationFailures).isEmpty();
  }

  private PlatformCertificateVerifier.Builder builder() {
    return PlatformCertificateVerifier.builder()
        .merchantId(MERCHANT_ID)
        .signer(merchantSigner())
        .apiV3Key(ApiV3Key.of(API_V3_KEY))
        .baseUrl(server.url("/"))
        .clock(clock)
        .refreshInterval(Duration.ZERO);
  }

  private PlatformCertificateVerifier build() throws IOException {
    return track(builder().build());
  }

  private PlatformCertificateVerifier track(PlatformCertificateVerifier v) {
    opened.add(v);
    return v;
  }

  private OkHttpClient client(Verifier verifier) {
    return new OkHttpClient.Builder()
        .addInterceptor(
            WechatPaySignatureInterceptor.builder()
                .merchantId(MERCHANT_ID)
                .signer(merchantSigner())
                .verifier(verifier)
                .clock(clock)
                .build())
        .build();
  }

  private String callApi(OkHttpClient client) throws IOException {
    try (Response response =
        client
            .newCall(
                new Request.Builder()
                    .url(server.url("/v3/pay/transactions/id/42?mchid=1900000109"))
                    .build())
            .execute()) {
      return response.body().string();
    }
  }

  @Test
  void firstDownloadIsSignedAndTrustsTheDecryptedCertificate() throws Exception {
    PlatformCertificateVerifier verifier = build();
    assertThat(verifier.serials()).containsExactly(A.serial);
    assertThat(verifier.serial()).isEqualTo(A.serial);
    assertThat(verifier.certificates()).containsOnlyKeys(A.serial);
    assertThat(verifier.certificates().get(A.serial).getEncoded())
        .isEqualTo(A.certificate.getEncoded());
    RecordedRequest download = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(download.getTarget()).isEqualTo("/v3/certificates?algorithm_type=RSA");
    assertThat(download.getHeaders().get("Authorization"))
        .startsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\"");
    assertThat(download.getHeaders().get("Wechatpay-Serial")).isNull();
    assertThat(verifier.toString())
        .isEqualTo(
            "PlatformCertificateVerifier{merchantId=1900000109, serials=[" + A.serial + "]}");
  }

  @Test
  void responsesAreVerifiedWithTheDownloadedCertificateAndRequestsNameIt() throws Exception {
    PlatformCertificateVerifier verifier = build();
    assertThat(callApi(client(verifier))).isEqualTo("{\"ok\":true}");
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Wechatpay-Serial")).isEqualTo(A.serial);
  }

  @Test
  void certificateRotationEndToEnd() throws Exception {
    PlatformCertificateVerifier verifier = build();
    OkHttpClient client = client(verifier);
    assertThat(wechat.certificateDownloads.get()).isEqualTo(1);

    // WeChat Pay lists B, shortens A's life to one more hour, and starts signing answers with B.
    Instant aExpires = NOW.plus(Duration.ofHours(1));
    wechat.listed =
        List.of(
            new FakeCertificateServer.Listed(A, NOW.minus(Duration.ofDays(300)), aExpires),
            listedNew(B));
    wechat.apiSigner = B;

    assertThat(callApi(client))
        .isEqualTo("{\"ok\":true}"); // unknown serial B: one refresh, then verified
    assertThat(callApi(client)).isEqualTo("{\"ok\":true}");
    assertThat(wechat.certificateDownloads.get()).isEqualTo(2);
    assertThat(verifier.serials()).containsExactly(A.serial, B.serial);
    assertThat(verifier.serial()).isEqualTo(B.serial); // the newest in effect

    // An hour later A has expired: it is dropped, and an answer signed with it no longer verifies.
    clock.advance(Duration.ofHours(1));
    assertThat(verifier.serials()).containsExactly(B.serial);
    wechat.downloadSigner = B;
    wechat.apiSigner = A;
    assertUnverified(() -> callApi(client))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SERIAL);
              assertThat(e.trustedSerials()).containsExactly(B.serial);
            });
    assertThat(verifier.certificates()).containsOnlyKeys(B.serial);
  }

  @Test
  void unknownSerialRefreshIsRateLimited() throws Exception {
    PlatformCertificateVerifier verifier = build();
    assertThat(verifier.publicKey("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")).isNull();
    assertThat(verifier.publicKey("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")).isNull();
    assertThat(wechat.certificateDownloads.get())
        .isEqualTo(2); // build + one refresh within the minute
    clock.advance(Duration.ofSeconds(60));
    assertThat(verifier.publicKey("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")).isNull();
    assertThat(wechat.certificateDownloads.get()).isEqualTo(3);
  }

  @Test
  void concurrentLookupsOfANewSerialDownloadOnce() throws Exception {
    PlatformCertificateVerifier verifier = build();
    wechat.listed = List.of(listedA(), listedNew(B));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return verifier.publicKey(B.serial) != null;
                }));
      }
      start.countDown();
      for (Future<Boolean> found : results) {
        assertThat(found.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(wechat.certificateDownloads.get()).isEqualTo(2);
  }

  @Test
  void laterDownloadSignedByAnUntrustedCertificateIsRejected() throws Exception {
    PlatformCertificateVerifier verifier = build();
    wechat.listed = List.of(listedA(), listedNew(B));
    wechat.downloadSigner = B; // B vouches for itself: not acceptable once A is trusted
    assertThatThrownBy(verifier::refresh)
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SERIAL);
              assertThat(e.serial()).isEqualTo(B.serial);
            })
        .hasMessageStartingWith(
            "Certificate download signature not verified: no trusted key for Wechatpay-Serial");
    assertThat(verifier.serials()).containsExactly(A.serial);
  }

  @Test
  void firstDownloadMustBeSignedByACertificateItContains() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair stranger = generator.generateKeyPair();
    wechat.downloadSigner =
        new TestCertificates.Issued(A.serial, stranger, A.certificate); // right serial, wrong key
    assertThatThrownBy(this::build)
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void resourceNotExistsTellsTheUserToConfigureThePublicKey() {
    wechat.errorStatus = 404;
    wechat.errorBody =
        "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥\"}";
    assertThatThrownBy(this::build)
        .isInstanceOfSatisfying(
            WechatPayCertificateException.class,
            e -> {
              assertThat(e.publicKeyRequired()).isTrue();
              assertThat(e.errorResponse().code()).isEqualTo("RESOURCE_NOT_EXISTS");
            })
        .hasMessage(
            "merchant 1900000109 has no platform certificate (GET /v3/certificates answered HTTP"
                + " 404 RESOURCE_NOT_EXISTS): it verifies with the WeChat Pay public key (微信支付公钥)"
                + " instead. Download the key and its ID (PUB_KEY_ID_…) from 商户平台 → 账户中心 → API安全"
                + " and use PublicKeyVerifier. Request-ID: R-CERT-ERROR");
  }

  @Test
  void signErrorNamesTheCredentialsToCheck() {
    wechat.errorStatus = 401;
    wechat.errorBody = "{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}";
    assertThatThrownBy(this::build)
        .isInstanceOfSatisfying(
            WechatPayCertificateException.class, e -> assertThat(e.publicKeyRequired()).isFalse())
        .hasMessage(
            "GET /v3/certificates for merchant 1900000109 failed: HTTP 401 SIGN_ERROR 签名错误 (check"
                + " the merchant ID, the merchant certificate serial and the private key)."
                + " Request-ID: R-CERT-ERROR");
  }

  @Test
  void wrongApiV3KeyFailsAtBuildNamingTheKey() {
    assertThatThrownBy(
            () ->
                track(builder().apiV3Key(ApiV3Key.of("TESTONLYapiV3key0123456789abcdeX")).build()))
        .isInstanceOf(WechatPayCertificateException.class)
        .hasMessage(
            "cannot decrypt platform certificate "
                + A.serial
                + " of merchant 1900000109 (GCM tag mismatch: wrong key, nonce or associated data,"
                + " or the ciphertext was altered): the APIv3 key is most likely wrong; it must be"
                + " this merchant's APIv3 key (APIv3密钥), not the API v2 key. Request-ID:"
                + " 08F0A2B3C4D5E6-"
                + T0);
  }

  @Test
  void expiredCertificatesInTheListAreDropped() throws Exception {
    wechat.listed =
        List.of(
            new FakeCertificateServer.Listed(
                A, NOW.minus(Duration.ofDays(300)), NOW.minus(Duration.ofSeconds(1))),
            listedNew(B));
    wechat.downloadSigner = B;
    assertThat(build().serials()).containsExactly(B.serial);
  }

  @Test
  void emptyListSuggestsThePublicKey() {
    wechat.listed = List.of();
    assertThatThrownBy(this::build)
        .isInstanceOfSatisfying(
            WechatPayCertificateException.class, e -> assertThat(e.publicKeyRequired()).isTrue())
        .hasMessageStartingWith(
            "GET /v3/certificates for merchant 1900000109 returned no unexpired platform"
                + " certificate; if this merchant uses the WeChat Pay public key (微信支付公钥),"
                + " configure it with PublicKeyVerifier");
  }

  @Test
  void failedScheduledRefreshKeepsTheTrustedCertificates() throws Exception {
    PlatformCertificateVerifier verifier = build();
    wechat.errorStatus = 500;
    wechat.errorBody = "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}";
    verifier.scheduledRefresh();
    assertThat(wechat.certificateDownloads.get()).isEqualTo(2);
    assertThat(verifier.serials()).containsExactly(A.serial);
  }

  @Test
  void scheduledRefreshesOfAllVerifiersShareOneDaemonThreadAndCloseCancelsOnlyItsOwn()
      throws Exception {
    PlatformCertificateVerifier first =
        track(builder().refreshInterval(Duration.ofHours(1)).build());
    PlatformCertificateVerifier second =
        track(builder().merchantId("1230000109").refreshInterval(Duration.ofHours(1)).build());
    assertThat(first.isClosed()).isFalse();
    List<Thread> threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("wxpay4j-platform-certificates"))
            .collect(java.util.stream.Collectors.toList());
    assertThat(threads).hasSize(1);
    assertThat(threads.get(0).getName()).isEqualTo("wxpay4j-platform-certificates");
    assertThat(threads.get(0).isDaemon()).isTrue();

    first.close();
    assertThat(first.isClosed()).isTrue();
    assertThat(second.isClosed()).isFalse();
    assertThat(threads.get(0).isAlive()).isTrue(); // the second verifier still needs it
    assertThat(first.serials()).containsExactly(A.serial); // still usable until expiry
  }

  @Test
  void aClientThatAlreadySignsForTheMerchantCarriesTheDownloadsAsItIs() throws Exception {
    List<String> authorizations = new ArrayList<>();
    OkHttpClient signing =
        client(publicKeyVerifier())
            .newBuilder()
            .addNetworkInterceptor(
                chain -> {
                  authorizations.add(chain.request().header("Authorization"));
                  return chain.proceed(chain.request());
                })
            .build();
    PlatformCertificateVerifier verifier = track(builder().okHttpClient(signing).build());
    assertThat(verifier.serials()).containsExactly(A.serial);
    RecordedRequest download = server.takeRequest(5, TimeUnit.SECONDS);
    // Signed once, by the client's interceptor, without the client's serial (its public-key ID).
    assertThat(authorizations).hasSize(1);
    assertThat(download.getHeaders().get("Authorization")).isEqualTo(authorizations.get(0));
    assertThat(download.getHeaders().get("Wechatpay-Serial")).isNull();
  }

  @Test
  void aClientThatSignsForAnotherMerchantIsRefused() {
    OkHttpClient otherMerchant =
        new OkHttpClient.Builder()
            .addInterceptor(
                WechatPaySignatureInterceptor.create(
                    "1230000109", merchantSigner(), publicKeyVerifier()))
            .build();
    assertThatThrownBy(() -> track(builder().okHttpClient(otherMerchant).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "okHttpClient signs for merchant 1230000109, not for merchant 1900000109 whose"
                + " certificates are to be downloaded");
  }

  @Test
  void twoMerchantsInOneJvmKeepTheirOwnCertificates() throws Exception {
    PlatformCertificateVerifier first = build();
    wechat.listed = List.of(listedNew(B));
    wechat.downloadSigner = B;
    PlatformCertificateVerifier second = track(builder().merchantId("1230000109").build());
    assertThat(first.serials()).containsExactly(A.serial);
    assertThat(second.serials()).containsExactly(B.serial);
    first.close();
    assertThat(second.publicKey(B.serial)).isNotNull();
    assertThat(first.publicKey(A.serial)).isNotNull();
  }

  @Test
  void combinedVerifierPrefersThePublicKeyAndFallsBackToCertificates() throws Exception {
    PlatformCertificateVerifier certificates = build();
    CombinedVerifier combined = CombinedVerifier.create(publicKeyVerifier(), certificates);
    assertThat(combined.serial()).isEqualTo(PUBLIC_KEY_ID);
    assertThat(combined.serials()).containsExactly(PUBLIC_KEY_ID, A.serial);
    assertThat(combined.publicKey(PUBLIC_KEY_ID)).isEqualTo(platformPublicKey());
    assertThat(combined.publicKey(A.serial)).isEqualTo(A.certificate.getPublicKey());
    // Callbacks during the migration: one signed with the public key, one with the certificate.
    OkHttpClient client = client(combined);
    assertThat(callApi(client)).isEqualTo("{\"ok\":true}");
    wechat.apiSigner =
        new TestCertificates.Issued(
            PUBLIC_KEY_ID, new KeyPair(platformPublicKey(), platformKey()), A.certificate);
    assertThat(callApi(client)).isEqualTo("{\"ok\":true}");
  }

  @Test
  void whenEveryTrustedCertificateHasExpiredDownloadsFailClosedInsteadOfTrustingOnFirstUse()
      throws Exception {
    wechat.listed =
        List.of(
            new FakeCertificateServer.Listed(
                A, NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofHours(1))));
    PlatformCertificateVerifier verifier = build();
    clock.advance(Duration.ofHours(2));
    assertThat(verifier.serials()).isEmpty();
    // Whoever answers now lists B and signs with it: before, B was trusted on first use again.
    wechat.listed = List.of(listedNew(B));
    wechat.downloadSigner = B;
    assertThatThrownBy(verifier::refresh)
        .isInstanceOfSatisfying(
            WechatPayCertificateException.class, e -> assertThat(e.publicKeyRequired()).isFalse())
        .hasMessage(
            "every platform certificate trusted for merchant 1900000109 has expired (the last, "
                + A.serial
                + ", at "
                + NOW.plus(Duration.ofHours(1))
                + "), so none can vouch for a new download, and trusting the next download on"
                + " first use would let whoever answers choose the keys. Nothing was downloaded."
                + " Find out why the scheduled refreshes failed (see the log), then build a new"
                + " PlatformCertificateVerifier or WechatPayClient (its first download is"
                + " authenticated by the APIv3 key), or move to the WeChat Pay public key"
                + " (PublicKeyVerifier), which does not expire");
    assertThat(wechat.certificateDownloads.get()).isEqualTo(1); // nothing was fetched
    assertThat(verifier.publicKey(B.serial)).isNull(); // an unknown serial does not re-arm it
    assertThat(verifier.serials()).isEmpty();
    // Building anew is the deliberate way back: its first download is authenticated.
    assertThat(build().serials()).containsExactly(B.serial);
  }

  @Test
  void aThreadMeetingAnUnknownSerialWaitsBoundedlyBehindASlowDownload() throws Exception {
    PlatformCertificateVerifier verifier =
        track(builder().unknownSerialWait(Duration.ofMillis(200)).build());
    wechat.listed = List.of(listedA(), listedNew(B));
    CountDownLatch gate = new CountDownLatch(1);
    wechat.downloadGate = gate;
    try {
      // The download hangs until the gate opens: the lookup gives up after its wait, not later.
      assertThat(verifier.publicKey(B.serial)).isNull();
      assertThat(verifier.publicKey(B.serial)).isNull(); // joins the same download, again bounded
    } finally {
      gate.countDown();
    }
    // The download goes on without the lookup, and its result serves later lookups.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!verifier.serials().contains(B.serial)) {
      assertThat(System.nanoTime()).as("the slow download completes").isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(verifier.publicKey(B.serial)).isNotNull();
    assertThat(wechat.certificateDownloads.get()).isEqualTo(2); // build + the one slow download
  }

  @Test
  void concurrentUnknownSerialsCoalesceIntoOneDownload() throws Exception {
    // No rate limit: only the single flight keeps the eight lookups to one download.
    PlatformCertificateVerifier verifier =
        track(
            builder()
                .unknownSerialRefreshInterval(Duration.ZERO)
                .unknownSerialWait(Duration.ofSeconds(30))
                .build());
    CountDownLatch gate = new CountDownLatch(1);
    wechat.downloadGate = gate;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Thread> lookers = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      List<Future<Boolean>> lookups = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String serial = String.format("0%039X", i + 1); // eight different unknown serials
        lookups.add(
            pool.submit(
                () -> {
                  lookers.add(Thread.currentThread());
                  return verifier.publicKey(serial) == null;
                }));
      }
      // Open the gate only once all eight wait on the download in flight.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (lookers.size() < 8
          || !lookers.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING)) {
        assertThat(System.nanoTime()).as("eight lookups waiting").isLessThan(deadline);
        Thread.sleep(5);
      }
      gate.countDown();
      for (Future<Boolean> unknown : lookups) {
        assertThat(unknown.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      gate.countDown();
      pool.shutdownNow();
    }
    assertThat(wechat.certificateDownloads.get()).isEqualTo(2); // build + one for all eight
  }

  @Test
  void certificateListLargerThanTheByteCapIsRefusedUnread() throws Exception {
    PlatformCertificateVerifier verifier = build();
    wechat.listBody = "{\"data\":[],\"pad\":\"" + "x".repeat(300 * 1024) + "\"}";
    assertThatThrownBy(verifier::refresh)
        .isInstanceOf(WechatPayCertificateException.class)
        .hasMessageStartingWith("GET /v3/certificates for merchant 1900000109 answered ")
        .hasMessageContaining(
            " bytes, more than the 262144 a certificate list may have; nothing was trusted.");
    assertThat(verifier.serials()).containsExactly(A.serial);
  }

  @Test
  void certificateListWithMoreThanSixteenCertificatesIsRefused() throws Exception {
    PlatformCertificateVerifier verifier = build();
    List<FakeCertificateServer.Listed> many = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      many.add(listedA());
    }
    wechat.listed = many;
    assertThatThrownBy(verifier::refresh)
        .isInstanceOf(WechatPayCertificateException.class)
        .hasMessage(
            "GET /v3/certificates for merchant 1900000109 listed 17 certificates, more than the 16"
                + " a list may hold; nothing was trusted. Request-ID: 08F0A2B3C4D5E6-"
                + T0);
    assertThat(verifier.serials()).containsExactly(A.serial);
  }

  @Test
  void certificateWhoseNotBeforeIsInTheFutureIsNotTrusted() throws Exception {
    TestCertificates.Issued early =
        TestCertificates.issue(
            "7C2C3D4E5F60718293A4B5C6D7E8F90123456789",
            NOW.plus(Duration.ofMinutes(6)),
            NOW.plus(Duration.ofDays(5000)));
    PlatformCertificateVerifier verifier = build();
    wechat.listed = List.of(listedA(), listedNew(early));
    verifier.refresh();
    assertThat(verifier.serials()).containsExactly(A.serial);
    // Alone in a first download, it leaves nothing to trust: the build fails and says why.
    wechat.listed = List.of(wechat.listed.get(1));
    wechat.downloadSigner = early;
    assertThatThrownBy(this::build)
        .isInstanceOf(WechatPayCertificateException.class)
        .hasMessage(
            "GET /v3/certificates for merchant 1900000109 listed no certificate that can be"
                + " trusted: certificate "
                + early.serial
                + " is not valid before "
                + NOW.plus(Duration.ofMinutes(6))
                + ", later than now ("
                + NOW
                + "); check this machine's clock. Request-ID: 08F0A2B3C4D5E6-"
                + T0);
  }

  @Test
  void certificateWithAnRsaKeyUnder2048BitsIsNotTrusted() throws Exception {
    TestCertificates.Issued weak =
        TestCertificates.issueWithKeySize(
            "7D2C3D4E5F60718293A4B5C6D7E8F90123456789",
            NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(5000)),
            1024);
    wechat.listed = List.of(listedNew(weak));
    wechat.downloadSigner = weak;
    assertThatThrownBy(this::build)
        .isInstanceOf(WechatPayCertificateException.class)
        .hasMessageContaining(
            "listed no certificate that can be trusted: certificate "
                + weak.serial
                + " has a 1024-bit RSA key, fewer than the 2048 required");
  }

  @Test
  void pinnedIssuerAcceptsTheCertificatesItIssued() throws Exception {
    TestCertificates.Issued ca =
        TestCertificates.issue(
            "0CA0000000000000000000000000000000000001",
            NOW.minus(Duration.ofDays(1000)),
            NOW.plus(Duration.ofDays(9000)));
    TestCertificates.Issued issued =
        TestCertificates.issueBy(
            ca,
            "7E2C3D4E5F60718293A4B5C6D7E8F90123456789",
            NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(5000)));
    wechat.listed = List.of(listedNew(issued));
    wechat.downloadSigner = issued;
    PlatformCertificateVerifier verifier =
        track(builder().issuers(List.of(ca.certificate)).build());
    assertThat(verifier.serials()).containsExactly(issued.serial);
  }

  @Test
  void pinnedIssuerRefusesACertificateItDidNotIssue() {
    TestCertificates.Issued ca =
        TestCertificates.issue(
            "0CA0000000000000000000000000000000000002",
            NOW.minus(Duration.ofDays(1000)),
            NOW.plus(Duration.ofDays(9000)));
    // A (self-signed) decrypts with the APIv3 key and signs its download, but no pinned CA issued
    // it.
    assertThatThrownBy(() -> track(builder().issuers(List.of(ca.certificate)).build()))
        .isInstanceOf(WechatPayCertificateException.class)
        .hasMessageContaining(
            "listed no certificate that can be trusted: certificate "
                + A.serial
                + " (issuer OU="
                + A.serial
                + ",CN=Tenpay.com TEST-ONLY platform) does not chain to a pinned issuer: ");
  }

  @Test
  void theShippedTenpayRootCaIsTheCertificateConfirmedByTwoSources() throws Exception {
    java.security.cert.X509Certificate ca = PlatformCertificateVerifier.tenpayRootCa();
    // openssl x509 -in tenpay-root-ca.pem -noout -fingerprint -sha256 (see TenpayRootCa)
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(ca.getEncoded());
    StringBuilder hex = new StringBuilder();
    for (byte b : digest) {
      hex.append(hex.length() == 0 ? "" : ":").append(String.format("%02X", b));
    }
    assertThat(hex.toString())
        .isEqualTo(
            "B2:9F:8B:25:13:EB:2F:7C:49:C0:7C:7C:20:F4:02:7C:A9:03:D0:71:DF:72:CA:A0:B2:B9:24:EF:F4:3A:94:52");
    assertThat(ca.getSubjectX500Principal().getName())
        .isEqualTo("CN=Tenpay.com Root CA,OU=Tenpay.com CA Center,O=Tenpay.com,C=CN");
    assertThat(ca.getBasicConstraints()).isZero(); // a CA that issues end certificates only
  }

  @Test
  void aSerialNoThatIsNotHexIsRefusedQuotedAndEscaped() throws Exception {
    PlatformCertificateVerifier verifier = build();
    wechat.listBody =
        "{\"data\":[{\"serial_no\":\"ZZ\\n2026 INFO forged\",\"encrypt_certificate\":"
            + "{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"n\",\"associated_data\":\"c\","
            + "\"ciphertext\":\"AAAA\"}}]}";
    assertThatThrownBy(verifier::refresh)
        .isInstanceOf(WechatPayCertificateException.class)
        .hasMessage(
            "GET /v3/certificates returned serial_no \"ZZ\\n2026 INFO FORGED\", not 1 to 40"
                + " hexadecimal digits. Request-ID: 08F0A2B3C4D5E6-"
                + T0);
  }

  @Test
  void notificationWithANewSerialTriggersOneRefreshAndVerifies() throws Exception {
    PlatformCertificateVerifier verifier = build();
    wechat.listed = List.of(listedA(), listedNew(B));
    String body = text("notification.body");
    String nonce = "notification-nonce";
    java.util.Map<String, String> headers = new java.util.HashMap<>();
    headers.put("Wechatpay-Timestamp", Long.toString(T0));
    headers.put("Wechatpay-Nonce", nonce);
    headers.put("Wechatpay-Serial", B.serial);
    headers.put(
        "Wechatpay-Signature",
        JdkSignatures.sign(B.keyPair.getPrivate(), T0 + "\n" + nonce + "\n" + body + "\n"));
    NotificationParser parser =
        NotificationParser.builder()
            .merchantId("1900000109")
            .appIds(java.util.List.of("wxd678efh567hg6787"))
            .verifier(verifier)
            .apiV3Key(ApiV3Key.of(API_V3_KEY))
            .clock(clock)
            .build();
    io.wxpay4j.model.Transaction paid =
        parser.parseTransaction(
            NotificationRequest.fromHeaders(headers, bytes("notification.body")));
    assertThat(paid.getOutTradeNo()).isEqualTo("1217752501201407033233368018");
    assertThat(wechat.certificateDownloads.get()).isEqualTo(2);
  }

  @Test
  void builderNamesMissingSettings() {
    assertThatThrownBy(
            () ->
                PlatformCertificateVerifier.builder()
                    .merchantId(MERCHANT_ID)
                    .signer(merchantSigner())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("apiV3Key(...) is required: it decrypts the certificates");
    assertThatThrownBy(
            () ->
                PlatformCertificateVerifier.builder()
                    .baseUrl(okhttp3.HttpUrl.get("https://x.test/v3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must end in /, found https://x.test/v3");
  }
}
