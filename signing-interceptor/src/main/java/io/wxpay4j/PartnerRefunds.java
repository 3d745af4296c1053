package io.wxpay4j;

import io.wxpay4j.RefundRequests.Abnormal;
import io.wxpay4j.RefundRequests.Target;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.Refund;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Refunds a service provider (服务商) makes of its sub-merchants' paid orders: the operations of
 * {@link Refunds} on the same paths, each naming the sub-merchant ({@code sub_mchid}) as its first
 * argument. Get it from {@link WechatPayClient#partnerRefunds()}; the client's merchant ID is the
 * service provider's, which signs the calls.
 *
 * <pre>{@code
 * Refund refund = wechatPay.partnerRefunds().create("1900000109", r -> r
 *     .transactionId("1217752501201407033233368018")
 *     .outRefundNo("R1217752501201407033233368018")
 *     .amount(RefundRequestAmount.builder().refund(100L).total(100L).currency("CNY").build()))
 *     .body();
 * }</pre>
 *
 * <p>The sub-merchant is an argument, not a request field, in every call (create and abnormal
 * refund send it in the body, the query in its query string): WeChat Pay tells a partner refund
 * from a direct one by {@code sub_mchid} alone, so it can never be forgotten, and a request that
 * sets another one is refused. Same checks, errors, async forms, idempotency and thread-safety as
 * {@link Refunds}; failure messages name the operations with a {@code partner} prefix.
 */
public final class PartnerRefunds {
  // Refunds' operations under the partner's names; the methods below are their blocking and async
  // forms.

  private static final Operation<Target<Consumer<CreateRefundRequest.Builder>>, Refund> CREATE =
      Refunds.CREATE.named("partnerCreateRefund");
  private static final Operation<Target<String>, Refund> QUERY =
      Refunds.QUERY.named("partnerQueryByOutRefundNo");
  private static final Operation<Target<Abnormal>, Refund> APPLY_ABNORMAL =
      Refunds.APPLY_ABNORMAL.named("partnerApplyAbnormalRefund");

  private final Pipeline pipeline;

  PartnerRefunds(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * A view of these refunds whose calls use {@code policy} instead of the client's {@link
   * RetryPolicy}. Cheap: it shares the client's connections, keys, host failover and generated
   * interfaces.
   *
   * @throws NullPointerException if {@code policy} is null
   */
  public PartnerRefunds withRetryPolicy(RetryPolicy policy) {
    return new PartnerRefunds(pipeline.withRetryPolicy(policy));
  }

  /**
   * Creates a refund of a sub-merchant's paid order, as {@link Refunds#create} does; the client
   * fills in {@code sub_mchid}.
   *
   * @throws IllegalArgumentException if {@code subMchid} or the request breaks a rule checked
   *     before sending; nothing was sent
   * @throws WechatPayApiException if WeChat Pay refused it (see {@link Refunds#create}); {@code
   *     MCH_NOT_EXISTS} if the sub-merchant is not authorised to this service provider
   * @throws WechatPaySignatureException if the answer's signature is not proven
   * @throws WechatPayConnectionException if no answer came; see {@link #reconcile}
   */
  public WechatPayResponse<Refund> create(
      String subMchid, Consumer<CreateRefundRequest.Builder> refund) {
    return pipeline.execute(CREATE, Target.partner(subMchid, refund));
  }

  /**
   * Asynchronous {@link #create}; the future fails with the {@link WechatPayException} subtypes it
   * throws.
   *
   * @throws IllegalArgumentException if {@code subMchid} or the request is malformed; nothing was
   *     sent
   */
  public CompletableFuture<WechatPayResponse<Refund>> createAsync(
      String subMchid, Consumer<CreateRefundRequest.Builder> refund) {
    return pipeline.enqueue(CREATE, Target.partner(subMchid, refund));
  }

  /**
   * Queries a sub-merchant's refund by its merchant refund number ({@code ?sub_mchid=}).
   *
   * @throws IllegalArgumentException if {@code subMchid} or {@code outRefundNo} is malformed;
   *     nothing was sent
   * @throws WechatPayApiException if WeChat Pay answered an error, e.g. {@code 404
   *     RESOURCE_NOT_EXISTS} for an unknown refund
   * @throws WechatPaySignatureException if the answer's signature is not proven
   * @throws WechatPayConnectionException if no answer came
   */
  public WechatPayResponse<Refund> queryByOutRefundNo(String subMchid, String outRefundNo) {
    return pipeline.execute(QUERY, Target.partner(subMchid, outRefundNo));
  }

  /**
   * Asynchronous {@link #queryByOutRefundNo}; the future fails with the {@link WechatPayException}
   * subtypes it throws.
   *
   * @throws IllegalArgumentException if {@code subMchid} or {@code outRefundNo} is malformed
   */
  public CompletableFuture<WechatPayResponse<Refund>> queryByOutRefundNoAsync(
      String subMchid, String outRefundNo) {
    return pipeline.enqueue(QUERY, Target.partner(subMchid, outRefundNo));
  }

  /**
   * Sends a sub-merchant's {@code ABNORMAL} refund on to another account, as {@link
   * Refunds#applyAbnormalRefund} does (the card number and name given in clear text, encrypted by
   * the client).
   *
   * @throws IllegalArgumentException if {@code subMchid}, {@code refundId} or the request is
   *     malformed; nothing was sent
   * @throws IllegalStateException if the verifier has no key for its own serial
   * @throws WechatPayApiException if WeChat Pay refused it
   * @throws WechatPaySignatureException if the answer's signature is not proven
   * @throws WechatPayConnectionException if no answer came; query the refund before repeating
   */
  public WechatPayResponse<Refund> applyAbnormalRefund(
      String subMchid, String refundId, Consumer<AbnormalRefundRequest.Builder> abnormal) {
    return pipeline.execute(
        APPLY_ABNORMAL, Target.partner(subMchid, new Abnormal(refundId, abnormal)));
  }

  /**
   * Asynchronous {@link #applyAbnormalRefund}; the future fails with the {@link WechatPayException}
   * subtypes it throws.
   *
   * @throws IllegalArgumentException if {@code subMchid}, {@code refundId} or the request is
   *     malformed; nothing was sent
   * @throws IllegalStateException if the verifier has no key for its own serial
   */
  public CompletableFuture<WechatPayResponse<Refund>> applyAbnormalRefundAsync(
      String subMchid, String refundId, Consumer<AbnormalRefundRequest.Builder> abnormal) {
    return pipeline.enqueue(
        APPLY_ABNORMAL, Target.partner(subMchid, new Abnormal(refundId, abnormal)));
  }

  /**
   * Finds out what became of a sub-merchant's refund after a create ended without a trustworthy
   * answer, as {@link Refunds#reconcile} does. Never throws a {@link WechatPayException}: a failed
   * query is an {@code UNKNOWN} outcome carrying the failure.
   *
   * @throws IllegalArgumentException if {@code subMchid} or {@code outRefundNo} is malformed
   */
  public RefundOutcome reconcile(String subMchid, String outRefundNo) {
    RefundRequests.outRefundNo(outRefundNo);
    return pipeline.reconcile(
        QUERY,
        Target.partner(subMchid, outRefundNo),
        refund -> RefundOutcome.of(outRefundNo, refund),
        failure -> RefundOutcome.failed(outRefundNo, failure));
  }
}
