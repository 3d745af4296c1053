package io.wxpay4j;

import io.wxpay4j.api.ContractsApi;
import io.wxpay4j.model.Contract;
import io.wxpay4j.model.TerminateContractRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * <b>Beta.</b> Deduction contracts (委托代扣签约关系) that payers signed while paying (支付中签约, see {@link
 * Orders#prepayAppWithContract}): query and terminate, for a direct merchant. Get it from {@link
 * WechatPayClient#contracts()}.
 *
 * <pre>{@code
 * Contract contract = wechatPay.contracts().query(12535, contractCode).body();
 * if (contract.getContractState() == ContractState.SIGNED) {
 *   ... // grant the subscription, idempotently on contract.getContractId()
 * }
 * wechatPay.contracts().terminate(12535, contractCode, "用户取消订阅");
 * }</pre>
 *
 * <p>The query is the authority on a contract: a contract notice, v3 {@code ENTRUST.*} ({@link
 * WechatPayClient#parseContractNotification}) or v2 XML ({@link ContractNoticeHint}), only says
 * that something may have changed. {@code plan_id} is the template id (委托代扣协议模板ID) of 商户平台 and
 * {@code out_contract_code} the {@code contract_code} the merchant chose at signing. Beta: the
 * paths and fields come from a transcription of the official pages and a third-party SDK, and the
 * error codes of these endpoints are undocumented. Same errors, async forms and thread-safety as
 * {@link Orders}.
 */
public final class Contracts {
  /** A contract: its template and the merchant's contract number. */
  record Key(long planId, String outContractCode) {}

  /** A termination request. */
  record Termination(Key key, String remark) {}

  // The operations, each declared once; the methods below are their blocking and async forms.

  private static final Operation<Key, Contract> QUERY =
      Operation.of(
          "queryContract",
          ContractsApi.class,
          (context, key) -> checked(key),
          (api, context, key) -> api.queryContract(key.planId(), key.outContractCode()));
  private static final Operation<Termination, Contract> TERMINATE =
      Operation.of(
          "terminateContract",
          ContractsApi.class,
          (context, termination) -> checked(termination),
          (api, context, termination) ->
              api.terminateContract(
                  termination.key().planId(),
                  termination.key().outContractCode(),
                  TerminateContractRequest.builder()
                      .contractTerminationRemark(termination.remark())
                      .build()));

  private final Pipeline pipeline;

  Contracts(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * A view of these contracts whose calls use {@code policy} instead of the client's {@link
   * RetryPolicy}. Cheap: it shares the client's connections, keys and generated interfaces.
   */
  public Contracts withRetryPolicy(RetryPolicy policy) {
    return new Contracts(pipeline.withRetryPolicy(policy));
  }

  /**
   * Queries a contract (查询签约关系): {@code contract_id}, {@code contract_state} ({@code SIGNED},
   * {@code TERMINATED}, {@code SIGN_FAILED}, …), the signing and expiry times, and how it ended.
   *
   * @param planId the template id (委托代扣协议模板ID), positive
   * @param outContractCode the {@code contract_code} sent at signing, 1 to 32 characters
   * @throws IllegalArgumentException if an argument breaks those rules (nothing is sent)
   * @throws WechatPayApiException if WeChat Pay answers non-2xx, e.g. 404 for an unknown contract
   * @throws WechatPayConnectionException if no answer came
   * @throws WechatPaySignatureException if the answer's signature does not verify
   */
  public WechatPayResponse<Contract> query(long planId, String outContractCode) {
    return pipeline.execute(QUERY, new Key(planId, outContractCode));
  }

  /** Asynchronous {@link #query}; a refused argument throws here, before any future exists. */
  public CompletableFuture<WechatPayResponse<Contract>> queryAsync(
      long planId, String outContractCode) {
    return pipeline.enqueue(QUERY, new Key(planId, outContractCode));
  }

  /**
   * Terminates a contract (申请解约) and returns it, normally {@code TERMINATED} with {@code
   * contract_terminate_info}; a shorter answer (only {@code mchid}, {@code plan_id}, {@code
   * out_contract_code}) is possible, so query it when a field is missing. WeChat Pay then sends
   * {@code ENTRUST.TERMINATE} to the template's terminate URL (解约回调地址) of 商户平台.
   *
   * @param remark why the merchant terminates (解约原因), 1 to 256 characters
   * @throws IllegalArgumentException if an argument is refused (nothing is sent)
   * @throws WechatPayApiException if WeChat Pay answers non-2xx
   * @throws WechatPayConnectionException if no answer came: query before trying again
   * @throws WechatPaySignatureException if the answer's signature does not verify
   */
  public WechatPayResponse<Contract> terminate(long planId, String outContractCode, String remark) {
    return pipeline.execute(TERMINATE, new Termination(new Key(planId, outContractCode), remark));
  }

  /** Asynchronous {@link #terminate}; a refused argument throws here, before any future exists. */
  public CompletableFuture<WechatPayResponse<Contract>> terminateAsync(
      long planId, String outContractCode, String remark) {
    return pipeline.enqueue(TERMINATE, new Termination(new Key(planId, outContractCode), remark));
  }

  static Key checked(Key key) {
    if (key.planId() < 1) {
      throw new IllegalArgumentException(
          "plan_id must be the positive template id (委托代扣协议模板ID) of 商户平台, was " + key.planId());
    }
    String code = Objects.requireNonNull(key.outContractCode(), "outContractCode == null");
    int length = code.codePointCount(0, code.length());
    if (code.isBlank() || length > 32) {
      throw new IllegalArgumentException(
          "out_contract_code must be 1 to 32 characters (the contract_code sent at signing), has "
              + length);
    }
    return key;
  }

  static Termination checked(Termination termination) {
    checked(termination.key());
    String remark = Objects.requireNonNull(termination.remark(), "remark == null");
    if (remark.isBlank()) {
      throw new IllegalArgumentException(
          "contract_termination_remark is required: say why the merchant terminates (解约原因)");
    }
    int length = remark.codePointCount(0, remark.length());
    if (length > 256) {
      throw new IllegalArgumentException(
          "contract_termination_remark must be at most 256 characters but has " + length);
    }
    return termination;
  }
}
