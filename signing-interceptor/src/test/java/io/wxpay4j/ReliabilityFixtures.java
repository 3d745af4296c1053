package io.wxpay4j;

import io.wxpay4j.model.Amount;
import io.wxpay4j.model.PrepayRequest;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/** Clients, orders and attempt counters shared by the reliability tests. */
final class ReliabilityFixtures {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private ReliabilityFixtures() {}

  /**
   * A client of the simulator's merchant, with fake retry timing and the given shared OkHttp
   * client.
   */
  static WechatPayClientBuilder client(
      WechatPaySimulator simulator, FakeTime time, OkHttpClient shared) {
    SimulatorMerchant merchant = simulator.merchant();
    return time.install(
        WechatPayClient.builder()
            .merchantId(merchant.merchantId())
            .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
            .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
            .apiV3Key(merchant.apiV3Key())
            .appId(merchant.appId())
            .notifyUrl("http://127.0.0.1:9/wechatpay/notify")
            .okHttpClient(shared)
            .baseUrl(simulator.baseUrl()),
        0.5);
  }

  static String newOutTradeNo(String prefix) {
    return prefix + "_" + Long.toString(System.nanoTime(), 36) + "_" + SEQUENCE.incrementAndGet();
  }

  static Consumer<PrepayRequest.Builder> nativeOrder(String outTradeNo) {
    return order ->
        order
            .description("Image形象店-深圳腾大-QQ公仔")
            .outTradeNo(outTradeNo)
            .amount(Amount.builder().total(100).currency("CNY").build());
  }

  /** A base URL on which nothing listens: connections to it are refused. */
  static String closedPortUrl() throws IOException {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String url = closed.url("/").toString();
    closed.close();
    return url;
  }

  /**
   * Counts what reaches the wire: a network interceptor sees every attempt that got a connection,
   * per "host:port path".
   */
  static final class WireCounter implements Interceptor {
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public Response intercept(Chain chain) throws IOException {
      String key = chain.request().url().port() + " " + chain.request().url().encodedPath();
      counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      return chain.proceed(chain.request());
    }

    int count(int port, String path) {
      AtomicInteger count = counts.get(port + " " + path);
      return count == null ? 0 : count.get();
    }

    int total() {
      return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    OkHttpClient client() {
      return new OkHttpClient.Builder().addNetworkInterceptor(this).build();
    }
  }
}
