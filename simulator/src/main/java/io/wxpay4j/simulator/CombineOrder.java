package io.wxpay4j.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One combine order (合单): immutable request data and its sub-orders, each an {@link Order} of the
 * {@link OrderBook} (so that refunds and bills find it); the sub-orders' states change together,
 * under this object's lock.
 */
final class CombineOrder {
  /** RFC 3339 with milliseconds, as the combine samples show {@code success_time}. */
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  final JsonNode request;
  final String operationId;
  final String tradeType;
  final String combineAppid;
  final String combineMchid;
  final String combineOutTradeNo;
  final String notifyUrl;
  final @Nullable String requestOpenid;
  final @Nullable String deviceId;
  final Instant createTime;
  final Instant timeExpire;
  final String prepayId;
  final @Nullable String codeUrl;
  final @Nullable String h5Url;
  final boolean publicKeyRequested;
  final List<Order> subOrders;

  private @Nullable String payerOpenid;

  CombineOrder(
      JsonNode request,
      String operationId,
      String tradeType,
      Instant createTime,
      Instant timeExpire,
      String prepayId,
      @Nullable String codeUrl,
      @Nullable String h5Url,
      boolean publicKeyRequested,
      List<Order> subOrders) {
    this.request = request;
    this.operationId = operationId;
    this.tradeType = tradeType;
    this.combineAppid = request.path("combine_appid").asString();
    this.combineMchid = request.path("combine_mchid").asString();
    this.combineOutTradeNo = request.path("combine_out_trade_no").asString();
    this.notifyUrl = request.path("notify_url").asString();
    JsonNode openid = request.at("/combine_payer_info/openid");
    this.requestOpenid = openid.isMissingNode() ? null : openid.asString();
    JsonNode device = request.at("/scene_info/device_id");
    this.deviceId = device.isMissingNode() ? null : device.asString();
    this.createTime = createTime;
    this.timeExpire = timeExpire;
    this.prepayId = prepayId;
    this.codeUrl = codeUrl;
    this.h5Url = h5Url;
    this.publicKeyRequested = publicKeyRequested;
    this.subOrders = List.copyOf(subOrders);
  }

  synchronized void paidBy(String openid) {
    this.payerOpenid = openid;
  }

  /** The state every sub-order shares, or {@code MIXED} (only after a sub-order was refunded). */
  synchronized String state() {
    String state = null;
    for (Order order : subOrders) {
      String each = order.paid() ? Order.SUCCESS : order.state();
      if (state != null && !state.equals(each)) {
        return "MIXED";
      }
      state = each;
    }
    return state;
  }

  /** The prepay answer: {@code prepay_id}, {@code code_url} or {@code h5_url}. */
  ObjectNode prepayJson() {
    return Order.prepayJson(prepayId, codeUrl, h5Url);
  }

  /** The combine order as the query answers it and the notice carries it. */
  synchronized ObjectNode transactionJson() {
    ObjectNode json = Json.object();
    json.put("combine_appid", combineAppid);
    json.put("combine_mchid", combineMchid);
    json.put("combine_out_trade_no", combineOutTradeNo);
    if (deviceId != null) {
      json.putObject("scene_info").put("device_id", deviceId);
    }
    ArrayNode array = json.putArray("sub_orders");
    for (Order order : subOrders) {
      ObjectNode sub = array.addObject();
      boolean paid = order.paid();
      sub.put("mchid", order.mchid);
      sub.put("trade_type", tradeType);
      sub.put("trade_state", order.state());
      if (paid) {
        sub.put("bank_type", "OTHERS");
      }
      if (order.attach != null) {
        sub.put("attach", order.attach);
      }
      Instant successTime = order.successTime();
      if (successTime != null) {
        sub.put("success_time", millis(successTime));
        sub.put("transaction_id", order.transactionId());
      }
      sub.put("out_trade_no", order.outTradeNo);
      ObjectNode amount = sub.putObject("amount");
      amount.put("total_amount", order.total);
      if (paid) {
        amount.put("payer_amount", order.total);
      }
      amount.put("currency", order.currency);
      if (paid) {
        amount.put("payer_currency", order.currency);
      }
    }
    if (payerOpenid != null) {
      json.putObject("combine_payer_info").put("openid", payerOpenid);
    }
    return json;
  }

  /** The control API's view: what the query shows plus the prepay data, never payer data. */
  synchronized ObjectNode snapshotJson() {
    ObjectNode json = transactionJson();
    json.remove("combine_payer_info");
    json.put("state", state());
    json.put("trade_type", tradeType);
    json.put("notify_url", notifyUrl);
    json.put("create_time", Order.rfc3339(createTime));
    json.put("time_expire", Order.rfc3339(timeExpire));
    ObjectNode prepay = prepayJson();
    prepay.properties().forEach(entry -> json.set(entry.getKey(), entry.getValue()));
    return json;
  }

  static String millis(Instant instant) {
    return MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.ofHours(8)));
  }
}
