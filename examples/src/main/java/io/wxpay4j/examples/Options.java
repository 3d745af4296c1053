package io.wxpay4j.examples;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The command-line options every example accepts, each with a matching environment variable
 * ({@code --mchid} and {@code WECHATPAY_MCHID}); an option wins over its variable. With none of them set, the
 * example starts an embedded simulator.
 */
final class Options {
  /** Option name (without {@code --}) → help text; the order of {@link #usage}. */
  private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put("base-url", "URL|API host (default https://api.mch.weixin.qq.com/; with --simulator-state: the base_url in its"
        + " merchant.json, else http://127.0.0.1:8890/)");
    OPTIONS.put("mchid", "ID|merchant ID (商户号)");
    OPTIONS.put("appid", "ID|app ID bound to the merchant (AppID), used as the default appid of every order");
    OPTIONS.put("merchant-serial", "SERIAL|merchant API certificate serial (商户API证书序列号)");
    OPTIONS.put("private-key", "FILE|merchant API private key, apiclient_key.pem (商户API私钥)");
    OPTIONS.put("public-key-id", "ID|WeChat Pay public key ID, PUB_KEY_ID_… (微信支付公钥ID)");
    OPTIONS.put("public-key", "FILE|WeChat Pay public key, pub_key.pem (微信支付公钥); without it, platform"
        + " certificates (平台证书) are downloaded with the APIv3 key");
    OPTIONS.put("api-v3-key", "KEY|APIv3 key (APIv3密钥), decrypts notifications; prefer the environment variable");
    OPTIONS.put("notify-url", "URL|notify_url of the orders; an http:// loopback URL is served by this program");
    OPTIONS.put("simulator-state", "DIR|state directory of the standalone simulator: reads its merchant.json (ids, key files, base_url)");
    OPTIONS.put("openid", "OPENID|a payer's openid under --appid, for JSAPI / mini-program orders on a real account");
    OPTIONS.put("sub-mchid", "ID|sub-merchant ID (子商户号) for the service-provider example; --mchid is then the sp_mchid");
    OPTIONS.put("sub-appid", "ID|sub-merchant's app ID (子商户应用ID) for the service-provider example");
    OPTIONS.put("combine-mchids", "ID,ID|the two merchants (子单商户号) of the combine-payment example's sub-orders, bound"
        + " to --appid (合单支付)");
    OPTIONS.put("plan-id", "ID|deduction template id (委托代扣协议模板ID) of 商户平台 for the pay-and-sign step (支付中签约,"
        + " beta); without it that step is skipped on a real account");
    OPTIONS.put("pay-timeout", "SECONDS|how long to wait for the QR code to be paid on a real account (default 180)");
    OPTIONS.put("refund-timeout", "SECONDS|how long OrderLifecycle queries a real account's refund while it is PROCESSING"
        + " (default 120)");
  }

  private final Map<String, String> values;
  private final boolean help;
  private final boolean manualPay;

  private Options(Map<String, String> values, boolean help, boolean manualPay) {
    this.values = values;
    this.help = help;
    this.manualPay = manualPay;
  }

  /**
   * Parses {@code args} ({@code --name value} or {@code --name=value}) over {@code env}.
   *
   * @throws UsageException for an unknown option or a missing value
   */
  static Options parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : OPTIONS.keySet()) {
      String value = env.get(environmentVariable(name));
      if (value != null && !value.isBlank()) {
        values.put(name, value.trim());
      }
    }
    boolean help = false;
    boolean manualPay = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      if (arg.equals("--manual-pay")) {
        manualPay = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument " + arg + ": options start with --");
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (!OPTIONS.containsKey(name)) {
        throw new UsageException("unknown option --" + name);
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageException("--" + name + " needs a value: " + valueName(name));
        }
        value = args[++i];
      }
      if (value.isBlank()) {
        throw new UsageException("--" + name + " is blank");
      }
      values.put(name, value.trim());
    }
    return new Options(values, help, manualPay);
  }

  /** {@code mchid} → {@code WECHATPAY_MCHID}. */
  static String environmentVariable(String name) {
    return "WECHATPAY_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** True if {@code --help} was given. */
  boolean help() {
    return help;
  }

  /**
   * True if {@code --manual-pay} was given: even on a simulator, nobody pays automatically and nothing calls the
   * simulator's control API; the program shows the QR code and polls the order, as against a real account (pay
   * through the control API yourself).
   */
  boolean manualPay() {
    return manualPay;
  }

  /** The value of option {@code name}, or null. */
  @Nullable String get(String name) {
    if (!OPTIONS.containsKey(name)) {
      throw new IllegalArgumentException("no option " + name);
    }
    return values.get(name);
  }

  /** True if no option selects a merchant account or an endpoint: the embedded simulator runs. */
  boolean embedded() {
    return values.keySet().stream()
        .allMatch(name -> name.equals("pay-timeout") || name.equals("refund-timeout") || name.equals("openid")
            || name.equals("plan-id"));
  }

  private static String valueName(String name) {
    return OPTIONS.get(name).substring(0, OPTIONS.get(name).indexOf('|'));
  }

  /** The usage text of program {@code program}. */
  static String usage(String program, String summary) {
    StringBuilder result = new StringBuilder();
    result.append("Usage: ").append(program).append(" [options]\n\n");
    result.append(Character.toUpperCase(summary.charAt(0))).append(summary.substring(1)).append(".\n\n");
    result.append("With no options it starts an embedded WeChat Pay simulator with a TEST-ONLY merchant and needs\n");
    result.append("no credentials. Options (each also read from the environment variable shown):\n\n");
    for (Map.Entry<String, String> option : OPTIONS.entrySet()) {
      String name = option.getKey();
      String[] parts = option.getValue().split("\\|", 2);
      String left = "  --" + name + " " + parts[0];
      result.append(String.format(Locale.ROOT, "%-28s %s%n", left, environmentVariable(name)));
      result.append("      ").append(parts[1]).append('\n');
    }
    result.append(String.format(Locale.ROOT, "%-28s %s%n", "  --manual-pay", ""));
    result.append("      on a simulator too, wait for someone to pay the QR code instead of paying it; nothing calls\n");
    result.append("      the simulator's control API (/simulator/...)\n");
    result.append(String.format(Locale.ROOT, "%-28s %s%n", "  --help", ""));
    result.append("      show this text\n\n");
    result.append("Keys are read from files and never printed; openids are masked. Never commit keys.\n");
    return result.toString();
  }

  /** A command-line mistake: the message says which, and the program prints the usage. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
