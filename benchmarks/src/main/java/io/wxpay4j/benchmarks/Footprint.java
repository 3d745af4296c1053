package io.wxpay4j.benchmarks;

import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What N clients of one merchant cost a JVM: retained heap per client, threads added to the
 * process, open connections, for wxpay4j in public-key and platform-certificate mode, each with its
 * own {@code OkHttpClient} and with one shared through {@code okHttpClient(shared)}, beside the
 * official {@code wechatpay-java} 0.2.17 configured the same four ways. Prints a markdown table and
 * the issue-11 targets.
 *
 * <p>This JVM runs the embedded {@link WechatPaySimulator}; each configuration is measured in a
 * fresh JVM of its own ({@link FootprintProbe}), so that neither the simulator's per-connection
 * threads and buffers nor another configuration's leftovers are counted.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.wxpay4j.benchmarks.Footprint [--clients 1000] [--quick]
 *     [--out footprint.md]
 * </pre>
 */
public final class Footprint {
  /** Default number of clients per configuration; {@code --quick} uses {@value #QUICK_CLIENTS}. */
  static final int DEFAULT_CLIENTS = 1000;

  static final int QUICK_CLIENTS = 300;

  /** Issue 11: the whole process, whatever the number of clients. */
  static final int TARGET_THREADS = 8;

  /** Issue 11: "a handful" of open connections. */
  static final int TARGET_CONNECTIONS = 5;

  /** Issue 11: retained heap per client. */
  static final double TARGET_KB_PER_CLIENT = 16;

  /** One way to build the N clients. */
  enum Setup {
    WXPAY4J_PUBLIC_KEY(false, false, false),
    WXPAY4J_PUBLIC_KEY_SHARED(false, false, true),
    WXPAY4J_CERTIFICATES(false, true, false),
    WXPAY4J_CERTIFICATES_SHARED(false, true, true),
    OFFICIAL_PUBLIC_KEY(true, false, false),
    OFFICIAL_PUBLIC_KEY_SHARED(true, false, true),
    OFFICIAL_CERTIFICATES(true, true, false),
    OFFICIAL_CERTIFICATES_SHARED(true, true, true);

    final boolean official;
    final boolean certificates;
    final boolean shared;

    Setup(boolean official, boolean certificates, boolean shared) {
      this.official = official;
      this.certificates = certificates;
      this.shared = shared;
    }

    String label() {
      return (official ? "official" : "wxpay4j")
          + ", "
          + (certificates ? "platform certificates" : "public key")
          + ", "
          + (shared ? "shared OkHttpClient" : "own OkHttpClient");
    }

    /** The official SDK configured the same way. */
    Setup official() {
      return official ? this : valueOf(name().replace("WXPAY4J_", "OFFICIAL_"));
    }
  }

  /** What one probe JVM reported. */
  static final class Result {
    final Setup setup;
    final int clients;
    final long heapBefore;
    final long heapAfter;
    final int threads;
    final int connections;
    final String connectionSource;
    final String threadNames;

    Result(Setup setup, Map<String, String> fields) {
      this.setup = setup;
      this.clients = Integer.parseInt(fields.get("clients"));
      this.heapBefore = Long.parseLong(fields.get("heapBefore"));
      this.heapAfter = Long.parseLong(fields.get("heapAfter"));
      this.threads = Integer.parseInt(fields.get("threads"));
      this.connections = Integer.parseInt(fields.get("connections"));
      this.connectionSource = fields.get("connectionSource");
      this.threadNames = fields.getOrDefault("threadNames", "");
    }

    double kbPerClient() {
      return (heapAfter - heapBefore) / 1024.0 / clients;
    }
  }

  public static void main(String[] args) throws Exception {
    int clients = DEFAULT_CLIENTS;
    @Nullable Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
          clients = QUICK_CLIENTS;
          break;
        case "--clients":
          clients = Integer.parseInt(args[++i]);
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        default:
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
      }
    }
    String report = markdown(measure(clients, List.of(Setup.values()), System.err));
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
    System.exit(0);
  }

  /** Runs one probe JVM per setup, in order, against one simulator started here. */
  static List<Result> measure(int clients, List<Setup> setups, PrintStream progress)
      throws IOException, InterruptedException {
    List<Result> results = new ArrayList<>();
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      Path credentials = Files.createTempFile("wxpay4j-footprint", ".properties");
      try {
        writeCredentials(simulator, credentials);
        for (Setup setup : setups) {
          long started = System.nanoTime();
          Result r = probe(setup, clients, credentials, "FOOTPRINT" + setup.ordinal() + "_");
          results.add(r);
          progress.printf(
              Locale.ROOT,
              "footprint: %s, %d clients: %.1f KB/client, %d threads, %d connections (%.0f s)%n",
              setup.label(),
              clients,
              r.kbPerClient(),
              r.threads,
              r.connections,
              (System.nanoTime() - started) / 1e9);
        }
      } finally {
        Files.deleteIfExists(credentials);
      }
    }
    return results;
  }

  /** The test merchant's credentials, for the probe JVMs (TEST-ONLY keys made by the simulator). */
  private static void writeCredentials(WechatPaySimulator simulator, Path file) throws IOException {
    SimulatorMerchant m = simulator.merchant();
    Properties p = new Properties();
    p.setProperty("merchantId", m.merchantId());
    p.setProperty("appId", m.appId());
    p.setProperty("serial", m.merchantSerialNumber());
    p.setProperty(
        "privateKey", Base64.getEncoder().encodeToString(m.merchantPrivateKey().getEncoded()));
    p.setProperty("publicKeyId", m.wechatPayPublicKeyId());
    p.setProperty(
        "publicKey", Base64.getEncoder().encodeToString(m.wechatPayPublicKey().getEncoded()));
    p.setProperty("apiV3Key", m.apiV3Key());
    p.setProperty("baseUrl", simulator.baseUrl());
    try (OutputStream o = Files.newOutputStream(file)) {
      p.store(o, "TEST-ONLY credentials of a simulator merchant");
    }
  }

  private static Result probe(Setup setup, int clients, Path credentials, String prefix)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            FootprintProbe.class.getName(),
            setup.name(),
            Integer.toString(clients),
            credentials.toString(),
            prefix);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("probe " + setup + " failed:\n" + output);
    }
    for (String line : output.split("\n")) {
      if (line.startsWith("FOOTPRINT ")) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring("FOOTPRINT ".length()).trim().split(" ")) {
          int eq = field.indexOf('=');
          fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return new Result(setup, fields);
      }
    }
    throw new IllegalStateException("probe " + setup + " printed no FOOTPRINT line:\n" + output);
  }

  /** The table, the targets and the threads each configuration added. */
  static String markdown(List<Result> results) {
    Map<Setup, Result> bySetup = new EnumMap<>(Setup.class);
    for (Result r : results) {
      bySetup.put(r.setup, r);
    }
    int clients = results.isEmpty() ? 0 : results.get(0).clients;
    boolean sockets = results.stream().allMatch(r -> r.connectionSource.equals("sockets"));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "**Footprint**: %,d clients for one merchant in one JVM, each after one JSAPI prepay against"
                + " the simulator (which runs in another JVM), all held while measured; one fresh JVM per"
                + " configuration (Serial GC). KB/client: retained heap, (after − before) / clients, medians"
                + " of %d readings each after a full GC. Extra threads: live threads added since the JVM"
                + " started. Open connections: %s. ×official: KB/client over the official SDK's, configured"
                + " the same way.%n%n",
            clients,
            5,
            sockets
                ? "established TCP connections to the simulator"
                : "connections in the clients' connection pools"));
    out.append(
            "| configuration | KB/client | extra threads | open connections | KB/client ×official |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (Result r : results) {
      Result official = bySetup.get(r.setup.official());
      String ratio =
          r.setup.official || official == null
              ? ""
              : String.format(Locale.ROOT, "%.2f", r.kbPerClient() / official.kbPerClient());
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %,d | %,d | %s |%n",
              r.setup.label(),
              r.kbPerClient(),
              r.threads,
              r.connections,
              ratio));
    }
    out.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "**Targets** (issue 11): ≤ %.0f KB/client, ≤ %d extra threads in the process, ≤ %d open"
                    + " connections%n%n",
                TARGET_KB_PER_CLIENT,
                TARGET_THREADS,
                TARGET_CONNECTIONS));
    for (Result r : results) {
      if (r.setup.official) {
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "- %s: %.1f KB/client %s, %,d extra threads %s, %,d open connections %s%n",
              r.setup.label(),
              r.kbPerClient(),
              verdict(r.kbPerClient() <= TARGET_KB_PER_CLIENT),
              r.threads,
              verdict(r.threads <= TARGET_THREADS),
              r.connections,
              verdict(r.connections <= TARGET_CONNECTIONS)));
    }
    out.append("\n**Threads added** (thread name, numbers as #: count)\n\n");
    for (Result r : results) {
      out.append("- ")
          .append(r.setup.label())
          .append(": ")
          .append(r.threadNames.isEmpty() ? "none" : threadNames(r.threadNames))
          .append('\n');
    }
    out.append(
        "\nThe official SDK's own default is the shared row: DefaultHttpClientBuilder derives every client"
            + " from one static OkHttpClient; its automatic platform certificates live in a static map per"
            + " merchant, refreshed by one static thread.\n");
    return out.toString();
  }

  private static String verdict(boolean met) {
    return met ? "**met**" : "**missed**";
  }

  private static String threadNames(String encoded) {
    List<String> parts = new ArrayList<>();
    for (String entry : encoded.split(",")) {
      int colon = entry.lastIndexOf(':');
      parts.add(
          "`"
              + URLDecoder.decode(entry.substring(0, colon), StandardCharsets.UTF_8)
              + "`: "
              + entry.substring(colon + 1));
    }
    return String.join(", ", parts);
  }

  private Footprint() {}
}
