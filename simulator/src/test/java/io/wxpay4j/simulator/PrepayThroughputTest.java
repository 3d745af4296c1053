package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Measures how many signed JSAPI prepay requests per second the simulator serves over loopback, and
 * prints it (no assertion on time). Requests are signed before the clock starts, so the figure is
 * the server's: HTTP, signature verification, schema validation, order creation and the signed
 * answer.
 */
class PrepayThroughputTest {
  private static final int REQUESTS = 2000;
  private static final int THREADS = 8;

  @Test
  void measureSignedPrepayRequestsPerSecond() throws Exception {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      SimulatorMerchant merchant = simulator.merchant();
      String target = "/v3/pay/transactions/jsapi";
      List<Request> requests = new ArrayList<>(REQUESTS);
      Signature signer = Signature.getInstance("SHA256withRSA");
      for (int i = 0; i < REQUESTS; i++) {
        String body =
            TestClient.prepayBody(
                merchant,
                String.format(Locale.ROOT, "PERF_%06d", i),
                TestClient.NOTIFY_URL,
                TestClient.PAYER);
        String timestamp = Long.toString(simulator.now().getEpochSecond());
        String nonce = String.format(Locale.ROOT, "%032d", i);
        signer.initSign(merchant.merchantPrivateKey());
        signer.update(
            ("POST\n" + target + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n")
                .getBytes(StandardCharsets.UTF_8));
        String authorization =
            "WECHATPAY2-SHA256-RSA2048 mchid=\""
                + merchant.merchantId()
                + "\",nonce_str=\""
                + nonce
                + "\",timestamp=\""
                + timestamp
                + "\",serial_no=\""
                + merchant.merchantSerialNumber()
                + "\",signature=\""
                + Base64.getEncoder().encodeToString(signer.sign())
                + "\"";
        requests.add(
            new Request.Builder()
                .url(simulator.baseUrl() + target.substring(1))
                .header("Authorization", authorization)
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build());
      }
      OkHttpClient http = TestClient.HTTP.newBuilder().dispatcher(new okhttp3.Dispatcher()).build();
      http.dispatcher().setMaxRequestsPerHost(THREADS);
      AtomicInteger next = new AtomicInteger();
      AtomicInteger ok = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      // warm-up: the first 10% are not timed
      int warmUp = REQUESTS / 10;
      for (int i = 0; i < warmUp; i++) {
        try (Response response = http.newCall(requests.get(next.getAndIncrement())).execute()) {
          if (response.code() == 200) {
            ok.incrementAndGet();
          }
        }
      }
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  int index;
                  while ((index = next.getAndIncrement()) < REQUESTS) {
                    try (Response response = http.newCall(requests.get(index)).execute()) {
                      if (response.code() == 200) {
                        ok.incrementAndGet();
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(5, TimeUnit.MINUTES);
      }
      long elapsed = System.nanoTime() - start;
      pool.shutdown();

      assertThat(ok.get()).isEqualTo(REQUESTS);
      double perSecond = (REQUESTS - warmUp) / (elapsed / 1e9);
      System.out.printf(
          Locale.ROOT,
          "simulator throughput: %d signed JSAPI prepay requests, %d client threads: %.0f requests/s%n",
          REQUESTS - warmUp,
          THREADS,
          perSecond);
    }
  }
}
