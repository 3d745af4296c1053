package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/signed-curl.sh (the README's non-Java example) signs with the OpenSSL CLI and the
 * simulator accepts it.
 */
class SignedCurlScriptTest {

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void scriptSignedPrepayAndQueryAreAccepted(@TempDir Path state) throws Exception {
    assumeTrue(onPath("sh") && onPath("openssl") && onPath("curl"), "needs sh, openssl and curl");
    try (WechatPaySimulator simulator =
        WechatPaySimulator.builder().stateDirectory(state).start()) {
      String script = Path.of("scripts/signed-curl.sh").toAbsolutePath().toString();
      String body =
          "{\"appid\":\""
              + simulator.merchant().appId()
              + "\",\"mchid\":\""
              + simulator.merchant().merchantId()
              + "\",\"description\":\"curl\",\"out_trade_no\":\"CURL_0001\",\"notify_url\":\"https://127.0.0.1:9/n\","
              + "\"amount\":{\"total\":1}}";

      String prepay =
          run(
              List.of(
                  "sh",
                  script,
                  state.toString(),
                  simulator.baseUrl(),
                  "POST",
                  "/v3/pay/transactions/native",
                  body));
      String query =
          run(
              List.of(
                  "sh",
                  script,
                  state.toString(),
                  simulator.baseUrl(),
                  "GET",
                  "/v3/pay/transactions/out-trade-no/CURL_0001?mchid="
                      + simulator.merchant().merchantId()));

      assertThat(prepay)
          .startsWith("HTTP/1.1 200 OK")
          .contains("Wechatpay-Signature:")
          .contains("\"code_url\"");
      assertThat(query).startsWith("HTTP/1.1 200 OK").contains("\"trade_state\":\"NOTPAY\"");
    }
  }
}
