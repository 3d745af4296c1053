package io.wxpay4j;

import io.wxpay4j.model.AbnormalRefundBankType;
import io.wxpay4j.model.AbnormalRefundType;
import io.wxpay4j.model.ApplyAbnormalRefundRequest;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.RefundFromAccount;
import io.wxpay4j.model.RefundFundsFrom;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.model.RefundRequestFundsAccount;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Builds and checks the requests of {@link Refunds} and {@link PartnerRefunds}: the rules WeChat
 * Pay enforces that the spec's schemas cannot express, and the strictest of the documented forms
 * for what the client sends (a refund number is accepted liberally when it names an existing
 * refund, sent strictly when it creates one).
 */
final class RefundRequests {
  /** What a new refund's number may hold: every page accepts these, none needs percent-encoding. */
  static final Pattern NEW_OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_-]{1,64}");

  /** Every character some page documents (one leaves out {@code *}), for existing refunds. */
  static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");

  private static final Pattern REFUND_ID = Pattern.compile("[0-9A-Za-z]{1,32}");

  /** {@code reason}: 80 characters on most pages, 80 bytes on the 2025 partner page. */
  private static final int REASON_BYTES = 80;

  private RefundRequests() {}

  /** A refund call's input and whose it is: the merchant's own, or a sub-merchant's. */
  static final class Target<T> {
    final @Nullable String subMchid;
    final T value;

    private Target(@Nullable String subMchid, T value) {
      this.subMchid = subMchid;
      this.value = value;
    }

    static <T> Target<T> direct(T value) {
      return new Target<>(null, value);
    }

    /**
     * A sub-merchant's call.
     *
     * @throws IllegalArgumentException if {@code subMchid} is not a merchant ID (digits), null
     *     included: a partner call never goes out as a direct one
     */
    static <T> Target<T> partner(String subMchid, T value) {
      return new Target<>(PartnerOrders.subMchid(subMchid), value);
    }
  }

  /** The abnormal refund of {@code refundId} as the caller describes it. */
  static final class Abnormal {
    final String refundId;
    final Consumer<AbnormalRefundRequest.Builder> request;

    Abnormal(String refundId, Consumer<AbnormalRefundRequest.Builder> request) {
      this.refundId = refundId;
      this.request = request;
    }
  }

  /** An abnormal refund ready to send: encrypted for the key {@code serial} names. */
  static final class EncryptedAbnormal {
    final String refundId;
    final String serial;
    final ApplyAbnormalRefundRequest body;

    EncryptedAbnormal(String refundId, String serial, ApplyAbnormalRefundRequest body) {
      this.refundId = refundId;
      this.serial = serial;
      this.body = body;
    }
  }

  /** The {@code out_refund_no} of an existing refund: any documented character. */
  static String outRefundNo(@Nullable String outRefundNo) {
    if (outRefundNo == null || !OUT_REFUND_NO.matcher(outRefundNo).matches()) {
      throw new IllegalArgumentException(
          "out_refund_no must be 1 to 64 characters of 0-9 A-Z a-z _ - | * @");
    }
    return outRefundNo;
  }

  static String refundId(@Nullable String refundId) {
    if (refundId == null || !REFUND_ID.matcher(refundId).matches()) {
      throw new IllegalArgumentException(
          "refund_id must be WeChat Pay's refund number (微信支付退款单号): 1 to 32 letters and digits");
    }
    return refundId;
  }

  /** A query of an existing refund, checked. */
  static Target<String> query(ClientContext context, Target<String> query) {
    outRefundNo(query.value);
    return query;
  }

  /**
   * Builds and checks a new refund: the client's defaults ({@code sub_mchid} of a partner call, the
   * refund {@code notify_url}), then the caller's settings, then the rules.
   */
  static CreateRefundRequest create(
      ClientContext context, Target<Consumer<CreateRefundRequest.Builder>> call) {
    Objects.requireNonNull(call.value, "refund == null");
    CreateRefundRequest.Builder builder =
        CreateRefundRequest.builder().subMchid(call.subMchid).notifyUrl(context.refundNotifyUrl);
    call.value.accept(builder);
    CreateRefundRequest request = builder.build();
    if (!Objects.equals(call.subMchid, request.getSubMchid())) {
      throw new IllegalArgumentException(
          call.subMchid == null
              ? "sub_mchid is for service providers: refund a sub-merchant's order with"
                  + " partnerRefunds().create(subMchid, …)"
              : "sub_mchid is filled in from the subMchid argument ("
                  + call.subMchid
                  + "); do not set it in the request");
    }
    if ((request.getTransactionId() == null) == (request.getOutTradeNo() == null)) {
      throw new IllegalArgumentException(
          "name the order by exactly one of transaction_id (preferred) and out_trade_no; "
              + (request.getTransactionId() == null ? "neither is set" : "both are set"));
    }
    if (request.getTransactionId() != null) {
      RequestChecks.transactionId(request.getTransactionId());
    }
    if (!NEW_OUT_REFUND_NO.matcher(request.getOutRefundNo()).matches()) {
      throw new IllegalArgumentException(
          "out_refund_no of a new refund must be 1 to 64 characters of 0-9 A-Z a-z _ - (some WeChat Pay"
              + " pages also allow | * @, others do not: the client sends only what all accept)");
    }
    reason(request.getReason());
    if (request.getFundsAccount() == RefundRequestFundsAccount.UNKNOWN_DEFAULT_OPEN_API) {
      throw new IllegalArgumentException("funds_account must be AVAILABLE or UNSETTLED, or unset");
    }
    if (request.getNotifyUrl() != null) {
      context.checks.notifyUrl(request.getNotifyUrl());
    }
    amount(request.getAmount());
    return request;
  }

  private static void reason(@Nullable String reason) {
    if (reason == null) {
      return;
    }
    int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > REASON_BYTES) {
      throw new IllegalArgumentException(
          "reason must be at most "
              + REASON_BYTES
              + " bytes in UTF-8 (a Chinese character takes 3) but has "
              + bytes);
    }
  }

  private static void amount(RefundRequestAmount amount) {
    // refund ≥ 1, total ≥ 1 and currency present are the generated builder's checks.
    if (!"CNY".equals(amount.getCurrency())) {
      throw new IllegalArgumentException(
          "amount.currency must be CNY (the only currency of domestic refunds)");
    }
    if (amount.getRefund() > amount.getTotal()) {
      throw new IllegalArgumentException(
          "amount.refund ("
              + amount.getRefund()
              + " fen) must not exceed amount.total ("
              + amount.getTotal()
              + " fen), the order's total");
    }
    List<RefundFundsFrom> from = amount.getFrom();
    if (from == null) {
      return;
    }
    long sum = 0;
    Set<RefundFromAccount> accounts = new HashSet<>();
    for (RefundFundsFrom item : from) {
      if (item.getAccount() == RefundFromAccount.UNKNOWN_DEFAULT_OPEN_API) {
        throw new IllegalArgumentException("amount.from account must be AVAILABLE or UNAVAILABLE");
      }
      if (!accounts.add(item.getAccount())) {
        throw new IllegalArgumentException(
            "amount.from names account " + item.getAccount() + " twice: each at most once");
      }
      sum += item.getAmount();
    }
    if (sum != amount.getRefund()) {
      throw new IllegalArgumentException(
          "amount.from amounts sum to "
              + sum
              + " fen but must sum to amount.refund ("
              + amount.getRefund()
              + " fen)");
    }
  }

  /**
   * Builds, checks and encrypts an abnormal refund: {@code bank_account} and {@code real_name} with
   * RSA-OAEP under the key of the verifier's current serial, which the request's {@code
   * Wechatpay-Serial} then names (a key and a serial from one read, so the two always match).
   */
  static EncryptedAbnormal abnormal(ClientContext context, Target<Abnormal> call) {
    Abnormal abnormal = call.value;
    refundId(abnormal.refundId);
    Objects.requireNonNull(abnormal.request, "abnormal == null");
    AbnormalRefundRequest.Builder builder = new AbnormalRefundRequest.Builder();
    abnormal.request.accept(builder);
    AbnormalRefundRequest request = builder.build();
    outRefundNo(request.outRefundNo);
    if (request.type == null || request.type == AbnormalRefundType.UNKNOWN_DEFAULT_OPEN_API) {
      throw new IllegalArgumentException(
          "type is required: USER_BANK_CARD (with bank_type, bank_account, real_name) or"
              + " MERCHANT_BANK_CARD");
    }
    ApplyAbnormalRefundRequest.Builder wire =
        ApplyAbnormalRefundRequest.builder()
            .subMchid(call.subMchid)
            .outRefundNo(request.outRefundNo)
            .type(request.type);
    String serial = context.verifier.serial();
    if (request.type == AbnormalRefundType.USER_BANK_CARD) {
      if (request.bankType == null || isBlank(request.bankAccount) || isBlank(request.realName)) {
        throw new IllegalArgumentException(
            "USER_BANK_CARD needs bank_type, bank_account (the card number) and real_name (the card"
                + " holder's name)");
      }
      if (request.bankType == AbnormalRefundBankType.UNKNOWN_DEFAULT_OPEN_API) {
        throw new IllegalArgumentException(
            "bank_type must be one of the debit cards WeChat Pay lists (CMB_DEBIT, ICBC_DEBIT, …)");
      }
      PublicKey key = context.verifier.publicKey(serial);
      if (key == null) {
        throw new IllegalStateException(
            "the verifier has no key for its own serial "
                + serial
                + ": bank_account and real_name cannot be encrypted");
      }
      wire.bankType(request.bankType)
          .bankAccount(RsaOaep.encrypt(key, "bank_account", request.bankAccount))
          .realName(RsaOaep.encrypt(key, "real_name", request.realName));
    } else if (request.bankType != null
        || request.bankAccount != null
        || request.realName != null) {
      throw new IllegalArgumentException(
          "bank_type, bank_account and real_name are only for USER_BANK_CARD; "
              + request.type
              + " sends nothing else");
    }
    return new EncryptedAbnormal(abnormal.refundId, serial, wire.build());
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
