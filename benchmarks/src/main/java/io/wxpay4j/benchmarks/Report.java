package io.wxpay4j.benchmarks;

import io.wxpay4j.benchmarks.Interleaved.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/** The markdown table and the targets of issue 6, from interleaved samples. */
final class Report {
  private Report() {}

  static String markdown(
      Map<Integer, Map<String, List<Sample>>> samples,
      int rounds,
      long warmupMs,
      long measureMs,
      boolean quick) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%d interleaved rounds (after a discarded warm-up round), each variant %d ms warm-up + %d ms measured"
                + " per round%s; medians over rounds, ratios are medians of the paired per-round ratios (min–max in"
                + " brackets). B/op from JMH's GC profiler (all threads of the JVM, the in-process server"
                + " included).%n%n",
            rounds,
            warmupMs,
            measureMs,
            quick
                ? ", throughput mode only (µs/op = threads / throughput)"
                : ", throughput then average-time mode"));
    for (Map.Entry<Integer, Map<String, List<Sample>>> byThreads : samples.entrySet()) {
      int threads = byThreads.getKey();
      Map<String, List<Sample>> s = byThreads.getValue();
      out.append("**")
          .append(threads)
          .append(threads == 1 ? " thread" : " threads")
          .append("**\n\n")
          .append(
              "| variant | ops/s | µs/op | B/op | ops/s ×official | B/op ×official | µs/op ×floor+crypto |\n")
          .append("|---|---:|---:|---:|---:|---:|---:|\n");
      for (String op : Interleaved.OPERATIONS) {
        for (String key :
            List.of(
                "wxpay4j/" + op + "/native",
                "wxpay4j/" + op + "/jdk",
                "official/" + op + "/jdk",
                "floor+crypto/" + op + "/native",
                "floor+crypto/" + op + "/jdk",
                "floor/" + op + "/none")) {
          row(out, s, key, op);
        }
      }
      for (String p : Interleaved.PROVIDERS) {
        row(out, s, "crypto/sign+verify/" + p, "");
      }
      String notification = Interleaved.NOTIFICATION;
      for (String key :
          List.of(
              "wxpay4j/" + notification + "/native",
              "wxpay4j/" + notification + "/jdk",
              "official/" + notification + "/jdk")) {
        row(out, s, key, notification);
      }
      out.append('\n');
    }
    out.append("**Targets** (issue 6)\n\n");
    for (Map.Entry<Integer, Map<String, List<Sample>>> byThreads : samples.entrySet()) {
      int t = byThreads.getKey();
      Map<String, List<Sample>> s = byThreads.getValue();
      for (String op : Interleaved.OPERATIONS) {
        String official = "official/" + op + "/jdk";
        target(
            out,
            t,
            op + " native: ops/s ×official",
            ratio(s, "wxpay4j/" + op + "/native", official, x -> x.opsPerSecond),
            ">=",
            3.0);
        target(
            out,
            t,
            op + " native: B/op ×official",
            ratio(s, "wxpay4j/" + op + "/native", official, x -> x.bytesPerOp),
            "<=",
            0.5);
        target(
            out,
            t,
            op + " jdk: ops/s ×official",
            ratio(s, "wxpay4j/" + op + "/jdk", official, x -> x.opsPerSecond),
            ">=",
            1.0);
        target(
            out, t, op + " jdk: B/op outside crypto ×official's", outsideCrypto(s, op), "<=", 0.5);
        for (String p : Interleaved.PROVIDERS) {
          target(
              out,
              t,
              op + " " + p + ": µs/op ×floor+crypto",
              ratio(
                  s, "wxpay4j/" + op + "/" + p, "floor+crypto/" + op + "/" + p, x -> x.microsPerOp),
              "<=",
              1.10);
        }
      }
    }
    out.append("\n**Targets** (issue 19)\n\n");
    for (Map.Entry<Integer, Map<String, List<Sample>>> byThreads : samples.entrySet()) {
      String notification = Interleaved.NOTIFICATION;
      target(
          out,
          byThreads.getKey(),
          notification + " jdk: ops/s ×official",
          ratio(
              byThreads.getValue(),
              "wxpay4j/" + notification + "/jdk",
              "official/" + notification + "/jdk",
              x -> x.opsPerSecond),
          ">=",
          1.0);
    }
    return out.toString();
  }

  private static void row(StringBuilder out, Map<String, List<Sample>> s, String key, String op) {
    List<Sample> samples = s.get(key);
    if (samples == null) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %,.0f | %.1f | %,.0f | ",
            key,
            median(samples, x -> x.opsPerSecond),
            median(samples, x -> x.microsPerOp),
            median(samples, x -> x.bytesPerOp)));
    if (key.startsWith("wxpay4j/")) {
      String official = "official/" + op + "/jdk";
      String floor = "floor+crypto/" + op + "/" + key.substring(key.lastIndexOf('/') + 1);
      out.append(cell(ratio(s, key, official, x -> x.opsPerSecond)))
          .append(" | ")
          .append(cell(ratio(s, key, official, x -> x.bytesPerOp)))
          .append(" | ")
          .append(cell(ratio(s, key, floor, x -> x.microsPerOp)))
          .append(" |\n");
    } else {
      out.append(" |  |  |\n");
    }
  }

  /** Per-round ratios a/b of {@code metric}. */
  static double @Nullable [] ratio(
      Map<String, List<Sample>> s, String a, String b, ToDoubleFunction<Sample> metric) {
    List<Sample> x = s.get(a);
    List<Sample> y = s.get(b);
    if (x == null || y == null) {
      return null;
    }
    double[] r = new double[Math.min(x.size(), y.size())];
    for (int i = 0; i < r.length; i++) {
      r[i] = metric.applyAsDouble(x.get(i)) / metric.applyAsDouble(y.get(i));
    }
    return r;
  }

  /** Per round: (wxpay4j-jdk B/op − crypto-jdk B/op) / (official B/op − crypto-jdk B/op). */
  private static double @Nullable [] outsideCrypto(Map<String, List<Sample>> s, String op) {
    List<Sample> wx = s.get("wxpay4j/" + op + "/jdk");
    List<Sample> official = s.get("official/" + op + "/jdk");
    List<Sample> crypto = s.get("crypto/sign+verify/jdk");
    if (wx == null || official == null || crypto == null) {
      return null;
    }
    int n = Math.min(wx.size(), Math.min(official.size(), crypto.size()));
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double c = crypto.get(i).bytesPerOp;
      r[i] = (wx.get(i).bytesPerOp - c) / (official.get(i).bytesPerOp - c);
    }
    return r;
  }

  private static void target(
      StringBuilder out,
      int threads,
      String what,
      double @Nullable [] ratios,
      String relation,
      double bound) {
    if (ratios == null || ratios.length == 0) {
      return;
    }
    double m = median(ratios);
    boolean met = relation.equals(">=") ? m >= bound : m <= bound;
    out.append(
        String.format(
            Locale.ROOT,
            "- %d thread%s, %s: %s (target %s %.2f) %s%n",
            threads,
            threads == 1 ? "" : "s",
            what,
            cell(ratios),
            relation.equals(">=") ? "≥" : "≤",
            bound,
            met ? "**met**" : "**missed**"));
  }

  static String cell(double @Nullable [] ratios) {
    if (ratios == null || ratios.length == 0) {
      return "";
    }
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT, "%.2f (%.2f–%.2f)", median(ratios), sorted[0], sorted[sorted.length - 1]);
  }

  static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
    List<Double> values = new ArrayList<>();
    for (Sample s : samples) {
      values.add(metric.applyAsDouble(s));
    }
    return median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
