package io.wxpay4j;

import static io.wxpay4j.ReliabilityFixtures.nativeOrder;
import static io.wxpay4j.ReliabilityFixtures.newOutTradeNo;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.internal.SharedHttp;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 1,000 clients of one merchant in one JVM against the simulator, each making one prepay: what the
 * process pays for them in threads (the simulator's connection threads included), connections and
 * heap, with the WeChat Pay public key and with platform certificates, with and without an {@code
 * OkHttpClient} of the user's. It counts, never times. Before clients shared a default pool and a
 * refresh thread, 1,000 clients without an {@code OkHttpClient} cost 1,000 pools, 1,000
 * connections, over 1,000 threads (2,000 with platform certificates) and 58 KB of heap each.
 */
final class ManyClientsFunctionalTest {
  private static final int CLIENTS = 1_000;

  private static WechatPaySimulator simulator;

  @BeforeAll
  static void startSimulator() {
    simulator = WechatPaySimulator.start();
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @ParameterizedTest(name = "certificates={0}, shared OkHttpClient={1}")
  @CsvSource({"false, false", "true, false", "false, true", "true, true"})
  void thousandClientsOfOneMerchant(boolean certificates, boolean sharedOkHttpClient) {
    OkHttpClient shared = sharedOkHttpClient ? new OkHttpClient() : null;
    // Earlier tests in this JVM leave idle connections to their own servers in the default pool.
    (shared != null ? shared : SharedHttp.client()).connectionPool().evictAll();
    int threadsAtStart = threadCount();
    // One client first, so that what is created once per process (OkHttp's task runner, the
    // refresh thread, Moshi adapters, crypto providers) is not counted per client.
    try (WechatPayClient first = client(certificates, shared).build()) {
      first.orders().prepayNative(nativeOrder(newOutTradeNo("many")));
    }
    simulator.reset();
    long heapAtStart = usedHeap();

    List<WechatPayClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      WechatPayClient client = client(certificates, shared).build();
      clients.add(client);
      client.orders().prepayNative(nativeOrder(newOutTradeNo("many")));
    }
    int threads = threadCount();
    Set<ConnectionPool> pools = Collections.newSetFromMap(new IdentityHashMap<>());
    for (WechatPayClient client : clients) {
      pools.add(client.okHttpClient().connectionPool());
    }
    int connections = pools.stream().mapToInt(ConnectionPool::connectionCount).sum();
    simulator.reset(); // the simulator's orders are not the clients' heap
    long heapPerClient = (usedHeap() - heapAtStart) / CLIENTS;
    System.out.printf(
        "ManyClientsFunctionalTest certificates=%s shared=%s: %d clients, %d extra threads,"
            + " %d pools, %d connections, %d bytes of heap per client%n",
        certificates,
        sharedOkHttpClient,
        clients.size(),
        threads - threadsAtStart,
        pools.size(),
        connections,
        heapPerClient);
    clients.forEach(WechatPayClient::close);

    // One pool (the process default, or the user's) carries every client's calls and downloads, so
    // the simulator serves them on a connection or two instead of one thread per client; the
    // certificate refreshes of all clients share one thread.
    assertThat(threads - threadsAtStart).as("extra threads").isLessThanOrEqualTo(8);
    assertThat(pools).as("connection pools").hasSize(1);
    if (shared != null) {
      assertThat(pools).containsExactly(shared.connectionPool());
    }
    assertThat(connections).as("open connections").isLessThanOrEqualTo(4);
    assertThat(heapPerClient).as("bytes of heap per client").isLessThanOrEqualTo(16 * 1024);
  }

  private static WechatPayClientBuilder client(
      boolean certificates, @Nullable OkHttpClient shared) {
    SimulatorMerchant merchant = simulator.merchant();
    WechatPayClientBuilder builder =
        WechatPayClient.builder()
            .merchantId(merchant.merchantId())
            .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
            .apiV3Key(merchant.apiV3Key())
            .appId(merchant.appId())
            .notifyUrl("http://127.0.0.1:9/wechatpay/notify")
            .baseUrl(simulator.baseUrl());
    if (certificates) {
      builder.platformCertificates();
    } else {
      builder.platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey());
    }
    if (shared != null) {
      builder.okHttpClient(shared);
    }
    return builder;
  }

  private static int threadCount() {
    return Thread.getAllStackTraces().size();
  }

  private static long usedHeap() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
