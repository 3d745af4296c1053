package io.wxpay4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every variant in short interleaved blocks inside one JVM and prints medians and paired
 * per-round ratios as a markdown table. On a shared 2-core machine two back-to-back runs of the
 * same code differ by ~30%; a variant and its reference measured seconds apart, round after round,
 * drift together, so their per-round ratio is stable even when the absolute numbers are not.
 *
 * <p>Each block is a JMH run ({@code forks=0}: this JVM, its server and its warm JIT) of one
 * benchmark at one thread count: a short warm-up iteration, then one measured iteration in
 * throughput mode and (unless {@code --quick}) one in average-time mode, with JMH's GC profiler for
 * bytes per operation. Round 0 warms everything up and is discarded; each later round visits the
 * variants in a rotated order.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--rounds N] [--warmup-ms MS] [--measure-ms MS]
 *     [--threads 1,2] [--only KEY_PART] [--out results.md]
 * </pre>
 */
public final class Interleaved {
  /** One benchmark method at one provider. */
  static final class Variant {
    final String key;
    final Class<?> type;
    final String method;
    final @Nullable String provider;

    Variant(String key, Class<?> type, String method, @Nullable String provider) {
      this.key = key;
      this.type = type;
      this.method = method;
      this.provider = provider;
    }
  }

  /** One measured block. */
  static final class Sample {
    final double opsPerSecond;
    final double microsPerOp;
    final double bytesPerOp;

    Sample(double opsPerSecond, double microsPerOp, double bytesPerOp) {
      this.opsPerSecond = opsPerSecond;
      this.microsPerOp = microsPerOp;
      this.bytesPerOp = bytesPerOp;
    }
  }

  static final List<String> OPERATIONS = List.of("prepay", "query");
  static final List<String> PROVIDERS = List.of("jdk", "native");

  /** Notification parsing (issue 19): verify, decrypt, decode a payment notice. */
  static final String NOTIFICATION = "notification";

  static List<Variant> variants() {
    List<Variant> all = new ArrayList<>();
    for (String op : OPERATIONS) {
      for (String p : PROVIDERS) {
        all.add(new Variant("wxpay4j/" + op + "/" + p, Wxpay4jBenchmark.class, op, p));
      }
      all.add(new Variant("official/" + op + "/jdk", OfficialBenchmark.class, op, null));
      all.add(new Variant("floor/" + op + "/none", FloorBenchmark.class, op, null));
      for (String p : PROVIDERS) {
        all.add(
            new Variant(
                "floor+crypto/" + op + "/" + p, FloorBenchmark.class, op + "WithCrypto", p));
      }
    }
    for (String p : PROVIDERS) {
      all.add(new Variant("crypto/sign+verify/" + p, CryptoBenchmark.class, "signAndVerify", p));
    }
    for (String p : PROVIDERS) {
      all.add(
          new Variant(
              "wxpay4j/" + NOTIFICATION + "/" + p, NotificationBenchmark.class, "parse", p));
    }
    all.add(
        new Variant(
            "official/" + NOTIFICATION + "/jdk",
            OfficialNotificationBenchmark.class,
            "parse",
            null));
    return all;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    int rounds = 5;
    long warmupMs = 1000;
    long measureMs = 2000;
    int[] threads = {1, 2};
    @Nullable Path out = null;
    String only = "";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--only":
          only = args[++i];
          break;
        case "--quick":
          quick = true;
          rounds = 3;
          warmupMs = 300;
          measureMs = 800;
          break;
        case "--rounds":
          rounds = Integer.parseInt(args[++i]);
          break;
        case "--warmup-ms":
          warmupMs = Long.parseLong(args[++i]);
          break;
        case "--measure-ms":
          measureMs = Long.parseLong(args[++i]);
          break;
        case "--threads":
          threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        default:
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
      }
    }
    String keyPart = only;
    List<Variant> variants = new ArrayList<>();
    for (Variant v : variants()) {
      if (v.key.contains(keyPart)) {
        variants.add(v);
      }
    }
    if (variants.isEmpty()) {
      System.err.println("no variant key contains " + only);
      System.exit(2);
    }
    // samples.get(threads).get(variant key) = one sample per measured round, in round order.
    Map<Integer, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
    long started = System.nanoTime();
    for (int round = 0; round <= rounds; round++) {
      for (int t : threads) {
        Map<String, List<Sample>> byVariant =
            samples.computeIfAbsent(t, k -> new LinkedHashMap<>());
        for (int i = 0; i < variants.size(); i++) {
          // Rotated by 3 a round (by 1 where 3 would bring the same order back).
          int step = variants.size() % 3 == 0 ? 1 : 3;
          Variant v = variants.get((i + round * step) % variants.size());
          Sample s =
              run(
                  v,
                  t,
                  round == 0 ? 200 : warmupMs,
                  round == 0 ? 300 : measureMs,
                  !quick && round > 0);
          if (round > 0) {
            byVariant.computeIfAbsent(v.key, k -> new ArrayList<>()).add(s);
          }
        }
      }
      System.err.printf(
          Locale.ROOT,
          "round %d/%d done after %.0f s%n",
          round,
          rounds,
          (System.nanoTime() - started) / 1e9);
    }
    String report = Report.markdown(samples, rounds, warmupMs, measureMs, quick);
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
    System.exit(0); // the server and the clients' pools are daemon threads, but JMH leaves others
  }

  static Sample run(Variant v, int threads, long warmupMs, long measureMs, boolean averageTime)
      throws RunnerException {
    double opsPerSecond = Double.NaN;
    double bytesPerOp = Double.NaN;
    for (RunResult r :
        new Runner(options(v, threads, warmupMs, measureMs, Mode.Throughput, TimeUnit.SECONDS))
            .run()) {
      opsPerSecond = r.getPrimaryResult().getScore();
      bytesPerOp = allocation(r);
    }
    if (Double.isNaN(opsPerSecond)) {
      throw new IllegalStateException("no result for " + v.key);
    }
    // A closed loop: each of `threads` threads completes opsPerSecond/threads operations per
    // second.
    double microsPerOp = threads * 1e6 / opsPerSecond;
    if (averageTime) {
      for (RunResult r :
          new Runner(
                  options(v, threads, warmupMs, measureMs, Mode.AverageTime, TimeUnit.MICROSECONDS))
              .run()) {
        microsPerOp = r.getPrimaryResult().getScore();
      }
    }
    return new Sample(opsPerSecond, microsPerOp, bytesPerOp);
  }

  private static Options options(
      Variant v, int threads, long warmupMs, long measureMs, Mode mode, TimeUnit unit) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(v.type.getName() + "." + v.method) + "$")
            .forks(0)
            .threads(threads)
            .warmupIterations(1)
            .warmupTime(TimeValue.milliseconds(warmupMs))
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(measureMs))
            .mode(mode)
            .timeUnit(unit)
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT);
    if (v.provider != null) {
      options.param("provider", v.provider);
    }
    return options.build();
  }

  private static double allocation(RunResult r) {
    for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue().getScore();
      }
    }
    return Double.NaN;
  }

  private Interleaved() {}
}
