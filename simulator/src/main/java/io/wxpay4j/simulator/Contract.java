package io.wxpay4j.simulator;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One deduction contract (签约关系) signed, or refused, while its order was paid. Immutable identity;
 * the state fields are guarded by {@code this}.
 */
final class Contract {
  static final String SIGNED = "SIGNED";
  static final String SIGN_FAILED = "SIGN_FAILED";
  static final String TERMINATED = "TERMINATED";

  final String mchid;
  final String appid;
  final long planId;
  final String outContractCode;
  final String contractId;
  final String requestSerial;
  final String displayAccount;
  final String openid;
  final String outTradeNo;
  final @Nullable String contractNotifyUrl;
  final boolean publicKeyRequested;
  final @Nullable Instant signedTime;
  final @Nullable Instant expiredTime;

  private String state;
  private @Nullable String terminationMode;
  private @Nullable Instant terminatedTime;
  private @Nullable String terminationRemark;

  Contract(
      String mchid,
      String appid,
      long planId,
      String outContractCode,
      String contractId,
      String requestSerial,
      String displayAccount,
      String openid,
      String outTradeNo,
      @Nullable String contractNotifyUrl,
      boolean publicKeyRequested,
      String state,
      @Nullable Instant signedTime,
      @Nullable Instant expiredTime) {
    this.mchid = mchid;
    this.appid = appid;
    this.planId = planId;
    this.outContractCode = outContractCode;
    this.contractId = contractId;
    this.requestSerial = requestSerial;
    this.displayAccount = displayAccount;
    this.openid = openid;
    this.outTradeNo = outTradeNo;
    this.contractNotifyUrl = contractNotifyUrl;
    this.publicKeyRequested = publicKeyRequested;
    this.state = state;
    this.signedTime = signedTime;
    this.expiredTime = expiredTime;
  }

  synchronized String state() {
    return state;
  }

  synchronized void terminate(String mode, Instant time, @Nullable String remark) {
    this.state = TERMINATED;
    this.terminationMode = mode;
    this.terminatedTime = time;
    this.terminationRemark = remark;
  }

  /**
   * The display account as WeChat Pay shows it back: first and last character kept, the rest masked
   * ({@code 会员小王} → {@code 会**王}).
   */
  static String mask(String account) {
    int[] points = account.codePoints().toArray();
    if (points.length <= 1) {
      return "*";
    }
    StringBuilder result = new StringBuilder().appendCodePoint(points[0]);
    if (points.length == 2) {
      return result.append('*').toString();
    }
    return result
        .append("*".repeat(points.length - 2))
        .appendCodePoint(points[points.length - 1])
        .toString();
  }

  /** The contract object of the query and terminate answers and of the ENTRUST.* resource. */
  synchronized ObjectNode json() {
    ObjectNode json = Json.object();
    json.put("mchid", mchid);
    json.put("appid", appid);
    json.put("contract_id", contractId);
    json.put("plan_id", planId);
    json.put("out_contract_code", outContractCode);
    json.put("contract_display_account", mask(displayAccount));
    json.put("contract_state", state);
    if (signedTime != null) {
      json.put("contract_signed_time", Order.rfc3339(signedTime));
    }
    if (expiredTime != null) {
      json.put("contract_expired_time", Order.rfc3339(expiredTime));
    }
    json.put("openid", openid);
    if (terminatedTime != null) {
      ObjectNode info = json.putObject("contract_terminate_info");
      info.put("contract_termination_mode", terminationMode);
      info.put("contract_terminated_time", Order.rfc3339(terminatedTime));
      if (terminationRemark != null) {
        info.put("contract_termination_remark", terminationRemark);
      }
    }
    return json;
  }

  /** What the control API shows: the contract without the payer's openid. */
  synchronized ObjectNode snapshotJson() {
    ObjectNode json = json();
    json.remove("openid");
    json.put("contract_display_account", displayAccount);
    json.put("out_trade_no", outTradeNo);
    json.put("request_serial", requestSerial);
    if (contractNotifyUrl != null) {
      json.put("contract_notify_url", contractNotifyUrl);
    }
    return json;
  }

  synchronized SimulatorContract snapshot() {
    return new SimulatorContract(
        planId,
        outContractCode,
        contractId,
        state,
        displayAccount,
        outTradeNo,
        signedTime,
        expiredTime,
        terminationMode,
        terminatedTime);
  }
}
