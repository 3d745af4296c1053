package io.wxpay4j.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One order and its lifecycle. Immutable request data; the state fields are guarded by {@code
 * this}.
 */
final class Order {
  static final String NOTPAY = "NOTPAY";
  static final String SUCCESS = "SUCCESS";
  static final String PAYERROR = "PAYERROR";
  static final String CLOSED = "CLOSED";

  /** Paid, and a refund was requested against it (转入退款); stays so whatever the refunds become. */
  static final String REFUND = "REFUND";

  private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

  /** True for a service-provider (服务商) order: mchid / appid are then sp_mchid / sp_appid. */
  final boolean partner;

  final String mchid;
  final String appid;
  final @Nullable String subMchid;
  final @Nullable String subAppid;
  final @Nullable String requestSubOpenid;
  final String outTradeNo;
  final String operationId;
  final String tradeType;
  final String description;
  final String notifyUrl;
  final @Nullable String attach;
  final int total;
  final String currency;
  final @Nullable String requestOpenid;
  final @Nullable String deviceId;
  final JsonNode request;
  final Instant createTime;
  final Instant timeExpire;
  final String prepayId;
  final @Nullable String codeUrl;
  final @Nullable String h5Url;
  final boolean publicKeyRequested;

  private String state = NOTPAY;
  private @Nullable String transactionId;
  private @Nullable Instant successTime;
  private @Nullable String payerOpenid;

  Order(
      JsonNode request,
      String operationId,
      String tradeType,
      Instant createTime,
      Instant timeExpire,
      String prepayId,
      @Nullable String codeUrl,
      @Nullable String h5Url,
      boolean publicKeyRequested) {
    this.request = request;
    this.partner = operationId.startsWith("partner");
    this.mchid = request.path(partner ? "sp_mchid" : "mchid").asString();
    this.appid = request.path(partner ? "sp_appid" : "appid").asString();
    this.subMchid = partner ? request.path("sub_mchid").asString() : null;
    this.subAppid =
        partner && request.has("sub_appid") ? request.get("sub_appid").asString() : null;
    this.requestSubOpenid = text(request.at("/payer/sub_openid"));
    this.outTradeNo = request.path("out_trade_no").asString();
    this.operationId = operationId;
    this.tradeType = tradeType;
    this.description = request.path("description").asString();
    this.notifyUrl = request.path("notify_url").asString();
    this.attach = request.has("attach") ? request.get("attach").asString() : null;
    this.total = request.path("amount").path("total").asInt();
    this.currency = request.path("amount").path("currency").asString("CNY");
    this.requestOpenid = text(request.at(partner ? "/payer/sp_openid" : "/payer/openid"));
    this.deviceId =
        request.at("/scene_info/device_id").isMissingNode()
            ? null
            : request.at("/scene_info/device_id").asString();
    this.createTime = createTime;
    this.timeExpire = timeExpire;
    this.prepayId = prepayId;
    this.codeUrl = codeUrl;
    this.h5Url = h5Url;
    this.publicKeyRequested = publicKeyRequested;
  }

  private static @Nullable String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }

  synchronized String state() {
    return state;
  }

  synchronized @Nullable String transactionId() {
    return transactionId;
  }

  synchronized void markPaid(
      String transactionId, Instant successTime, @Nullable String payerOpenid) {
    this.state = SUCCESS;
    this.transactionId = transactionId;
    this.successTime = successTime;
    this.payerOpenid = payerOpenid;
  }

  /** The payer's openid once paid (the request's for JSAPI, a simulated one otherwise). */
  synchronized @Nullable String payerOpenid() {
    return payerOpenid;
  }

  synchronized @Nullable Instant successTime() {
    return successTime;
  }

  /** Paid: {@code SUCCESS}, or {@code REFUND} once a refund was requested. */
  synchronized boolean paid() {
    return SUCCESS.equals(state) || REFUND.equals(state);
  }

  /** A refund was requested: a paid order's {@code trade_state} becomes {@code REFUND}. */
  synchronized void markRefund() {
    if (SUCCESS.equals(state)) {
      this.state = REFUND;
    }
  }

  synchronized void markPayError() {
    this.state = PAYERROR;
  }

  synchronized void markClosed() {
    this.state = CLOSED;
  }

  static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        instant.truncatedTo(ChronoUnit.SECONDS).atOffset(BEIJING));
  }

  private static String stateDescription(String state) {
    switch (state) {
      case SUCCESS:
        return "支付成功";
      case PAYERROR:
        return "支付失败，请重新下单支付";
      case CLOSED:
        return "订单已关闭";
      case REFUND:
        return "转入退款";
      default:
        return "订单未支付";
    }
  }

  /** The order as the query endpoints and the notification resource show it (§2.5). */
  synchronized ObjectNode transactionJson() {
    ObjectNode json = Json.object();
    if (partner) {
      json.put("sp_appid", appid);
      json.put("sp_mchid", mchid);
      if (subAppid != null) {
        json.put("sub_appid", subAppid);
      }
      json.put("sub_mchid", subMchid);
    } else {
      json.put("appid", appid);
      json.put("mchid", mchid);
    }
    json.put("out_trade_no", outTradeNo);
    if (transactionId != null) {
      json.put("transaction_id", transactionId);
    }
    json.put("trade_type", tradeType);
    json.put("trade_state", state);
    json.put("trade_state_desc", stateDescription(state));
    if (paid()) {
      json.put("bank_type", "OTHERS");
    }
    if (attach != null) {
      json.put("attach", attach);
    }
    if (successTime != null) {
      json.put("success_time", rfc3339(successTime));
    }
    if (paid()) {
      ObjectNode payer = json.putObject("payer");
      if (!partner) {
        payer.put("openid", payerOpenid);
      } else if (requestSubOpenid != null) {
        payer.put("sub_openid", requestSubOpenid);
      } else {
        payer.put("sp_openid", payerOpenid);
      }
    }
    ObjectNode amount = json.putObject("amount");
    amount.put("total", total);
    if (paid()) {
      amount.put("payer_total", total);
    }
    amount.put("currency", currency);
    if (paid()) {
      amount.put("payer_currency", currency);
    }
    if (deviceId != null) {
      json.putObject("scene_info").put("device_id", deviceId);
    }
    return json;
  }

  /** The prepay answer: {@code prepay_id}, {@code code_url} or {@code h5_url}. */
  ObjectNode prepayJson() {
    return prepayJson(prepayId, codeUrl, h5Url);
  }

  /** A prepay answer: {@code code_url} (Native), {@code h5_url} (H5) or else {@code prepay_id}. */
  static ObjectNode prepayJson(String prepayId, @Nullable String codeUrl, @Nullable String h5Url) {
    ObjectNode json = Json.object();
    if (codeUrl != null) {
      json.put("code_url", codeUrl);
    } else if (h5Url != null) {
      json.put("h5_url", h5Url);
    } else {
      json.put("prepay_id", prepayId);
    }
    return json;
  }

  synchronized SimulatorOrder snapshot() {
    return new SimulatorOrder(
        outTradeNo,
        tradeType,
        state,
        total,
        description,
        notifyUrl,
        createTime,
        timeExpire,
        transactionId,
        successTime,
        codeUrl == null && h5Url == null ? prepayId : null,
        codeUrl,
        h5Url);
  }

  synchronized ObjectNode snapshotJson() {
    ObjectNode json = Json.object();
    json.put("out_trade_no", outTradeNo);
    if (partner) {
      json.put("sub_mchid", subMchid);
    }
    json.put("trade_type", tradeType);
    json.put("trade_state", state);
    json.put("total", total);
    json.put("description", description);
    json.put("notify_url", notifyUrl);
    json.put("create_time", rfc3339(createTime));
    json.put("time_expire", rfc3339(timeExpire));
    if (transactionId != null) {
      json.put("transaction_id", transactionId);
      json.put("success_time", rfc3339(successTime));
    }
    if (codeUrl != null) {
      json.put("code_url", codeUrl);
    } else if (h5Url != null) {
      json.put("h5_url", h5Url);
    } else {
      json.put("prepay_id", prepayId);
    }
    return json;
  }
}
