package io.wxpay4j.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the simulator knows about its merchant: the merchant-side credentials plus the
 * server-side private keys (platform certificate key, WeChat Pay public-key pair). Created fresh or
 * loaded from a state directory ({@code merchant.json} plus PEM files).
 */
final class Credentials {
  static final String MERCHANT_JSON = "merchant.json";

  /** The {@code merchant.json} field with the standalone simulator's base URL. */
  static final String BASE_URL = "base_url";

  static final String MERCHANT_KEY_FILE = "apiclient_key.pem";
  static final String MERCHANT_CERT_FILE = "apiclient_cert.pem";
  static final String PUBLIC_KEY_FILE = "pub_key.pem";
  static final String PLATFORM_CERT_FILE = "platform_cert.pem";
  static final String PLATFORM_KEY_FILE = "simulator-only/platform_key.pem";
  static final String PUBLIC_KEY_PRIVATE_FILE = "simulator-only/pub_key_private.pem";

  final String merchantId;
  final String appId;
  final KeyPair merchantKeys;
  final X509Certificate merchantCertificate;
  final String apiV3Key;
  final X509Certificate platformCertificate;
  final PrivateKey platformPrivateKey;
  final String publicKeyId;
  final KeyPair wechatPayKeys;

  private Credentials(
      String merchantId,
      String appId,
      KeyPair merchantKeys,
      X509Certificate merchantCertificate,
      String apiV3Key,
      X509Certificate platformCertificate,
      PrivateKey platformPrivateKey,
      String publicKeyId,
      KeyPair wechatPayKeys) {
    this.merchantId = merchantId;
    this.appId = appId;
    this.merchantKeys = merchantKeys;
    this.merchantCertificate = merchantCertificate;
    this.apiV3Key = apiV3Key;
    this.platformCertificate = platformCertificate;
    this.platformPrivateKey = platformPrivateKey;
    this.publicKeyId = publicKeyId;
    this.wechatPayKeys = wechatPayKeys;
  }

  static Credentials generate(Crypto crypto, String merchantId, String appId, Instant now) {
    Instant notBefore = now.minus(Duration.ofDays(1));
    Instant notAfter = now.plus(Duration.ofDays(5 * 365));
    KeyPair merchantKeys = crypto.newRsaKeyPair();
    X509Certificate merchantCertificate =
        crypto.selfSignedCertificate(
            merchantKeys,
            "CN=" + merchantId + ",OU=wxpay4j simulator TEST ONLY,O=Test Merchant,C=CN",
            notBefore,
            notAfter);
    KeyPair platformKeys = crypto.newRsaKeyPair();
    X509Certificate platformCertificate = newPlatformCertificate(crypto, platformKeys, now);
    String publicKeyId =
        "PUB_KEY_ID_01"
            + merchantId
            + DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atZone(ZoneId.of("Asia/Shanghai")))
            + crypto.randomDigits(14);
    return new Credentials(
        merchantId,
        appId,
        merchantKeys,
        merchantCertificate,
        crypto.randomAlphanumeric(32),
        platformCertificate,
        platformKeys.getPrivate(),
        publicKeyId,
        crypto.newRsaKeyPair());
  }

  static X509Certificate newPlatformCertificate(Crypto crypto, KeyPair keys, Instant now) {
    return crypto.selfSignedCertificate(
        keys,
        "CN=Tenpay.com Root CA (wxpay4j simulator TEST ONLY),OU=Tenpay.com CA Center,O=Tenpay.com,C=CN",
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(5 * 365)));
  }

  SimulatorMerchant merchant(String subMerchantId, String subAppId) {
    return new SimulatorMerchant(
        merchantId,
        appId,
        merchantKeys.getPrivate(),
        merchantCertificate,
        apiV3Key,
        publicKeyId,
        wechatPayKeys.getPublic(),
        platformCertificate,
        subMerchantId,
        subAppId);
  }

  static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(MERCHANT_JSON));
  }

  /**
   * Writes {@code merchant.json} and the PEM files, owner-only ({@link OwnerOnlyFiles}); the
   * simulator-only private keys go to a subfolder.
   */
  void save(Path dir) throws IOException {
    Path simulatorOnly = dir.resolve(PLATFORM_KEY_FILE).getParent();
    OwnerOnlyFiles.createDirectories(simulatorOnly);
    OwnerOnlyFiles.restrict(simulatorOnly);
    write(dir, MERCHANT_KEY_FILE, Crypto.privateKeyPem(merchantKeys.getPrivate()));
    write(dir, MERCHANT_CERT_FILE, Crypto.certificatePem(merchantCertificate));
    write(dir, PUBLIC_KEY_FILE, Crypto.publicKeyPem(wechatPayKeys.getPublic()));
    write(dir, PLATFORM_CERT_FILE, Crypto.certificatePem(platformCertificate));
    write(dir, PLATFORM_KEY_FILE, Crypto.privateKeyPem(platformPrivateKey));
    write(dir, PUBLIC_KEY_PRIVATE_FILE, Crypto.privateKeyPem(wechatPayKeys.getPrivate()));
    ObjectNode json = Json.object();
    json.put("mchid", merchantId);
    json.put("appid", appId);
    json.put("merchant_serial_no", Crypto.serialHex(merchantCertificate));
    json.put("api_v3_key", apiV3Key);
    json.put("wechatpay_public_key_id", publicKeyId);
    json.put("platform_serial_no", Crypto.serialHex(platformCertificate));
    ObjectNode files = json.putObject("files");
    files.put("merchant_private_key", MERCHANT_KEY_FILE);
    files.put("merchant_certificate", MERCHANT_CERT_FILE);
    files.put("wechatpay_public_key", PUBLIC_KEY_FILE);
    files.put("platform_certificate", PLATFORM_CERT_FILE);
    ObjectNode simulatorFiles = json.putObject("simulator_only_files");
    simulatorFiles.put("platform_private_key", PLATFORM_KEY_FILE);
    simulatorFiles.put("wechatpay_public_key_private_key", PUBLIC_KEY_PRIVATE_FILE);
    json.put(
        "warning",
        "TEST-ONLY credentials made by the wxpay4j simulator. Never use them against real WeChat Pay.");
    write(dir, MERCHANT_JSON, Json.pretty(json) + "\n");
  }

  /**
   * Records in {@code merchant.json} (as {@code base_url}) where the standalone simulator serving
   * this state directory listens, so that a client reading the file finds it on any {@code --port}.
   * The file is replaced in one move: a reader never sees half of it.
   */
  static void recordBaseUrl(Path dir, String baseUrl) throws IOException {
    Path file = dir.resolve(MERCHANT_JSON);
    JsonNode json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    if (!(json instanceof ObjectNode)) {
      throw new IOException(file + " is not a JSON object");
    }
    ((ObjectNode) json).put(BASE_URL, baseUrl);
    Path temporary = dir.resolve(MERCHANT_JSON + ".tmp");
    OwnerOnlyFiles.write(temporary, Json.pretty(json) + "\n");
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static Credentials load(Path dir) throws IOException {
    JsonNode json =
        Json.parse(Files.readString(dir.resolve(MERCHANT_JSON), StandardCharsets.UTF_8));
    JsonNode files = json.path("files");
    JsonNode simulatorFiles = json.path("simulator_only_files");
    restrict(dir, files, simulatorFiles);
    PrivateKey merchantKey =
        Crypto.readPrivateKey(
            read(dir, files.path("merchant_private_key").asString(MERCHANT_KEY_FILE)));
    X509Certificate merchantCertificate =
        Crypto.readCertificate(
            read(dir, files.path("merchant_certificate").asString(MERCHANT_CERT_FILE)));
    PublicKey wechatPayPublic =
        Crypto.readPublicKey(
            read(dir, files.path("wechatpay_public_key").asString(PUBLIC_KEY_FILE)));
    X509Certificate platformCertificate =
        Crypto.readCertificate(
            read(dir, files.path("platform_certificate").asString(PLATFORM_CERT_FILE)));
    PrivateKey platformKey =
        Crypto.readPrivateKey(
            read(dir, simulatorFiles.path("platform_private_key").asString(PLATFORM_KEY_FILE)));
    PrivateKey wechatPayPrivate =
        Crypto.readPrivateKey(
            read(
                dir,
                simulatorFiles
                    .path("wechatpay_public_key_private_key")
                    .asString(PUBLIC_KEY_PRIVATE_FILE)));
    String apiV3Key = json.path("api_v3_key").asString("");
    if (apiV3Key.length() != 32) {
      throw new IOException(dir.resolve(MERCHANT_JSON) + ": api_v3_key must be 32 characters");
    }
    return new Credentials(
        required(json, "mchid", dir),
        required(json, "appid", dir),
        new KeyPair(merchantCertificate.getPublicKey(), merchantKey),
        merchantCertificate,
        apiV3Key,
        platformCertificate,
        platformKey,
        required(json, "wechatpay_public_key_id", dir),
        new KeyPair(wechatPayPublic, wechatPayPrivate));
  }

  private static String required(JsonNode json, String name, Path dir) throws IOException {
    String value = json.path(name).asString("");
    if (value.isEmpty()) {
      throw new IOException(dir.resolve(MERCHANT_JSON) + ": missing \"" + name + "\"");
    }
    return value;
  }

  private static void write(Path dir, String name, String text) throws IOException {
    OwnerOnlyFiles.write(dir.resolve(name), text);
  }

  /**
   * Narrows a reused state directory's files to owner-only (an older simulator wrote them with the
   * umask's mode). Only files inside the directory: {@code files} may name a key kept elsewhere.
   */
  private static void restrict(Path dir, JsonNode files, JsonNode simulatorFiles) {
    Path base = dir.toAbsolutePath().normalize();
    OwnerOnlyFiles.restrict(base.resolve(MERCHANT_JSON));
    OwnerOnlyFiles.restrict(base.resolve(PLATFORM_KEY_FILE).getParent());
    for (JsonNode names : List.of(files, simulatorFiles)) {
      for (JsonNode name : names) {
        if (name.isString()) {
          Path file = base.resolve(name.asString()).normalize();
          if (file.startsWith(base)) {
            OwnerOnlyFiles.restrict(file);
          }
        }
      }
    }
    for (String name :
        List.of(
            MERCHANT_KEY_FILE,
            MERCHANT_CERT_FILE,
            PUBLIC_KEY_FILE,
            PLATFORM_CERT_FILE,
            PLATFORM_KEY_FILE,
            PUBLIC_KEY_PRIVATE_FILE)) {
      OwnerOnlyFiles.restrict(base.resolve(name));
    }
  }

  private static String read(Path dir, String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }
}
