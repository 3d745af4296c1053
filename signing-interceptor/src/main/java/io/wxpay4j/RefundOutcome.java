package io.wxpay4j;

import io.wxpay4j.model.Refund;
import io.wxpay4j.model.RefundStatus;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of a refund, as {@link Refunds#reconcile(String)} or {@link
 * PartnerRefunds#reconcile(String, String)} found it by querying its {@code out_refund_no}: one of
 * six {@link Status statuses}, with the verified {@link #refund()} when the query answered.
 *
 * <pre>{@code
 * RefundOutcome outcome = wechatPay.refunds().reconcile(outRefundNo);
 * switch (outcome.status()) {
 *   case PROCESSING: case SUCCESS: case ABNORMAL: case CLOSED:
 *     record(outcome.refund()); break;   // the refund exists: never create another for this money
 *   case NOT_FOUND: break;               // it took no effect: create it again, same out_refund_no
 *   case UNKNOWN: break;                 // the query failed too: ask again later
 * }
 * }</pre>
 */
public final class RefundOutcome {
  /** The state of a refund, in the cases a caller acts on. */
  public enum Status {
    /** Accepted and under way ({@code PROCESSING}); WeChat Pay notifies the result. */
    PROCESSING,
    /** The money was returned ({@code SUCCESS}). Final. */
    SUCCESS,
    /**
     * The refund was closed without refunding ({@code CLOSED}). Final: another attempt needs a new
     * {@code out_refund_no}.
     */
    CLOSED,
    /**
     * The payer's account refused the money ({@code ABNORMAL}, e.g. a cancelled card). Not final:
     * apply an abnormal refund ({@link Refunds#applyAbnormalRefund}) or settle it in 商户平台.
     */
    ABNORMAL,
    /**
     * WeChat Pay has no refund with this {@code out_refund_no}: it answered {@code 404
     * RESOURCE_NOT_EXISTS}. Creating it again with the same {@code out_refund_no} is safe.
     */
    NOT_FOUND,
    /**
     * Still unknown: the query failed as well (see {@link #failure()}), answered about another
     * refund, or answered a status this SDK does not know. Ask again later.
     */
    UNKNOWN
  }

  private final String outRefundNo;
  private final Status status;
  private final @Nullable Refund refund;
  private final @Nullable WechatPayException failure;

  private RefundOutcome(
      String outRefundNo,
      Status status,
      @Nullable Refund refund,
      @Nullable WechatPayException failure) {
    this.outRefundNo = outRefundNo;
    this.status = status;
    this.refund = refund;
    this.failure = failure;
  }

  /** The outcome of a verified answer to a query of {@code outRefundNo}. */
  static RefundOutcome of(String outRefundNo, @Nullable Refund refund) {
    if (refund == null || !outRefundNo.equals(refund.getOutRefundNo())) {
      // A verified answer about another refund would be a server bug; never guess from it.
      return new RefundOutcome(outRefundNo, Status.UNKNOWN, refund, null);
    }
    return new RefundOutcome(outRefundNo, status(refund.getStatus()), refund, null);
  }

  /**
   * The outcome of a failed query: {@code NOT_FOUND} only for WeChat Pay's documented answer for an
   * unknown refund, a 404 whose error body has the code {@code RESOURCE_NOT_EXISTS}. Error answers
   * are trusted only when signed and verified, so an unsigned one, or anything less specific (a
   * proxy's 404 page, a wrong base URL, {@code MCH_NOT_EXISTS}) proves nothing and is {@code
   * UNKNOWN}.
   */
  static RefundOutcome failed(String outRefundNo, WechatPayException failure) {
    boolean notFound =
        failure instanceof WechatPayApiException
            && ((WechatPayApiException) failure).isVerified()
            && failure.httpStatus() == 404
            && ((WechatPayApiException) failure).hasCode("RESOURCE_NOT_EXISTS");
    return new RefundOutcome(
        outRefundNo, notFound ? Status.NOT_FOUND : Status.UNKNOWN, null, failure);
  }

  static Status status(@Nullable RefundStatus status) {
    if (status == null) {
      return Status.UNKNOWN;
    }
    switch (status) {
      case PROCESSING:
        return Status.PROCESSING;
      case SUCCESS:
        return Status.SUCCESS;
      case CLOSED:
      case CLOSE: // a spelling seen in notifications
        return Status.CLOSED;
      case ABNORMAL:
        return Status.ABNORMAL;
      default:
        return Status.UNKNOWN;
    }
  }

  /** The merchant refund number (商户退款单号) that was queried. */
  public String outRefundNo() {
    return outRefundNo;
  }

  /** What became of the refund. */
  public Status status() {
    return status;
  }

  /** True for {@link Status#SUCCESS} and {@link Status#CLOSED}: the refund will not change. */
  public boolean isFinal() {
    return status == Status.SUCCESS || status == Status.CLOSED;
  }

  /**
   * The verified query answer; null for {@link Status#NOT_FOUND} and when the query failed. It is a
   * fresh object: keep or change it freely.
   */
  public @Nullable Refund refund() {
    return refund;
  }

  /**
   * Why the status is {@link Status#NOT_FOUND} or {@link Status#UNKNOWN}: the query's failure; null
   * otherwise, and for an answer about another refund.
   */
  public @Nullable WechatPayException failure() {
    return failure;
  }

  /** The status, the refund numbers and the wire status; never amounts or accounts. */
  @Override
  public String toString() {
    return "RefundOutcome{outRefundNo="
        + outRefundNo
        + ", status="
        + status
        + (refund != null ? ", refundId=" + refund.getRefundId() : "")
        + (refund != null ? ", refundStatus=" + refund.getStatus() : "")
        + (failure != null ? ", failure=" + failure.getClass().getSimpleName() : "")
        + "}";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RefundOutcome
        && outRefundNo.equals(((RefundOutcome) other).outRefundNo)
        && status == ((RefundOutcome) other).status
        && Objects.equals(refund, ((RefundOutcome) other).refund)
        && Objects.equals(failure, ((RefundOutcome) other).failure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(outRefundNo, status, refund, failure);
  }
}
