package io.wxpay4j.bill;

/**
 * A bill file does not have the documented shape: a missing column, an amount with more than 2
 * decimals, a malformed time, a summary that never came. The message names the line and the column;
 * it quotes values only of amount, count and time columns, never identifiers of payers.
 */
public final class WechatPayBillFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long line;

  WechatPayBillFormatException(long line, String message) {
    super(line > 0 ? "bill line " + line + ": " + message : message);
    this.line = line;
  }

  /** The 1-based line of the file where the problem is, or 0 if it concerns the whole file. */
  public long line() {
    return line;
  }
}
