package io.wxpay4j.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The browser side of the control API: the dashboard ({@code /simulator/}), its static files, the
 * calls only its buttons need, and the payer pages of a merchant's front end (the JSAPI bridge and
 * sheet, the H5 cashier). The dispatcher asks here first, after {@link ControlGuard} has passed the
 * request; null means "not a web route", and the JSON control API answers.
 */
final class WebRoutes {
  /**
   * Who may frame the JSAPI pay sheet: a merchant's test page on a loopback origin. (CSP has no
   * syntax for an IPv6 literal: pages on {@code [::1]} cannot.)
   */
  static final String LOOPBACK_FRAME_ANCESTORS =
      "http://127.0.0.1:* http://localhost:* https://127.0.0.1:* https://localhost:*";

  private static final Map<String, String> STATIC_TYPES =
      Map.of(
          "dashboard.js", "text/javascript; charset=utf-8",
          "dashboard.css", "text/css; charset=utf-8",
          "payer.js", "text/javascript; charset=utf-8");

  private final Simulation sim;
  private final Supplier<String> baseUrl;
  private final FrontEndPayer payer;

  WebRoutes(Simulation sim, Supplier<String> baseUrl) {
    this.sim = sim;
    this.baseUrl = baseUrl;
    this.payer = new FrontEndPayer(sim);
  }

  @Nullable MockResponse handle(String method, String path, String rawQuery, byte[] rawBody) {
    if (path.equals("/simulator") || path.equals("/simulator/")) {
      if (!method.equals("GET")) {
        return null;
      }
      return Html.page(200, Dashboard.render(sim, baseUrl.get()), "'none'");
    }
    String[] parts = path.substring(1).split("/");
    String resource = parts.length > 1 ? parts[1] : "";
    try {
      switch (resource) {
        case "web":
          if (method.equals("GET") && parts.length == 3 && STATIC_TYPES.containsKey(parts[2])) {
            return Html.resource(STATIC_TYPES.get(parts[2]), Html.readResource(parts[2]));
          }
          return null;
        case "jsapi":
          return jsapi(method, parts, rawBody);
        case "cashier":
          return cashier(method, parts, rawQuery, rawBody);
        case "orders":
          if (method.equals("POST") && parts.length == 4 && parts[3].equals("close")) {
            return ControlApi.json(200, close(SpecValidator.percentDecode(parts[2])));
          }
          return null;
        case "notifications":
          if (method.equals("POST") && parts.length == 4 && parts[3].equals("redeliver")) {
            NotificationAttempt attempt =
                sim.notifier.redeliver(SpecValidator.percentDecode(parts[2]));
            if (attempt == null) {
              throw new ApiError(404, "NOT_FOUND", "no notification has id " + parts[2]);
            }
            ObjectNode json = Json.object();
            json.put("notification_id", attempt.notificationId());
            json.put("attempt", attempt.attempt());
            json.put("status_code", attempt.statusCode());
            json.put("delivered", attempt.delivered());
            if (attempt.error() != null) {
              json.put("error", attempt.error());
            }
            return ControlApi.json(200, json);
          }
          return null;
        default:
          return null;
      }
    } catch (ApiError e) {
      return ControlApi.json(e.status, e.body());
    }
  }

  /** Closes an unpaid order as the merchant's closeOrder would ({@code CLOSED}). */
  private ObjectNode close(String outTradeNo) throws ApiError {
    Order order = sim.orders.find(outTradeNo);
    ObjectNode body = Json.object();
    if (order.partner) {
      body.put("sp_mchid", order.mchid);
      body.put("sub_mchid", order.subMchid);
    } else {
      body.put("mchid", order.mchid);
    }
    sim.orders.close(order.mchid, outTradeNo, body, order.partner);
    return order.snapshotJson();
  }

  private @Nullable MockResponse jsapi(String method, String[] parts, byte[] rawBody)
      throws ApiError {
    if (parts.length != 3) {
      return null;
    }
    switch (method + " " + parts[2]) {
      case "GET bridge.js":
        return Html.resource(
            "text/javascript; charset=utf-8", Html.readResource("jsapi-bridge.js"));
      case "GET sheet":
        return Html.page(200, PayerPages.jsapiSheet(), LOOPBACK_FRAME_ANCESTORS);
      case "POST verify":
        return ControlApi.json(200, payer.jsapiSummary(parse(rawBody).path("params")));
      case "POST confirm":
        JsonNode body = parse(rawBody);
        return ControlApi.json(
            200, payer.jsapiConfirm(body.path("params"), body.path("action").asString("")));
      default:
        return null;
    }
  }

  private @Nullable MockResponse cashier(
      String method, String[] parts, String rawQuery, byte[] rawBody) throws ApiError {
    if (method.equals("GET") && parts.length == 3 && parts[2].equals("h5")) {
      Map<String, String> query = SimulatorDispatcher.query(rawQuery);
      String redirect = query.get("redirect_url");
      try {
        Order order = payer.h5Order(query.get("prepay_id"), query.get("package"));
        if (redirect != null) {
          FrontEndPayer.checkRedirectUrl(redirect);
        }
        return Html.page(
            200, PayerPages.h5Cashier(order, query.get("package"), redirect), "'none'");
      } catch (FrontEndPayer.Refused e) {
        return Html.page(400, PayerPages.error(e.getMessage()), "'none'");
      }
    }
    if (method.equals("POST")
        && parts.length == 4
        && parts[2].equals("h5")
        && parts[3].equals("confirm")) {
      return ControlApi.json(200, payer.h5Confirm(parse(rawBody)));
    }
    return null;
  }

  private static JsonNode parse(byte[] body) throws ApiError {
    try {
      JsonNode json = Json.parse(new String(body, StandardCharsets.UTF_8));
      if (json == null || !json.isObject()) {
        throw new ApiError(400, "PARAM_ERROR", "the body must be a JSON object");
      }
      return json;
    } catch (JacksonException e) {
      throw new ApiError(400, "PARAM_ERROR", "the body is not valid JSON");
    }
  }
}
