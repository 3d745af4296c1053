package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.simulator.TestClient.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One named case per authentication check; each answer must be a signed 401 SIGN_ERROR (or the
 * named code).
 */
class AuthenticationTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static WechatPaySimulator simulator;
  private static TestClient client;

  @BeforeAll
  static void start() {
    simulator = WechatPaySimulator.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
    client = new TestClient(simulator);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static String query() {
    return "/v3/pay/transactions/out-trade-no/AUTH_0001?mchid=" + simulator.merchant().merchantId();
  }

  private static void assertSignError(Answer answer, String messagePart) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(401);
    assertThat(answer.code()).isEqualTo("SIGN_ERROR");
    assertThat(answer.json().path("message").asString()).contains(messagePart);
    assertThat(answer.signedBy(simulator.merchant().platformCertificate().getPublicKey())).isTrue();
  }

  private static String authorization(
      String timestamp, String nonce, String serial, String signature) {
    return "WECHATPAY2-SHA256-RSA2048 mchid=\""
        + simulator.merchant().merchantId()
        + "\",nonce_str=\""
        + nonce
        + "\",timestamp=\""
        + timestamp
        + "\",serial_no=\""
        + serial
        + "\",signature=\""
        + signature
        + "\"";
  }

  private static String signed(
      String method, HttpUrl url, String timestamp, String nonce, String body) {
    return TestCrypto.sign(
        simulator.merchant().merchantPrivateKey(),
        method
            + "\n"
            + TestClient.canonical(url)
            + "\n"
            + timestamp
            + "\n"
            + nonce
            + "\n"
            + body
            + "\n");
  }

  @Test
  void correctlySignedRequestIsAccepted() {
    Answer answer = client.get(query());

    assertThat(answer.status())
        .as(answer.body())
        .isEqualTo(404); // authenticated: the order does not exist
    assertThat(answer.code()).isEqualTo("ORDER_NOT_EXIST");
  }

  @Test
  void missingAuthorizationIsSignError() {
    assertSignError(client.raw("GET", client.url(query()), null, null), "missing Authorization");
  }

  @Test
  void otherSchemeIsSignError() {
    HttpUrl url = client.url(query());
    String header =
        authorization(
                ts(0),
                "N1",
                simulator.merchant().merchantSerialNumber(),
                signed("GET", url, ts(0), "N1", ""))
            .replace("WECHATPAY2-SHA256-RSA2048", "WECHATPAY2-SM2-WITH-SM3");

    assertSignError(client.raw("GET", url, null, header), "must start with");
  }

  @Test
  void unparseableItemIsSignError() {
    HttpUrl url = client.url(query());
    String header =
        authorization(
                ts(0),
                "N1",
                simulator.merchant().merchantSerialNumber(),
                signed("GET", url, ts(0), "N1", ""))
            .replace("nonce_str=\"N1\"", "nonce_str=N1");

    assertSignError(client.raw("GET", url, null, header), "unparseable");
  }

  @Test
  void missingItemIsSignError() {
    HttpUrl url = client.url(query());
    String header =
        authorization(
                ts(0),
                "N1",
                simulator.merchant().merchantSerialNumber(),
                signed("GET", url, ts(0), "N1", ""))
            .replace(",nonce_str=\"N1\"", "");

    assertSignError(client.raw("GET", url, null, header), "lacks nonce_str");
  }

  @Test
  void unknownSerialIsSignError() {
    HttpUrl url = client.url(query());
    String header =
        authorization(
            ts(0),
            "N1",
            "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
            signed("GET", url, ts(0), "N1", ""));

    assertSignError(
        client.raw("GET", url, null, header), "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
  }

  @Test
  void unknownMchidIsMchNotExists() {
    HttpUrl url = client.url(query());
    String header =
        authorization(
                ts(0),
                "N1",
                simulator.merchant().merchantSerialNumber(),
                signed("GET", url, ts(0), "N1", ""))
            .replace("mchid=\"" + simulator.merchant().merchantId() + "\"", "mchid=\"1230000109\"");

    Answer answer = client.raw("GET", url, null, header);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("MCH_NOT_EXISTS");
  }

  @Test
  void bodyChangedByOneByteIsSignError() {
    HttpUrl url = client.url("/v3/pay/transactions/out-trade-no/AUTH_0001/close");
    String body = "{\"mchid\":\"" + simulator.merchant().merchantId() + "\"}";
    String header =
        authorization(
            ts(0),
            "N1",
            simulator.merchant().merchantSerialNumber(),
            signed("POST", url, ts(0), "N1", body));

    assertSignError(client.raw("POST", url, body.replace("}", " }"), header), "does not verify");
  }

  @Test
  void signatureWithoutTheQueryStringIsSignError() {
    HttpUrl url = client.url(query());
    String withoutQuery =
        TestCrypto.sign(
            simulator.merchant().merchantPrivateKey(),
            "GET\n" + url.encodedPath() + "\n" + ts(0) + "\nN1\n\n");

    assertSignError(
        client.raw(
            "GET",
            url,
            null,
            authorization(ts(0), "N1", simulator.merchant().merchantSerialNumber(), withoutQuery)),
        "?mchid=");
  }

  @Test
  void nonBase64SignatureIsSignError() {
    HttpUrl url = client.url(query());

    assertSignError(
        client.raw(
            "GET",
            url,
            null,
            authorization(
                ts(0), "N1", simulator.merchant().merchantSerialNumber(), "%%%not-base64")),
        "does not verify");
  }

  @Test
  void timestamp299SecondsAwayIsAccepted() {
    for (int skew : new int[] {-299, 299}) {
      HttpUrl url = client.url(query());
      Answer answer =
          client.raw(
              "GET",
              url,
              null,
              authorization(
                  ts(skew),
                  "N1",
                  simulator.merchant().merchantSerialNumber(),
                  signed("GET", url, ts(skew), "N1", "")));
      assertThat(answer.code()).as("skew " + skew).isEqualTo("ORDER_NOT_EXIST");
    }
  }

  @Test
  void timestamp300SecondsAwayIsSignError() {
    for (int skew : new int[] {-300, 300}) {
      HttpUrl url = client.url(query());
      assertSignError(
          client.raw(
              "GET",
              url,
              null,
              authorization(
                  ts(skew),
                  "N1",
                  simulator.merchant().merchantSerialNumber(),
                  signed("GET", url, ts(skew), "N1", ""))),
          "不得超过5分钟");
    }
  }

  @Test
  void millisecondTimestampIsSignError() {
    HttpUrl url = client.url(query());
    String millis = Long.toString(NOW.toEpochMilli());

    assertSignError(
        client.raw(
            "GET",
            url,
            null,
            authorization(
                millis,
                "N1",
                simulator.merchant().merchantSerialNumber(),
                signed("GET", url, millis, "N1", ""))),
        "must be Unix epoch seconds");
  }

  @Test
  void headerMchidDifferentFromBodyMchidIsParamError() {
    Answer answer =
        client.post(
            "/v3/pay/transactions/native",
            TestClient.prepayBody(simulator.merchant(), "AUTH_0002", TestClient.NOTIFY_URL, "")
                .replace(
                    "\"mchid\":\"" + simulator.merchant().merchantId() + "\"",
                    "\"mchid\":\"1230000109\""));

    TestClient.assertParamError(answer, "/mchid", "body");
    assertThat(answer.json().path("message").asString())
        .isEqualTo("http header中的mchid与post payload中的mchid不匹配");
  }

  @Test
  void headerMchidDifferentFromQueryMchidIsParamError() {
    Answer answer = client.get("/v3/pay/transactions/out-trade-no/AUTH_0001?mchid=1230000109");

    TestClient.assertParamError(answer, "mchid", "query");
  }

  private static String ts(int skewSeconds) {
    return Long.toString(NOW.plus(Duration.ofSeconds(skewSeconds)).getEpochSecond());
  }
}
