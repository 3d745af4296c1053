package io.wxpay4j.spring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wxpay4j.internal.SharedHttp;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.Environment;

/**
 * Tests: one embedded {@link WechatPaySimulator} per merchant, and the clients pointed at them with
 * their TEST-ONLY keys ({@code wxpay4j.simulator.enabled=true}).
 *
 * <p>The clients are built before the web server has its (random) port, so the {@code notify_url}
 * they give the simulators is a loopback relay started here, which forwards each notification, as
 * received, to the application's port once it is known ({@code local.server.port}) and hands the
 * application's answer back.
 */
final class SimulatorSupport implements SimulatorTargets {
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "content-length", "connection", "transfer-encoding");

  private final Environment environment;
  private final Map<String, WechatPaySimulator> simulators = new LinkedHashMap<>();
  private final HttpServer relay;
  private final OkHttpClient http;

  SimulatorSupport(Environment environment) {
    this.environment = environment;
    this.http = SharedHttp.client().newBuilder().retryOnConnectionFailure(false).build();
    try {
      this.relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the notification relay on loopback", e);
    }
    relay.createContext("/", this::forward);
    relay.start();
  }

  /** The bean definition of merchant {@code name}'s simulator. */
  static RootBeanDefinition definition(Supplier<SimulatorSupport> support, String name) {
    return new RootBeanDefinition(WechatPaySimulator.class, () -> support.get().simulator(name));
  }

  WechatPaySimulator simulator(String name) {
    WechatPaySimulator simulator = simulators.get(name);
    if (simulator == null) {
      throw new IllegalStateException("no simulator for merchant " + name);
    }
    return simulator;
  }

  @Override
  public synchronized MerchantProperties pointAt(String name, MerchantProperties configured) {
    WechatPaySimulator.Builder builder = WechatPaySimulator.builder();
    if (configured.getMerchantId() != null) {
      builder.merchantId(configured.getMerchantId());
    }
    if (configured.getAppId() != null) {
      builder.appId(configured.getAppId());
    }
    configured.getAppIds().forEach(builder::addAppId);
    builder.publicKeyOnly(!configured.isPlatformCertificates());
    WechatPaySimulator simulator = builder.start();
    simulators.put(name, simulator);
    SimulatorMerchant merchant = simulator.merchant();

    MerchantProperties p = new MerchantProperties();
    p.setMerchantId(merchant.merchantId());
    p.setMerchantSerial(merchant.merchantSerialNumber());
    p.setPrivateKey(merchant.merchantPrivateKeyPem());
    p.setPublicKeyId(merchant.wechatPayPublicKeyId());
    p.setPublicKey(merchant.wechatPayPublicKeyPem());
    p.setPlatformCertificates(configured.isPlatformCertificates());
    p.setApiV3Key(merchant.apiV3Key());
    p.setAppId(merchant.appId());
    p.setAppIds(configured.getAppIds());
    p.setBaseUrl(simulator.baseUrl());
    p.setConnectTimeout(configured.getConnectTimeout());
    p.setReadTimeout(configured.getReadTimeout());
    p.setWriteTimeout(configured.getWriteTimeout());
    p.setCallTimeout(configured.getCallTimeout());
    copy(configured.getRetry(), p.getRetry());
    String path = configured.getNotify().getPath();
    p.getNotify().setPath(path);
    p.getNotify().setMaxBodyBytes(configured.getNotify().getMaxBodyBytes());
    // WeChat Pay calls the application's endpoint; here the simulator calls it through the relay.
    String base = "http://127.0.0.1:" + relay.getAddress().getPort();
    p.setNotifyUrl(base + (path != null ? path : "/wechatpay/notify"));
    p.setRefundNotifyUrl(base + (path != null ? path : "/wechatpay/notify"));
    return p;
  }

  private static void copy(MerchantProperties.Retry from, MerchantProperties.Retry to) {
    to.setMaxAttempts(from.getMaxAttempts());
    to.setInitialBackoff(from.getInitialBackoff());
    to.setMaxBackoff(from.getMaxBackoff());
    to.setMaxElapsed(from.getMaxElapsed());
  }

  /** Forwards a notification to the application and its answer back. */
  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String port = environment.getProperty("local.server.port");
      if (port == null) {
        send(exchange, 503, "the application's web server has no port yet".getBytes(), null);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Headers.Builder headers = new Headers.Builder();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(value -> headers.add(name, value));
                }
              });
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      Request request =
          new Request.Builder()
              .url("http://127.0.0.1:" + port + exchange.getRequestURI())
              .headers(headers.build())
              .method(
                  exchange.getRequestMethod(),
                  exchange.getRequestMethod().equals("GET")
                      ? null
                      : RequestBody.create(
                          body, contentType == null ? null : MediaType.parse(contentType)))
              .build();
      try (Response response = http.newCall(request).execute()) {
        send(exchange, response.code(), response.body().bytes(), response.header("Content-Type"));
      } catch (IOException e) {
        send(exchange, 502, ("relay: " + e.getMessage()).getBytes(), null);
      }
    }
  }

  private static void send(
      HttpExchange exchange, int status, byte[] body, @Nullable String contentType)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().put("Content-Type", List.of(contentType));
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public synchronized void close() {
    relay.stop(0);
    simulators.values().forEach(WechatPaySimulator::close);
    http.connectionPool().evictAll();
  }
}
