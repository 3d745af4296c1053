package io.wxpay4j.examples;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh merchant order numbers ({@code out_trade_no}: 6–32 of {@code [0-9A-Za-z_-|*]}), unique per run. */
final class OrderNumbers {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");

  private OrderNumbers() {}

  /** e.g. {@code native_2611271230154821}: the kind, Beijing time, four random digits. */
  static String next(String kind) {
    String time = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(TIME);
    return kind + "_" + time + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
  }
}
