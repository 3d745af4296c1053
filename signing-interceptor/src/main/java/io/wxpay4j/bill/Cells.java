package io.wxpay4j.bill;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** Reads typed values out of one row, naming the line and column when one is malformed. */
final class Cells {
  private final String[] values;
  private final Columns columns;
  private final long line;

  Cells(String[] values, Columns columns, long line) {
    this.values = values;
    this.columns = columns;
    this.line = line;
  }

  String text(int at) {
    String value = Columns.get(values, at);
    return value == null ? "" : value;
  }

  /** Text, or null when the column is absent or the value empty. */
  @Nullable String optional(int at) {
    String value = Columns.get(values, at);
    return value == null || value.isEmpty() ? null : value;
  }

  /** Fen from yuan; 0 when the column is absent or the value empty. */
  long fen(int at) {
    String value = optional(at);
    if (value == null) {
      return 0;
    }
    try {
      return Values.fen(value);
    } catch (IllegalArgumentException e) {
      throw malformed(at, e);
    }
  }

  BigDecimal decimal(int at) {
    String value = optional(at);
    if (value == null) {
      return BigDecimal.ZERO;
    }
    try {
      return Values.decimal(value);
    } catch (IllegalArgumentException e) {
      throw malformed(at, e);
    }
  }

  long count(int at) {
    String value = optional(at);
    if (value == null) {
      return 0;
    }
    try {
      return Values.count(value);
    } catch (IllegalArgumentException e) {
      throw malformed(at, e);
    }
  }

  @Nullable OffsetDateTime time(int at) {
    try {
      return Values.time(text(at));
    } catch (IllegalArgumentException e) {
      throw malformed(at, e);
    }
  }

  OffsetDateTime requiredTime(int at) {
    OffsetDateTime time = time(at);
    if (time == null) {
      throw new WechatPayBillFormatException(line, "column " + columns.names.get(at) + " is empty");
    }
    return time;
  }

  private WechatPayBillFormatException malformed(int at, IllegalArgumentException e) {
    return new WechatPayBillFormatException(
        line, "column " + columns.names.get(at) + ": " + e.getMessage());
  }
}
