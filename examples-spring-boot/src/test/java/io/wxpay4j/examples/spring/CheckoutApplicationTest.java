package io.wxpay4j.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.simulator.NotificationAttempt;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The shop on a random port against an embedded simulator: a browser checks out over HTTP, the
 * payer pays, the notification travels over loopback HTTP to the shop's endpoint, and the listener
 * marks the order paid.
 */
// region spring-test
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "wxpay4j.simulator.enabled=true") // clients pointed at an embedded simulator
class CheckoutApplicationTest {
  @Autowired WechatPaySimulator simulator;

  @Value("${local.server.port}")
  int port;

  @Test
  void orderIsPaidWhenTheNotificationArrives() throws Exception {
    String checkout = post("/checkout?totalFen=1999");
    String outTradeNo = field(checkout, "outTradeNo");
    assertThat(field(checkout, "codeUrl")).startsWith("weixin://");

    simulator.pay(outTradeNo); // the payer scans and pays: the simulator notifies the shop
    List<NotificationAttempt> sent = simulator.awaitNotifications(1, Duration.ofSeconds(10));

    assertThat(sent.get(0).statusCode()).isEqualTo(204); // verified and handled
    assertThat(get("/orders/" + outTradeNo)).contains("\"paid\":true");
  }
  // endregion

  private final HttpClient http = HttpClient.newHttpClient();

  private String post(String path) throws Exception {
    return send(HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private String get(String path) throws Exception {
    return send(HttpRequest.newBuilder(url(path)).GET());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private String send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }
}
