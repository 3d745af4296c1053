package io.wxpay4j.bill;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** The value types of bill columns: yuan to exact fen, fees, counts, Beijing times. */
final class Values {
  static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

  private Values() {}

  /** Yuan with at most 2 decimals as exact fen: {@code 0.01} → 1, {@code -1.5} → -150. */
  static long fen(String yuan) {
    int length = yuan.length();
    if (length == 0) {
      throw new IllegalArgumentException("is empty, expected yuan such as 0.01");
    }
    int i = 0;
    boolean negative = false;
    if (yuan.charAt(0) == '-' || yuan.charAt(0) == '+') {
      negative = yuan.charAt(0) == '-';
      i = 1;
    }
    long units = 0;
    int integerDigits = 0;
    for (; i < length && yuan.charAt(i) != '.'; i++) {
      units = digit(units, yuan, i);
      integerDigits++;
    }
    int decimals = 0;
    if (i < length) { // at the '.'
      for (i++; i < length; i++) {
        if (++decimals > 2) {
          throw new IllegalArgumentException(
              "\"" + yuan + "\" has more than 2 decimals: not an amount in yuan and fen");
        }
        units = digit(units, yuan, i);
      }
      if (decimals == 0) {
        throw new IllegalArgumentException("\"" + yuan + "\" ends with '.'");
      }
    }
    if (integerDigits == 0) {
      throw new IllegalArgumentException("\"" + yuan + "\" has no digit before '.'");
    }
    for (; decimals < 2; decimals++) {
      units = Math.multiplyExact(units, 10);
    }
    return negative ? -units : units;
  }

  private static long digit(long units, String text, int index) {
    char c = text.charAt(index);
    if (c < '0' || c > '9') {
      throw new IllegalArgumentException("\"" + text + "\" is not a decimal amount");
    }
    try {
      return Math.addExact(Math.multiplyExact(units, 10), c - '0');
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too large");
    }
  }

  /** A fee (手续费) in yuan, exact, up to 8 decimals (bills show 5). */
  static BigDecimal decimal(String yuan) {
    if (!yuan.matches("[-+]?[0-9]+(\\.[0-9]{1,8})?")) {
      throw new IllegalArgumentException("\"" + yuan + "\" is not a decimal amount");
    }
    return new BigDecimal(yuan);
  }

  /** A count, which fund-flow summaries print as {@code 20.0}. */
  static long count(String text) {
    BigDecimal value;
    try {
      value = text.matches("[0-9]+(\\.[0-9]+)?") ? new BigDecimal(text) : null;
    } catch (NumberFormatException e) {
      value = null;
    }
    if (value == null) {
      throw new IllegalArgumentException("\"" + text + "\" is not a count");
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a whole count");
    }
  }

  /** {@code yyyy-MM-dd HH:mm:ss} Beijing time; empty is null. */
  static @Nullable OffsetDateTime time(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() != 19 || text.charAt(10) != ' ') {
      throw new IllegalArgumentException("\"" + text + "\" is not a time yyyy-MM-dd HH:mm:ss");
    }
    try {
      return LocalDateTime.parse(text.replace(' ', 'T')).atOffset(BEIJING);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a time yyyy-MM-dd HH:mm:ss");
    }
  }
}
