package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The state directory and the command line of the standalone jar. */
class StandaloneTest {

  @Test
  void firstStartCreatesTheStateDirectoryAndLaterStartsReuseIt(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    SimulatorMerchant first;
    try (WechatPaySimulator simulator =
        WechatPaySimulator.builder().stateDirectory(state).start()) {
      first = simulator.merchant();
      assertThat(simulator.createdState()).isTrue();
    }

    JsonNode json = Json.parse(Files.readString(state.resolve("merchant.json")));
    assertThat(json.path("mchid").asString()).isEqualTo(first.merchantId());
    assertThat(json.path("appid").asString()).isEqualTo(first.appId());
    assertThat(json.path("api_v3_key").asString()).isEqualTo(first.apiV3Key()).hasSize(32);
    assertThat(json.path("merchant_serial_no").asString()).isEqualTo(first.merchantSerialNumber());
    assertThat(json.path("wechatpay_public_key_id").asString())
        .isEqualTo(first.wechatPayPublicKeyId());
    assertThat(Files.readString(state.resolve(json.at("/files/merchant_private_key").asString())))
        .startsWith("-----BEGIN PRIVATE KEY-----")
        .isEqualTo(first.merchantPrivateKeyPem());
    assertThat(Files.readString(state.resolve(json.at("/files/merchant_certificate").asString())))
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(Files.readString(state.resolve(json.at("/files/wechatpay_public_key").asString())))
        .isEqualTo(first.wechatPayPublicKeyPem());
    assertThat(Files.readString(state.resolve(json.at("/files/platform_certificate").asString())))
        .isEqualTo(first.platformCertificatePem());

    try (WechatPaySimulator again = WechatPaySimulator.builder().stateDirectory(state).start()) {
      assertThat(again.createdState()).isFalse();
      assertThat(again.merchant().merchantSerialNumber()).isEqualTo(first.merchantSerialNumber());
      assertThat(again.merchant().merchantPrivateKey()).isEqualTo(first.merchantPrivateKey());
      assertThat(again.merchant().apiV3Key()).isEqualTo(first.apiV3Key());
      assertThat(again.merchant().wechatPayPublicKey()).isEqualTo(first.wechatPayPublicKey());
      TestClient.Answer answer = new TestClient(again).prepayJsapi("STATE_0001");
      assertThat(answer.signedBy(first.platformCertificate().getPublicKey())).isTrue();
    }
  }

  @Test
  void stateFilesAreOwnerOnly(@TempDir Path dir) throws Exception {
    // The state directory holds the merchant's private key and the APIv3 key: on a shared machine
    // other users must not read them (the umask alone usually gives rw-r--r--).
    assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "needs a POSIX file system");
    Path state = dir.resolve("state");

    try (WechatPaySimulator simulator = launchQuietly("--port", "0", "--state-dir", state)) {
      assertThat(simulator.createdState()).isTrue();
    }

    List<Path> directories;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(state)) {
      List<Path> all = walk.collect(Collectors.toList());
      directories = all.stream().filter(Files::isDirectory).collect(Collectors.toList());
      files = all.stream().filter(Files::isRegularFile).collect(Collectors.toList());
    }
    assertThat(directories).contains(state, state.resolve("simulator-only"));
    assertThat(files)
        .contains(
            state.resolve("merchant.json"),
            state.resolve("apiclient_key.pem"),
            state.resolve("simulator-only/platform_key.pem"));
    for (Path directory : directories) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
          .as(directory.toString())
          .isEqualTo("rwx------");
    }
    for (Path file : files) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
    }
  }

  @Test
  void reusedStateIsNarrowedToOwnerOnly(@TempDir Path dir) throws Exception {
    assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "needs a POSIX file system");
    Path state = dir.resolve("state");
    try (WechatPaySimulator simulator = launchQuietly("--port", "0", "--state-dir", state)) {
      assertThat(simulator.createdState()).isTrue();
    }
    // A state directory made by an older simulator, or loosened by hand.
    for (String file :
        List.of("merchant.json", "apiclient_key.pem", "simulator-only/platform_key.pem")) {
      Files.setPosixFilePermissions(
          state.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
    }
    Files.setPosixFilePermissions(
        state.resolve("simulator-only"), PosixFilePermissions.fromString("rwxr-xr-x"));

    try (WechatPaySimulator simulator = launchQuietly("--port", "0", "--state-dir", state)) {
      assertThat(simulator.createdState()).isFalse();
    }

    for (String file :
        List.of("merchant.json", "apiclient_key.pem", "simulator-only/platform_key.pem")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(file))))
          .as(file)
          .isEqualTo("rw-------");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(state.resolve("simulator-only"))))
        .isEqualTo("rwx------");
  }

  @Test
  void existingStateDirectoryKeepsItsModeButItsFilesAreOwnerOnly(@TempDir Path dir)
      throws Exception {
    // --state-dir . must not lock the user out of their own working directory's neighbours.
    assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "needs a POSIX file system");
    Path state = Files.createDirectory(dir.resolve("project"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (WechatPaySimulator simulator =
        WechatPaySimulator.builder().stateDirectory(state).start()) {
      assertThat(simulator.createdState()).isTrue();
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state)))
        .isEqualTo("rwxr-xr-x");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(state.resolve("apiclient_key.pem"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(state.resolve("simulator-only"))))
        .isEqualTo("rwx------");
  }

  @Test
  void brokenMerchantJsonIsReportedWithItsPath(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("merchant.json"), "{\"mchid\":\"1900000109\"}");

    assertThatThrownBy(() -> WechatPaySimulator.builder().stateDirectory(dir).start())
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("apiclient_key.pem");
  }

  @Test
  void helpExplainsEveryOption() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit =
        WechatPaySimulator.launch(
                new String[] {"--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err)
            .exit;

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--port N",
            "--state-dir DIR",
            "--public-key-only",
            "--notification-time-scale X",
            "--allow-notification-host H",
            "--allow-any-notification-host",
            "--help");
  }

  @Test
  void commandLineStartsTheServerAndPrintsWhereEverythingIs(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path state = dir.resolve("cli-state");

    WechatPaySimulator.Launch launch =
        WechatPaySimulator.launch(
            new String[] {
              "--port",
              "0",
              "--state-dir",
              state.toString(),
              "--public-key-only",
              "--notification-time-scale",
              "0.001"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);

    try (WechatPaySimulator simulator = launch.simulator) {
      assertThat(simulator).isNotNull();
      assertThat(simulator.publicKeyOnly()).isTrue();
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed)
          .contains("base URL        " + simulator.baseUrl())
          .contains(state.toAbsolutePath() + "  (created)")
          .contains(simulator.merchant().merchantSerialNumber())
          .contains(simulator.merchant().wechatPayPublicKeyId())
          .contains("public-key-only mode");
      assertThat(state.resolve("merchant.json")).exists();
      assertThat(new TestClient(simulator).get("/v3/certificates").code())
          .isEqualTo("RESOURCE_NOT_EXISTS");
    }
  }

  @Test
  void everyStandaloneStartRecordsItsBaseUrlInMerchantJson(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    Path file = state.resolve("merchant.json");
    String serial;
    try (WechatPaySimulator simulator = launchQuietly("--port", "0", "--state-dir", state)) {
      serial = simulator.merchant().merchantSerialNumber();
      assertThat(Json.parse(Files.readString(file)).path("base_url").asString())
          .isEqualTo(simulator.baseUrl());
    }
    // A later start on another port replaces the recorded URL and keeps everything else.
    JsonNode stale = Json.parse(Files.readString(file));
    ((ObjectNode) stale).put("base_url", "http://127.0.0.1:1/");
    Files.writeString(file, Json.pretty(stale));

    try (WechatPaySimulator again = launchQuietly("--port", "0", "--state-dir", state)) {
      JsonNode json = Json.parse(Files.readString(file));
      assertThat(json.path("base_url").asString()).isEqualTo(again.baseUrl());
      assertThat(json.path("merchant_serial_no").asString()).isEqualTo(serial);
      assertThat(again.createdState()).isFalse();
      assertThat(again.merchant().merchantSerialNumber()).isEqualTo(serial);
    }
  }

  private static WechatPaySimulator launchQuietly(Object... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WechatPaySimulator.Launch launch =
        WechatPaySimulator.launch(
            Arrays.stream(args).map(String::valueOf).toArray(String[]::new),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(launch.simulator).as(err.toString(StandardCharsets.UTF_8)).isNotNull();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    return launch.simulator;
  }

  @Test
  void notificationHostFlagsArePrintedAndABadHostIsExplained(@TempDir Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WechatPaySimulator.Launch launch =
        WechatPaySimulator.launch(
            new String[] {
              "--port",
              "0",
              "--state-dir",
              dir.resolve("state").toString(),
              "--allow-notification-host",
              "Shop.Example",
              "--allow-notification-host",
              "203.0.113.7"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    try (WechatPaySimulator simulator = launch.simulator) {
      assertThat(simulator).isNotNull();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains(
              "notifications   to loopback and private addresses only, and shop.example,"
                  + " 203.0.113.7")
          .contains("POST/DELETE need Content-Type: application/json or X-Wxpay4j-Simulator: 1");
    }

    int exit =
        WechatPaySimulator.launch(
                new String[] {"--allow-notification-host", "https://shop.example/notify"},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .exit;

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "--allow-notification-host: not a host name or IP address (without port):"
                + " \"https://shop.example/notify\"");
  }

  @Test
  void unknownOptionExitsWithUsage() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        WechatPaySimulator.launch(
                new String[] {"--colour"},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .exit;

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --colour", "Usage:");
  }

  @Test
  void badPortIsExplained() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        WechatPaySimulator.launch(
                new String[] {"--port", "70000"},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .exit;

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--port: port must be in 0..65535, was 70000");
  }

  @Test
  void builderNamesTheBadSetting() {
    assertThatThrownBy(() -> WechatPaySimulator.builder().merchantId("19x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("merchantId must be 6 to 32 digits, was 19x");
    assertThatThrownBy(() -> WechatPaySimulator.builder().notificationTimeScale(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scale must be in 0..1000, was -1.0");
  }

  @Test
  void merchantToStringShowsNoSecrets() {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      String text = simulator.merchant().toString();

      assertThat(text)
          .contains(simulator.merchant().merchantId())
          .doesNotContain(simulator.merchant().apiV3Key());
      assertThat(text).doesNotContain("PRIVATE");
    }
  }

  @Test
  void twoSimulatorsInOneJvmAreIndependent() {
    try (WechatPaySimulator a = WechatPaySimulator.builder().start();
        WechatPaySimulator b = WechatPaySimulator.builder().merchantId("1900000555").start()) {
      new TestClient(a).prepayJsapi("TWO_0001");

      assertThat(a.orders()).hasSize(1);
      assertThat(b.orders()).isEmpty();
      assertThat(a.port()).isNotEqualTo(b.port());
      assertThat(a.merchant().merchantSerialNumber())
          .isNotEqualTo(b.merchant().merchantSerialNumber());
      assertThat(new TestClient(b).prepayJsapi("TWO_0001").status()).isEqualTo(200);
    }
  }
}
