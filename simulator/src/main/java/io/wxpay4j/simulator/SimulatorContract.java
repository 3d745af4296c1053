package io.wxpay4j.simulator;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one deduction contract (签约关系) signed while paying (支付中签约), as returned by {@link
 * WechatPaySimulator#contracts()} and {@code GET /simulator/contracts}. It never contains the
 * payer's openid.
 */
public final class SimulatorContract {
  private final long planId;
  private final String outContractCode;
  private final String contractId;
  private final String contractState;
  private final String displayAccount;
  private final String outTradeNo;
  private final @Nullable Instant signedTime;
  private final @Nullable Instant expiredTime;
  private final @Nullable String terminationMode;
  private final @Nullable Instant terminatedTime;

  SimulatorContract(
      long planId,
      String outContractCode,
      String contractId,
      String contractState,
      String displayAccount,
      String outTradeNo,
      @Nullable Instant signedTime,
      @Nullable Instant expiredTime,
      @Nullable String terminationMode,
      @Nullable Instant terminatedTime) {
    this.planId = planId;
    this.outContractCode = Objects.requireNonNull(outContractCode);
    this.contractId = Objects.requireNonNull(contractId);
    this.contractState = Objects.requireNonNull(contractState);
    this.displayAccount = Objects.requireNonNull(displayAccount);
    this.outTradeNo = Objects.requireNonNull(outTradeNo);
    this.signedTime = signedTime;
    this.expiredTime = expiredTime;
    this.terminationMode = terminationMode;
    this.terminatedTime = terminatedTime;
  }

  /** The template ({@code plan_id}). */
  public long planId() {
    return planId;
  }

  /** The merchant's contract number: the {@code contract_code} of the signing. */
  public String outContractCode() {
    return outContractCode;
  }

  /** WeChat Pay's contract id ({@code contract_id}). */
  public String contractId() {
    return contractId;
  }

  /** {@code SIGNED}, {@code SIGN_FAILED} or {@code TERMINATED}. */
  public String contractState() {
    return contractState;
  }

  /** The {@code contract_display_account} as sent (answers show it masked). */
  public String displayAccount() {
    return displayAccount;
  }

  /** The order whose payment signed it. */
  public String outTradeNo() {
    return outTradeNo;
  }

  /** When the payer signed; null for {@code SIGN_FAILED}. */
  public @Nullable Instant signedTime() {
    return signedTime;
  }

  /** When it expires (a year after signing); null for {@code SIGN_FAILED}. */
  public @Nullable Instant expiredTime() {
    return expiredTime;
  }

  /** {@code MCH_API_TERMINATE} or {@code USER_TERMINATE} once terminated, else null. */
  public @Nullable String terminationMode() {
    return terminationMode;
  }

  /** When it was terminated, or null. */
  public @Nullable Instant terminatedTime() {
    return terminatedTime;
  }

  @Override
  public String toString() {
    return "SimulatorContract{planId="
        + planId
        + ", outContractCode="
        + outContractCode
        + ", contractId="
        + contractId
        + ", contractState="
        + contractState
        + ", outTradeNo="
        + outTradeNo
        + "}";
  }
}
