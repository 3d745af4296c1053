package io.wxpay4j.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Combine orders (合单支付) of the merchant as initiator ({@code combine_mchid}): the business rules of
 * {@code combinePrepay*}, {@code queryCombineOrderByOutTradeNo} and {@code closeCombineOrder}, and
 * the lifecycle. Sub-orders belong to the participant merchants bound to the merchant's apps (the
 * merchant itself and {@link #participants}); each is registered in the {@link OrderBook} as a
 * basic order, so that refunds (by its own merchant) and bills find it, while the basic query and
 * close answer {@code 404 ORDER_NOT_EXIST} for it. Paid and closed all together; one notice.
 */
final class CombineBook {
  static final int MIN_SUB_ORDERS = 2;
  static final int MAX_SUB_ORDERS = 10;
  static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
  static final Duration MAX_EXPIRY = Duration.ofDays(7);

  /** The participants besides the merchant itself, unless configured otherwise. */
  static final List<String> DEFAULT_PARTICIPANTS = List.of("1900000211", "1900000212");

  private final Crypto crypto;
  private final OrderBook orders;
  private final Set<String> boundAppIds;
  private final String merchantId;
  private final Consumer<CombineOrder> paidListener;
  private volatile List<String> participants = List.of();
  private final Map<String, CombineOrder> byCombineOutTradeNo = new ConcurrentHashMap<>();
  private final Map<String, CombineOrder> byPrepayId = new ConcurrentHashMap<>();
  private final Map<String, CombineOrder> byCodeUrl = new ConcurrentHashMap<>();
  private final Map<Order, CombineOrder> bySubOrder = new ConcurrentHashMap<>();

  CombineBook(
      Crypto crypto,
      OrderBook orders,
      Set<String> boundAppIds,
      String merchantId,
      Consumer<CombineOrder> paidListener) {
    this.crypto = crypto;
    this.orders = orders;
    this.boundAppIds = Set.copyOf(boundAppIds);
    this.merchantId = merchantId;
    this.paidListener = paidListener;
    participants(DEFAULT_PARTICIPANTS);
  }

  /** The merchants besides the merchant itself whose sub-orders its combine orders may carry. */
  void participants(List<String> merchantIds) {
    Set<String> all = new LinkedHashSet<>();
    all.add(merchantId);
    all.addAll(merchantIds);
    this.participants = List.copyOf(all);
  }

  /** The merchant itself first, then the other participants. */
  List<String> participants() {
    return participants;
  }

  static String tradeType(String operationId) {
    switch (operationId) {
      case "combinePrepayJsapi":
        return "JSAPI";
      case "combinePrepayApp":
        return "APP";
      case "combinePrepayH5":
        return "MWEB";
      case "combinePrepayNative":
        return "NATIVE";
      default:
        throw new IllegalArgumentException(operationId);
    }
  }

  /** True for an order that is a combine order's sub-order. */
  boolean isSubOrder(Order order) {
    return bySubOrder.containsKey(order);
  }

  ObjectNode prepay(
      String operationId,
      String headerMchid,
      JsonNode body,
      Instant now,
      boolean publicKeyRequested)
      throws ApiError {
    if (!body.path("combine_mchid").asString().equals(headerMchid)) {
      throw OrderBook.mchidMismatch(body.path("combine_mchid"), "body", "combine_mchid");
    }
    String appid = body.path("combine_appid").asString();
    if (!boundAppIds.contains(appid)) {
      throw notBound("combine_appid " + appid + " is not bound to combine_mchid " + headerMchid);
    }
    OrderBook.checkNotifyUrl(body.path("notify_url"));
    JsonNode subOrders = body.path("sub_orders");
    for (JsonNode sub : subOrders) {
      if (sub.has("sub_mchid") || sub.has("sub_appid")) {
        throw ApiError.paramError(
            "/sub_orders",
            null,
            "sub_mchid / sub_appid belong to a service provider's combine order, which the simulator"
                + " does not simulate",
            "body");
      }
    }
    if (subOrders.size() < MIN_SUB_ORDERS || subOrders.size() > MAX_SUB_ORDERS) {
      throw ApiError.paramError(
          "/sub_orders",
          null,
          "普通商户模式只支持2-10笔子单 (a direct merchant's combine order has 2 to 10 sub-orders, not "
              + subOrders.size()
              + ")",
          "body");
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < subOrders.size(); i++) {
      JsonNode sub = subOrders.get(i);
      String mchid = sub.path("mchid").asString();
      if (!participants.contains(mchid)) {
        throw notBound(
            "sub_orders[" + i + "].mchid " + mchid + " is not bound to combine_appid " + appid);
      }
      if (!keys.add(mchid + "/" + sub.path("out_trade_no").asString())) {
        throw ApiError.paramError(
            "/sub_orders/" + i + "/out_trade_no",
            sub.path("out_trade_no"),
            "子单商户订单号重复 (another sub-order of this merchant has it)",
            "body");
      }
      if (!"CNY".equals(sub.at("/amount/currency").asString())) {
        throw ApiError.paramError(
            "/sub_orders/" + i + "/amount/currency",
            sub.at("/amount/currency"),
            "domestic merchants accept only CNY",
            "body");
      }
    }
    Instant timeExpire = timeExpire(body.path("time_expire"), now);
    String combineOutTradeNo = body.path("combine_out_trade_no").asString();
    synchronized (this) {
      CombineOrder existing = byCombineOutTradeNo.get(combineOutTradeNo);
      if (existing != null) {
        return reenter(existing, operationId, body, now);
      }
      for (JsonNode sub : subOrders) {
        if (orders.byOutTradeNo(sub.path("out_trade_no").asString()) != null) {
          throw new ApiError(
              403,
              "OUT_TRADE_NO_USED",
              "商户订单号重复 (sub-order out_trade_no "
                  + sub.path("out_trade_no").asString()
                  + " is already used)");
        }
      }
      String tradeType = tradeType(operationId);
      String prepayId = orders.newPrepayId(now);
      String codeUrl = orders.newCodeUrl(tradeType);
      String h5Url = orders.newH5Url(tradeType, prepayId);
      List<Order> subs = new ArrayList<>();
      for (JsonNode sub : subOrders) {
        subs.add(
            new Order(
                basicRequest(body, sub),
                operationId,
                tradeType,
                now,
                timeExpire,
                prepayId,
                null,
                null,
                publicKeyRequested));
      }
      CombineOrder order =
          new CombineOrder(
              body,
              operationId,
              tradeType,
              now,
              timeExpire,
              prepayId,
              codeUrl,
              h5Url,
              publicKeyRequested,
              subs);
      for (Order sub : subs) {
        bySubOrder.put(sub, order);
        orders.register(sub);
      }
      byCombineOutTradeNo.put(combineOutTradeNo, order);
      byPrepayId.put(prepayId, order);
      if (codeUrl != null) {
        byCodeUrl.put(codeUrl, order);
      }
      return order.prepayJson();
    }
  }

  /** A sub-order as the basic order it is registered as (for refunds and bills). */
  private static ObjectNode basicRequest(JsonNode body, JsonNode sub) {
    ObjectNode request = Json.object();
    request.put("appid", body.path("combine_appid").asString());
    request.put("mchid", sub.path("mchid").asString());
    request.put("description", sub.path("description").asString());
    request.put("out_trade_no", sub.path("out_trade_no").asString());
    request.put("attach", sub.path("attach").asString());
    request.put("notify_url", body.path("notify_url").asString());
    ObjectNode amount = request.putObject("amount");
    amount.put("total", sub.at("/amount/total_amount").asLong());
    amount.put("currency", sub.at("/amount/currency").asString());
    return request;
  }

  private ObjectNode reenter(CombineOrder existing, String operationId, JsonNode body, Instant now)
      throws ApiError {
    if (existing.operationId.equals(operationId)
        && !existing.request.equals(body)
        && withoutSettleInfo(existing.request).equals(withoutSettleInfo(body))) {
      throw new ApiError(
          400,
          "INVALID_REQUEST",
          "重复下单且结算信息不一致 (combine_out_trade_no "
              + existing.combineOutTradeNo
              + " was placed with other settle_info)");
    }
    if (!existing.operationId.equals(operationId) || !existing.request.equals(body)) {
      throw new ApiError(
          403,
          "OUT_TRADE_NO_USED",
          "商户订单号重复 (combine_out_trade_no "
              + existing.combineOutTradeNo
              + " was used with different parameters)");
    }
    String state = existing.state();
    if (Order.CLOSED.equals(state)) {
      throw new ApiError(
          400, "ORDER_CLOSED", "订单已关闭 (place a new combine order with a new combine_out_trade_no)");
    }
    if (!Order.NOTPAY.equals(state) || !now.isBefore(existing.timeExpire)) {
      throw new ApiError(
          403,
          "OUT_TRADE_NO_USED",
          "商户订单号重复 (combine order is "
              + state
              + (Order.NOTPAY.equals(state) ? " and past time_expire" : "")
              + ": use a new combine_out_trade_no)");
    }
    return existing.prepayJson();
  }

  private static JsonNode withoutSettleInfo(JsonNode body) {
    JsonNode copy = body.deepCopy();
    for (JsonNode sub : copy.path("sub_orders")) {
      ((ObjectNode) sub).remove("settle_info");
    }
    return copy;
  }

  private static Instant timeExpire(JsonNode value, Instant now) throws ApiError {
    if (value.isMissingNode()) {
      return now.plus(MAX_EXPIRY);
    }
    Instant requested = OrderBook.requestedTime(value);
    if (requested.isAfter(now.plus(MAX_EXPIRY))) {
      throw ApiError.paramError(
          "/time_expire", value, "must be at most 7 days after the prepay", "body");
    }
    return requested.isBefore(now.plus(MIN_EXPIRY)) ? now.plus(MIN_EXPIRY) : requested;
  }

  private static ApiError notBound(String why) {
    return new ApiError(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配 (" + why + ")");
  }

  CombineOrder query(String headerMchid, String combineOutTradeNo) throws ApiError {
    CombineOrder order = byCombineOutTradeNo.get(combineOutTradeNo);
    if (order == null || !order.combineMchid.equals(headerMchid)) {
      throw notFound(combineOutTradeNo);
    }
    return order;
  }

  CombineOrder find(String combineOutTradeNo) throws ApiError {
    CombineOrder order = byCombineOutTradeNo.get(combineOutTradeNo);
    if (order == null) {
      throw notFound(combineOutTradeNo);
    }
    return order;
  }

  @Nullable CombineOrder byCodeUrl(String codeUrl) {
    return byCodeUrl.get(codeUrl);
  }

  @Nullable CombineOrder byPrepayId(String prepayId) {
    return byPrepayId.get(prepayId);
  }

  private static ApiError notFound(String combineOutTradeNo) {
    return new ApiError(
        404,
        "ORDER_NOT_EXIST",
        "订单不存在 (no combine order has combine_out_trade_no " + combineOutTradeNo + ")");
  }

  /** {@code closeCombineOrder}: exactly the prepay's sub-orders, all closed together. */
  void close(String headerMchid, String combineOutTradeNo, JsonNode body) throws ApiError {
    CombineOrder order = query(headerMchid, combineOutTradeNo);
    if (!order.combineAppid.equals(body.path("combine_appid").asString())) {
      throw notBound(
          "combine_appid "
              + body.path("combine_appid").asString()
              + " is not the combine order's "
              + order.combineAppid);
    }
    Set<String> asked = new HashSet<>();
    for (JsonNode sub : body.path("sub_orders")) {
      asked.add(sub.path("mchid").asString() + "/" + sub.path("out_trade_no").asString());
    }
    Set<String> placed = new HashSet<>();
    for (Order sub : order.subOrders) {
      placed.add(sub.mchid + "/" + sub.outTradeNo);
    }
    if (body.path("sub_orders").size() != order.subOrders.size() || !asked.equals(placed)) {
      throw new ApiError(
          400,
          "INVALID_REQUEST",
          "请求关单的子单信息与下单时的子单信息不一致 (close every sub-order of the prepay, no more, no less)");
    }
    synchronized (order) {
      String state = order.state();
      if (Order.CLOSED.equals(state)) {
        throw new ApiError(400, "ORDER_CLOSED", "订单已关闭 (the combine order is already closed)");
      }
      if (!Order.NOTPAY.equals(state) && !Order.PAYERROR.equals(state)) {
        throw new ApiError(
            403,
            "TRADE_ERROR",
            "订单已支付，不能关闭 (combine order is " + state + ": refund sub-orders instead)");
      }
      for (Order sub : order.subOrders) {
        sub.markClosed();
      }
    }
  }

  /**
   * The payer pays the combine order: every sub-order becomes {@code SUCCESS} at one {@code
   * success_time}, each with its own {@code transaction_id}; one notice follows.
   */
  CombineOrder pay(CombineOrder order, Instant now) throws ApiError {
    synchronized (order) {
      String state = order.state();
      if (!Order.NOTPAY.equals(state)) {
        throw new ApiError(
            409,
            "ORDER_NOT_PAYABLE",
            "combine order " + order.combineOutTradeNo + " is " + state + ", not NOTPAY");
      }
      if (!now.isBefore(order.timeExpire)) {
        throw new ApiError(
            409,
            "ORDER_EXPIRED",
            "combine order "
                + order.combineOutTradeNo
                + " passed its time_expire "
                + Order.rfc3339(order.timeExpire));
      }
      String openid =
          order.requestOpenid != null
              ? order.requestOpenid
              : "oSim" + crypto.randomAlphanumeric(24);
      for (Order sub : order.subOrders) {
        orders.payTogether(sub, now, openid);
      }
      order.paidBy(openid);
    }
    paidListener.accept(order);
    return order;
  }

  List<CombineOrder> all() {
    List<CombineOrder> result = new ArrayList<>(byCombineOutTradeNo.values());
    result.sort(
        Comparator.comparing((CombineOrder o) -> o.createTime)
            .thenComparing(o -> o.combineOutTradeNo));
    return result;
  }

  /**
   * Refuses the refund of a sub-order by a merchant other than the sub-order's (WeChat Pay answers
   * that the order does not exist): refunds are per sub-order, by its merchant.
   */
  void checkRefund(String headerMchid, JsonNode body) throws ApiError {
    Order order = null;
    if (body.has("transaction_id")) {
      order = orders.byTransactionId(body.get("transaction_id").asString());
    } else if (body.has("out_trade_no")) {
      order = orders.byOutTradeNo(body.get("out_trade_no").asString());
    }
    if (order != null && isSubOrder(order) && !order.mchid.equals(headerMchid)) {
      throw new ApiError(
          404,
          "RESOURCE_NOT_EXISTS",
          "订单不存在 (sub-order "
              + order.outTradeNo
              + " belongs to merchant "
              + order.mchid
              + ", which must refund it itself)");
    }
  }

  synchronized void clear() {
    byCombineOutTradeNo.clear();
    byPrepayId.clear();
    byCodeUrl.clear();
    bySubOrder.clear();
  }
}
