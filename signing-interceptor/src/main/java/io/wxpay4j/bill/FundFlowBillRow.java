package io.wxpay4j.bill;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a fund-flow bill (资金账单): money into ({@code 收入}) or out of ({@code 支出}) one account.
 * Amounts in fen; values have their backtick prefix removed. {@link #remark()} and {@link
 * #voucherNo()} are as written: WeChat Pay escapes line breaks in them as the text {@code \r} /
 * {@code \n}, which is left as is.
 */
public final class FundFlowBillRow {
  private final String[] values;
  private final Columns columns;
  private final Layout layout;
  private final OffsetDateTime time;
  private final boolean income;
  private final long amount;
  private final long balance;

  /** Where each known column is in one bill's header. */
  static final class Layout {
    final int time;
    final int businessId;
    final int flowId;
    final int businessName;
    final int businessType;
    final int direction;
    final int amount;
    final int balance;
    final int initiator;
    final int remark;
    final int voucherNo;

    Layout(Columns c, long line) {
      time = c.require(line, "记账时间");
      businessId = c.find("微信支付业务单号");
      flowId = c.find("资金流水单号");
      businessName = c.find("业务名称");
      businessType = c.find("业务类型");
      direction = c.require(line, "收支类型");
      amount = c.require(line, "收支金额(元)");
      balance = c.find("账户结余(元)");
      initiator = c.find("资金变更提交申请人");
      remark = c.find("备注");
      voucherNo = c.find("业务凭证号");
    }
  }

  FundFlowBillRow(String[] values, Columns columns, Layout layout, long line) {
    this.values = values;
    this.columns = columns;
    this.layout = layout;
    Cells cells = new Cells(values, columns, line);
    this.time = cells.requiredTime(layout.time);
    String direction = cells.text(layout.direction);
    if (!direction.equals("收入") && !direction.equals("支出")) {
      throw new WechatPayBillFormatException(
          line, "column 收支类型 must be 收入 or 支出, was \"" + direction + "\"");
    }
    this.income = direction.equals("收入");
    this.amount = cells.fen(layout.amount);
    this.balance = cells.fen(layout.balance);
  }

  private @Nullable String value(int at) {
    String value = Columns.get(values, at);
    return value == null || value.isEmpty() ? null : value;
  }

  /** 记账时间: when the balance changed. */
  public OffsetDateTime time() {
    return time;
  }

  /** 微信支付业务单号: WeChat Pay's id of the business (a transaction_id, a refund_id, …). */
  public @Nullable String businessId() {
    return value(layout.businessId);
  }

  /** 资金流水单号: the id of this entry. */
  public @Nullable String flowId() {
    return value(layout.flowId);
  }

  /** 业务名称, e.g. 交易, 退款, 充值/提现, 企业付款, 分账 (the list may grow). */
  public @Nullable String businessName() {
    return value(layout.businessName);
  }

  /** 业务类型, e.g. 交易, 扣除交易手续费, 退款, 退还交易手续费. */
  public @Nullable String businessType() {
    return value(layout.businessType);
  }

  /** True for 收入 (credit), false for 支出 (debit). */
  public boolean isIncome() {
    return income;
  }

  /** 收支金额 in fen, as written (positive for both directions). */
  public long amount() {
    return amount;
  }

  /** The amount with its sign: positive for income, negative for expense. */
  public long signedAmount() {
    return income ? amount : -amount;
  }

  /** 账户结余 in fen: the balance after this entry. */
  public long balance() {
    return balance;
  }

  /** 资金变更提交申请人, e.g. {@code system}, {@code API}, an operator account. */
  public @Nullable String initiator() {
    return value(layout.initiator);
  }

  /** 备注, as written. */
  public @Nullable String remark() {
    return value(layout.remark);
  }

  /** 业务凭证号: usually the merchant's order or refund number. */
  public @Nullable String voucherNo() {
    return value(layout.voucherNo);
  }

  /** Any column by its header name (backtick removed); empty if absent. */
  public Optional<String> column(String name) {
    return Optional.ofNullable(Columns.get(values, columns.find(name)));
  }

  @Override
  public String toString() {
    return "FundFlowBillRow{"
        + time
        + " "
        + businessType()
        + " "
        + (income ? "+" : "-")
        + amount
        + " balance="
        + balance
        + "}";
  }
}
