package io.wxpay4j.bill;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The header of a bill section: column names to positions, so that rows are read by name (columns
 * may be added, reordered or renamed in old formats) and unknown columns are kept, not refused.
 */
final class Columns {
  final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();

  Columns(List<String> names) {
    this.names = List.copyOf(names);
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(names.get(i), i);
    }
  }

  /** The position of the first of {@code names} present, or -1. */
  int find(String... names) {
    for (String name : names) {
      Integer at = index.get(name);
      if (at != null) {
        return at;
      }
    }
    return -1;
  }

  /** The position of a column the section cannot do without. */
  int require(long line, String name) {
    int at = find(name);
    if (at < 0) {
      throw new WechatPayBillFormatException(
          line, "the header has no column " + name + " (columns: " + names + ")");
    }
    return at;
  }

  /** The value at {@code at} of {@code values}, or null if the column or the value is absent. */
  static @Nullable String get(String[] values, int at) {
    return at < 0 || at >= values.length ? null : values[at];
  }
}
