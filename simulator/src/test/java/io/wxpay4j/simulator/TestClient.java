package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;

/**
 * A minimal signing HTTP client for the tests (Bouncy Castle signatures, real OkHttp over
 * loopback).
 */
final class TestClient {
  static final OkHttpClient HTTP =
      new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

  /** An answer, with its raw body. */
  record Answer(int status, Headers headers, String body) {
    JsonNode json() {
      return Json.parse(body);
    }

    String code() {
      return json().path("code").asString();
    }

    String header(String name) {
      return headers.get(name);
    }

    /** The answer's signature checks out with this key (independent BC verification). */
    boolean signedBy(PublicKey key) {
      String signature = headers.get("Wechatpay-Signature");
      return signature != null
          && TestCrypto.verify(
              key,
              header("Wechatpay-Timestamp") + "\n" + header("Wechatpay-Nonce") + "\n" + body + "\n",
              signature);
    }
  }

  final WechatPaySimulator simulator;
  final SimulatorMerchant merchant;
  Supplier<Instant> clock;
  String wechatpaySerial; // sent as Wechatpay-Serial when not null

  TestClient(WechatPaySimulator simulator) {
    this.simulator = simulator;
    this.merchant = simulator.merchant();
    this.clock = simulator::now;
  }

  Answer get(String target) {
    return send("GET", target, null);
  }

  Answer post(String target, String body) {
    return send("POST", target, body);
  }

  Answer send(String method, String target, String body) {
    HttpUrl url = url(target);
    return raw(method, url, body, authorization(method, url, body));
  }

  /** A signed GET of an absolute URL whose answer is bytes (a bill file). */
  BytesAnswer getBytes(HttpUrl url) {
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", authorization("GET", url, null))
            .build();
    try (Response response = HTTP.newCall(request).execute()) {
      return new BytesAnswer(response.code(), response.headers(), response.body().bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An answer whose body is kept as bytes. */
  record BytesAnswer(int status, Headers headers, byte[] body) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  String authorization(String method, HttpUrl url, String body) {
    String timestamp = Long.toString(clock.get().getEpochSecond());
    String nonce = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    String message =
        method
            + "\n"
            + canonical(url)
            + "\n"
            + timestamp
            + "\n"
            + nonce
            + "\n"
            + (body == null ? "" : body)
            + "\n";
    String authorization =
        "WECHATPAY2-SHA256-RSA2048 mchid=\""
            + merchant.merchantId()
            + "\",nonce_str=\""
            + nonce
            + "\",timestamp=\""
            + timestamp
            + "\",serial_no=\""
            + merchant.merchantSerialNumber()
            + "\",signature=\""
            + TestCrypto.sign(merchant.merchantPrivateKey(), message)
            + "\"";
    return authorization;
  }

  HttpUrl url(String target) {
    return HttpUrl.get(simulator.baseUrl() + target.substring(1));
  }

  static String canonical(HttpUrl url) {
    return url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
  }

  Answer raw(String method, HttpUrl url, String body, String authorization) {
    Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (wechatpaySerial != null) {
      request.header("Wechatpay-Serial", wechatpaySerial);
    }
    request.method(
        method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
    try (Response response = HTTP.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String prepayBody(
      SimulatorMerchant merchant, String outTradeNo, String notifyUrl, String extra) {
    return "{\"appid\":\""
        + merchant.appId()
        + "\",\"mchid\":\""
        + merchant.merchantId()
        + "\",\"description\":\"Image形象店-深圳腾大-QQ公仔\",\"out_trade_no\":\""
        + outTradeNo
        + "\",\"notify_url\":\""
        + notifyUrl
        + "\",\"amount\":{\"total\":100,\"currency\":\"CNY\"}"
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  // Loopback only: tests never send anything off this machine (port 9 refuses at once).
  static final String NOTIFY_URL = "https://127.0.0.1:9/wxpay/pay.php";
  static final String PAYER = "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}";
  static final String H5_SCENE =
      "\"scene_info\":{\"payer_client_ip\":\"14.23.150.211\",\"h5_info\":{\"type\":\"Wap\"}}";

  Answer prepayJsapi(String outTradeNo) {
    return post("/v3/pay/transactions/jsapi", prepayBody(merchant, outTradeNo, NOTIFY_URL, PAYER));
  }

  Answer queryByOutTradeNo(String outTradeNo) {
    return get(
        "/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + merchant.merchantId());
  }

  Answer queryById(String transactionId) {
    return get("/v3/pay/transactions/id/" + transactionId + "?mchid=" + merchant.merchantId());
  }

  Answer close(String outTradeNo) {
    return post(
        "/v3/pay/transactions/out-trade-no/" + outTradeNo + "/close",
        "{\"mchid\":\"" + merchant.merchantId() + "\"}");
  }

  static void assertParamError(Answer answer, String field, String location) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("PARAM_ERROR");
    assertThat(answer.json().at("/detail/field").asString()).as(answer.body()).isEqualTo(field);
    assertThat(answer.json().at("/detail/location").asString()).isEqualTo(location);
  }
}
