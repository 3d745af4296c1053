package io.wxpay4j.examples;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The payer's side, which only a simulator can play: pays an order as if the payer had confirmed it in
 * WeChat. Against real WeChat Pay a person pays instead.
 */
interface SimulatedPayer {
  /**
   * Pays the order whose {@code out_trade_no}, {@code code_url} or {@code prepay_id} is {@code value}, or every
   * sub-order of the combine order whose {@code combine_out_trade_no} it is (合单支付).
   *
   * @throws IllegalStateException with the simulator's code and reason if the order cannot be paid
   */
  void pay(String by, String value);

  /** The payer of an embedded simulator. */
  static SimulatedPayer of(WechatPaySimulator simulator) {
    return (by, value) -> {
      try {
        switch (by) {
          case "out_trade_no":
            simulator.pay(value);
            break;
          case "code_url":
            simulator.payByCodeUrl(value);
            break;
          case "prepay_id":
            simulator.payByPrepayId(value);
            break;
          case "combine_out_trade_no":
            simulator.payCombine(value);
            break;
          default:
            throw new IllegalArgumentException(
                "pay by out_trade_no, code_url, prepay_id or combine_out_trade_no, not " + by);
        }
      } catch (NoSuchElementException e) {
        throw new IllegalStateException("ORDER_NOT_EXIST: " + e.getMessage(), e);
      }
    };
  }

  /**
   * True if a wxpay4j simulator's control API answers at {@code baseUrl}: {@code GET /simulator/certificates}
   * (read-only, public certificates only) returns 200 and a non-empty JSON array of objects with a
   * {@code serial_no} and a {@code signing} flag. Anything else (no answer within 2 s, a 404, another shape) is a
   * proxy, a mock or a real endpoint, and gets no control calls.
   */
  static boolean controlApiAnswers(String baseUrl) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(2))
            .callTimeout(Duration.ofSeconds(2))
            .retryOnConnectionFailure(false)
            .build();
    JsonAdapter<List<Object>> json =
        new Moshi.Builder().build().adapter(Types.newParameterizedType(List.class, Object.class));
    Request request = new Request.Builder().url(baseUrl + "simulator/certificates").get().build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        return false;
      }
      List<Object> certificates = json.fromJson(response.body().string());
      return certificates != null && !certificates.isEmpty() && certificates.stream().allMatch(c ->
          c instanceof Map && ((Map<?, ?>) c).get("serial_no") instanceof String
              && ((Map<?, ?>) c).get("signing") instanceof Boolean);
    } catch (IOException | RuntimeException e) { // no answer, or not JSON: not a simulator
      return false;
    } finally {
      http.connectionPool().evictAll();
    }
  }

  /**
   * The payer of a standalone simulator, through its control API ({@code POST /simulator/pay} with
   * {@code Content-Type: application/json}, which the simulator requires of a state change so that no web page can
   * make one).
   */
  static SimulatedPayer controlApi(String baseUrl) {
    OkHttpClient http = new OkHttpClient();
    JsonAdapter<Map<String, Object>> json =
        new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    return (by, value) -> {
      Request request =
          new Request.Builder()
              .url(baseUrl + "simulator/pay")
              .post(RequestBody.create(json.toJson(Map.of(by, value)), MediaType.get("application/json")))
              .build();
      try (Response response = http.newCall(request).execute()) {
        String body = response.body().string();
        if (!response.isSuccessful()) {
          Map<String, Object> error = body.startsWith("{") ? json.fromJson(body) : null;
          throw new IllegalStateException(
              error != null ? error.get("code") + ": " + error.get("message") : "HTTP " + response.code() + " " + body);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the simulator's control API at " + baseUrl + " did not answer", e);
      }
    };
  }
}
