package io.wxpay4j.benchmarks;

import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Cold start: how long a fresh JVM takes, and how much CPU it burns, from launch to its first
 * verified JSAPI prepay and exit, with wxpay4j (JDK crypto; and with the native ACCP on the class
 * path) and with the official {@code wechatpay-java} 0.2.17. Prints a markdown table and the
 * issue-19 targets.
 *
 * <p>This JVM runs the embedded {@link WechatPaySimulator} (its state directory holds the {@code
 * apiclient_key.pem} and {@code pub_key.pem} the probes read) and launches one fresh JVM per run:
 * {@link ColdStartWxpay4j} or {@link ColdStartOfficial}, each with a class path of its own SDK's
 * runtime jars only (the benchmark classes, then the jars of the anchor classes below), plain
 * {@code java -cp … Main}, no JVM options. Round 0 warms the simulator and the page cache and is
 * discarded; each later round runs every variant once, in a rotated order, so that load on this
 * shared machine hits all variants alike; ratios are the medians of the per-round paired ratios.
 *
 * <p>Wall time is the whole process, launch to exit, as the driver sees it. CPU time is the probe's
 * whole process (all threads, JIT and GC included) at the end of its work, from the kernel (10 ms
 * ticks); JVM shutdown is not in it. Phases come from the probe's {@link ColdStartClock}.
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) io.wxpay4j.benchmarks.ColdStart
 *     [--quick] [--rounds N] [--java-option OPT]... [--no-classes] [--print-commands] [--out FILE]
 * </pre>
 */
public final class ColdStart {
  static final int DEFAULT_ROUNDS = 15;
  static final int QUICK_ROUNDS = 5;

  /** Issue 19: wxpay4j's first verified prepay at most this times the official SDK's. */
  static final double TARGET_RATIO = 0.8;

  /** One class of each jar a wxpay4j application has at run time (its declared dependencies). */
  static final List<String> WXPAY4J_JARS =
      List.of(
          "io.wxpay4j.WechatPayClient",
          "io.wxpay4j.json.WechatPayJson",
          "retrofit2.Retrofit",
          "retrofit2.converter.moshi.MoshiConverterFactory",
          "com.squareup.moshi.Moshi",
          "com.squareup.moshi.adapters.EnumJsonAdapter",
          "okhttp3.OkHttpClient",
          "okio.Buffer",
          "kotlin.Unit",
          "org.jetbrains.annotations.NotNull",
          "org.bouncycastle.jce.provider.BouncyCastleProvider",
          "org.bouncycastle.asn1.cmp.PKIMessage",
          "org.bouncycastle.openssl.PEMParser",
          "org.jspecify.annotations.NullMarked",
          "org.apache.commons.csv.CSVFormat",
          "org.apache.commons.io.IOUtils",
          "org.apache.commons.codec.binary.Hex");

  /** The optional native provider, on the class path of {@link Variant#WXPAY4J_NATIVE} only. */
  static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  /** The same for the official SDK 0.2.17 (its pom's compile and runtime dependencies). */
  static final List<String> OFFICIAL_JARS =
      List.of(
          "com.wechat.pay.java.service.payments.jsapi.JsapiService",
          "com.wechat.pay.java.core.Config",
          "org.apache.http.entity.mime.MultipartEntityBuilder",
          "org.apache.http.impl.client.HttpClients",
          "org.apache.http.HttpEntity",
          "org.apache.commons.logging.Log",
          "com.google.gson.Gson",
          "org.slf4j.Logger",
          "okhttp3.OkHttpClient",
          "okio.Buffer",
          "kotlin.Unit",
          "org.jetbrains.annotations.NotNull");

  /** What runs in the probe JVM. */
  enum Variant {
    WXPAY4J_JDK("wxpay4j, JDK crypto", ColdStartWxpay4j.class, WXPAY4J_JARS, false),
    WXPAY4J_NATIVE("wxpay4j, ACCP on the class path", ColdStartWxpay4j.class, WXPAY4J_JARS, true),
    OFFICIAL("official 0.2.17", ColdStartOfficial.class, OFFICIAL_JARS, false);

    final String label;
    final Class<?> main;
    final List<String> jars;
    final boolean accp;

    Variant(String label, Class<?> main, List<String> jars, boolean accp) {
      this.label = label;
      this.main = main;
      this.jars = jars;
      this.accp = accp;
    }
  }

  /** One probe run: stamps relative to the launch, in nanoseconds. */
  static final class Run {
    final Variant variant;
    final long wall;

    /** Monotonic stamps of {@link ColdStartClock#PHASES}, minus the launch stamp. */
    final long[] at;

    /** Process CPU time at each stamp; -1 if unknown. */
    final long[] cpu;

    Run(Variant variant, long wall, long[] at, long[] cpu) {
      this.variant = variant;
      this.wall = wall;
      this.at = at;
      this.cpu = cpu;
    }

    /**
     * Wall time from the end of phase {@code from} (or the launch, for null) to the end of {@code
     * to}.
     */
    double ms(@Nullable String from, String to) {
      return ((double) at[index(to)] - (from == null ? 0 : at[index(from)])) / 1e6;
    }

    double cpuMs(@Nullable String from, String to) {
      return ((double) cpu[index(to)] - (from == null ? 0 : cpu[index(from)])) / 1e6;
    }

    double wallMs() {
      return wall / 1e6;
    }

    private static int index(String phase) {
      int i = Arrays.asList(ColdStartClock.PHASES).indexOf(phase);
      if (i < 0) {
        throw new IllegalArgumentException(phase);
      }
      return i;
    }
  }

  /** The probes' arguments and class paths, fixed for a whole measurement. */
  static final class Launcher {
    final List<String> arguments;
    final List<String> javaOptions;
    private final Map<Variant, String> classPaths = new EnumMap<>(Variant.class);

    Launcher(WechatPaySimulator simulator, Path state, List<String> javaOptions) {
      SimulatorMerchant m = simulator.merchant();
      this.arguments =
          List.of(
              simulator.baseUrl(),
              state.toString(),
              m.merchantId(),
              m.merchantSerialNumber(),
              m.wechatPayPublicKeyId(),
              m.apiV3Key(),
              m.appId());
      this.javaOptions = List.copyOf(javaOptions);
      for (Variant v : Variant.values()) {
        classPaths.put(v, classPath(v));
      }
    }

    List<String> command(Variant v, String outTradeNo, List<String> extraOptions) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(javaOptions);
      command.addAll(extraOptions);
      command.add("-cp");
      command.add(classPaths.get(v));
      command.add(v.main.getName());
      command.addAll(arguments);
      command.add(outTradeNo);
      return command;
    }

    /** Launches one probe and waits for its exit. */
    Run run(Variant v, String outTradeNo) throws IOException, InterruptedException {
      List<String> command = command(v, outTradeNo, List.of());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      long launched = System.nanoTime();
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean exited = process.waitFor(2, TimeUnit.MINUTES);
      long wall = System.nanoTime() - launched;
      if (!exited || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(v + " probe failed:\n" + output);
      }
      Map<String, String> fields = fields(output, v);
      if (!fields.getOrDefault("prepayId", "").startsWith("wx")) {
        throw new IllegalStateException(v + " probe answered no prepay_id:\n" + output);
      }
      String[] phases = ColdStartClock.PHASES;
      long[] at = new long[phases.length];
      long[] cpu = new long[phases.length];
      for (int i = 0; i < phases.length; i++) {
        at[i] = Long.parseLong(fields.get(phases[i])) - launched;
        cpu[i] = Long.parseLong(fields.get("cpu." + phases[i]));
      }
      if (at[0] <= 0 || at[phases.length - 1] > wall) {
        throw new IllegalStateException(
            "the probe's System.nanoTime() is not this process's clock (CLOCK_MONOTONIC on Linux):"
                + " main at "
                + at[0]
                + " ns after launch, exit at "
                + wall);
      }
      return new Run(v, wall, at, cpu);
    }
  }

  private static Map<String, String> fields(String output, Variant v) {
    for (String line : output.split("\n")) {
      if (line.startsWith("COLDSTART ")) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring("COLDSTART ".length()).trim().split(" ")) {
          int eq = field.indexOf('=');
          fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return fields;
      }
    }
    throw new IllegalStateException(v + " probe printed no COLDSTART line:\n" + output);
  }

  /**
   * The probe's class path: the benchmark classes, then the jar (or directory) of every anchor
   * class, in order, without repeats.
   */
  static String classPath(Variant v) {
    Set<String> entries = new LinkedHashSet<>();
    String own = location(ColdStart.class.getName());
    entries.add(own);
    List<String> anchors = new ArrayList<>(v.jars);
    if (v.accp) {
      anchors.add(ACCP);
    }
    for (String anchor : anchors) {
      entries.add(location(anchor));
    }
    if (entries.size() < anchors.size() / 2) {
      throw new IllegalStateException(
          "the dependencies are all in "
              + own
              + ": run this from the jars (java -cp benchmarks/target/classes:$(cat"
              + " benchmarks/target/classpath.txt) …, as benchmarks/run does), not from the uber jar,"
              + " so that each probe gets its own SDK's jars and ACCP only where asked");
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String location(String className) {
    try {
      Class<?> type = Class.forName(className, false, ColdStart.class.getClassLoader());
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot locate the jar of " + className, e);
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = DEFAULT_ROUNDS;
    boolean classes = true;
    boolean printCommands = false;
    List<String> javaOptions = new ArrayList<>();
    @Nullable Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
          rounds = QUICK_ROUNDS;
          break;
        case "--rounds":
          rounds = Integer.parseInt(args[++i]);
          break;
        case "--java-option":
          javaOptions.add(args[++i]);
          break;
        case "--no-classes":
          classes = false;
          break;
        case "--print-commands":
          printCommands = true;
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        default:
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
      }
    }
    String report = report(rounds, classes, javaOptions, printCommands, System.err);
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
    System.exit(0);
  }

  /**
   * Starts the simulator, measures {@code rounds} rounds and, with {@code classes}, counts the
   * classes of one more run of each variant; returns the markdown.
   */
  static String report(
      int rounds,
      boolean classes,
      List<String> javaOptions,
      boolean printCommands,
      PrintStream progress)
      throws IOException, InterruptedException {
    Path state = Files.createTempDirectory("wxpay4j-coldstart");
    try (WechatPaySimulator simulator =
        WechatPaySimulator.builder().stateDirectory(state).start()) {
      Launcher launcher = new Launcher(simulator, state, javaOptions);
      if (printCommands) {
        for (Variant v : Variant.values()) {
          progress.println(String.join(" ", launcher.command(v, "OUT_TRADE_NO", List.of())));
        }
      }
      String loadBefore = loadAverage();
      List<List<Run>> runs = measure(launcher, rounds, progress);
      String loadAfter = loadAverage();
      String report = markdown(runs, javaOptions, loadBefore, loadAfter);
      if (classes) {
        report += "\n" + classTable(classCounts(launcher));
      }
      return report;
    } finally {
      deleteRecursively(state);
    }
  }

  /** Round 0 (discarded), then {@code rounds} rounds of every variant in a rotated order. */
  static List<List<Run>> measure(Launcher launcher, int rounds, PrintStream progress)
      throws IOException, InterruptedException {
    Variant[] variants = Variant.values();
    List<List<Run>> result = new ArrayList<>();
    long started = System.nanoTime();
    for (int round = 0; round <= rounds; round++) {
      List<Run> thisRound = new ArrayList<>();
      for (int i = 0; i < variants.length; i++) {
        Variant v = variants[(i + round) % variants.length];
        thisRound.add(launcher.run(v, "COLDSTART" + round + "X" + v.ordinal()));
      }
      thisRound.sort(Comparator.comparing(r -> r.variant));
      if (round > 0) {
        result.add(thisRound);
      }
      progress.printf(
          Locale.ROOT,
          "cold start: round %d/%d done after %.0f s (%s)%n",
          round,
          rounds,
          (System.nanoTime() - started) / 1e9,
          thisRound.stream()
              .map(r -> String.format(Locale.ROOT, "%s %.0f ms", r.variant.name(), r.wallMs()))
              .collect(Collectors.joining(", ")));
    }
    return result;
  }

  /** The table, the paired ratios and the targets. */
  static String markdown(
      List<List<Run>> rounds, List<String> javaOptions, String loadBefore, String loadAfter) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "**Cold start**: a fresh JVM (`java -cp <its SDK's jars> Main`%s) reads `apiclient_key.pem` and"
                + " `pub_key.pem`, builds a client, places one JSAPI prepay against the simulator (another"
                + " JVM), verifies the answer and exits. %d interleaved rounds after a discarded one;"
                + " medians in ms; ×official: medians of the per-round paired ratios (min–max). Wall:"
                + " launch to exit. CPU: all threads of the probe until its prepay is verified (10 ms"
                + " ticks). Load average (1 min) %s before, %s after.%n%n",
            javaOptions.isEmpty() ? "" : ", " + String.join(" ", javaOptions),
            rounds.size(),
            loadBefore,
            loadAfter));
    out.append(
            "| variant | wall | CPU | JVM to main | keys | client | to wire | on wire | verified"
                + " | main to verified (CPU) | wall ×official | CPU ×official |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Variant v : Variant.values()) {
      List<Run> runs = runsOf(rounds, v);
      if (runs.isEmpty()) {
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f (%.0f) | %s | %s |%n",
              v.label,
              median(runs, Run::wallMs),
              median(runs, r -> r.cpuMs(null, "verified")),
              median(runs, r -> r.ms(null, "main")),
              median(runs, r -> r.ms("main", "keys")),
              median(runs, r -> r.ms("keys", "client")),
              median(runs, r -> r.ms("client", "sent")),
              median(runs, r -> r.ms("sent", "received")),
              median(runs, r -> r.ms("received", "verified")),
              median(runs, r -> r.ms("main", "verified")),
              median(runs, r -> r.cpuMs("main", "verified")),
              v == Variant.OFFICIAL ? "" : Report.cell(paired(rounds, v, Run::wallMs)),
              v == Variant.OFFICIAL
                  ? ""
                  : Report.cell(paired(rounds, v, r -> r.cpuMs(null, "verified")))));
    }
    out.append(
        "\nPhases: JVM to main (JVM start, the same work for both), keys (both PEM files read), client"
            + " (built), to wire (the first request reaches the network: service and adapter set-up,"
            + " serialisation, signing), on wire (connection, simulator), verified (signature"
            + " verification, decoding).\n\n");
    out.append("**Targets** (issue 19)\n\n");
    for (Variant v : List.of(Variant.WXPAY4J_JDK, Variant.WXPAY4J_NATIVE)) {
      target(out, v, "wall ×official", paired(rounds, v, Run::wallMs));
      target(out, v, "CPU ×official", paired(rounds, v, r -> r.cpuMs(null, "verified")));
    }
    return out.toString();
  }

  private static void target(StringBuilder out, Variant v, String what, double[] ratios) {
    if (ratios.length == 0) {
      return;
    }
    double m = Report.median(ratios);
    out.append(
        String.format(
            Locale.ROOT,
            "- %s, first verified prepay %s: %s (target ≤ %.2f) %s%n",
            v.label,
            what,
            Report.cell(ratios),
            TARGET_RATIO,
            m <= TARGET_RATIO ? "**met**" : "**missed**"));
  }

  private static List<Run> runsOf(List<List<Run>> rounds, Variant v) {
    List<Run> runs = new ArrayList<>();
    for (List<Run> round : rounds) {
      for (Run r : round) {
        if (r.variant == v) {
          runs.add(r);
        }
      }
    }
    return runs;
  }

  /** Per round: {@code metric} of {@code v} over the official SDK's. */
  static double[] paired(List<List<Run>> rounds, Variant v, ToDoubleFunction<Run> metric) {
    List<Double> ratios = new ArrayList<>();
    for (List<Run> round : rounds) {
      Run a = null;
      Run b = null;
      for (Run r : round) {
        if (r.variant == v) {
          a = r;
        } else if (r.variant == Variant.OFFICIAL) {
          b = r;
        }
      }
      if (a != null && b != null) {
        ratios.add(metric.applyAsDouble(a) / metric.applyAsDouble(b));
      }
    }
    return ratios.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
    return Report.median(runs.stream().mapToDouble(metric).toArray());
  }

  /**
   * Classes loaded by one run of each variant, by where they came from ({@code -Xlog:class+load}).
   */
  static Map<Variant, Map<String, Integer>> classCounts(Launcher launcher)
      throws IOException, InterruptedException {
    Map<Variant, Map<String, Integer>> result = new EnumMap<>(Variant.class);
    for (Variant v : Variant.values()) {
      Path log = Files.createTempFile("wxpay4j-coldstart-classes", ".log");
      try {
        List<String> command =
            launcher.command(
                v,
                "COLDSTARTCLASSES" + v.ordinal(),
                List.of("-Xlog:class+load=info:file=" + log + ":none"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
          process.destroyForcibly();
          throw new IllegalStateException(v + " probe failed:\n" + output);
        }
        try (Stream<String> lines = Files.lines(log)) {
          result.put(v, bySource(lines.collect(Collectors.toList())));
        }
      } finally {
        Files.deleteIfExists(log);
      }
    }
    return result;
  }

  /** Counts {@code -Xlog:class+load} lines by source: the JDK, generated classes, or a jar. */
  static Map<String, Integer> bySource(List<String> lines) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : lines) {
      int at = line.indexOf(" source: ");
      if (at < 0) {
        continue;
      }
      String source = line.substring(at + " source: ".length()).trim();
      String group;
      if (source.equals("shared objects file") || source.startsWith("shared objects file")) {
        group = "JDK (CDS archive)";
      } else if (source.startsWith("jrt:/")) {
        group = "JDK (modules)";
      } else if (source.startsWith("file:") || source.startsWith("jar:")) {
        String path = source.replaceFirst("^jar:", "").replaceFirst("!/.*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        group =
            name.endsWith(".jar")
                ? name.replaceFirst("-[0-9][^/]*\\.jar$", "")
                : "benchmark classes";
      } else {
        group = "generated (lambdas, reflection)";
      }
      counts.merge(group, 1, Integer::sum);
    }
    return counts;
  }

  static String classTable(Map<Variant, Map<String, Integer>> counts) {
    StringBuilder out = new StringBuilder();
    out.append(
            "**Classes loaded** by one run of each (`-Xlog:class+load`), by where they come from\n\n")
        .append(
            "| variant | all | JDK (CDS archive) | JDK (modules) | generated | from jars (largest first) |\n")
        .append("|---|---:|---:|---:|---:|---|\n");
    for (Map.Entry<Variant, Map<String, Integer>> e : counts.entrySet()) {
      Map<String, Integer> c = new LinkedHashMap<>(e.getValue());
      int all = c.values().stream().mapToInt(Integer::intValue).sum();
      int cds = c.getOrDefault("JDK (CDS archive)", 0);
      int modules = c.getOrDefault("JDK (modules)", 0);
      int generated = c.getOrDefault("generated (lambdas, reflection)", 0);
      c.remove("JDK (CDS archive)");
      c.remove("JDK (modules)");
      c.remove("generated (lambdas, reflection)");
      String jars =
          c.entrySet().stream()
              .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
              .map(j -> j.getKey() + " " + j.getValue())
              .collect(Collectors.joining(", "));
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,d | %,d | %,d | %s |%n",
              e.getKey().label,
              all,
              cds,
              modules,
              generated,
              jars));
    }
    return out.toString();
  }

  /** The 1-minute load average, from /proc/loadavg; "?" elsewhere. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }

  private ColdStart() {}
}
