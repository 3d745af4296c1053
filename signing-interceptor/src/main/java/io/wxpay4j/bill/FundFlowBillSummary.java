package io.wxpay4j.bill;

/** The summary line of a fund-flow bill (汇总); counts are read from {@code 20.0} as well as 20. */
public final class FundFlowBillSummary {
  private final long count;
  private final long incomeCount;
  private final long incomeAmount;
  private final long expenseCount;
  private final long expenseAmount;

  FundFlowBillSummary(String[] values, Columns columns, long line) {
    Cells cells = new Cells(values, columns, line);
    this.count = cells.count(columns.require(line, "资金流水总笔数"));
    this.incomeCount = cells.count(columns.find("收入笔数"));
    this.incomeAmount = cells.fen(columns.find("收入金额"));
    this.expenseCount = cells.count(columns.find("支出笔数"));
    this.expenseAmount = cells.fen(columns.find("支出金额"));
  }

  /** 资金流水总笔数. */
  public long count() {
    return count;
  }

  /** 收入笔数. */
  public long incomeCount() {
    return incomeCount;
  }

  /** 收入金额 in fen. */
  public long incomeAmount() {
    return incomeAmount;
  }

  /** 支出笔数. */
  public long expenseCount() {
    return expenseCount;
  }

  /** 支出金额 in fen. */
  public long expenseAmount() {
    return expenseAmount;
  }

  @Override
  public String toString() {
    return "FundFlowBillSummary{count="
        + count
        + ", income="
        + incomeCount
        + "/"
        + incomeAmount
        + ", expense="
        + expenseCount
        + "/"
        + expenseAmount
        + "}";
  }
}
