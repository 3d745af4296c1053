package io.wxpay4j.auth;

import static io.wxpay4j.auth.SignatureFailures.assertUnverified;
import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.WechatPayErrorResponse;
import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.WechatPaySignatureException.Reason;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WechatPaySignatureInterceptorTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private final TestClock clock = new TestClock(REQUEST_TIMESTAMP);

  private OkHttpClient client(WechatPaySignatureInterceptor interceptor) {
    return new OkHttpClient.Builder().addInterceptor(interceptor).build();
  }

  private WechatPaySignatureInterceptor interceptor() {
    return WechatPaySignatureInterceptor.builder()
        .merchantId(MERCHANT_ID)
        .signer(merchantSigner())
        .verifier(publicKeyVerifier())
        .clock(clock)
        .nonces(() -> REQUEST_NONCE)
        .build();
  }

  private MockResponse signedOk(String body) {
    return JdkSignatures.signedResponse(
            200, body, platformKey(), PUBLIC_KEY_ID, clock.instant().getEpochSecond())
        .build();
  }

  private Response call(Request request) throws IOException {
    return client(interceptor()).newCall(request).execute();
  }

  @Test
  void getRequestCarriesTheGoldenAuthorizationHeader() throws Exception {
    server.enqueue(signedOk("{}"));
    try (Response response =
        call(
            new Request.Builder()
                .url(
                    server.url(
                        "/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1900000109"))
                .build())) {
      assertThat(response.code()).isEqualTo(200);
    }
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("Authorization"))
        .isEqualTo(text("request-get.authorization"));
    assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(recorded.getHeaders().get("Wechatpay-Serial")).isEqualTo(PUBLIC_KEY_ID);
    assertThat(recorded.getHeaders().get("User-Agent")).startsWith("wxpay4j/0.1.0-SNAPSHOT (");
  }

  @Test
  void postRequestCarriesTheGoldenAuthorizationHeaderAndTheSignedBytes() throws Exception {
    server.enqueue(signedOk("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}"));
    byte[] body = bytes("request-post.body");
    try (Response response =
        call(
            new Request.Builder()
                .url(server.url("/v3/pay/transactions/jsapi"))
                .post(RequestBody.create(MediaType.parse("application/json; charset=utf-8"), body))
                .build())) {
      assertThat(response.body().string()).contains("prepay_id");
    }
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("Authorization"))
        .isEqualTo(text("request-post.authorization"));
    assertThat(recorded.getBody().toByteArray()).isEqualTo(body);
  }

  @Test
  void oneShotBodyIsWrittenOnceAndTheSameBytesAreSignedAndSent() throws Exception {
    server.enqueue(signedOk("{}"));
    int[] writes = {0};
    RequestBody oneShot =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return null;
          }

          @Override
          public boolean isOneShot() {
            return true;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            writes[0]++;
            sink.writeUtf8("{\"mchid\":\"1900000109\",\"n\":" + writes[0] + "}");
          }
        };
    call(new Request.Builder().url(server.url("/v3/x")).post(oneShot).build()).close();
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(writes[0]).isEqualTo(1);
    assertThat(recorded.getBody().utf8()).isEqualTo("{\"mchid\":\"1900000109\",\"n\":1}");
    assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
    assertSignedAsSent(recorded);
  }

  @Test
  void signatureCoversTheEncodedPathAndRawQueryExactlyAsSent() throws Exception {
    server.enqueue(signedOk("{}"));
    call(new Request.Builder()
            .url(
                server.url(
                    "/v3/pay/transactions/out-trade-no/A%7CB*C-%E4%B8%AD?mchid=1900000109&x=a%20b"))
            .build())
        .close();
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getTarget())
        .isEqualTo("/v3/pay/transactions/out-trade-no/A%7CB*C-%E4%B8%AD?mchid=1900000109&x=a%20b");
    assertSignedAsSent(recorded);
  }

  /** Checks the received request with the JDK and the merchant public key. */
  private static void assertSignedAsSent(RecordedRequest recorded) {
    assertThat(JdkSignatures.requestSignedBy(merchantPublicKey(), recorded)).isTrue();
  }

  @Test
  void defaultNonceIs32AlphanumericCharactersAndChangesPerRequest() throws Exception {
    OkHttpClient client =
        client(
            WechatPaySignatureInterceptor.builder()
                .merchantId(MERCHANT_ID)
                .signer(merchantSigner())
                .verifier(publicKeyVerifier())
                .clock(clock)
                .build());
    server.enqueue(signedOk("{}"));
    server.enqueue(signedOk("{}"));
    client.newCall(new Request.Builder().url(server.url("/v3/a")).build()).execute().close();
    client.newCall(new Request.Builder().url(server.url("/v3/a")).build()).execute().close();
    String first = server.takeRequest().getHeaders().get("Authorization");
    String second = server.takeRequest().getHeaders().get("Authorization");
    String n1 = JdkSignatures.authorizationField(first, "nonce_str");
    String n2 = JdkSignatures.authorizationField(second, "nonce_str");
    assertThat(n1).matches("[0-9A-Za-z]{32}");
    assertThat(n2).matches("[0-9A-Za-z]{32}").isNotEqualTo(n1);
  }

  @Test
  void goldenResponseIsVerifiedAndItsBodyStillReadable() throws Exception {
    clock.set(RESPONSE_TIMESTAMP);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), text("response-200.signature")).build());
    try (Response response =
        call(new Request.Builder().url(server.url("/v3/pay/transactions/native")).build())) {
      assertThat(response.body().string()).isEqualTo(text("response-200.body"));
      assertThat(response.body().contentType().toString()).startsWith("application/json");
    }
  }

  @Test
  void noContentResponseIsVerifiedWithAnEmptyBodyLine() throws Exception {
    clock.set(RESPONSE_TIMESTAMP);
    server.enqueue(vectorResponse(204, "", text("response-204.signature")).build());
    try (Response response =
        call(new Request.Builder().url(server.url("/v3/close")).post(empty()).build())) {
      assertThat(response.code()).isEqualTo(204);
      assertThat(response.body().bytes()).isEmpty();
    }
  }

  @Test
  void noContentResponseWithoutSignatureIsRejected() {
    server.enqueue(new MockResponse.Builder().code(204).addHeader("Request-ID", "R-204").build());
    assertUnverified(
            () -> call(new Request.Builder().url(server.url("/v3/close")).post(empty()).build()))
        .isInstanceOf(WechatPaySignatureException.class)
        .hasMessageStartingWith(
            "Response signature not verified: header Wechatpay-Timestamp is missing");
  }

  @Test
  void lowerCaseResponseHeaderNamesAreAccepted() throws Exception {
    clock.set(RESPONSE_TIMESTAMP);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(text("response-200.body"))
            .addHeader("wechatpay-timestamp", Long.toString(RESPONSE_TIMESTAMP))
            .addHeader("wechatpay-nonce", RESPONSE_NONCE)
            .addHeader("wechatpay-signature", text("response-200.signature"))
            .addHeader("wechatpay-serial", PUBLIC_KEY_ID)
            .build());
    try (Response response = call(new Request.Builder().url(server.url("/v3/x")).build())) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  @Test
  void bodyChangedByOneByteIsRejected() {
    clock.set(RESPONSE_TIMESTAMP);
    String tampered = text("response-200.body").replace("JyC91EIz1", "JyC91EIz2");
    server.enqueue(vectorResponse(200, tampered, text("response-200.signature")).build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
              assertThat(e.isProbe()).isFalse();
              assertThat(e.requestId()).isEqualTo("R-VECTOR");
            })
        .hasMessage(
            "Response signature not verified: the signature does not match the key of"
                + " Wechatpay-Serial PUB_KEY_ID_0116571234562024052000123400000000 over the"
                + " timestamp, nonce and 52-byte body; the message was altered in transit or was"
                + " not signed by WeChat Pay\n"
                + "  Wechatpay-Serial: \"PUB_KEY_ID_0116571234562024052000123400000000\"\n"
                + "  trusted serials: [PUB_KEY_ID_0116571234562024052000123400000000]\n"
                + "  Request-ID: \"R-VECTOR\"");
  }

  @Test
  void timestamp299SecondsAheadIsAccepted() throws Exception {
    clock.set(RESPONSE_TIMESTAMP - 299);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), text("response-200.signature")).build());
    try (Response response = call(new Request.Builder().url(server.url("/v3/x")).build())) {
      assertThat(response.body().string()).isEqualTo(text("response-200.body"));
    }
  }

  @Test
  void timestamp299SecondsBehindIsAccepted() throws Exception {
    clock.set(RESPONSE_TIMESTAMP + 299);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), text("response-200.signature")).build());
    try (Response response = call(new Request.Builder().url(server.url("/v3/x")).build())) {
      assertThat(response.body().string()).isEqualTo(text("response-200.body"));
    }
  }

  @Test
  void timestamp300SecondsAheadIsRejected() {
    clock.set(RESPONSE_TIMESTAMP - 300);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), text("response-200.signature")).build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.STALE_TIMESTAMP))
        .hasMessage(
            "Response signature not verified: Wechatpay-Timestamp 1722850421 is 300 s ahead of the"
                + " local clock 1722850121 (the limit is under 300 s); check this machine's clock,"
                + " or the message was replayed\n"
                + "  Wechatpay-Serial: \"PUB_KEY_ID_0116571234562024052000123400000000\"\n"
                + "  trusted serials: [PUB_KEY_ID_0116571234562024052000123400000000]\n"
                + "  Request-ID: \"R-VECTOR\"");
  }

  @Test
  void timestamp300SecondsBehindIsRejected() {
    clock.set(RESPONSE_TIMESTAMP + 300);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), text("response-200.signature")).build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.STALE_TIMESTAMP))
        .hasMessageStartingWith(
            "Response signature not verified: Wechatpay-Timestamp 1722850421 is 300 s behind the"
                + " local clock 1722850721 (the limit is under 300 s)");
  }

  @ParameterizedTest(name = "missing {0} is rejected")
  @ValueSource(
      strings = {
        "Wechatpay-Timestamp",
        "Wechatpay-Nonce",
        "Wechatpay-Signature",
        "Wechatpay-Serial"
      })
  void eachMissingHeaderIsRejected(String header) {
    clock.set(RESPONSE_TIMESTAMP);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), text("response-200.signature"))
            .removeHeader(header)
            .build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER))
        .hasMessage(
            "Response signature not verified: header "
                + header
                + " is missing; WeChat Pay signs every 2xx answer, so a proxy or CDN may have"
                + " stripped the Wechatpay-* headers, or the answer did not come from WeChat Pay\n"
                + "  Wechatpay-Serial: "
                + (header.equals("Wechatpay-Serial")
                    ? "(missing)"
                    : "\"PUB_KEY_ID_0116571234562024052000123400000000\"")
                + "\n  trusted serials: [PUB_KEY_ID_0116571234562024052000123400000000]\n"
                + "  Request-ID: \"R-VECTOR\"");
  }

  @Test
  void nonBase64SignatureIsRejected() {
    clock.set(RESPONSE_TIMESTAMP);
    server.enqueue(vectorResponse(200, text("response-200.body"), "not base64 !!").build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE))
        .hasMessageStartingWith(
            "Response signature not verified: Wechatpay-Signature is not Base64\n");
  }

  @Test
  void malformedTimestampIsRejected() {
    clock.set(RESPONSE_TIMESTAMP);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), text("response-200.signature"))
            .setHeader("Wechatpay-Timestamp", "1722850421000x")
            .build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TIMESTAMP))
        .hasMessageStartingWith(
            "Response signature not verified: Wechatpay-Timestamp \"1722850421000x\" is not epoch"
                + " seconds\n");
  }

  @Test
  void unknownSerialIsRejectedWithTrustedSerialsInMessage() {
    clock.set(RESPONSE_TIMESTAMP);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), text("response-200.signature"))
            .setHeader("Wechatpay-Serial", "PUB_KEY_ID_0000000000000000000000000000000002")
            .build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SERIAL);
              assertThat(e.serial()).isEqualTo("PUB_KEY_ID_0000000000000000000000000000000002");
              assertThat(e.trustedSerials()).containsExactly(PUBLIC_KEY_ID);
            })
        .hasMessage(
            "Response signature not verified: no trusted key for Wechatpay-Serial"
                + " \"PUB_KEY_ID_0000000000000000000000000000000002\"; configure the WeChat Pay"
                + " public key with this ID (PUB_KEY_ID_…), or the platform certificate with this"
                + " serial\n"
                + "  Wechatpay-Serial: \"PUB_KEY_ID_0000000000000000000000000000000002\"\n"
                + "  trusted serials: [PUB_KEY_ID_0116571234562024052000123400000000]\n"
                + "  Request-ID: \"R-VECTOR\"");
  }

  @Test
  void probeSignatureFailsAndIsRecognisable() {
    clock.set(RESPONSE_TIMESTAMP);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), "WECHATPAY/SIGNTEST/QUJDREVGRw==").build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
              assertThat(e.isProbe()).isTrue();
            })
        .hasMessageStartingWith(
            "Response signature not verified: the signature is a WECHATPAY/SIGNTEST/ probe: WeChat"
                + " Pay sent a wrong signature on purpose to check that signatures are verified;"
                + " this failure is expected and rare\n");
  }

  @Test
  void smSignatureTypeIsRejectedAsUnsupported() {
    clock.set(RESPONSE_TIMESTAMP);
    server.enqueue(
        vectorResponse(200, text("response-200.body"), text("response-200.signature"))
            .setHeader("Wechatpay-Signature-Type", "WECHATPAY2-SM2-WITH-SM3")
            .build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_SIGNATURE_TYPE))
        .hasMessageStartingWith(
            "Response signature not verified: Wechatpay-Signature-Type \"WECHATPAY2-SM2-WITH-SM3\""
                + " is not supported");
  }

  @Test
  void signatureByAnotherKeyIsRejected() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair other = generator.generateKeyPair();
    server.enqueue(
        JdkSignatures.signedResponse(
                200, "{}", other.getPrivate(), PUBLIC_KEY_ID, REQUEST_TIMESTAMP)
            .build());
    assertUnverified(() -> call(new Request.Builder().url(server.url("/v3/x")).build()))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void errorResponsesPassThroughUnverifiedAndParse() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .addHeader("Request-ID", "R-400")
            .body(
                "{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\",\"detail\":{\"field\":\"/amount/currency\",\"value\":\"XYZ\",\"issue\":\"Currency"
                    + " code is invalid\",\"location\":\"body\"}}")
            .build());
    try (Response response = call(new Request.Builder().url(server.url("/v3/x")).build())) {
      WechatPayErrorResponse error = WechatPayErrorResponse.from(response);
      assertThat(error.httpStatus()).isEqualTo(400);
      assertThat(error.requestId()).isEqualTo("R-400");
      assertThat(error.code()).isEqualTo("PARAM_ERROR");
      assertThat(error.message()).isEqualTo("参数错误");
      assertThat(error.detail().field()).isEqualTo("/amount/currency");
      assertThat(error.detail().value()).isEqualTo("XYZ");
      assertThat(error.detail().issue()).isEqualTo("Currency code is invalid");
      assertThat(error.detail().location()).isEqualTo("body");
      assertThat(response.body().string()).startsWith("{\"code\":\"PARAM_ERROR\""); // not consumed
    }
  }

  @Test
  void skipResponseVerificationTagSignsButDoesNotVerify() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("bill,data").build());
    try (Response response =
        call(
            new Request.Builder()
                .url(server.url("/v3/billdownload/file"))
                .tag(SkipResponseVerification.class, SkipResponseVerification.INSTANCE)
                .build())) {
      assertThat(response.body().string()).isEqualTo("bill,data");
    }
    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .startsWith("WECHATPAY2-SHA256-RSA2048 ");
  }

  @Test
  void callerHeadersForAcceptUserAgentAndSerialAreKept() throws Exception {
    server.enqueue(signedOk("{}"));
    call(new Request.Builder()
            .url(server.url("/v3/x"))
            .header("User-Agent", "shop/1.0")
            .header("Wechatpay-Serial", "PUB_KEY_ID_OTHER")
            .build())
        .close();
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getHeaders().get("User-Agent")).isEqualTo("shop/1.0");
    assertThat(recorded.getHeaders().get("Wechatpay-Serial")).isEqualTo("PUB_KEY_ID_OTHER");
  }

  @Test
  void twoMerchantsInOneJvmSignWithTheirOwnKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair second = generator.generateKeyPair();
    OkHttpClient first = client(interceptor());
    OkHttpClient other =
        client(
            WechatPaySignatureInterceptor.builder()
                .merchantId("1230000109")
                .signer(RsaSha256Signer.create("0a1b2c", second.getPrivate()))
                .verifier(publicKeyVerifier())
                .clock(clock)
                .build());
    server.enqueue(signedOk("{}"));
    server.enqueue(signedOk("{}"));
    first
        .newCall(new Request.Builder().url(server.url("/v3/a?mchid=1900000109")).build())
        .execute()
        .close();
    other
        .newCall(new Request.Builder().url(server.url("/v3/a?mchid=1230000109")).build())
        .execute()
        .close();
    RecordedRequest r1 = server.takeRequest();
    RecordedRequest r2 = server.takeRequest();
    assertThat(r1.getHeaders().get("Authorization"))
        .contains("mchid=\"1900000109\"", "serial_no=\"" + MERCHANT_SERIAL + "\"");
    assertThat(r2.getHeaders().get("Authorization"))
        .contains("mchid=\"1230000109\"", "serial_no=\"0A1B2C\"");
    assertSignedAsSent(r1);
    assertThat(JdkSignatures.requestSignedBy(second.getPublic(), r2)).isTrue();
    assertThat(JdkSignatures.requestSignedBy(merchantPublicKey(), r2)).isFalse();
  }

  private io.wxpay4j.api.CertificatesApi certificatesApi() {
    return new retrofit2.Retrofit.Builder()
        .baseUrl(server.url("/"))
        .client(client(interceptor()))
        .addConverterFactory(
            retrofit2.converter.moshi.MoshiConverterFactory.create(
                io.wxpay4j.json.WechatPayJson.moshi()))
        .build()
        .create(io.wxpay4j.api.CertificatesApi.class);
  }

  @Test
  void verifiedAnswerReachesTheGeneratedModelThroughRetrofit() throws Exception {
    server.enqueue(signedOk("{\"data\":[]}"));
    retrofit2.Response<io.wxpay4j.model.CertificateList> response =
        certificatesApi().downloadCertificates("RSA").execute();
    assertThat(response.body().getData()).isEmpty();
  }

  @Test
  void answerThatFailsVerificationNeverReachesMoshi() {
    // Not JSON at all: had Moshi seen it, this would be a JSON error, not a signature error.
    server.enqueue(
        JdkSignatures.signedResponse(
                200, "{\"data\":", platformKey(), PUBLIC_KEY_ID, REQUEST_TIMESTAMP)
            .body("<html>not json</html>")
            .build());
    assertUnverified(() -> certificatesApi().downloadCertificates("RSA").execute())
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void builderNamesTheMissingSetting() {
    assertThatThrownBy(
            () -> WechatPaySignatureInterceptor.builder().merchantId(MERCHANT_ID).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("signer(...) is required: e.g. RsaSha256Signer.create(...)");
    assertThatThrownBy(() -> WechatPaySignatureInterceptor.builder().merchantId("19000-0109"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "merchantId must be the merchant ID (商户号), digits only, e.g. 1900000109; found 10"
                + " characters that are not all digits (an appid or openid passed by mistake?)");
  }

  private static RequestBody empty() {
    return RequestBody.create(MediaType.parse("application/json"), new byte[0]);
  }

  private static MockResponse.Builder vectorResponse(int code, String body, String signature) {
    return new MockResponse.Builder()
        .code(code)
        .body(body)
        .addHeader("Content-Type", "application/json")
        .addHeader("Request-ID", "R-VECTOR")
        .addHeader("Wechatpay-Timestamp", Long.toString(RESPONSE_TIMESTAMP))
        .addHeader("Wechatpay-Nonce", RESPONSE_NONCE)
        .addHeader("Wechatpay-Signature", signature)
        .addHeader("Wechatpay-Serial", PUBLIC_KEY_ID);
  }
}
