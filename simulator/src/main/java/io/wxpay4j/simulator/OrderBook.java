package io.wxpay4j.simulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** The merchant's orders, their business rules and lifecycle. */
final class OrderBook {
  private static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
  private static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
  private static final Duration MAX_EXPIRY = Duration.ofDays(90);
  private static final int MAX_DETAIL_BYTES = 6144;

  private final Crypto crypto;
  private final Set<String> boundAppIds;
  private final String subMerchantId;
  private final String subAppId;
  private final Map<String, Order> byOutTradeNo = new ConcurrentHashMap<>();
  private final Map<String, Order> byTransactionId = new ConcurrentHashMap<>();
  private final Map<String, Order> byPrepayId = new ConcurrentHashMap<>();
  private final Map<String, Order> byCodeUrl = new ConcurrentHashMap<>();

  OrderBook(Crypto crypto, Set<String> boundAppIds, String subMerchantId, String subAppId) {
    this.crypto = crypto;
    this.boundAppIds = Set.copyOf(boundAppIds);
    this.subMerchantId = subMerchantId;
    this.subAppId = subAppId;
  }

  static String tradeType(String operationId) {
    switch (operationId.replace("partnerPrepay", "prepay")) {
      case "prepayJsapi":
        return "JSAPI";
      case "prepayApp":
        return "APP";
      case "prepayH5":
        return "MWEB";
      case "prepayNative":
        return "NATIVE";
      case "prepayAppWithContract":
        return "APP";
      case "prepayJsapiWithContract":
        return "JSAPI";
      default:
        throw new IllegalArgumentException(operationId);
    }
  }

  /** Business checks beyond the schema, then create or re-enter the order. */
  ObjectNode prepay(
      String operationId,
      String headerMchid,
      JsonNode body,
      Instant now,
      boolean publicKeyRequested)
      throws ApiError {
    if (operationId.startsWith("partner")) {
      checkPartner(headerMchid, body);
    } else {
      String mchid = body.path("mchid").asString();
      if (!mchid.equals(headerMchid)) {
        throw mchidMismatch(body.path("mchid"), "body", "mchid");
      }
      if (!boundAppIds.contains(body.path("appid").asString())) {
        throw new ApiError(
            400,
            "APPID_MCHID_NOT_MATCH",
            "appid和mch_id不匹配 (appid is not bound to mchid " + mchid + ")");
      }
    }
    checkNotifyUrl(body.path("notify_url"));
    JsonNode currency = body.at("/amount/currency");
    if (!currency.isMissingNode() && !"CNY".equals(currency.asString())) {
      throw ApiError.paramError(
          "/amount/currency", currency, "domestic merchants accept only CNY", "body");
    }
    JsonNode detail = body.path("detail");
    if (!detail.isMissingNode()
        && Json.write(detail).getBytes(StandardCharsets.UTF_8).length > MAX_DETAIL_BYTES) {
      throw ApiError.paramError(
          "/detail",
          null,
          "must be at most " + MAX_DETAIL_BYTES + " bytes of minified JSON",
          "body");
    }
    Instant timeExpire = timeExpire(body.path("time_expire"), now);
    String outTradeNo = body.path("out_trade_no").asString();
    synchronized (this) {
      Order existing = byOutTradeNo.get(outTradeNo);
      if (existing != null) {
        return reenter(existing, operationId, body, now);
      }
      String prepayId = newPrepayId(now);
      String tradeType = tradeType(operationId);
      String codeUrl = newCodeUrl(tradeType);
      String h5Url = newH5Url(tradeType, prepayId);
      Order order =
          new Order(
              body,
              operationId,
              tradeType,
              now,
              timeExpire,
              prepayId,
              codeUrl,
              h5Url,
              publicKeyRequested);
      byOutTradeNo.put(outTradeNo, order);
      byPrepayId.put(prepayId, order);
      if (codeUrl != null) {
        byCodeUrl.put(codeUrl, order);
      }
      return order.prepayJson();
    }
  }

  /**
   * Service-provider rules: sp_mchid is the caller, sp_appid its app, sub_mchid its authorised
   * sub-merchant.
   */
  private void checkPartner(String headerMchid, JsonNode body) throws ApiError {
    if (!body.path("sp_mchid").asString().equals(headerMchid)) {
      throw mchidMismatch(body.path("sp_mchid"), "body", "sp_mchid");
    }
    if (!boundAppIds.contains(body.path("sp_appid").asString())) {
      throw new ApiError(
          400,
          "APPID_MCHID_NOT_MATCH",
          "sp_appid和sp_mchid不匹配 (sp_appid is not bound to sp_mchid " + headerMchid + ")");
    }
    checkSubMerchant(body.path("sub_mchid").asString());
    JsonNode subAppid = body.path("sub_appid");
    if (!subAppid.isMissingNode() && !subAppId.equals(subAppid.asString())) {
      throw new ApiError(
          400,
          "APPID_MCHID_NOT_MATCH",
          "sub_appid和sub_mchid不匹配 (sub_appid is not bound to sub_mchid " + subMerchantId + ")");
    }
    if (!body.at("/payer/sub_openid").isMissingNode() && subAppid.isMissingNode()) {
      throw ApiError.paramError(
          "/sub_appid", null, "is required when payer.sub_openid is sent", "body");
    }
  }

  void checkSubMerchant(String subMchid) throws ApiError {
    if (!subMerchantId.equals(subMchid)) {
      throw new ApiError(
          400,
          "MCH_NOT_EXISTS",
          "商户号不存在 (sub_mchid " + subMchid + " is not a sub-merchant of this service provider)");
    }
  }

  private ObjectNode reenter(Order existing, String operationId, JsonNode body, Instant now)
      throws ApiError {
    if (!existing.operationId.equals(operationId) || !existing.request.equals(body)) {
      throw new ApiError(
          403,
          "OUT_TRADE_NO_USED",
          "商户订单号重复 (out_trade_no " + existing.outTradeNo + " was used with different parameters)");
    }
    String state = existing.state();
    if (Order.CLOSED.equals(state)) {
      throw new ApiError(
          400, "ORDER_CLOSED", "订单已关闭 (order closed: place a new order with a new out_trade_no)");
    }
    if (!Order.NOTPAY.equals(state) || !now.isBefore(existing.timeExpire)) {
      throw new ApiError(
          403,
          "OUT_TRADE_NO_USED",
          "商户订单号重复 (order is "
              + state
              + (Order.NOTPAY.equals(state) ? " and past time_expire" : "")
              + ": use a new out_trade_no)");
    }
    return existing.prepayJson();
  }

  /** The code_url of a new Native order; null for other trade types. */
  @Nullable String newCodeUrl(String tradeType) {
    return tradeType.equals("NATIVE")
        ? "weixin://wxpay/bizpayurl?pr=" + crypto.randomAlphanumeric(7)
        : null;
  }

  /** The h5_url of a new H5 order ({@code MWEB}); null for other trade types. */
  @Nullable String newH5Url(String tradeType, String prepayId) {
    return tradeType.equals("MWEB")
        ? "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id="
            + prepayId
            + "&package="
            + crypto.randomDigits(10)
        : null;
  }

  /** The {@code time_expire} of a request, parsed. */
  static Instant requestedTime(JsonNode value) throws ApiError {
    try {
      return OffsetDateTime.parse(value.asString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.paramError(
          "/time_expire", value, "must be RFC 3339, e.g. 2018-06-08T10:34:56+08:00", "body");
    }
  }

  private static Instant timeExpire(JsonNode value, Instant now) throws ApiError {
    if (value.isMissingNode()) {
      return now.plus(DEFAULT_EXPIRY);
    }
    Instant requested = requestedTime(value);
    if (requested.isBefore(now.plus(MIN_EXPIRY))) {
      return now.plus(MIN_EXPIRY);
    }
    if (requested.isAfter(now.plus(MAX_EXPIRY))) {
      return now.plus(MAX_EXPIRY);
    }
    return requested;
  }

  /**
   * WeChat Pay wants an absolute https URL without query string. The simulator also accepts plain
   * http, but only to a loopback host, so that local receivers work and nothing else slips through.
   */
  static void checkNotifyUrl(JsonNode value) throws ApiError {
    checkNotifyUrl(value, "/notify_url");
  }

  /**
   * {@link #checkNotifyUrl(JsonNode)} for the URL at {@code pointer} (e.g. a contract notify URL).
   */
  static void checkNotifyUrl(JsonNode value, String pointer) throws ApiError {
    String text = value.asString();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw ApiError.paramError(pointer, value, "is not a valid URL", "body");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw ApiError.paramError(pointer, value, "must be an absolute https URL", "body");
    }
    if (uri.getRawQuery() != null) {
      throw ApiError.paramError(pointer, value, "must not carry a query string", "body");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw ApiError.paramError(
          pointer,
          value,
          "must use https (the simulator allows http only for loopback hosts)",
          "body");
    }
  }

  static boolean isLoopback(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
      return false; // a name other than localhost: never resolved, never loopback
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static ApiError mchidMismatch(JsonNode value, String location, String name) {
    ObjectNode detail = Json.object();
    detail.put("field", location.equals("body") ? "/" + name : name);
    detail.set("value", value);
    detail.put("issue", "does not match the mchid of the Authorization header");
    detail.put("location", location);
    return new ApiError(
        400,
        "PARAM_ERROR",
        "http header中的mchid与"
            + (location.equals("body") ? "post payload" : "query string")
            + "中的mchid不匹配",
        detail);
  }

  /**
   * A query: {@code mchid} (direct) or {@code sp_mchid} (partner) must be the caller's; the order
   * must be of the same kind and, for a partner, of that {@code sub_mchid}.
   */
  Order queryByTransactionId(
      String headerMchid, Map<String, String> query, boolean partner, String transactionId)
      throws ApiError {
    checkQuery(headerMchid, query, partner);
    Order order = byTransactionId.get(transactionId);
    if (order == null || combined(order) || !sameParty(order, partner, query.get("sub_mchid"))) {
      throw new ApiError(
          404, "ORDER_NOT_EXIST", "订单不存在 (no paid order has transaction_id " + transactionId + ")");
    }
    return order;
  }

  Order queryByOutTradeNo(
      String headerMchid, Map<String, String> query, boolean partner, String outTradeNo)
      throws ApiError {
    checkQuery(headerMchid, query, partner);
    Order order = find(outTradeNo);
    if (combined(order) || !sameParty(order, partner, query.get("sub_mchid"))) {
      throw notFound(outTradeNo);
    }
    return order;
  }

  private static boolean sameParty(Order order, boolean partner, @Nullable String subMchid) {
    return order.partner == partner
        && (!partner || java.util.Objects.equals(order.subMchid, subMchid));
  }

  private static ApiError notFound(String outTradeNo) {
    return new ApiError(
        404, "ORDER_NOT_EXIST", "订单不存在 (no order has out_trade_no " + outTradeNo + ")");
  }

  private static void checkQuery(String headerMchid, Map<String, String> query, boolean partner)
      throws ApiError {
    String name = partner ? "sp_mchid" : "mchid";
    String value = query.getOrDefault(name, "");
    if (!value.equals(headerMchid)) {
      throw mchidMismatch(StringNode.valueOf(value), "query", name);
    }
  }

  Order find(String outTradeNo) throws ApiError {
    Order order = byOutTradeNo.get(outTradeNo);
    if (order == null) {
      throw notFound(outTradeNo);
    }
    return order;
  }

  void close(String headerMchid, String outTradeNo, JsonNode body, boolean partner)
      throws ApiError {
    String name = partner ? "sp_mchid" : "mchid";
    if (!body.path(name).asString().equals(headerMchid)) {
      throw mchidMismatch(body.path(name), "body", name);
    }
    Order order = find(outTradeNo);
    if (combined(order)
        || !sameParty(order, partner, partner ? body.path("sub_mchid").asString() : null)) {
      throw notFound(outTradeNo);
    }
    synchronized (order) {
      String state = order.state();
      if (Order.SUCCESS.equals(state) || Order.REFUND.equals(state)) {
        // WeChat's exact code for this case is not documented for v3; TRADE_ERROR is the closest
        // documented close-order code (v2 answered ORDERPAID).
        throw new ApiError(
            403, "TRADE_ERROR", "订单已支付，不能关闭 (order is paid: refund it instead of closing)");
      }
      order.markClosed();
    }
  }

  /** The payer pays: NOTPAY becomes SUCCESS, with a transaction_id. */
  Order pay(Order order, Instant now) throws ApiError {
    synchronized (order) {
      checkPayable(order, now);
      String transactionId = newTransactionId(now);
      String openid =
          order.requestOpenid != null || order.requestSubOpenid != null
              ? order.requestOpenid
              : "oSim" + crypto.randomAlphanumeric(24);
      order.markPaid(transactionId, now, openid);
      byTransactionId.put(transactionId, order);
      return order;
    }
  }

  /** The payer's payment fails: NOTPAY becomes PAYERROR. */
  Order fail(Order order, Instant now) throws ApiError {
    synchronized (order) {
      checkPayable(order, now);
      order.markPayError();
      return order;
    }
  }

  /**
   * True for a combine order's sub-order: the basic query and close do not know it (合单 orders are
   * queried and closed with the combine APIs), and it is paid only with its combine order.
   */
  static boolean combined(Order order) {
    return order.operationId.startsWith("combine");
  }

  /** Registers a combine order's sub-order, for refunds and bills. */
  void register(Order subOrder) {
    byOutTradeNo.put(subOrder.outTradeNo, subOrder);
  }

  /** A combine order's sub-order is paid with the others, by the combine order's payer. */
  void payTogether(Order subOrder, Instant now, String openid) {
    synchronized (subOrder) {
      String transactionId = newTransactionId(now);
      subOrder.markPaid(transactionId, now, openid);
      byTransactionId.put(transactionId, subOrder);
    }
  }

  private String newTransactionId(Instant now) {
    return "4200"
        + crypto.randomDigits(6)
        + DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atOffset(ZoneOffset.ofHours(8)))
        + crypto.randomDigits(10);
  }

  private static void checkPayable(Order order, Instant now) throws ApiError {
    if (combined(order)) {
      throw new ApiError(
          409,
          "ORDER_NOT_PAYABLE",
          "order "
              + order.outTradeNo
              + " is a sub-order of a combine order (合单): pay the combine order, all sub-orders at once");
    }
    String state = order.state();
    if (!Order.NOTPAY.equals(state)) {
      throw new ApiError(
          409, "ORDER_NOT_PAYABLE", "order " + order.outTradeNo + " is " + state + ", not NOTPAY");
    }
    if (!now.isBefore(order.timeExpire)) {
      throw new ApiError(
          409,
          "ORDER_EXPIRED",
          "order "
              + order.outTradeNo
              + " passed its time_expire "
              + Order.rfc3339(order.timeExpire));
    }
  }

  /** The order with this {@code out_trade_no}, or null. */
  @Nullable Order byOutTradeNo(String outTradeNo) {
    return byOutTradeNo.get(outTradeNo);
  }

  /** The paid order with this {@code transaction_id}, or null. */
  @Nullable Order byTransactionId(String transactionId) {
    return byTransactionId.get(transactionId);
  }

  Order findByPrepayId(String prepayId) throws ApiError {
    Order order = byPrepayId.get(prepayId);
    if (order == null) {
      throw new ApiError(404, "ORDER_NOT_EXIST", "no order has prepay_id " + prepayId);
    }
    return order;
  }

  Order findByCodeUrl(String codeUrl) throws ApiError {
    Order order = byCodeUrl.get(codeUrl);
    if (order == null) {
      throw new ApiError(404, "ORDER_NOT_EXIST", "no order has code_url " + codeUrl);
    }
    return order;
  }

  Order findByH5Url(String h5Url) throws ApiError {
    int at = h5Url.indexOf("prepay_id=");
    if (at < 0) {
      throw new ApiError(404, "ORDER_NOT_EXIST", "not an h5_url of this simulator");
    }
    String rest = h5Url.substring(at + "prepay_id=".length());
    int amp = rest.indexOf('&');
    return findByPrepayId(amp < 0 ? rest : rest.substring(0, amp));
  }

  List<Order> all() {
    List<Order> orders = new ArrayList<>(byOutTradeNo.values());
    orders.sort(Comparator.comparing((Order o) -> o.createTime).thenComparing(o -> o.outTradeNo));
    return orders;
  }

  synchronized void clear() {
    byOutTradeNo.clear();
    byTransactionId.clear();
    byPrepayId.clear();
    byCodeUrl.clear();
  }

  String newPrepayId(Instant now) {
    return "wx"
        + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(now.atOffset(ZoneOffset.ofHours(8)))
        + crypto.randomHex(20);
  }
}
