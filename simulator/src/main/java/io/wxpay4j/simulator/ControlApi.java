package io.wxpay4j.simulator;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control API under {@code /simulator/}: what the payer, the tester and the operator do.
 * Unsigned JSON, no authentication (the simulator listens on loopback only). See the module README
 * for every call.
 */
final class ControlApi {
  private final Simulation sim;
  private final Supplier<String> baseUrl;

  ControlApi(Simulation sim, Supplier<String> baseUrl) {
    this.sim = sim;
    this.baseUrl = baseUrl;
  }

  MockResponse handle(String method, String path, byte[] rawBody) {
    try {
      JsonNode body = parse(rawBody);
      String[] parts = path.substring(1).split("/");
      // parts[0] == "simulator"
      String resource = parts.length > 1 ? parts[1] : "";
      switch (resource) {
        case "merchant":
          requireMethod(method, "GET");
          return ok(merchant());
        case "orders":
          if (parts.length == 2) {
            requireMethod(method, "GET");
            ArrayNode array = Json.array();
            for (Order order : sim.orders.all()) {
              array.add(order.snapshotJson());
            }
            return ok(array);
          }
          Order order = sim.orders.find(SpecValidator.percentDecode(parts[2]));
          if (parts.length == 3) {
            requireMethod(method, "GET");
            return ok(order.snapshotJson());
          }
          requireMethod(method, "POST");
          if (parts.length == 4 && parts[3].equals("pay")) {
            return ok(sim.pay(order, body.path("sign").asBoolean(true)).snapshotJson());
          }
          if (parts.length == 4 && parts[3].equals("fail")) {
            return ok(sim.fail(order).snapshotJson());
          }
          break;
        case "refunds":
          if (parts.length == 2) {
            requireMethod(method, "GET");
            ArrayNode refunds = Json.array();
            for (Refund refund : sim.refunds.all()) {
              refunds.add(refund.snapshotJson());
            }
            return ok(refunds);
          }
          String outRefundNo = SpecValidator.percentDecode(parts[2]);
          if (parts.length == 3) {
            requireMethod(method, "GET");
            return ok(sim.refunds.control(outRefundNo).snapshotJson());
          }
          requireMethod(method, "POST");
          if (parts.length == 4 && parts[3].equals("succeed")) {
            return ok(sim.refunds.succeed(outRefundNo).snapshotJson());
          }
          if (parts.length == 4 && parts[3].equals("abnormal")) {
            return ok(sim.refunds.abnormal(outRefundNo).snapshotJson());
          }
          if (parts.length == 4 && parts[3].equals("close")) {
            return ok(sim.refunds.close(outRefundNo).snapshotJson());
          }
          break;
        case "pay":
        case "fail":
          requireMethod(method, "POST");
          CombineOrder combine =
              resource.equals("pay") ? CombineControl.payerTarget(sim, body) : null;
          if (combine != null) {
            return ok(sim.combine.pay(combine, sim.now()).snapshotJson());
          }
          Order target = payerTarget(body);
          return ok(
              (resource.equals("pay")
                      ? sim.pay(target, body.path("sign").asBoolean(true))
                      : sim.fail(target))
                  .snapshotJson());
        case "combine-orders":
          return ok(CombineControl.handle(sim, method, parts));
        case "plans":
        case "contracts":
          return ok(ContractControl.handle(sim, method, parts, body));
        case "notifications":
          requireMethod(method, "GET");
          return ok(sim.notifier.json());
        case "faults":
          if (method.equals("GET")) {
            return ok(sim.faults.json());
          }
          if (method.equals("DELETE")) {
            sim.faults.clear();
            return ok(sim.faults.json());
          }
          requireMethod(method, "POST");
          sim.faults.add(rule(body));
          return ok(sim.faults.json());
        case "certificates":
          if (parts.length == 2) {
            requireMethod(method, "GET");
            return ok(platformCertificates());
          }
          requireMethod(method, "POST");
          if (parts.length == 3 && parts[2].equals("add")) {
            return ok(certificate(sim.addPlatformCertificate()));
          }
          if (parts.length == 3 && parts[2].equals("activate")) {
            try {
              return ok(certificate(sim.activatePlatformCertificate()));
            } catch (IllegalStateException e) {
              throw new ApiError(409, "NO_PENDING_CERTIFICATE", e.getMessage());
            }
          }
          if (parts.length == 3 && parts[2].equals("rotate")) {
            return ok(certificate(sim.rotate()));
          }
          break;
        case "bills":
          requireMethod(method, "POST");
          if (parts.length == 3 && parts[2].equals("corrupt-next")) {
            String mode = body.path("mode").asString("flip").toUpperCase(Locale.ROOT);
            try {
              sim.bills.corruptNext(BillBook.Corruption.valueOf(mode));
            } catch (IllegalArgumentException e) {
              throw new ApiError(400, "PARAM_ERROR", "\"mode\" must be \"flip\" or \"truncate\"");
            }
            ObjectNode json = Json.object();
            json.put("corrupt_next", mode.toLowerCase(Locale.ROOT));
            return ok(json);
          }
          break;
        case "clock":
          requireMethod(method, "POST");
          if (parts.length == 3 && parts[2].equals("advance")) {
            JsonNode seconds = body.path("seconds");
            if (!seconds.isIntegralNumber()) {
              throw new ApiError(400, "PARAM_ERROR", "body must be {\"seconds\": <integer>}");
            }
            sim.advanceClock(Duration.ofSeconds(seconds.asLong()));
            ObjectNode json = Json.object();
            json.put("now", Order.rfc3339(sim.now()));
            return ok(json);
          }
          break;
        case "reset":
          requireMethod(method, "POST");
          sim.reset();
          return ok(Json.object());
        default:
          break;
      }
      throw new ApiError(
          404,
          "NOT_FOUND",
          "no control call " + method + " " + path + " (see the simulator README)");
    } catch (ApiError e) {
      return json(e.status, e.body());
    }
  }

  private Order payerTarget(JsonNode body) throws ApiError {
    if (body.hasNonNull("out_trade_no")) {
      return sim.orders.find(body.get("out_trade_no").asString());
    }
    if (body.hasNonNull("code_url")) {
      return sim.orders.findByCodeUrl(body.get("code_url").asString());
    }
    if (body.hasNonNull("prepay_id")) {
      return sim.orders.findByPrepayId(body.get("prepay_id").asString());
    }
    if (body.hasNonNull("h5_url")) {
      return sim.orders.findByH5Url(body.get("h5_url").asString());
    }
    throw new ApiError(
        400,
        "PARAM_ERROR",
        "body must name the order: out_trade_no, code_url, prepay_id or h5_url");
  }

  static Faults.Rule rule(JsonNode body) throws ApiError {
    Fault fault;
    try {
      fault = Fault.valueOf(body.path("fault").asString("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiError(
          400,
          "PARAM_ERROR",
          "\"fault\" must be one of " + java.util.Arrays.toString(Fault.values()));
    }
    String route = body.path("route").asString(Faults.ANY_ROUTE);
    Duration latency = Duration.ofMillis(body.path("latency_ms").asLong(2000));
    if (body.has("probability")) {
      double probability = body.get("probability").asDouble();
      if (!(probability > 0 && probability <= 1)) {
        throw new ApiError(400, "PARAM_ERROR", "\"probability\" must be in (0, 1]");
      }
      return new Faults.Rule(route, fault, null, probability, latency);
    }
    int times = body.path("times").asInt(1);
    if (times < 1) {
      throw new ApiError(400, "PARAM_ERROR", "\"times\" must be at least 1");
    }
    return new Faults.Rule(route, fault, times, 0, latency);
  }

  /**
   * One platform certificate as the control API shows it: serial, PEM, reported times, whether it
   * signs.
   */
  private ObjectNode certificate(X509Certificate certificate) {
    String serial = Crypto.serialHex(certificate);
    for (KeyRing.PlatformEntry entry : sim.keyRing.platformEntries()) {
      if (entry.serial.equals(serial)) {
        return certificate(entry, sim.signingPlatformEntry());
      }
    }
    throw new IllegalStateException("certificate " + serial + " is not in the key ring");
  }

  private static ObjectNode certificate(
      KeyRing.PlatformEntry entry, KeyRing.PlatformEntry signing) {
    ObjectNode json = Json.object();
    json.put("serial_no", entry.serial);
    json.put("effective_time", Order.rfc3339(entry.reportedEffective));
    json.put("expire_time", Order.rfc3339(entry.reportedExpiry));
    json.put("signing", entry == signing);
    json.put("certificate", Crypto.certificatePem(entry.certificate));
    return json;
  }

  private ArrayNode platformCertificates() {
    KeyRing.PlatformEntry signing = sim.signingPlatformEntry();
    ArrayNode array = Json.array();
    for (KeyRing.PlatformEntry entry : sim.keyRing.platformEntries()) {
      array.add(certificate(entry, signing));
    }
    return array;
  }

  /**
   * The merchant's public data. Never a private key or the APIv3 key: whatever can send a loopback
   * GET (another local user's process, a page after a browser bug) would get them. Clients read
   * those from the state directory, or from {@link WechatPaySimulator#merchant()} in Java.
   */
  private ObjectNode merchant() {
    Credentials c = sim.credentials;
    ObjectNode json = Json.object();
    json.put("mchid", c.merchantId);
    json.put("appid", c.appId);
    json.put("sub_mchid", sim.subMerchantId);
    json.put("sub_appid", sim.subAppId);
    ArrayNode combineMchids = json.putArray("combine_mchids");
    sim.combine.participants().forEach(combineMchids::add);
    json.put("merchant_serial_no", Crypto.serialHex(c.merchantCertificate));
    json.put("wechatpay_public_key_id", c.publicKeyId);
    json.put("public_key_only", sim.publicKeyOnly);
    ArrayNode serials = json.putArray("platform_serial_nos");
    for (KeyRing.PlatformEntry entry : sim.keyRing.platformEntries()) {
      serials.add(entry.serial);
    }
    json.put("signing_platform_serial_no", sim.signingPlatformEntry().serial);
    json.put("merchant_certificate_pem", Crypto.certificatePem(c.merchantCertificate));
    json.put("wechatpay_public_key_pem", Crypto.publicKeyPem(c.wechatPayKeys.getPublic()));
    json.put("base_url", baseUrl.get());
    json.put(
        "secrets",
        "not served over HTTP: the merchant private key ("
            + Credentials.MERCHANT_KEY_FILE
            + ") and the APIv3 key (api_v3_key in "
            + Credentials.MERCHANT_JSON
            + ") are in the simulator's state directory (--state-dir), readable by its owner only");
    json.put("now", Order.rfc3339(sim.now()));
    return json;
  }

  private static void requireMethod(String actual, String expected) throws ApiError {
    if (!actual.equals(expected)) {
      throw new ApiError(405, "METHOD_NOT_ALLOWED", "use " + expected);
    }
  }

  private static JsonNode parse(byte[] body) throws ApiError {
    if (body.length == 0) {
      return Json.object();
    }
    try {
      JsonNode json = Json.parse(new String(body, StandardCharsets.UTF_8));
      return json == null || json.isMissingNode() ? Json.object() : json;
    } catch (JacksonException e) {
      throw new ApiError(400, "PARAM_ERROR", "the body is not valid JSON");
    }
  }

  private static MockResponse ok(JsonNode json) {
    return json(200, json);
  }

  static MockResponse json(int status, JsonNode json) {
    return new MockResponse.Builder()
        .status(SimulatorDispatcher.statusLine(status))
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(Json.write(json))
        .build();
  }
}
