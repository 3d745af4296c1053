package io.wxpay4j.simulator;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The merchant's refunds (退款): the business rules of {@code createRefund}, {@code
 * queryRefundByOutRefundNo} and {@code applyAbnormalRefund}, and the lifecycle. A refund is {@code
 * PROCESSING} until {@code refundDelay} has passed on the simulator's clock (checked whenever a
 * refund is read or the clock is advanced) or, in real time, {@code refundDelay × time scale} (the
 * notifications' scale) has passed; then {@code SUCCESS}. The control API can make it {@code
 * SUCCESS}, {@code ABNORMAL} or {@code CLOSED} first. Every entry into {@code SUCCESS}, {@code
 * ABNORMAL} or {@code CLOSED} is notified.
 */
final class RefundBook {
  static final int MAX_REFUNDS_PER_ORDER = 50;
  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  static final Duration REFUND_WINDOW = Duration.ofDays(365);

  /** Told of every refund that enters SUCCESS, ABNORMAL or CLOSED. */
  interface Listener {
    void changed(Refund refund, String eventType);
  }

  private static final Map<String, String> BANK_NAMES =
      Map.ofEntries(
          Map.entry("CMB_DEBIT", "招商银行"),
          Map.entry("COMM_DEBIT", "交通银行"),
          Map.entry("ABC_DEBIT", "农业银行"),
          Map.entry("CCB_DEBIT", "建设银行"),
          Map.entry("ICBC_DEBIT", "工商银行"),
          Map.entry("BOC_DEBIT", "中国银行"),
          Map.entry("PAB_DEBIT", "平安银行"),
          Map.entry("SPDB_DEBIT", "浦发银行"),
          Map.entry("CITIC_DEBIT", "中信银行"),
          Map.entry("CEB_DEBIT", "光大银行"),
          Map.entry("CMBC_DEBIT", "民生银行"),
          Map.entry("CIB_DEBIT", "兴业银行"),
          Map.entry("GDB_DEBIT", "广发银行"),
          Map.entry("PSBC_DEBIT", "邮储银行"),
          Map.entry("NBCB_DEBIT", "宁波银行"));

  private final Crypto crypto;
  private final OrderBook orders;
  private final Supplier<Instant> clock;
  private final ScheduledExecutorService executor;
  private final double timeScale;
  private final Duration delay;
  private final Listener listener;

  /** Told about new refunds and state changes (the journal of a persistent simulator). */
  volatile StateListener changes = StateListener.NONE;

  private final Map<String, Refund> byOutRefundNo = new ConcurrentHashMap<>();
  private final Map<String, Refund> byRefundId = new ConcurrentHashMap<>();
  private final Map<Order, List<Refund>> byOrder = new ConcurrentHashMap<>();
  private volatile long generation;

  RefundBook(
      Crypto crypto,
      OrderBook orders,
      Supplier<Instant> clock,
      ScheduledExecutorService executor,
      double timeScale,
      Duration delay,
      Listener listener) {
    this.crypto = crypto;
    this.orders = orders;
    this.clock = clock;
    this.executor = executor;
    this.timeScale = timeScale;
    this.delay = delay;
    this.listener = listener;
  }

  /**
   * {@code createRefund}: checks, then a new refund or the one this {@code out_refund_no} made;
   * returns the answer, made before the completion is scheduled (so it is {@code PROCESSING} even
   * when the delay is tiny).
   */
  ObjectNode create(JsonNode body, boolean publicKeyRequested) throws ApiError {
    boolean partner = body.has("sub_mchid");
    String subMchid = partner ? body.get("sub_mchid").asString() : null;
    if (partner) {
      orders.checkSubMerchant(subMchid);
    }
    JsonNode transactionId = body.path("transaction_id");
    JsonNode outTradeNo = body.path("out_trade_no");
    if (transactionId.isMissingNode() && outTradeNo.isMissingNode()) {
      throw ApiError.paramError(
          "/transaction_id", null, "one of transaction_id and out_trade_no is required", "body");
    }
    JsonNode currency = body.at("/amount/currency");
    if (!"CNY".equals(currency.asString())) {
      throw ApiError.paramError(
          "/amount/currency", currency, "domestic merchants refund only CNY", "body");
    }
    if (body.has("notify_url")) {
      OrderBook.checkNotifyUrl(body.get("notify_url"));
    }
    checkFrom(body);
    Order order = order(transactionId, outTradeNo, partner, subMchid);
    Instant now = clock.get();
    Refund refund;
    int epoch;
    synchronized (this) {
      String outRefundNo = body.path("out_refund_no").asString();
      Refund existing = byOutRefundNo.get(outRefundNo);
      if (existing != null) {
        return reenter(existing, order, body, now).refundJson();
      }
      long total = body.at("/amount/total").asLong();
      if (total != order.total) {
        throw ApiError.paramError(
            "/amount/total",
            body.at("/amount/total"),
            "must equal the order total " + order.total + " (原订单金额)",
            "body");
      }
      Instant paidAt = Objects.requireNonNull(order.successTime());
      if (!now.isBefore(paidAt.plus(REFUND_WINDOW))) {
        throw invalid(
            "订单已超过退款期限 (refunds are accepted for 365 days after payment; paid "
                + Order.rfc3339(paidAt)
                + ")");
      }
      List<Refund> earlier = byOrder.getOrDefault(order, List.of());
      if (earlier.size() >= MAX_REFUNDS_PER_ORDER) {
        throw invalid(
            "退款次数超过限制 (an order can have at most "
                + MAX_REFUNDS_PER_ORDER
                + " refunds; "
                + order.outTradeNo
                + " has "
                + earlier.size()
                + ")");
      }
      if (!earlier.isEmpty()) {
        Instant last = earlier.get(earlier.size() - 1).createTime;
        if (now.isBefore(last.plus(MIN_INTERVAL))) {
          throw invalid(
              "同一笔订单多次退款的请求需相隔1分钟 (the previous refund of "
                  + order.outTradeNo
                  + " was accepted at "
                  + Order.rfc3339(last)
                  + ")");
        }
      }
      long refunded = 0;
      for (Refund other : earlier) {
        if (!Refund.CLOSED.equals(other.status())) {
          refunded += other.amount;
        }
      }
      long amount = body.at("/amount/refund").asLong();
      if (amount > order.total - refunded) {
        throw invalid(
            "申请退款金额超过订单可退金额 (refund "
                + amount
                + " > refundable "
                + (order.total - refunded)
                + " of total "
                + order.total
                + ")");
      }
      refund = new Refund(order, newRefundId(now), body, now, now.plus(delay), publicKeyRequested);
      epoch = refund.process(now.plus(delay));
      byOutRefundNo.put(refund.outRefundNo, refund);
      byRefundId.put(refund.refundId, refund);
      List<Refund> list = new ArrayList<>(earlier);
      list.add(refund);
      byOrder.put(order, List.copyOf(list));
      order.markRefund();
    }
    ObjectNode answer = refund.refundJson();
    schedule(refund, epoch);
    changes.refund(refund);
    return answer;
  }

  /** The same {@code out_refund_no}: the same refund if order and amounts match, else an error. */
  private Refund reenter(Refund existing, Order order, JsonNode body, Instant now) throws ApiError {
    if (existing.order != order
        || existing.amount != body.at("/amount/refund").asLong()
        || existing.total != body.at("/amount/total").asLong()) {
      throw invalid(
          "订单金额或退款金额与之前请求不一致，请核实后再试 (out_refund_no "
              + existing.outRefundNo
              + " was used for a refund of "
              + existing.amount
              + " of order "
              + existing.order.outTradeNo
              + ")");
    }
    settle(existing, now);
    return existing;
  }

  /** The paid order the request names, for this party (direct, or partner with this sub_mchid). */
  private Order order(
      JsonNode transactionId, JsonNode outTradeNo, boolean partner, @Nullable String subMchid)
      throws ApiError {
    Order byId =
        transactionId.isMissingNode() ? null : orders.byTransactionId(transactionId.asString());
    Order byNo = outTradeNo.isMissingNode() ? null : orders.byOutTradeNo(outTradeNo.asString());
    if (!transactionId.isMissingNode() && !outTradeNo.isMissingNode() && byId != byNo) {
      throw invalid(
          "transaction_id和out_trade_no不匹配 (they name different orders; send only transaction_id)");
    }
    Order order = byId != null ? byId : byNo;
    String name =
        transactionId.isMissingNode()
            ? "out_trade_no " + outTradeNo.asString()
            : "transaction_id " + transactionId.asString();
    if (order == null
        || order.partner != partner
        || (partner && !Objects.equals(order.subMchid, subMchid))) {
      throw new ApiError(404, "RESOURCE_NOT_EXISTS", "订单不存在 (no order has " + name + ")");
    }
    if (!order.paid()) {
      throw new ApiError(
          404,
          "RESOURCE_NOT_EXISTS",
          "订单不存在 (order "
              + order.outTradeNo
              + " is "
              + order.state()
              + ": only paid orders can be refunded)");
    }
    return order;
  }

  private static void checkFrom(JsonNode body) throws ApiError {
    JsonNode from = body.at("/amount/from");
    if (from.isMissingNode()) {
      return;
    }
    long sum = 0;
    Set<String> accounts = new HashSet<>();
    for (JsonNode item : from) {
      sum += item.path("amount").asLong();
      if (!accounts.add(item.path("account").asString())) {
        throw ApiError.paramError(
            "/amount/from", null, "each account may appear at most once", "body");
      }
    }
    if (sum != body.at("/amount/refund").asLong()) {
      throw ApiError.paramError(
          "/amount/from", null, "the amounts must sum to amount.refund", "body");
    }
  }

  /** {@code queryRefundByOutRefundNo}: the refund, if it belongs to this party. */
  Refund query(Map<String, String> query, String outRefundNo) throws ApiError {
    String subMchid = query.get("sub_mchid");
    if (subMchid != null) {
      orders.checkSubMerchant(subMchid);
    }
    Refund refund = find(outRefundNo, subMchid);
    settle(refund, clock.get());
    return refund;
  }

  private Refund find(String outRefundNo, @Nullable String subMchid) throws ApiError {
    Refund refund = byOutRefundNo.get(outRefundNo);
    if (refund == null
        || refund.partner != (subMchid != null)
        || !Objects.equals(refund.subMchid, subMchid)) {
      throw notFound("out_refund_no " + outRefundNo);
    }
    return refund;
  }

  /**
   * {@code applyAbnormalRefund}: an {@code ABNORMAL} refund goes to another card, {@code
   * PROCESSING} again. {@code bank_account} and {@code real_name} are decrypted with the private
   * key that {@code Wechatpay-Serial} names.
   */
  ObjectNode applyAbnormal(
      String refundId,
      JsonNode body,
      @Nullable String serial,
      Function<String, @Nullable PrivateKey> decryptionKeys)
      throws ApiError {
    String subMchid = body.has("sub_mchid") ? body.get("sub_mchid").asString() : null;
    if (subMchid != null) {
      orders.checkSubMerchant(subMchid);
    }
    Refund refund = byRefundId.get(refundId);
    if (refund == null
        || refund.partner != (subMchid != null)
        || !Objects.equals(refund.subMchid, subMchid)) {
      throw notFound("refund_id " + refundId);
    }
    if (!refund.outRefundNo.equals(body.path("out_refund_no").asString())) {
      throw ApiError.paramError(
          "/out_refund_no",
          body.path("out_refund_no"),
          "is not the out_refund_no of refund " + refundId,
          "body");
    }
    String type = body.path("type").asString();
    String bankType = body.has("bank_type") ? body.get("bank_type").asString() : null;
    if (type.equals("USER_BANK_CARD")) {
      for (String field : List.of("bank_type", "bank_account", "real_name")) {
        if (!body.has(field)) {
          throw ApiError.paramError("/" + field, null, "is required for USER_BANK_CARD", "body");
        }
      }
    }
    String bankAccount = null;
    String realName = null;
    if (body.has("bank_account") || body.has("real_name")) {
      if (serial == null || serial.isEmpty()) {
        throw ApiError.paramError(
            "Wechatpay-Serial",
            null,
            "is required when bank_account or real_name is sent: name the key that encrypted them",
            "header");
      }
      PrivateKey key = decryptionKeys.apply(serial);
      if (key == null) {
        throw ApiError.paramError(
            "Wechatpay-Serial",
            StringNode.valueOf(serial),
            "names no WeChat Pay public key or platform certificate of this merchant",
            "header");
      }
      bankAccount = decrypt(body, "bank_account", key, serial);
      realName = decrypt(body, "real_name", key, serial);
      if (bankAccount != null && !bankAccount.matches("[0-9]{8,32}")) {
        throw ApiError.paramError(
            "/bank_account", null, "must decrypt to a card number of 8 to 32 digits", "body");
      }
      if (realName != null && realName.isBlank()) {
        throw ApiError.paramError("/real_name", null, "must decrypt to a name", "body");
      }
    }
    Instant now = clock.get();
    int epoch;
    ObjectNode answer;
    synchronized (refund) {
      settle(refund, now);
      String status = refund.status();
      if (!Refund.ABNORMAL.equals(status)) {
        throw invalid(
            "退款单状态不是退款异常 (refund "
                + refundId
                + " is "
                + status
                + "; only an ABNORMAL refund can be sent to another account)");
      }
      String account =
          type.equals("USER_BANK_CARD")
              ? BANK_NAMES.getOrDefault(bankType, "银行") + "借记卡" + Refund.last4(bankAccount)
              : "商户结算银行账户";
      refund.redirect(type, bankType, bankAccount, realName, account);
      epoch = refund.process(now.plus(delay));
      answer = refund.refundJson();
    }
    schedule(refund, epoch);
    changes.refund(refund);
    return answer;
  }

  private static @Nullable String decrypt(
      JsonNode body, String field, PrivateKey key, String serial) throws ApiError {
    if (!body.has(field)) {
      return null;
    }
    try {
      return Crypto.decryptOaep(key, body.get(field).asString());
    } catch (GeneralSecurityException e) {
      throw ApiError.paramError(
          "/" + field,
          null,
          "cannot be decrypted with the private key of Wechatpay-Serial "
              + serial
              + ": encrypt with that key, RSA/ECB/OAEPWithSHA-1AndMGF1Padding, Base64",
          "body");
    }
  }

  /** The control API: PROCESSING becomes SUCCESS now. */
  Refund succeed(String outRefundNo) throws ApiError {
    Refund refund = control(outRefundNo);
    Instant now = clock.get();
    synchronized (refund) {
      settle(refund, now);
      requireStatus(refund, Refund.PROCESSING);
      refund.succeed(now);
    }
    listener.changed(refund, "REFUND.SUCCESS");
    changes.refund(refund);
    return refund;
  }

  /** The control API: PROCESSING becomes ABNORMAL (the payer's account refused the money). */
  Refund abnormal(String outRefundNo) throws ApiError {
    Refund refund = control(outRefundNo);
    synchronized (refund) {
      settle(refund, clock.get());
      requireStatus(refund, Refund.PROCESSING);
      refund.abnormal();
    }
    listener.changed(refund, "REFUND.ABNORMAL");
    changes.refund(refund);
    return refund;
  }

  /** The control API: PROCESSING or ABNORMAL becomes CLOSED. */
  Refund close(String outRefundNo) throws ApiError {
    Refund refund = control(outRefundNo);
    synchronized (refund) {
      settle(refund, clock.get());
      requireStatus(refund, Refund.PROCESSING, Refund.ABNORMAL);
      refund.close();
    }
    listener.changed(refund, "REFUND.CLOSED");
    changes.refund(refund);
    return refund;
  }

  private static void requireStatus(Refund refund, String... allowed) throws ApiError {
    String status = refund.status();
    for (String candidate : allowed) {
      if (candidate.equals(status)) {
        return;
      }
    }
    throw new ApiError(
        409,
        "REFUND_NOT_CHANGEABLE",
        "refund " + refund.outRefundNo + " is " + status + ", not " + String.join(" or ", allowed));
  }

  /** A refund by {@code out_refund_no} for the control API, whoever it belongs to. */
  Refund control(String outRefundNo) throws ApiError {
    Refund refund = byOutRefundNo.get(outRefundNo);
    if (refund == null) {
      throw notFound("out_refund_no " + outRefundNo);
    }
    settle(refund, clock.get());
    return refund;
  }

  /** Every refund, oldest first, each settled against the clock. */
  List<Refund> all() {
    Instant now = clock.get();
    List<Refund> result = new ArrayList<>(byOutRefundNo.values());
    result.sort(Comparator.comparing((Refund r) -> r.createTime).thenComparing(r -> r.refundId));
    for (Refund refund : result) {
      settle(refund, now);
    }
    return result;
  }

  /** Completes every refund whose delay has passed on the simulator's clock. */
  void settleDue(Instant now) {
    for (Refund refund : byOutRefundNo.values()) {
      settle(refund, now);
    }
  }

  private void settle(Refund refund, Instant now) {
    int epoch;
    synchronized (refund) {
      if (!Refund.PROCESSING.equals(refund.status()) || now.isBefore(refund.dueAt())) {
        return;
      }
      epoch = refund.epoch();
    }
    complete(refund, epoch, generation);
  }

  /** In real time, {@code delay × time scale} after entering PROCESSING: complete it. */
  private void schedule(Refund refund, int epoch) {
    long scheduledGeneration = generation;
    long nanos = (long) (delay.toNanos() * timeScale);
    try {
      executor.schedule(
          () -> complete(refund, epoch, scheduledGeneration), nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the simulator is closing
    }
  }

  /** PROCESSING (still in the same epoch) becomes SUCCESS, at its due time at the latest. */
  private void complete(Refund refund, int epoch, long scheduledGeneration) {
    if (scheduledGeneration != generation) {
      return; // reset() since
    }
    Instant now = clock.get();
    synchronized (refund) {
      if (!Refund.PROCESSING.equals(refund.status()) || refund.epoch() != epoch) {
        return;
      }
      Instant due = refund.dueAt();
      refund.succeed(now.isAfter(due) ? due : now);
    }
    listener.changed(refund, "REFUND.SUCCESS");
    changes.refund(refund);
  }

  /**
   * Puts back a refund kept by the journal (its state already restored); a {@code PROCESSING} one
   * completes after its due time as usual.
   */
  void restore(Refund refund) {
    int epoch = -1;
    synchronized (this) {
      byOutRefundNo.put(refund.outRefundNo, refund);
      byRefundId.put(refund.refundId, refund);
      List<Refund> list = new ArrayList<>(byOrder.getOrDefault(refund.order, List.of()));
      list.add(refund);
      list.sort(Comparator.comparing((Refund r) -> r.createTime));
      byOrder.put(refund.order, List.copyOf(list));
      if (Refund.PROCESSING.equals(refund.status())) {
        epoch = refund.epoch();
      }
    }
    if (epoch >= 0) {
      schedule(refund, epoch);
    }
  }

  /** The refunds of an order, oldest first, as they are (not settled against the clock). */
  List<Refund> of(Order order) {
    return byOrder.getOrDefault(order, List.of());
  }

  /** Every refund as it is (not settled against the clock): what the journal writes. */
  List<Refund> stored() {
    List<Refund> result = new ArrayList<>(byOutRefundNo.values());
    result.sort(Comparator.comparing((Refund r) -> r.createTime).thenComparing(r -> r.refundId));
    return result;
  }

  /** True while this refund object is the one kept under its {@code out_refund_no}. */
  boolean holds(Refund refund) {
    return byOutRefundNo.get(refund.outRefundNo) == refund;
  }

  /** Forgets the refunds of an evicted order. */
  synchronized void removeOrder(Order order) {
    List<Refund> refunds = byOrder.remove(order);
    if (refunds != null) {
      for (Refund refund : refunds) {
        byOutRefundNo.remove(refund.outRefundNo, refund);
        byRefundId.remove(refund.refundId, refund);
      }
    }
  }

  synchronized void clear() {
    generation++;
    byOutRefundNo.clear();
    byRefundId.clear();
    byOrder.clear();
  }

  private String newRefundId(Instant now) {
    return "5030"
        + crypto.randomDigits(10)
        + DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atOffset(ZoneOffset.ofHours(8)))
        + crypto.randomDigits(7);
  }

  private static ApiError invalid(String message) {
    return new ApiError(400, "INVALID_REQUEST", message);
  }

  private static ApiError notFound(String what) {
    return new ApiError(404, "RESOURCE_NOT_EXISTS", "退款单不存在 (no refund has " + what + ")");
  }
}
