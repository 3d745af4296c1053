package io.wxpay4j.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * 支付中签约 (pay and sign a deduction contract): the merchant's templates (plans), the with-contract
 * prepays' business rules, the contracts signed when their orders are paid, and the papay query and
 * terminate. Rules the reference leaves unconfirmed are the simulator's choice and say so in their
 * messages: the error codes, and a second signing by a payer who already has a contract under the
 * plan ending {@code SIGN_FAILED} (one active contract per user per plan).
 */
final class ContractBook {
  /** The template every simulator has unless configured otherwise. */
  static final long DEFAULT_PLAN_ID = 12535;

  static final String DEFAULT_PLAN_NAME = "wxpay4j 测试模板 (TEST ONLY)";

  /** How long a signed contract runs in the simulator. */
  static final Duration VALIDITY = Duration.ofDays(365);

  /** Told of every contract notice to send: the contract, the event type and where. */
  interface Listener {
    void notice(Contract contract, String eventType, String url);
  }

  /** What a with-contract order asks to sign once paid. */
  private static final class Signing {
    final long planId;
    final String contractCode;
    final String requestSerial;
    final String displayAccount;
    final @Nullable String notifyUrl;

    Signing(JsonNode info) {
      this.planId = Long.parseLong(info.path("plan_id").asString());
      this.contractCode = info.path("contract_code").asString();
      this.requestSerial = info.path("request_serial").asString();
      this.displayAccount = info.path("contract_display_account").asString();
      this.notifyUrl =
          info.hasNonNull("contract_notify_url")
              ? info.get("contract_notify_url").asString()
              : null;
    }
  }

  private static final List<String> SIGNING_MEMBERS =
      List.of(
          "plan_id",
          "contract_mchid",
          "contract_appid",
          "contract_code",
          "request_serial",
          "contract_display_account");

  private final Crypto crypto;
  private final OrderBook orders;
  private final Listener listener;
  private final Map<Long, ContractPlan> plans = new ConcurrentHashMap<>();
  private final Map<String, Signing> pending = new ConcurrentHashMap<>();
  private final Map<String, String> contractCodes = new ConcurrentHashMap<>();
  private final Map<String, String> requestSerials = new ConcurrentHashMap<>();

  /** By plan and contract code, in signing order; guarded by {@code this}. */
  private final Map<String, Contract> contracts = new LinkedHashMap<>();

  /** Told about contracts and templates (the journal of a persistent simulator). */
  volatile StateListener changes = StateListener.NONE;

  ContractBook(Crypto crypto, OrderBook orders, Collection<ContractPlan> plans, Listener listener) {
    this.crypto = crypto;
    this.orders = orders;
    this.listener = listener;
    configure(new ContractPlan(DEFAULT_PLAN_ID, DEFAULT_PLAN_NAME, null));
    for (ContractPlan plan : plans) {
      configure(plan);
    }
  }

  /** Adds a template, or replaces the one with its {@code plan_id} (as 商户平台 does). */
  void configure(ContractPlan plan) {
    plans.put(plan.planId, plan);
    changes.plan(plan);
  }

  List<ContractPlan> plans() {
    List<ContractPlan> result = new ArrayList<>(plans.values());
    result.sort(Comparator.comparingLong(p -> p.planId));
    return result;
  }

  private static String key(long planId, String outContractCode) {
    return planId + "/" + outContractCode;
  }

  /**
   * {@code prepayAppWithContract} / {@code prepayJsapiWithContract}: the contract rules, then the
   * order as for a plain prepay (re-entry included); the signing waits for the payment.
   */
  synchronized ObjectNode prepay(
      String operationId,
      String headerMchid,
      JsonNode body,
      Instant now,
      boolean publicKeyRequested)
      throws ApiError {
    JsonNode info = body.path("contract_info");
    if (info.has("token") || info.has("password_free_contract_id")) {
      throw new ApiError(
          403,
          "NO_AUTH",
          "无可用的预授权/免密协议 (the simulator does not simulate paying under an existing authorisation:"
              + " send the signing members of contract_info instead)");
    }
    for (String member : SIGNING_MEMBERS) {
      if (!info.hasNonNull(member)) {
        throw ApiError.paramError(
            "/contract_info/" + member, null, "is required to sign while paying", "body");
      }
    }
    if (info.hasNonNull("contract_notify_url")) {
      OrderBook.checkNotifyUrl(
          info.get("contract_notify_url"), "/contract_info/contract_notify_url");
    }
    String planText = info.path("plan_id").asString();
    // The spec allows 28 digits; a template id beyond a long is no template of this merchant.
    long planId = planText.length() <= 18 ? Long.parseLong(planText) : -1;
    if (!plans.containsKey(planId)) {
      throw ApiError.paramError(
          "/contract_info/plan_id",
          info.path("plan_id"),
          "委托代扣模板不存在 (no template " + planText + " is configured for this merchant)",
          "body");
    }
    String outTradeNo = body.path("out_trade_no").asString();
    String code = info.path("contract_code").asString();
    String owner = contractCodes.get(code);
    if (owner != null && !owner.equals(outTradeNo)) {
      throw new ApiError(
          400,
          "INVALID_REQUEST",
          "签约协议号重复 (contract_code "
              + code
              + " was used by order "
              + owner
              + "; a contract_code is never re-used, not even after a failure or a termination)");
    }
    String serial = info.path("request_serial").asString();
    String serialOwner = requestSerials.get(serial);
    if (serialOwner != null && !serialOwner.equals(outTradeNo)) {
      throw new ApiError(
          400,
          "INVALID_REQUEST",
          "请求序列号重复 (request_serial " + serial + " was used by order " + serialOwner + ")");
    }
    ObjectNode answer = orders.prepay(operationId, headerMchid, body, now, publicKeyRequested);
    if (owner == null) {
      contractCodes.put(code, outTradeNo);
      requestSerials.put(serial, outTradeNo);
      pending.put(outTradeNo, new Signing(info));
    }
    return answer;
  }

  /** True if {@code order} is a with-contract order whose payment has not signed yet. */
  boolean awaitsSigning(Order order) {
    return pending.containsKey(order.outTradeNo);
  }

  /**
   * The order was just paid: the payer signs ({@code sign}) or not. A signed contract is notified
   * ({@code ENTRUST.SIGN}) to {@code contract_notify_url} if one was given; a refused signing, or a
   * second one by a payer with an active contract under the plan, ends {@code SIGN_FAILED} with no
   * notice.
   */
  void paid(Order order, boolean sign, Instant now) {
    Signing signing = pending.remove(order.outTradeNo);
    if (signing == null) {
      return;
    }
    String openid = Objects.requireNonNull(order.payerOpenid(), "a paid order has a payer");
    Contract contract;
    synchronized (this) {
      boolean active =
          contracts.values().stream()
              .anyMatch(
                  c ->
                      c.planId == signing.planId
                          && c.openid.equals(openid)
                          && Contract.SIGNED.equals(c.state()));
      boolean signed = sign && !active;
      contract =
          new Contract(
              order.mchid,
              order.appid,
              signing.planId,
              signing.contractCode,
              newContractId(now),
              signing.requestSerial,
              signing.displayAccount,
              openid,
              order.outTradeNo,
              signing.notifyUrl,
              order.publicKeyRequested,
              signed ? Contract.SIGNED : Contract.SIGN_FAILED,
              signed ? now : null,
              signed ? now.plus(VALIDITY) : null);
      contracts.put(key(signing.planId, signing.contractCode), contract);
    }
    changes.contract(contract);
    if (Contract.SIGNED.equals(contract.state()) && signing.notifyUrl != null) {
      listener.notice(contract, "ENTRUST.SIGN", signing.notifyUrl);
    }
  }

  /**
   * Puts back what a journal kept of a with-contract order: its contract code and request serial
   * stay taken, and an unpaid order still waits to sign. Plain orders are ignored.
   */
  synchronized void restoreOrder(Order order) {
    JsonNode info = order.request.path("contract_info");
    if (!order.operationId.endsWith("WithContract") || !info.isObject()) {
      return;
    }
    contractCodes.put(info.path("contract_code").asString(), order.outTradeNo);
    requestSerials.put(info.path("request_serial").asString(), order.outTradeNo);
    if (Order.NOTPAY.equals(order.state())) {
      pending.put(order.outTradeNo, new Signing(info));
    }
  }

  /** Puts back a contract kept by the journal. */
  synchronized void restore(Contract contract) {
    contracts.put(key(contract.planId, contract.outContractCode), contract);
  }

  /** True while this contract object is the one kept under its plan and code. */
  synchronized boolean holds(Contract contract) {
    return contracts.get(key(contract.planId, contract.outContractCode)) == contract;
  }

  /** Forgets what belongs to an evicted order: its contract, pending signing, code and serial. */
  synchronized void removeOrder(Order order) {
    pending.remove(order.outTradeNo);
    contractCodes.values().removeIf(order.outTradeNo::equals);
    requestSerials.values().removeIf(order.outTradeNo::equals);
    contracts.values().removeIf(contract -> contract.outTradeNo.equals(order.outTradeNo));
  }

  /** {@code queryContract}. */
  Contract query(String headerMchid, long planId, String outContractCode) throws ApiError {
    Contract contract = find(planId, outContractCode);
    if (!contract.mchid.equals(headerMchid)) {
      throw notFound(planId, outContractCode);
    }
    return contract;
  }

  /** {@code terminateContract}: the merchant ends a signed contract. */
  ObjectNode terminate(
      String headerMchid, long planId, String outContractCode, JsonNode body, Instant now)
      throws ApiError {
    Contract contract = query(headerMchid, planId, outContractCode);
    end(contract, "MCH_API_TERMINATE", now, body.path("contract_termination_remark").asString());
    return contract.json();
  }

  /** The payer ends the contract in WeChat (解约 by the user). */
  Contract terminateAsPayer(long planId, String outContractCode, Instant now) throws ApiError {
    Contract contract = find(planId, outContractCode);
    end(contract, "USER_TERMINATE", now, null);
    return contract;
  }

  private void end(Contract contract, String mode, Instant now, @Nullable String remark)
      throws ApiError {
    synchronized (contract) {
      if (!Contract.SIGNED.equals(contract.state())) {
        // The real code for this case is undocumented; INVALID_REQUEST is the common one.
        throw new ApiError(
            400,
            "INVALID_REQUEST",
            "签约关系不是已签约状态 (contract "
                + contract.outContractCode
                + " is "
                + contract.state()
                + ": only a SIGNED contract can be terminated)");
      }
      contract.terminate(mode, now, remark);
    }
    changes.contract(contract);
    ContractPlan plan = plans.get(contract.planId);
    if (plan != null && plan.terminateNotifyUrl != null) {
      listener.notice(contract, "ENTRUST.TERMINATE", plan.terminateNotifyUrl);
    }
  }

  synchronized Contract find(long planId, String outContractCode) throws ApiError {
    Contract contract = contracts.get(key(planId, outContractCode));
    if (contract == null) {
      throw notFound(planId, outContractCode);
    }
    return contract;
  }

  private static ApiError notFound(long planId, String outContractCode) {
    return new ApiError(
        404,
        "RESOURCE_NOT_EXISTS",
        "签约关系不存在 (no contract of plan_id "
            + planId
            + " has out_contract_code "
            + outContractCode
            + ")");
  }

  /** Every contract, oldest first. */
  synchronized List<Contract> all() {
    return new ArrayList<>(contracts.values());
  }

  /** Forgets contracts and pending signings; keeps the templates (merchant configuration). */
  synchronized void clear() {
    pending.clear();
    contractCodes.clear();
    requestSerials.clear();
    contracts.clear();
  }

  /** The templates as the control API shows them. */
  List<ObjectNode> plansJson() {
    List<ObjectNode> result = new ArrayList<>();
    for (ContractPlan plan : plans()) {
      ObjectNode json = Json.object();
      json.put("plan_id", plan.planId);
      json.put("plan_name", plan.name);
      if (plan.terminateNotifyUrl != null) {
        json.put("terminate_notify_url", plan.terminateNotifyUrl);
      }
      result.add(json);
    }
    return result;
  }

  private String newContractId(Instant now) {
    return DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atOffset(ZoneOffset.ofHours(8)))
        + crypto.randomDigits(10);
  }
}
