package io.wxpay4j.simulator;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One refund (退款) of a paid order and its lifecycle: {@code PROCESSING → SUCCESS | CLOSED |
 * ABNORMAL}, {@code ABNORMAL → PROCESSING} (abnormal refund) or {@code CLOSED}. Immutable request
 * data; the state fields are guarded by {@code this}.
 */
final class Refund {
  static final String PROCESSING = "PROCESSING";
  static final String SUCCESS = "SUCCESS";
  static final String ABNORMAL = "ABNORMAL";
  static final String CLOSED = "CLOSED";

  static final String WALLET = "支付用户零钱";

  final Order order;
  final String refundId;
  final String outRefundNo;
  final boolean partner;
  final @Nullable String subMchid;
  final long amount;
  final long total;
  final String currency;
  final @Nullable String reason;
  final @Nullable String notifyUrl;
  final String fundsAccount;
  final @Nullable JsonNode from;
  final Instant createTime;
  final boolean publicKeyRequested;

  private String status = PROCESSING;
  private String channel = "ORIGINAL";
  private String userReceivedAccount = WALLET;
  private Instant dueAt;
  private int epoch;
  private @Nullable Instant successTime;
  private @Nullable String abnormalType;
  private @Nullable String bankType;
  private @Nullable String bankAccount;
  private @Nullable String realName;

  Refund(
      Order order,
      String refundId,
      JsonNode request,
      Instant createTime,
      Instant dueAt,
      boolean publicKeyRequested) {
    this.order = order;
    this.refundId = refundId;
    this.outRefundNo = request.path("out_refund_no").asString();
    this.partner = request.has("sub_mchid");
    this.subMchid = partner ? request.get("sub_mchid").asString() : null;
    this.amount = request.at("/amount/refund").asLong();
    this.total = request.at("/amount/total").asLong();
    this.currency = request.at("/amount/currency").asString("CNY");
    this.reason = request.has("reason") ? request.get("reason").asString() : null;
    this.notifyUrl = request.has("notify_url") ? request.get("notify_url").asString() : null;
    // Omitted: refunded from unsettled funds.
    this.fundsAccount = request.path("funds_account").asString("UNSETTLED");
    this.from = request.at("/amount/from").isMissingNode() ? null : request.at("/amount/from");
    this.createTime = createTime;
    this.dueAt = dueAt;
    this.publicKeyRequested = publicKeyRequested;
  }

  synchronized String status() {
    return status;
  }

  synchronized int epoch() {
    return epoch;
  }

  synchronized Instant dueAt() {
    return dueAt;
  }

  /** Enters {@code PROCESSING} (again) until {@code dueAt}; returns the new epoch. */
  synchronized int process(Instant dueAt) {
    this.status = PROCESSING;
    this.dueAt = dueAt;
    return ++epoch;
  }

  synchronized void succeed(Instant successTime) {
    this.status = SUCCESS;
    this.successTime = successTime;
    epoch++;
  }

  synchronized void abnormal() {
    this.status = ABNORMAL;
    epoch++;
  }

  synchronized void close() {
    this.status = CLOSED;
    epoch++;
  }

  /** The state a journal kept: status, where the money went, when it succeeded. */
  synchronized void restore(
      String status,
      String channel,
      String userReceivedAccount,
      @Nullable Instant successTime,
      @Nullable String abnormalType,
      @Nullable String bankType,
      @Nullable String bankAccount,
      @Nullable String realName) {
    this.status = status;
    this.channel = channel;
    this.userReceivedAccount = userReceivedAccount;
    this.successTime = successTime;
    this.abnormalType = abnormalType;
    this.bankType = bankType;
    this.bankAccount = bankAccount;
    this.realName = realName;
  }

  /** Records where an abnormal refund sends the money (the decrypted fields stay in memory). */
  synchronized void redirect(
      String type,
      @Nullable String bankType,
      @Nullable String bankAccount,
      @Nullable String realName,
      String userReceivedAccount) {
    this.abnormalType = type;
    this.bankType = bankType;
    this.bankAccount = bankAccount;
    this.realName = realName;
    this.channel = "OTHER_BANKCARD";
    this.userReceivedAccount = userReceivedAccount;
  }

  /** The refund as create, query and abnormal refund answer it (Refund, §3). */
  synchronized ObjectNode refundJson() {
    ObjectNode json = Json.object();
    json.put("refund_id", refundId);
    json.put("out_refund_no", outRefundNo);
    json.put("transaction_id", order.transactionId());
    json.put("out_trade_no", order.outTradeNo);
    json.put("channel", channel);
    json.put("user_received_account", userReceivedAccount);
    if (successTime != null) {
      json.put("success_time", Order.rfc3339(successTime));
    }
    json.put("create_time", Order.rfc3339(createTime));
    json.put("status", status);
    json.put("funds_account", fundsAccount);
    ObjectNode amounts = json.putObject("amount");
    amounts.put("total", total);
    amounts.put("refund", amount);
    if (from != null) {
      amounts.set("from", from);
    }
    // No coupons in the simulator: the payer paid the total in cash and gets the refund in cash.
    amounts.put("payer_total", total);
    amounts.put("payer_refund", amount);
    amounts.put("settlement_refund", amount);
    amounts.put("settlement_total", total);
    amounts.put("discount_refund", 0);
    amounts.put("currency", currency);
    json.putArray("promotion_detail");
    return json;
  }

  /** The decrypted resource of a refund notification (RefundNotification, §8). */
  synchronized ObjectNode notificationJson() {
    ObjectNode json = Json.object();
    if (partner) {
      json.put("sp_mchid", order.mchid);
      json.put("sub_mchid", subMchid);
    } else {
      json.put("mchid", order.mchid);
    }
    json.put("out_trade_no", order.outTradeNo);
    json.put("transaction_id", order.transactionId());
    json.put("out_refund_no", outRefundNo);
    json.put("refund_id", refundId);
    json.put("refund_status", status);
    if (successTime != null) {
      json.put("success_time", Order.rfc3339(successTime));
    }
    json.put("user_received_account", userReceivedAccount);
    ObjectNode amounts = json.putObject("amount");
    amounts.put("total", total);
    amounts.put("refund", amount);
    amounts.put("payer_total", total);
    amounts.put("payer_refund", amount);
    return json;
  }

  synchronized SimulatorRefund snapshot() {
    return new SimulatorRefund(
        outRefundNo,
        refundId,
        order.outTradeNo,
        order.transactionId(),
        subMchid,
        status,
        channel,
        userReceivedAccount,
        amount,
        total,
        reason,
        notifyUrl,
        createTime,
        successTime,
        abnormalType,
        bankType,
        bankAccount,
        realName);
  }

  /** The control API's view: no decrypted bank data, only the card's last four digits. */
  synchronized ObjectNode snapshotJson() {
    ObjectNode json = Json.object();
    json.put("out_refund_no", outRefundNo);
    json.put("refund_id", refundId);
    json.put("out_trade_no", order.outTradeNo);
    json.put("transaction_id", order.transactionId());
    if (partner) {
      json.put("sub_mchid", subMchid);
    }
    json.put("status", status);
    json.put("channel", channel);
    json.put("user_received_account", userReceivedAccount);
    json.put("refund", amount);
    json.put("total", total);
    if (reason != null) {
      json.put("reason", reason);
    }
    if (notifyUrl != null) {
      json.put("notify_url", notifyUrl);
    }
    json.put("create_time", Order.rfc3339(createTime));
    if (PROCESSING.equals(status)) {
      json.put("due_time", Order.rfc3339(dueAt));
    }
    if (successTime != null) {
      json.put("success_time", Order.rfc3339(successTime));
    }
    if (abnormalType != null) {
      ObjectNode abnormal = json.putObject("abnormal_refund");
      abnormal.put("type", abnormalType);
      if (bankType != null) {
        abnormal.put("bank_type", bankType);
      }
      if (bankAccount != null) {
        abnormal.put("bank_account_last4", last4(bankAccount));
      }
    }
    return json;
  }

  static String last4(String account) {
    return account.length() <= 4 ? account : account.substring(account.length() - 4);
  }
}
