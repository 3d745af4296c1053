package io.wxpay4j;

import io.wxpay4j.model.AbnormalRefundBankType;
import io.wxpay4j.model.AbnormalRefundType;
import org.jspecify.annotations.Nullable;

/**
 * An abnormal refund (发起异常退款) as the caller states it, in clear text: the refund's {@code
 * out_refund_no}, where the money goes instead ({@code type}), and for {@link
 * AbnormalRefundType#USER_BANK_CARD} the payer's bank ({@code bank_type}), card number ({@code
 * bank_account}) and name ({@code real_name}). Filled in through {@link
 * Refunds#applyAbnormalRefund}.
 *
 * <pre>{@code
 * wechatPay.refunds().applyAbnormalRefund(refundId, abnormal -> abnormal
 *     .outRefundNo("1217752501201407033233368018")
 *     .type(AbnormalRefundType.USER_BANK_CARD)
 *     .bankType(AbnormalRefundBankType.ICBC_DEBIT)
 *     .bankAccount("6212261234567890403")
 *     .realName("张三"));
 * }</pre>
 *
 * <p>The client encrypts {@code bank_account} and {@code real_name} before sending (RSA-OAEP under
 * the WeChat Pay key it verifies with, see {@link Refunds#applyAbnormalRefund}); the wire form is
 * the generated {@code ApplyAbnormalRefundRequest}. The card number and the name are personal data:
 * nothing returns them, and {@link #toString()} and every message leave them out. Only the {@link
 * Builder} is for callers; the client reads what it holds.
 */
public final class AbnormalRefundRequest {
  final @Nullable String outRefundNo;
  final @Nullable AbnormalRefundType type;
  final @Nullable AbnormalRefundBankType bankType;
  final @Nullable String bankAccount;
  final @Nullable String realName;

  private AbnormalRefundRequest(Builder builder) {
    this.outRefundNo = builder.outRefundNo;
    this.type = builder.type;
    this.bankType = builder.bankType;
    this.bankAccount = builder.bankAccount;
    this.realName = builder.realName;
  }

  /** The refund number, the type and the bank; never the card number or the name. */
  @Override
  public String toString() {
    return "AbnormalRefundRequest{out_refund_no="
        + outRefundNo
        + ", type="
        + type
        + (bankType != null ? ", bank_type=" + bankType : "")
        + (bankAccount != null ? ", bank_account=(set, not shown)" : "")
        + (realName != null ? ", real_name=(set, not shown)" : "")
        + "}";
  }

  /**
   * Sets the fields of an abnormal refund; the client checks them when the call is made. Setters
   * accept {@code null} to clear a field.
   */
  public static final class Builder {
    private @Nullable String outRefundNo;
    private @Nullable AbnormalRefundType type;
    private @Nullable AbnormalRefundBankType bankType;
    private @Nullable String bankAccount;
    private @Nullable String realName;

    Builder() {}

    /** The {@code out_refund_no} of the refund that became {@code ABNORMAL}. Required. */
    public Builder outRefundNo(@Nullable String outRefundNo) {
      this.outRefundNo = outRefundNo;
      return this;
    }

    /**
     * {@code USER_BANK_CARD} (the payer's debit card: set the bank, the card and the name too) or
     * {@code MERCHANT_BANK_CARD} (the merchant's settlement account, nothing else to set).
     * Required.
     */
    public Builder type(@Nullable AbnormalRefundType type) {
      this.type = type;
      return this;
    }

    /** The payer's bank, one of the 15 debit cards WeChat Pay supports; for USER_BANK_CARD. */
    public Builder bankType(@Nullable AbnormalRefundBankType bankType) {
      this.bankType = bankType;
      return this;
    }

    /** The payer's card number (收款银行卡号) in clear text; the client encrypts it. */
    public Builder bankAccount(@Nullable String bankAccount) {
      this.bankAccount = bankAccount;
      return this;
    }

    /** The card holder's name (收款用户姓名) in clear text; the client encrypts it. */
    public Builder realName(@Nullable String realName) {
      this.realName = realName;
      return this;
    }

    AbnormalRefundRequest build() {
      return new AbnormalRefundRequest(this);
    }

    /** What is set; never the card number or the name. */
    @Override
    public String toString() {
      return build().toString();
    }
  }
}
