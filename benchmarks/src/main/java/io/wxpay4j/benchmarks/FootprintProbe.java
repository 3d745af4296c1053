package io.wxpay4j.benchmarks;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayClientBuilder;
import io.wxpay4j.auth.CryptoProvider;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.Payer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Runs in a JVM of its own, started by {@link Footprint}: builds N clients of one {@link
 * Footprint.Setup} for one merchant, each making one JSAPI prepay against the simulator running in
 * the parent JVM, and prints one {@code FOOTPRINT} line with what the N clients hold while all of
 * them are strongly reachable: retained heap, threads added to the process since it started, and
 * TCP connections open to the simulator.
 *
 * <p>The simulator lives in the parent so that its per-connection threads and buffers are not
 * counted here. Heap is read from {@link java.lang.management.MemoryMXBean} after full collections
 * (Serial GC, each collection confirmed by a cleared {@link WeakReference} sentinel), the median of
 * five readings before and five after; a few warm-up clients are built, used and dropped first so
 * that classes and the SDKs' static caches are in the baseline, not in the per-client figure.
 * Threads are counted against the JVM as it started, before any client existed.
 */
final class FootprintProbe {
  private static final int WARM_UP_CLIENTS = 3;
  private static final int READINGS = 5;

  private FootprintProbe() {}

  /** {@code FootprintProbe SETUP CLIENTS CREDENTIALS_FILE OUT_TRADE_NO_PREFIX}. */
  public static void main(String[] args) throws Exception {
    Map<Long, String> threadsAtStart = liveThreads();
    Footprint.Setup setup = Footprint.Setup.valueOf(args[0]);
    int clients = Integer.parseInt(args[1]);
    Properties credentials = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
      credentials.load(in);
    }
    String prefix = args[3];
    Factory factory = new Factory(setup, credentials);

    for (int i = 0; i < WARM_UP_CLIENTS; i++) {
      factory.dispose(factory.create(prefix + "W" + i));
    }
    List<Object> held = new ArrayList<>(clients);
    long before = settledHeapUsed();
    for (int i = 0; i < clients; i++) {
      held.add(factory.create(prefix + i));
    }
    long after = settledHeapUsed();
    Map<Long, String> threadsNow = liveThreads();
    Map<String, Integer> added = new TreeMap<>();
    for (Map.Entry<Long, String> t : threadsNow.entrySet()) {
      if (!threadsAtStart.containsKey(t.getKey())) {
        added.merge(t.getValue().replaceAll("(?<![A-Za-z])[0-9]+", "#"), 1, Integer::sum);
      }
    }
    int openConnections = openConnections(factory.port);
    String connectionSource = "sockets";
    if (openConnections < 0) {
      openConnections = factory.pooledConnections(held);
      connectionSource = "pools";
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "FOOTPRINT setup=%s clients=%d heapBefore=%d heapAfter=%d threads=%d connections=%d"
                + " connectionSource=%s threadNames=%s",
            setup.name(),
            clients,
            before,
            after,
            added.values().stream().mapToInt(Integer::intValue).sum(),
            openConnections,
            connectionSource,
            added.entrySet().stream()
                .map(
                    e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + ":" + e.getValue())
                .collect(Collectors.joining(","))));
    System.out.flush();
    Reference.reachabilityFence(held);
    System.exit(0); // clients may hold non-daemon threads
  }

  /** Builds one client of the setup, makes its prepay, returns what a user would keep. */
  private static final class Factory {
    final Footprint.Setup setup;
    final String merchantId;
    final String appId;
    final String serial;
    final PrivateKey privateKey;
    final String publicKeyId;
    final PublicKey publicKey;
    final String apiV3Key;
    final String baseUrl;
    final int port;
    final @Nullable OkHttpClient shared;

    Factory(Footprint.Setup setup, Properties p) throws GeneralSecurityException {
      this.setup = setup;
      this.merchantId = p.getProperty("merchantId");
      this.appId = p.getProperty("appId");
      this.serial = p.getProperty("serial");
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      this.privateKey =
          rsa.generatePrivate(
              new PKCS8EncodedKeySpec(Base64.getDecoder().decode(p.getProperty("privateKey"))));
      this.publicKeyId = p.getProperty("publicKeyId");
      this.publicKey =
          rsa.generatePublic(
              new X509EncodedKeySpec(Base64.getDecoder().decode(p.getProperty("publicKey"))));
      this.apiV3Key = p.getProperty("apiV3Key");
      this.baseUrl = p.getProperty("baseUrl");
      this.port = HttpUrl.get(baseUrl).port();
      this.shared = setup.shared ? httpClient() : null;
    }

    /**
     * wxpay4j takes the base URL; the official SDK only knows WeChat's https hosts, so its client
     * gets an interceptor that points each call at the simulator.
     */
    OkHttpClient httpClient() {
      if (setup.official) {
        HttpUrl base = HttpUrl.get(baseUrl);
        return new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .url(
                                chain
                                    .request()
                                    .url()
                                    .newBuilder()
                                    .scheme("http")
                                    .host(base.host())
                                    .port(base.port())
                                    .build())
                            .build()))
            .build();
      }
      return new OkHttpClient();
    }

    Object create(String outTradeNo) {
      return setup.official ? official(outTradeNo) : wxpay4j(outTradeNo);
    }

    private WechatPayClient wxpay4j(String outTradeNo) {
      WechatPayClientBuilder builder =
          WechatPayClient.builder()
              .merchantId(merchantId)
              .cryptoProvider(CryptoProvider.jdk())
              .merchantKey(serial, privateKey)
              .apiV3Key(apiV3Key)
              .appId(appId)
              .notifyUrl(Fixtures.NOTIFY_URL)
              .baseUrl(baseUrl);
      if (setup.certificates) {
        builder.platformCertificates();
      } else {
        builder.platformPublicKey(publicKeyId, publicKey);
      }
      if (shared != null) {
        builder.okHttpClient(shared);
      }
      WechatPayClient client = builder.build();
      String prepayId =
          client
              .orders()
              .prepayJsapi(
                  order ->
                      order
                          .description(Fixtures.DESCRIPTION)
                          .outTradeNo(outTradeNo)
                          .amount(Amount.builder().total(100).currency("CNY").build())
                          .payer(Payer.builder().openid(Fixtures.OPENID).build()))
              .body()
              .getPrepayId();
      check(prepayId);
      return client;
    }

    /** The official SDK: the config and the service, both of which a user keeps. */
    private Object[] official(String outTradeNo) {
      OkHttpClient http = shared != null ? shared : httpClient();
      Config config;
      if (setup.certificates) {
        config =
            new RSAAutoCertificateConfig.Builder()
                .merchantId(merchantId)
                .privateKey(privateKey)
                .merchantSerialNumber(serial)
                .apiV3Key(apiV3Key)
                .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(http))
                .build();
      } else {
        config =
            new RSAPublicKeyConfig.Builder()
                .merchantId(merchantId)
                .privateKey(privateKey)
                .merchantSerialNumber(serial)
                .publicKey(publicKey)
                .publicKeyId(publicKeyId)
                .apiV3Key(apiV3Key)
                .build();
      }
      JsapiService service =
          new JsapiService.Builder()
              .httpClient(new DefaultHttpClientBuilder().config(config).okHttpClient(http).build())
              .build();
      com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest request =
          new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
      request.setAppid(appId);
      request.setMchid(merchantId);
      request.setDescription(Fixtures.DESCRIPTION);
      request.setOutTradeNo(outTradeNo);
      request.setNotifyUrl(Fixtures.NOTIFY_URL);
      com.wechat.pay.java.service.payments.jsapi.model.Amount amount =
          new com.wechat.pay.java.service.payments.jsapi.model.Amount();
      amount.setTotal(100);
      amount.setCurrency("CNY");
      request.setAmount(amount);
      com.wechat.pay.java.service.payments.jsapi.model.Payer payer =
          new com.wechat.pay.java.service.payments.jsapi.model.Payer();
      payer.setOpenid(Fixtures.OPENID);
      request.setPayer(payer);
      check(service.prepay(request).getPrepayId());
      return new Object[] {config, service, http};
    }

    private static void check(@Nullable String prepayId) {
      if (prepayId == null || prepayId.isEmpty()) {
        throw new IllegalStateException("prepay answered without a prepay_id");
      }
    }

    /** Drops a warm-up client: its connections closed, its refresh stopped. */
    void dispose(Object client) {
      if (client instanceof WechatPayClient wxpay4j) {
        wxpay4j.okHttpClient().connectionPool().evictAll();
        wxpay4j.close();
      } else {
        ((OkHttpClient) ((Object[]) client)[2]).connectionPool().evictAll();
      }
    }

    /** Connections in the distinct connection pools of the clients (where /proc is missing). */
    int pooledConnections(List<Object> clients) {
      Set<ConnectionPool> pools = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      for (Object client : clients) {
        if (client instanceof WechatPayClient wxpay4j) {
          pools.add(wxpay4j.okHttpClient().connectionPool());
        } else {
          pools.add(((OkHttpClient) ((Object[]) client)[2]).connectionPool());
        }
      }
      return pools.stream().mapToInt(ConnectionPool::connectionCount).sum();
    }
  }

  /** Live threads by id, with their names. */
  private static Map<Long, String> liveThreads() {
    Map<Long, String> threads = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()) {
        threads.put(t.getId(), t.getName());
      }
    }
    return threads;
  }

  /** Median of {@value #READINGS} readings of the used heap, each after a confirmed full GC. */
  static long settledHeapUsed() throws InterruptedException {
    long[] readings = new long[READINGS];
    for (int i = 0; i < readings.length; i++) {
      fullGc();
      readings[i] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    Arrays.sort(readings);
    return readings[readings.length / 2];
  }

  /** Collects until a fresh weakly reachable sentinel is cleared, twice. */
  private static void fullGc() throws InterruptedException {
    for (int round = 0; round < 2; round++) {
      WeakReference<Object> sentinel = new WeakReference<>(new Object());
      for (int attempt = 0; sentinel.get() != null && attempt < 50; attempt++) {
        System.gc();
        Thread.sleep(5);
      }
    }
  }

  /**
   * Established TCP connections from this process to {@code port} on loopback, from Linux's /proc;
   * -1 where that is not available.
   */
  static int openConnections(int port) {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try {
      Set<String> socketInodes = new HashSet<>();
      try (var links = Files.list(fds)) {
        for (Path fd : (Iterable<Path>) links::iterator) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              socketInodes.add(target.substring("socket:[".length(), target.length() - 1));
            }
          } catch (IOException closedMeanwhile) {
            // the directory listing's own descriptor, or one closed since
          }
        }
      }
      String remotePort = String.format(Locale.ROOT, ":%04X", port);
      int count = 0;
      for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
        Path file = Path.of(table);
        if (!Files.isReadable(file)) {
          continue;
        }
        for (String line : Files.readAllLines(file)) {
          String[] f = line.trim().split("\\s+");
          // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
          if (f.length > 9
              && f[2].endsWith(remotePort)
              && f[3].equals("01")
              && socketInodes.contains(f[9])) {
            count++;
          }
        }
      }
      return count;
    } catch (IOException e) {
      return -1;
    }
  }
}
