package io.wxpay4j;

import io.wxpay4j.RefundRequests.Abnormal;
import io.wxpay4j.RefundRequests.Target;
import io.wxpay4j.api.RefundsApi;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.Refund;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Refunds (退款) of a direct merchant's paid orders: create, query by {@code out_refund_no}, abnormal
 * refund, reconcile. Get it from {@link WechatPayClient#refunds()}; a service provider refunds its
 * sub-merchants' orders through {@link WechatPayClient#partnerRefunds()}, the same operations with
 * the sub-merchant as first argument.
 *
 * <pre>{@code
 * Refund refund = wechatPay.refunds().create(r -> r
 *     .transactionId("1217752501201407033233368018")
 *     .outRefundNo("R1217752501201407033233368018")
 *     .reason("商品已售完")
 *     .amount(RefundRequestAmount.builder().refund(100L).total(100L).currency("CNY").build()))
 *     .body();   // PROCESSING: the result comes as a REFUND.* notification, or by query
 * }</pre>
 *
 * <p>A refund names its order by exactly one of {@code transaction_id} (preferred) and {@code
 * out_trade_no}, and has a new {@code out_refund_no}: WeChat Pay makes one refund per {@code
 * out_refund_no}, so a create that ended without a trustworthy answer (a {@link WechatPayException}
 * whose {@link WechatPayException#mayHaveTakenEffect() mayHaveTakenEffect()} is true) is repeated
 * with the same {@code out_refund_no} and amounts, never a new one; {@link #reconcile} says first
 * what became of it. Requests are checked before anything is sent (the order named once, an {@code
 * out_refund_no} of 1 to 64 of {@code 0-9 A-Z a-z _ -}, a refund of 1 fen up to the total, CNY, a
 * reason of at most 80 UTF-8 bytes, an https {@code notify_url}) and refused with an {@link
 * IllegalArgumentException} naming the field.
 *
 * <p>Direct and partner refunds are two families, as orders are ({@link Orders}, {@link
 * PartnerOrders}), over one declaration of each operation: WeChat Pay serves both on the same paths
 * and tells them apart by {@code sub_mchid} alone, so a direct refund that carried one by mistake,
 * or a partner refund that forgot it, would reach another merchant's order or none. With two types
 * the compiler keeps them apart. Every operation has a blocking form that throws {@link
 * WechatPayException} subtypes and an {@code …Async} form whose future fails with them.
 * Thread-safe.
 */
public final class Refunds {
  // The operations, each declared once for direct and partner refunds (PartnerRefunds renames
  // them);
  // the methods below are their blocking and async forms.

  static final Operation<Target<Consumer<CreateRefundRequest.Builder>>, Refund> CREATE =
      Operation.of(
          "createRefund",
          RefundsApi.class,
          RefundRequests::create,
          (api, context, request) -> api.createRefund(request));
  static final Operation<Target<String>, Refund> QUERY =
      Operation.of(
          "queryByOutRefundNo",
          RefundsApi.class,
          RefundRequests::query,
          (api, context, query) -> api.queryRefundByOutRefundNo(query.value, query.subMchid));
  static final Operation<Target<Abnormal>, Refund> APPLY_ABNORMAL =
      Operation.of(
          "applyAbnormalRefund",
          RefundsApi.class,
          RefundRequests::abnormal,
          (api, context, request) ->
              api.applyAbnormalRefund(request.refundId, request.body, request.serial));

  private final Pipeline pipeline;

  Refunds(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * A view of these refunds whose calls use {@code policy} instead of the client's {@link
   * RetryPolicy}, e.g. {@code refunds().withRetryPolicy(RetryPolicy.none()).create(refund)}. Cheap:
   * it shares the client's connections, keys, host failover and generated interfaces.
   *
   * @throws NullPointerException if {@code policy} is null
   */
  public Refunds withRetryPolicy(RetryPolicy policy) {
    return new Refunds(pipeline.withRetryPolicy(policy));
  }

  /**
   * Creates a refund (申请退款) of all or part of a paid order. The callback fills a {@link
   * CreateRefundRequest.Builder} whose {@code notify_url} is already the client's {@link
   * WechatPayClientBuilder#refundNotifyUrl refund notify URL} if one is set (override it here);
   * with none, WeChat Pay notifies the refund URL configured in 商户平台. The answer means accepted,
   * not refunded: {@code status} is normally {@code PROCESSING}.
   *
   * <p>Safe to repeat with the same {@code out_refund_no} and amounts: WeChat Pay answers with the
   * refund it already has. The same {@code out_refund_no} with another order or amount is refused
   * with {@code 400 INVALID_REQUEST}.
   *
   * @throws IllegalArgumentException if the request breaks a rule checked before sending; nothing
   *     was sent
   * @throws WechatPayApiException if WeChat Pay refused it, e.g. {@code 403 NOT_ENOUGH} (top up and
   *     repeat with the same {@code out_refund_no}), {@code 400 INVALID_REQUEST} (over the
   *     refundable amount, more than 50 refunds, less than a minute after the last one), {@code 404
   *     RESOURCE_NOT_EXISTS} (no such paid order)
   * @throws WechatPaySignatureException if the answer's signature is not proven
   * @throws WechatPayConnectionException if no answer came; see {@link #reconcile}
   */
  public WechatPayResponse<Refund> create(Consumer<CreateRefundRequest.Builder> refund) {
    return pipeline.execute(CREATE, Target.direct(refund));
  }

  /**
   * Asynchronous {@link #create}; the future fails with the {@link WechatPayException} subtypes
   * {@link #create} throws.
   *
   * @throws IllegalArgumentException if the request breaks a rule checked before sending; nothing
   *     was sent and no future exists
   */
  public CompletableFuture<WechatPayResponse<Refund>> createAsync(
      Consumer<CreateRefundRequest.Builder> refund) {
    return pipeline.enqueue(CREATE, Target.direct(refund));
  }

  /**
   * Queries a refund by its merchant refund number (查询单笔退款). WeChat Pay advises the first query
   * about a minute after creating it, then every minute, backing off after five.
   *
   * @throws IllegalArgumentException if {@code outRefundNo} is not 1 to 64 of {@code 0-9 A-Z a-z _
   *     - | * @}; nothing was sent
   * @throws WechatPayApiException if WeChat Pay answered an error, e.g. {@code 404
   *     RESOURCE_NOT_EXISTS} for an unknown refund
   * @throws WechatPaySignatureException if the answer's signature is not proven
   * @throws WechatPayConnectionException if no answer came
   */
  public WechatPayResponse<Refund> queryByOutRefundNo(String outRefundNo) {
    return pipeline.execute(QUERY, Target.direct(outRefundNo));
  }

  /**
   * Asynchronous {@link #queryByOutRefundNo}; the future fails with the {@link WechatPayException}
   * subtypes it throws.
   *
   * @throws IllegalArgumentException if {@code outRefundNo} is malformed; nothing was sent
   */
  public CompletableFuture<WechatPayResponse<Refund>> queryByOutRefundNoAsync(String outRefundNo) {
    return pipeline.enqueue(QUERY, Target.direct(outRefundNo));
  }

  /**
   * Sends an {@code ABNORMAL} refund (the payer's card refused it) on to another account (发起异常退款):
   * the payer's debit card ({@code USER_BANK_CARD}) or the merchant's settlement account ({@code
   * MERCHANT_BANK_CARD}). Give the card number and the holder's name in clear text: the client
   * encrypts them with RSA-OAEP (SHA-1, MGF1-SHA-1) under the WeChat Pay key it verifies answers
   * with ({@link io.wxpay4j.auth.Verifier#serial()}: the WeChat Pay public key, or the newest
   * platform certificate) and names that key in {@code Wechatpay-Serial}. The answer is the refund,
   * normally {@code PROCESSING} again.
   *
   * @throws IllegalArgumentException if {@code refundId} or the request is malformed (no {@code
   *     out_refund_no} or {@code type}, {@code USER_BANK_CARD} without the bank, card or name,
   *     those sent with {@code MERCHANT_BANK_CARD}); nothing was sent
   * @throws IllegalStateException if the verifier has no key for its own serial
   * @throws WechatPayApiException if WeChat Pay refused it, e.g. {@code 400 INVALID_REQUEST} for a
   *     refund that is not {@code ABNORMAL}
   * @throws WechatPaySignatureException if the answer's signature is not proven
   * @throws WechatPayConnectionException if no answer came; query the refund before repeating
   */
  public WechatPayResponse<Refund> applyAbnormalRefund(
      String refundId, Consumer<AbnormalRefundRequest.Builder> abnormal) {
    return pipeline.execute(APPLY_ABNORMAL, Target.direct(new Abnormal(refundId, abnormal)));
  }

  /**
   * Asynchronous {@link #applyAbnormalRefund}; the future fails with the {@link WechatPayException}
   * subtypes it throws.
   *
   * @throws IllegalArgumentException if {@code refundId} or the request is malformed; nothing was
   *     sent
   * @throws IllegalStateException if the verifier has no key for its own serial
   */
  public CompletableFuture<WechatPayResponse<Refund>> applyAbnormalRefundAsync(
      String refundId, Consumer<AbnormalRefundRequest.Builder> abnormal) {
    return pipeline.enqueue(APPLY_ABNORMAL, Target.direct(new Abnormal(refundId, abnormal)));
  }

  /**
   * Finds out what became of a refund after a create ended without a trustworthy answer (a {@link
   * WechatPayException} whose {@link WechatPayException#mayHaveTakenEffect() mayHaveTakenEffect()}
   * is true): queries {@code out_refund_no} and says whether the refund is {@linkplain
   * RefundOutcome.Status#PROCESSING processing}, {@linkplain RefundOutcome.Status#SUCCESS
   * succeeded}, {@linkplain RefundOutcome.Status#CLOSED closed}, {@linkplain
   * RefundOutcome.Status#ABNORMAL abnormal}, {@linkplain RefundOutcome.Status#NOT_FOUND not found},
   * or still {@linkplain RefundOutcome.Status#UNKNOWN unknown}.
   *
   * <pre>{@code
   * try {
   *   refund = wechatPay.refunds().create(request).body();
   * } catch (WechatPayException e) {
   *   if (!e.mayHaveTakenEffect()) throw e;
   *   RefundOutcome outcome = wechatPay.refunds().reconcile(outRefundNo);
   *   // NOT_FOUND: create it again with the same out_refund_no; PROCESSING, SUCCESS, …: it exists
   *   // (creating it again returns the same refund); UNKNOWN: ask again later.
   * }
   * }</pre>
   *
   * <p>Never throws a {@link WechatPayException}: a failed query is an {@code UNKNOWN} outcome
   * carrying the failure. The query is retried as the client's retry policy says.
   *
   * @throws IllegalArgumentException if {@code outRefundNo} is not a valid refund number
   */
  public RefundOutcome reconcile(String outRefundNo) {
    RefundRequests.outRefundNo(outRefundNo);
    return pipeline.reconcile(
        QUERY,
        Target.direct(outRefundNo),
        refund -> RefundOutcome.of(outRefundNo, refund),
        failure -> RefundOutcome.failed(outRefundNo, failure));
  }
}
