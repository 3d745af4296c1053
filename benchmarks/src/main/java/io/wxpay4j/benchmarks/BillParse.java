package io.wxpay4j.benchmarks;

import io.wxpay4j.bill.BillReader;
import io.wxpay4j.bill.TradeBillRow;
import io.wxpay4j.bill.TradeBillSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Parse throughput and memory of a large trade bill: writes an {@code ALL} bill of N rows
 * (1,000,000; {@code --quick} 100,000) in WeChat Pay's format into a temp file, then reads every
 * row and the summary with {@link BillReader}, three times, and prints rows/s and the peak heap
 * used. Run it with a small heap ({@code benchmarks/run} uses {@code -Xmx64m}) to show that parsing
 * streams in constant memory: the file is ~260 bytes a row, far more than the heap.
 *
 * <p>{@code java -Xmx64m -cp benchmarks.jar io.wxpay4j.benchmarks.BillParse [--quick] [--rows N]
 * [--out FILE]}
 */
public final class BillParse {
  private BillParse() {}

  public static void main(String[] args) throws Exception {
    long rows = 1_000_000;
    Path outFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> rows = 100_000;
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--out" -> outFile = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path bill = Files.createTempFile("wxpay4j-bill-", ".csv");
    try {
      write(bill, rows);
      long bytes = Files.size(bill);
      read(bill, rows); // warm-up
      resetPeaks();
      double best = 0;
      for (int round = 0; round < 3; round++) {
        long start = System.nanoTime();
        read(bill, rows);
        best = Math.max(best, rows / ((System.nanoTime() - start) / 1e9));
      }
      long peak = peakHeap();
      long max = Runtime.getRuntime().maxMemory();
      String table =
          String.format(
              Locale.ROOT,
              "| Bill parse (BillReader, trade ALL, 27 columns) | rows | file | rows/s (best of 3) | peak heap used"
                  + " | max heap |%n|---|---:|---:|---:|---:|---:|%n| %s | %,d | %,d MB | %,.0f | %,d MB | %,d MB |%n",
              "1 JVM, after a warm-up read",
              rows,
              bytes >> 20,
              best,
              peak >> 20,
              max >> 20);
      PrintStream out = System.out;
      out.print(table);
      if (outFile != null) {
        Files.writeString(outFile, table);
      }
    } finally {
      Files.deleteIfExists(bill);
    }
  }

  private static void read(Path bill, long expected) throws IOException {
    long count = 0;
    long total = 0;
    try (BillReader<TradeBillRow, TradeBillSummary> reader = BillReader.trade(bill)) {
      while (reader.hasNext()) {
        TradeBillRow row = reader.next();
        total += row.orderAmount() + row.refundAmount();
        count++;
      }
      if (count != expected || reader.summary().count() != expected) {
        throw new IllegalStateException("read " + count + " rows, expected " + expected);
      }
    }
    if (total < 0) {
      throw new IllegalStateException("overflow");
    }
  }

  /** A bill like the simulator's: payments, and a refund every tenth line. */
  static void write(Path file, long rows) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
              + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,"
              + "手续费,费率,订单金额,申请退款金额,费率备注\r\n");
      for (long i = 0; i < rows; i++) {
        boolean refund = i % 10 == 9;
        String time =
            String.format(
                Locale.ROOT, "2025-01-10 %02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60);
        out.write(
            "`"
                + time
                + ",`wxd678efh567hg6787,`1900000109,`0,`,`42000000012025011"
                + (10000000000L + i)
                + ",`ORDER_"
                + i
                + ",`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`"
                + (refund ? "REFUND" : "SUCCESS")
                + ",`OTHERS,`CNY,`"
                + (refund ? "0.00" : "1.00")
                + ",`0.00,`"
                + (refund ? "5030" + i : "0")
                + ",`"
                + (refund ? "R_" + i : "0")
                + ",`"
                + (refund ? "0.40" : "0.00")
                + ",`0.00,`"
                + (refund ? "ORIGINAL" : "")
                + ",`"
                + (refund ? "SUCCESS" : "")
                + ",`Image形象店-深圳腾大-QQ公仔,`,`"
                + (refund ? "-0.00240" : "0.00600")
                + ",`0.60%,`"
                + (refund ? "0.00" : "1.00")
                + ",`"
                + (refund ? "0.40" : "0.00")
                + ",`\r\n");
      }
      out.write("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
      out.write("`" + rows + ",`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00\r\n");
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peaks since the reset: an upper bound of the heap used at once. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
