package io.wxpay4j.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes every request: {@code /simulator/…} to the control API, everything else through the spec's
 * operations (fault injection, authentication, parameter and body validation, business rules) to a
 * signed answer.
 */
final class SimulatorDispatcher extends Dispatcher {
  private static final String CONTROL_PREFIX = "/simulator/";

  private final Simulation sim;
  private final ControlApi control;
  private volatile @Nullable MockWebServer server;

  SimulatorDispatcher(Simulation sim) {
    this.sim = sim;
    this.control = new ControlApi(sim, this::baseUrl);
  }

  /** Like {@link WechatPaySimulator#baseUrl()} (a request arrives only once the server runs). */
  private String baseUrl() {
    MockWebServer current = server;
    if (current == null) {
      return "";
    }
    String address = current.getSocketAddress().getAddress().getHostAddress();
    String host = address.contains(":") ? "[" + address + "]" : address;
    return "http://" + host + ":" + current.getPort() + "/";
  }

  void attach(MockWebServer server) {
    this.server = server;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    try {
      return route(request);
    } catch (RuntimeException e) {
      // A simulator bug must still look like WeChat Pay: a signed 500 that names the problem.
      return answer(
          500,
          error("SYSTEM_ERROR", "系统错误 (simulator bug: " + e + ")"),
          sim.answerKey(request.getHeaders().get("Wechatpay-Serial")),
          null);
    }
  }

  private MockResponse route(RecordedRequest request) throws InterruptedException {
    drainRecordedRequests();
    String target = rawTarget(request.getTarget());
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String rawQuery = question < 0 ? "" : target.substring(question + 1);
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    if (path.startsWith(CONTROL_PREFIX) || path.equals("/simulator")) {
      ApiError refusal = ControlGuard.refusal(request.getMethod(), request.getHeaders());
      if (refusal != null) {
        return ControlApi.json(refusal.status, refusal.body());
      }
      return control.handle(request.getMethod(), path, body);
    }
    String requestSerial = request.getHeaders().get("Wechatpay-Serial");
    KeyRing.SigningKey key = sim.answerKey(requestSerial);
    if (path.equals(BillBook.DOWNLOAD_PATH) && request.getMethod().equals("GET")) {
      // Not a spec operation: the URL comes from a bill application's answer. Signed request,
      // unsigned file; errors are signed like every other error.
      try {
        String mchid =
            sim.authenticator.authenticate(
                request.getHeaders().get("Authorization"), "GET", target, body, sim.now());
        return sim.bills.download(mchid, rawQuery);
      } catch (ApiError e) {
        return answer(e.status, e.body(), key, null);
      }
    }
    List<SpecValidator.Match> matches = sim.spec.match(path);
    if (matches.isEmpty()) {
      return answer(
          404,
          error("NOT_FOUND", "请求的资源不存在 (no WeChat Pay v3 operation at " + path + ")"),
          key,
          null);
    }
    SpecValidator.Match match = null;
    for (SpecValidator.Match candidate : matches) {
      if (candidate.operation.method.equals(request.getMethod())) {
        match = candidate;
      }
    }
    if (match == null) {
      return answer(
          405,
          error("METHOD_NOT_ALLOWED", request.getMethod() + " is not allowed on " + path),
          key,
          null);
    }
    String route = match.operation.id;
    Faults.Rule rule = sim.faults.next(route);
    if (rule != null && rule.fault.preventsProcessing()) {
      return overload(rule.fault, key);
    }
    int status;
    JsonNode answerBody;
    try {
      String mchid =
          sim.authenticator.authenticate(
              request.getHeaders().get("Authorization"),
              request.getMethod(),
              target,
              body,
              sim.now());
      Map<String, String> query = query(rawQuery);
      sim.spec.validateParameters(match, query, request.getHeaders()::get);
      JsonNode json = null;
      if (match.operation.bodySchema != null) {
        json = parseBody(body);
        sim.spec.validateBody(match.operation, json);
      }
      boolean publicKeyRequested = requestSerial != null && requestSerial.startsWith("PUB_KEY_ID_");
      boolean partner = route.startsWith("partner");
      switch (route) {
        case "prepayJsapi":
        case "prepayApp":
        case "prepayH5":
        case "prepayNative":
        case "partnerPrepayJsapi":
        case "partnerPrepayApp":
        case "partnerPrepayH5":
        case "partnerPrepayNative":
          status = 200;
          answerBody = sim.orders.prepay(route, mchid, json, sim.now(), publicKeyRequested);
          break;
        case "queryOrderById":
        case "partnerQueryOrderById":
          status = 200;
          answerBody =
              sim.orders
                  .queryByTransactionId(
                      mchid, query, partner, match.pathParameters.get("transaction_id"))
                  .transactionJson();
          break;
        case "queryOrderByOutTradeNo":
        case "partnerQueryOrderByOutTradeNo":
          status = 200;
          answerBody =
              sim.orders
                  .queryByOutTradeNo(
                      mchid, query, partner, match.pathParameters.get("out_trade_no"))
                  .transactionJson();
          break;
        case "closeOrder":
        case "partnerCloseOrder":
          sim.orders.close(mchid, match.pathParameters.get("out_trade_no"), json, partner);
          status = 204;
          answerBody = null;
          break;
        case "combinePrepayJsapi":
        case "combinePrepayApp":
        case "combinePrepayH5":
        case "combinePrepayNative":
          status = 200;
          answerBody = sim.combine.prepay(route, mchid, json, sim.now(), publicKeyRequested);
          break;
        case "queryCombineOrderByOutTradeNo":
          status = 200;
          answerBody =
              sim.combine
                  .query(mchid, match.pathParameters.get("combine_out_trade_no"))
                  .transactionJson();
          break;
        case "closeCombineOrder":
          sim.combine.close(mchid, match.pathParameters.get("combine_out_trade_no"), json);
          status = 204;
          answerBody = null;
          break;
        case "prepayAppWithContract":
        case "prepayJsapiWithContract":
          status = 200;
          answerBody = sim.contracts.prepay(route, mchid, json, sim.now(), publicKeyRequested);
          break;
        case "queryContract":
          status = 200;
          answerBody =
              sim.contracts
                  .query(
                      mchid,
                      Long.parseLong(match.pathParameters.get("plan_id")),
                      match.pathParameters.get("out_contract_code"))
                  .json();
          break;
        case "terminateContract":
          status = 200;
          answerBody =
              sim.contracts.terminate(
                  mchid,
                  Long.parseLong(match.pathParameters.get("plan_id")),
                  match.pathParameters.get("out_contract_code"),
                  json,
                  sim.now());
          break;
        case "createRefund":
          sim.combine.checkRefund(mchid, json);
          status = 200;
          answerBody = sim.refunds.create(json, publicKeyRequested);
          break;
        case "queryRefundByOutRefundNo":
          status = 200;
          answerBody =
              sim.refunds.query(query, match.pathParameters.get("out_refund_no")).refundJson();
          break;
        case "applyAbnormalRefund":
          status = 200;
          answerBody =
              sim.refunds.applyAbnormal(
                  match.pathParameters.get("refund_id"), json, requestSerial, sim::decryptionKey);
          break;
        case "getTradeBill":
          status = 200;
          answerBody = sim.bills.tradeBill(mchid, query, origin(request));
          break;
        case "getFundFlowBill":
          status = 200;
          answerBody = sim.bills.fundFlowBill(mchid, query, origin(request));
          break;
        case "getSingleSubMchFundFlowBill":
          throw new ApiError(
              403, "NO_AUTH", "无权限 (the simulator's merchant lacks the 下载二级商户资金账单 permission)");
        case "downloadCertificates":
          status = 200;
          answerBody = certificates(query.get("algorithm_type"));
          break;
        default:
          status = 404;
          answerBody = error("NOT_FOUND", "the simulator does not implement " + route + " yet");
      }
    } catch (ApiError e) {
      status = e.status;
      answerBody = e.body();
    }
    return answer(status, answerBody, key, rule);
  }

  /** The base URL the client called ({@code http://<Host>/}), for URLs handed back to it. */
  private static String origin(RecordedRequest request) {
    String host = request.getHeaders().get("Host");
    return "http://" + (host == null ? "127.0.0.1" : host) + "/";
  }

  private ObjectNode certificates(@Nullable String algorithmType) throws ApiError {
    if (sim.publicKeyOnly) {
      throw new ApiError(
          404,
          "RESOURCE_NOT_EXISTS",
          "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥 (this merchant uses the WeChat Pay public key)");
    }
    ObjectNode json = Json.object();
    var data = json.putArray("data");
    if (algorithmType != null && algorithmType.toUpperCase(Locale.ROOT).equals("SM2")) {
      return json; // no 国密 certificates in the simulator
    }
    for (KeyRing.PlatformEntry entry : sim.keyRing.platformEntries()) {
      ObjectNode item = data.addObject();
      item.put("serial_no", entry.serial);
      item.put("effective_time", Order.rfc3339(entry.reportedEffective));
      item.put("expire_time", Order.rfc3339(entry.reportedExpiry));
      ObjectNode encrypted = item.putObject("encrypt_certificate");
      String nonce = sim.crypto.randomAlphanumeric(12);
      encrypted.put("algorithm", "AEAD_AES_256_GCM");
      encrypted.put("nonce", nonce);
      encrypted.put("associated_data", "certificate");
      encrypted.put(
          "ciphertext",
          Crypto.encryptAesGcm(
              sim.credentials.apiV3Key,
              nonce,
              "certificate",
              Crypto.certificatePem(entry.certificate).getBytes(StandardCharsets.UTF_8)));
    }
    return json;
  }

  private static JsonNode parseBody(byte[] body) throws ApiError {
    JsonNode json;
    try {
      json = Json.parse(new String(body, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      throw ApiError.paramError(
          "", null, "the body is not valid JSON: " + e.getOriginalMessage(), "body");
    }
    if (json == null || json.isMissingNode()) {
      throw ApiError.paramError("", null, "a JSON body is required", "body");
    }
    return json;
  }

  private MockResponse overload(Fault fault, KeyRing.SigningKey key) {
    switch (fault) {
      case SYSTEM_ERROR:
        return answer(
            500,
            error("SYSTEM_ERROR", "系统错误 (injected fault: retry with the same parameters)"),
            key,
            null);
      case FREQUENCY_LIMITED:
        return answer(
            429,
            error("FREQUENCY_LIMITED", "频率超限 (injected fault: slow down and retry)"),
            key,
            null);
      default:
        return answer(
            503, error("SERVICE_UNAVAILABLE", "服务不可用 (injected fault: retry later)"), key, null);
    }
  }

  static ObjectNode error(String code, String message) {
    ObjectNode json = Json.object();
    json.put("code", code);
    json.put("message", message);
    return json;
  }

  private MockResponse answer(
      int status, @Nullable JsonNode json, KeyRing.SigningKey key, Faults.@Nullable Rule rule) {
    byte[] body = json == null ? new byte[0] : Json.write(json).getBytes(StandardCharsets.UTF_8);
    Fault fault = rule == null ? null : rule.fault;
    MockResponse.Builder response = new MockResponse.Builder().status(statusLine(status));
    if (json != null) {
      response.setHeader("Content-Type", "application/json; charset=utf-8");
    }
    response.setHeader("Request-ID", sim.crypto.randomHex(40).toUpperCase(Locale.ROOT));
    for (Map.Entry<String, String> header :
        sim.signer
            .sign(key, body, sim.now(), fault != null && fault.spoilsSignature() ? fault : null)
            .entrySet()) {
      response.setHeader(header.getKey(), header.getValue());
    }
    if (json != null) {
      response.body(new okio.Buffer().write(ByteString.of(body)));
    }
    if (fault == Fault.LATENCY) {
      response.headersDelay(rule.latency.toNanos(), TimeUnit.NANOSECONDS);
    } else if (fault == Fault.CONNECTION_RESET
        || (fault == Fault.TRUNCATED_BODY && body.length == 0)) {
      response.onResponseStart(new SocketEffect.CloseSocket(true, false, false));
    } else if (fault == Fault.TRUNCATED_BODY) {
      response.onResponseBody(new SocketEffect.CloseSocket(true, false, false));
    }
    return response.build();
  }

  /** A status line with the standard reason phrase (MockWebServer would say "Client Error"). */
  static String statusLine(int status) {
    String reason;
    switch (status) {
      case 200:
        reason = "OK";
        break;
      case 204:
        reason = "No Content";
        break;
      case 400:
        reason = "Bad Request";
        break;
      case 401:
        reason = "Unauthorized";
        break;
      case 403:
        reason = "Forbidden";
        break;
      case 404:
        reason = "Not Found";
        break;
      case 405:
        reason = "Method Not Allowed";
        break;
      case 409:
        reason = "Conflict";
        break;
      case 429:
        reason = "Too Many Requests";
        break;
      case 500:
        reason = "Internal Server Error";
        break;
      case 503:
        reason = "Service Unavailable";
        break;
      default:
        reason = "Status";
    }
    return "HTTP/1.1 " + status + " " + reason;
  }

  /**
   * Absolute-form targets (through a proxy) are reduced to origin-form, which is what was signed.
   */
  static String rawTarget(String target) {
    if (target.startsWith("http://") || target.startsWith("https://")) {
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      return slash < 0 ? "/" : target.substring(slash);
    }
    return target;
  }

  static Map<String, String> query(String rawQuery) {
    Map<String, String> result = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return result;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = SpecValidator.percentDecode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : SpecValidator.percentDecode(pair.substring(equals + 1));
      result.putIfAbsent(name, value);
    }
    return result;
  }

  /** MockWebServer keeps every request for takeRequest(); a long-running simulator must not. */
  private void drainRecordedRequests() throws InterruptedException {
    MockWebServer current = server;
    if (current != null) {
      while (current.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // discard
      }
    }
  }
}
