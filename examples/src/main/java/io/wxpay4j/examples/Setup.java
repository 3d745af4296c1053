package io.wxpay4j.examples;

import java.net.InetAddress;
import java.net.UnknownHostException;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Where an example runs: an embedded simulator with a fresh TEST-ONLY merchant (the default), the standalone
 * simulator ({@code --simulator-state DIR}), or any WeChat Pay v3 endpoint with a merchant account given as
 * options. Closing it stops the embedded simulator and deletes its key files.
 *
 * <p>A simulated payer exists only where a simulator's control API answers ({@link SimulatedPayer#controlApiAnswers}),
 * never with {@code --manual-pay}: a loopback address alone may be a proxy or a mock.
 */
final class Setup implements AutoCloseable {
  /** The standalone simulator's default address ({@code java -jar wxpay4j-simulator.jar}). */
  static final String STANDALONE_SIMULATOR_URL = "http://127.0.0.1:8890/";

  private final Merchant merchant;
  private final String description;
  private final @Nullable WechatPaySimulator simulator;
  private final @Nullable Path temporaryDirectory;
  private final @Nullable SimulatedPayer payer;
  private final boolean onSimulator;
  private final @Nullable String connectionHint;
  private final Options options;
  private @Nullable WechatPayClient client;

  private Setup(
      Merchant merchant,
      String description,
      @Nullable WechatPaySimulator simulator,
      @Nullable Path temporaryDirectory,
      @Nullable SimulatedPayer payer,
      boolean onSimulator,
      @Nullable String connectionHint,
      Options options) {
    this.merchant = merchant;
    this.description = description;
    this.simulator = simulator;
    this.temporaryDirectory = temporaryDirectory;
    this.payer = payer;
    this.onSimulator = onSimulator;
    this.connectionHint = connectionHint;
    this.options = options;
  }

  /**
   * Opens the setup the options ask for.
   *
   * @throws Options.UsageException if options are missing or contradictory
   */
  static Setup open(Options options) throws IOException {
    if (options.embedded()) {
      return embedded(options);
    }
    String stateDir = options.get("simulator-state");
    if (stateDir != null) {
      return standalone(options, Path.of(stateDir));
    }
    return remote(options);
  }

  private static Setup embedded(Options options) throws IOException {
    // The simulator writes its merchant's key files here, so that examples load keys from files as a real
    // merchant does (apiclient_key.pem, pub_key.pem).
    Path directory = Files.createTempDirectory("wxpay4j-example-");
    WechatPaySimulator simulator;
    try {
      simulator = WechatPaySimulator.builder().stateDirectory(directory).start();
    } catch (RuntimeException e) {
      deleteRecursively(directory);
      throw e;
    }
    SimulatorMerchant test = simulator.merchant();
    Merchant merchant =
        new Merchant(
            test.merchantId(),
            test.appId(),
            test.merchantSerialNumber(),
            existing(directory.resolve("apiclient_key.pem")),
            test.wechatPayPublicKeyId(),
            existing(directory.resolve("pub_key.pem")),
            test.apiV3Key(),
            simulator.baseUrl(),
            null);
    return new Setup(
        merchant,
        "the embedded simulator at " + simulator.baseUrl() + " (TEST-ONLY merchant, no credentials needed)",
        simulator,
        directory,
        options.manualPay() ? null : SimulatedPayer.of(simulator),
        true,
        null,
        options);
  }

  private static Setup standalone(Options options, Path directory) throws IOException {
    Path file = directory.resolve("merchant.json");
    if (!Files.isRegularFile(file)) {
      throw new Options.UsageException(
          "--simulator-state " + directory + ": no merchant.json there; start the simulator with"
              + " java -jar wxpay4j-simulator.jar --state-dir " + directory + " first");
    }
    JsonAdapter<Map<String, Object>> adapter =
        new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    Map<String, Object> json = adapter.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    if (json == null) {
      throw new Options.UsageException(file + " is empty");
    }
    Object filesValue = json.get("files");
    Map<?, ?> files = filesValue instanceof Map ? (Map<?, ?>) filesValue : Map.of();
    // The standalone simulator records where it listens (its --port) in merchant.json; older files lack it.
    Object recorded = json.get("base_url");
    if (recorded != null && (!(recorded instanceof String) || HttpUrl.parse((String) recorded) == null)) {
      throw new Options.UsageException(file + ": base_url " + recorded + " is not an http(s) URL");
    }
    String baseUrl = baseUrl(or(options.get("base-url"), or((String) recorded, STANDALONE_SIMULATOR_URL)));
    String origin =
        options.get("base-url") != null
            ? "given by --base-url or " + Options.environmentVariable("base-url")
            : recorded != null
                ? "the base_url in " + file
                : "the standalone simulator's default; " + file + " records no base_url";
    Merchant merchant =
        new Merchant(
            or(options.get("mchid"), text(json, "mchid", file)),
            or(options.get("appid"), text(json, "appid", file)),
            or(options.get("merchant-serial"), text(json, "merchant_serial_no", file)),
            existing(path(options.get("private-key"), directory, files.get("merchant_private_key"), "apiclient_key.pem")),
            or(options.get("public-key-id"), text(json, "wechatpay_public_key_id", file)),
            existing(path(options.get("public-key"), directory, files.get("wechatpay_public_key"), "pub_key.pem")),
            or(options.get("api-v3-key"), text(json, "api_v3_key", file)),
            baseUrl,
            options.get("notify-url"));
    return new Setup(
        merchant,
        "the standalone simulator at " + baseUrl + " (TEST-ONLY merchant from " + file + ")",
        null,
        null,
        simulatedPayer(options, baseUrl),
        true,
        "nothing answered at " + baseUrl + " (" + origin + "). Is the simulator running (java -jar"
            + " simulator/target/wxpay4j-simulator.jar --state-dir " + directory + ")? Give its URL with --base-url"
            + " URL or the " + Options.environmentVariable("base-url") + " environment variable.",
        options);
  }

  private static Setup remote(Options options) {
    String baseUrl = baseUrl(or(options.get("base-url"), WechatPayClient.PRIMARY_BASE_URL));
    String publicKeyId = options.get("public-key-id");
    String publicKey = options.get("public-key");
    if ((publicKeyId == null) != (publicKey == null)) {
      throw new Options.UsageException("--public-key-id and --public-key go together");
    }
    if (publicKey == null && options.get("api-v3-key") == null) {
      throw new Options.UsageException(
          "a verification source is needed: --public-key-id and --public-key (微信支付公钥), or --api-v3-key"
              + " (APIv3密钥) to download the platform certificates (平台证书)");
    }
    Merchant merchant =
        new Merchant(
            required(options, "mchid"),
            required(options, "appid"),
            required(options, "merchant-serial"),
            existing(Path.of(required(options, "private-key"))),
            publicKeyId,
            publicKey == null ? null : existing(Path.of(publicKey)),
            options.get("api-v3-key"),
            baseUrl,
            options.get("notify-url"));
    boolean loopback = isLoopback(HttpUrl.get(baseUrl).host());
    // A simulator listens on loopback only; a loopback address may also be a proxy or a mock, so ask.
    SimulatedPayer payer = loopback ? simulatedPayer(options, baseUrl) : null;
    String account = " (merchant " + merchant.merchantId();
    String description =
        payer != null
            ? "a simulator at " + baseUrl + account + ")"
            : !loopback
                ? "WeChat Pay at " + baseUrl + account + ")"
                : options.manualPay()
                    ? "a local endpoint at " + baseUrl + account + "; --manual-pay: its control API, if any, is not used)"
                    : "a local endpoint at " + baseUrl + account + "; not a simulator: no control API answered)";
    return new Setup(
        merchant,
        description,
        null,
        null,
        payer,
        payer != null,
        "nothing answered at " + baseUrl + " ("
            + (options.get("base-url") != null
                ? "given by --base-url or " + Options.environmentVariable("base-url")
                : "WeChat Pay's default")
            + "). Give another URL with --base-url URL or the " + Options.environmentVariable("base-url")
            + " environment variable.",
        options);
  }

  /**
   * The payer of the simulator at {@code baseUrl}, driven through its control API: null with {@code --manual-pay}
   * (nothing calls the control API then, not even to look) or when no simulator's control API answers there.
   */
  private static @Nullable SimulatedPayer simulatedPayer(Options options, String baseUrl) {
    if (options.manualPay() || !SimulatedPayer.controlApiAnswers(baseUrl)) {
      return null;
    }
    return SimulatedPayer.controlApi(baseUrl);
  }

  /** The merchant account. */
  Merchant merchant() {
    return merchant;
  }

  /** One line: which endpoint, which merchant. */
  String description() {
    return description;
  }

  /**
   * The simulated payer: present when the endpoint is a simulator whose control API answered (or the embedded
   * one), absent with {@code --manual-pay}.
   */
  Optional<SimulatedPayer> payer() {
    return Optional.ofNullable(payer);
  }

  /**
   * True when the endpoint is a simulator: the embedded one, the standalone one of {@code --simulator-state}, or a
   * loopback endpoint whose control API answered. Demo defaults (openid, sub-merchant, a notify endpoint served by
   * the program) apply there.
   */
  boolean onSimulator() {
    return onSimulator;
  }

  /**
   * What to print when nothing answers at the base URL: which URL was tried, where it came from, and how to give
   * another; null for the embedded simulator.
   */
  @Nullable String connectionHint() {
    return connectionHint;
  }

  /** The embedded simulator, present by default (for fault injection). */
  Optional<WechatPaySimulator> embeddedSimulator() {
    return Optional.ofNullable(simulator);
  }

  /**
   * A client for the merchant, built once and closed with the setup; its default {@code notify_url} is
   * {@code --notify-url} or {@link #EXAMPLE_NOTIFY_URL}.
   */
  WechatPayClient client() {
    if (client == null) {
      client = merchant.clientBuilder().notifyUrl(notifyUrl()).build();
    }
    return client;
  }

  /** A placeholder notify_url for examples that do not wait for notifications. */
  static final String EXAMPLE_NOTIFY_URL = "https://example.com/wechatpay/notify";

  /** {@code --notify-url}, or {@link #EXAMPLE_NOTIFY_URL}. */
  String notifyUrl() {
    return merchant.notifyUrl() != null ? merchant.notifyUrl() : EXAMPLE_NOTIFY_URL;
  }

  /** A demo openid for simulators; a real JSAPI order needs a real payer's. */
  static final String DEMO_OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  /**
   * The payer's openid for JSAPI and mini-program orders: {@code --openid}, or a demo one on a simulator.
   *
   * @throws Options.UsageException against WeChat Pay without {@code --openid}
   */
  String openid() {
    String openid = options.get("openid");
    if (openid != null) {
      return openid;
    }
    if (!onSimulator) {
      throw new Options.UsageException(
          "--openid is required against WeChat Pay: the openid of a payer under --appid");
    }
    return DEMO_OPENID;
  }

  /**
   * The sub-merchant of the service-provider example: {@code --sub-mchid}, else the simulator's authorised
   * sub-merchant (the embedded one's, or the standalone simulator's default {@code 1900000110}).
   *
   * @throws Options.UsageException against WeChat Pay without {@code --sub-mchid}
   */
  String subMchid() {
    return partnerOption("sub-mchid", SimulatorMerchant::subMerchantId, "1900000110");
  }

  /** The sub-merchant's app: {@code --sub-appid}, else the simulator's ({@code wxd678efh567hg6999}). */
  String subAppid() {
    return partnerOption("sub-appid", SimulatorMerchant::subAppId, "wxd678efh567hg6999");
  }

  private String partnerOption(
      String name, java.util.function.Function<SimulatorMerchant, String> embedded, String standaloneDefault) {
    String value = options.get(name);
    if (value != null) {
      return value;
    }
    if (simulator != null) {
      return embedded.apply(simulator.merchant());
    }
    if (onSimulator) {
      return standaloneDefault; // WechatPaySimulator's documented default sub-merchant
    }
    throw new Options.UsageException(
        "--" + name + " is required against WeChat Pay: a sub-merchant authorised to --mchid");
  }

  /** The standalone simulator's default combine participants (WechatPaySimulator.Builder.combineMerchants). */
  static final List<String> SIMULATOR_COMBINE_MCHIDS = List.of("1900000211", "1900000212");

  /**
   * The two merchants of the combine-payment example's sub-orders: {@code --combine-mchids}, else the simulator's
   * participants other than the merchant itself.
   *
   * @throws Options.UsageException against WeChat Pay without {@code --combine-mchids}, or with other than two
   */
  List<String> combineMchids() {
    String option = options.get("combine-mchids");
    List<String> ids;
    if (option != null) {
      ids = List.of(option.split("\\s*,\\s*"));
    } else if (simulator != null) {
      ids = simulator.combineMerchantIds().stream().filter(id -> !id.equals(merchant.merchantId())).toList();
    } else if (onSimulator) {
      ids = SIMULATOR_COMBINE_MCHIDS;
    } else {
      throw new Options.UsageException(
          "--combine-mchids is required against WeChat Pay: two merchants bound to --appid that accept combine"
              + " payments (接收合单支付)");
    }
    if (ids.size() < 2) {
      throw new Options.UsageException("--combine-mchids needs two merchant IDs, e.g. 1900000211,1900000212");
    }
    return ids.subList(0, 2);
  }

  /** The options the setup was opened with. */
  Options options() {
    return options;
  }

  @Override
  public void close() {
    try {
      if (client != null) {
        client.close();
      }
      if (simulator != null) {
        simulator.close();
      }
    } finally {
      if (temporaryDirectory != null) {
        deleteRecursively(temporaryDirectory);
      }
    }
  }

  /** The JDK decides (no copy of the client's own rule): a loopback address, or a name resolving to one. */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // the connection will fail and say so
    }
  }

  private static String baseUrl(String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new Options.UsageException("--base-url " + url + " is not an http(s) URL");
    }
    return url.endsWith("/") ? url : url + "/";
  }

  private static String required(Options options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new Options.UsageException(
          "--" + name + " (or " + Options.environmentVariable(name) + ") is required with a merchant account;"
              + " run without options to use the embedded simulator");
    }
    return value;
  }

  private static String or(@Nullable String value, String fallback) {
    return value != null ? value : fallback;
  }

  private static String text(Map<String, Object> json, String name, Path file) {
    Object value = json.get(name);
    if (!(value instanceof String) || ((String) value).isEmpty()) {
      throw new Options.UsageException(file + ": missing \"" + name + "\"");
    }
    return (String) value;
  }

  private static Path path(@Nullable String option, Path directory, @Nullable Object fromJson, String fallback) {
    if (option != null) {
      return Path.of(option);
    }
    return directory.resolve(fromJson instanceof String ? (String) fromJson : fallback);
  }

  private static Path existing(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new Options.UsageException("no such file: " + file);
    }
    return file;
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
