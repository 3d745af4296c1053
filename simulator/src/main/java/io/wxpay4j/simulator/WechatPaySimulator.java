package io.wxpay4j.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A local WeChat Pay API v3 server (微信支付 APIv3 模拟器) for one test merchant: the direct-merchant
 * order endpoints and {@code GET /v3/certificates}, strict request authentication, spec-driven
 * validation, signed answers, encrypted payment notifications with retries, and fault injection. It
 * runs on OkHttp's MockWebServer on a loopback port. Paid orders can be refunded (退款): see {@link
 * #refunds()}, {@link Builder#refundDelay(Duration)} and the scripting methods {@link
 * #succeedRefund(String)}, {@link #markRefundAbnormal(String)}, {@link #closeRefund(String)}.
 *
 * <pre>{@code
 * try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
 *   SimulatorMerchant merchant = simulator.merchant();      // keys, serials, APIv3 key, PUB_KEY_ID_…
 *   String baseUrl = simulator.baseUrl();                   // "http://127.0.0.1:PORT/"
 *   // … prepay with your client against baseUrl, then act as the payer:
 *   simulator.pay("ORDER_0001");                            // NOTPAY → SUCCESS, notification sent
 *   simulator.awaitNotifications(1, Duration.ofSeconds(5)); // what reached notify_url
 * }
 * }</pre>
 *
 * <p>Each instance has its own merchant, orders, keys and threads; several can run in one JVM.
 * Instances are thread-safe. Run it standalone with {@code java -jar wxpay4j-simulator.jar --help}.
 */
public final class WechatPaySimulator implements AutoCloseable {
  private final Simulation sim;
  private final MockWebServer server;
  private final ScheduledThreadPoolExecutor executor;
  private final OkHttpClient notificationClient;
  private final @Nullable Path stateDirectory;
  private final boolean createdState;

  private WechatPaySimulator(Builder builder) throws IOException {
    Crypto crypto = Crypto.create();
    Clock clock = builder.clock;
    Credentials credentials;
    boolean created = false;
    if (builder.stateDirectory != null && Credentials.exists(builder.stateDirectory)) {
      credentials = Credentials.load(builder.stateDirectory);
    } else {
      credentials =
          Credentials.generate(crypto, builder.merchantId, builder.appId, clock.instant());
      if (builder.stateDirectory != null) {
        credentials.save(builder.stateDirectory);
        created = true;
      }
    }
    Set<String> appIds = new LinkedHashSet<>(builder.extraAppIds);
    appIds.add(credentials.appId);
    String id = Integer.toHexString(System.identityHashCode(this));
    this.executor =
        new ScheduledThreadPoolExecutor(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "wxpay4j-simulator-notifier-" + id);
              thread.setDaemon(true);
              return thread;
            });
    this.executor.setRemoveOnCancelPolicy(true);
    NotificationHosts notificationHosts =
        new NotificationHosts(
            builder.allowAnyNotificationHost,
            builder.allowedNotificationHosts,
            builder.notificationResolver);
    this.notificationClient =
        new OkHttpClient.Builder()
            .callTimeout(builder.notificationTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(builder.notificationTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            // Only the addresses NotificationHosts checked: no proxy, no redirect elsewhere.
            .dns(notificationHosts)
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .build();
    this.sim =
        new Simulation(
            crypto,
            credentials,
            appIds,
            builder.subMerchantId,
            builder.subAppId,
            builder.publicKeyOnly,
            clock,
            SpecValidator.load(),
            notificationClient,
            executor,
            builder.notificationTimeScale,
            builder.refundDelay,
            notificationHosts,
            List.copyOf(builder.plans.values()));
    sim.bills.urlLifetime(builder.billUrlLifetime);
    if (builder.combineMerchantIds != null) {
      sim.combine.participants(builder.combineMerchantIds);
    }
    SimulatorDispatcher dispatcher = new SimulatorDispatcher(sim);
    this.server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(dispatcher);
    dispatcher.attach(server);
    this.stateDirectory = builder.stateDirectory;
    this.createdState = created;
    try {
      server.start(InetAddress.getLoopbackAddress(), builder.port);
    } catch (IOException e) {
      shutdownThreads();
      throw e;
    }
  }

  /** A builder for a simulator; {@link Builder#start()} starts it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a simulator with a fresh test merchant on a free loopback port. */
  public static WechatPaySimulator start() {
    return builder().start();
  }

  /** The base URL of the WeChat Pay API, ending in {@code /}: {@code http://127.0.0.1:PORT/}. */
  public String baseUrl() {
    return "http://" + hostLiteral() + ":" + server.getPort() + "/";
  }

  private String hostLiteral() {
    String address = server.getSocketAddress().getAddress().getHostAddress();
    return address.contains(":") ? "[" + address + "]" : address;
  }

  /** The port it listens on. */
  public int port() {
    return server.getPort();
  }

  /** The test merchant's credentials. */
  public SimulatorMerchant merchant() {
    return sim.merchant();
  }

  /** Where the credentials live, or empty when they exist only in memory. */
  public Optional<Path> stateDirectory() {
    return Optional.ofNullable(stateDirectory);
  }

  /** True when this start created the state directory's credentials, false when it reused them. */
  public boolean createdState() {
    return createdState;
  }

  /** True when the merchant has only the WeChat Pay public key (no platform certificates). */
  public boolean publicKeyOnly() {
    return sim.publicKeyOnly;
  }

  /** The simulator's current time: its clock plus every {@link #advanceClock(Duration)}. */
  public Instant now() {
    return sim.now();
  }

  /**
   * Moves the simulator's time forward (or back, with a negative duration), e.g. past an order's
   * {@code time_expire}. Clients must move their signing clock too: the 5-minute timestamp window
   * uses this time.
   */
  public void advanceClock(Duration duration) {
    sim.advanceClock(Objects.requireNonNull(duration, "duration == null"));
  }

  /**
   * The platform certificates currently served by {@code /v3/certificates}, oldest first: the one
   * that signs, any older ones still listed, and any newer ones listed but not yet activated.
   */
  public List<X509Certificate> platformCertificates() {
    return sim.keyRing.certificates();
  }

  /**
   * The platform certificate that signs answers and notifications now, unless the WeChat Pay public
   * key does (a public-key-only merchant, or a request that sent {@code Wechatpay-Serial:
   * PUB_KEY_ID_…}).
   */
  public X509Certificate signingPlatformCertificate() {
    return sim.signingPlatformEntry().certificate;
  }

  /**
   * Step one of a platform-certificate rotation, as WeChat Pay does it: lists a new certificate in
   * {@code /v3/certificates} with an {@code effective_time} 24 hours from now, and shortens every
   * older certificate's reported {@code expire_time} to that moment. Answers and notifications stay
   * signed by the current certificate, so a client that polls the list (the wxpay4j client does so
   * hourly by default) learns the new one from a download signed by a certificate it already
   * trusts.
   *
   * <p>The new certificate starts signing at {@link #activatePlatformCertificate()}, or by itself
   * once the simulator's clock ({@link #now()}, see {@link #advanceClock(Duration)}) reaches its
   * {@code effective_time}.
   *
   * @return the new certificate
   */
  public X509Certificate addPlatformCertificate() {
    return sim.addPlatformCertificate();
  }

  /**
   * Step two of a rotation: the newest certificate listed by {@link #addPlatformCertificate()}
   * signs every answer and notification from now on (its reported {@code effective_time} becomes
   * now if that was later), without waiting the 24 hours. The older certificates stay listed until
   * their shortened expiry.
   *
   * @return the certificate that now signs
   * @throws IllegalStateException if no listed certificate is waiting: the newest one already signs
   */
  public X509Certificate activatePlatformCertificate() {
    return sim.activatePlatformCertificate();
  }

  /**
   * Shortcut: {@link #addPlatformCertificate()} and {@link #activatePlatformCertificate()} at once.
   * The new certificate signs every answer from now on, the {@code /v3/certificates} download
   * included, before any client could have listed it. Real WeChat Pay never does this (it lists a
   * new certificate a day before using it); use it to test that a client fails closed on an unknown
   * serial. For a realistic rotation call the two steps.
   *
   * @return the new certificate
   */
  public X509Certificate rotatePlatformCertificate() {
    return sim.rotate();
  }

  /**
   * The payer pays the order: {@code NOTPAY} becomes {@code SUCCESS} with a {@code transaction_id},
   * and a {@code TRANSACTION.SUCCESS} notification goes to its {@code notify_url}. For an order
   * placed with a contract (支付中签约) the payer also signs it: see {@link #contracts()} and {@link
   * #payWithoutSigning}.
   *
   * @throws java.util.NoSuchElementException if no order has this {@code out_trade_no}
   * @throws IllegalStateException if the order is not {@code NOTPAY} or is past its {@code
   *     time_expire}
   */
  public SimulatorOrder pay(String outTradeNo) {
    Objects.requireNonNull(outTradeNo, "outTradeNo == null");
    return control(() -> sim.pay(sim.orders.find(outTradeNo)));
  }

  /**
   * Like {@link #pay(String)}, as the payer who scanned a Native order's {@code code_url} QR code.
   */
  public SimulatorOrder payByCodeUrl(String codeUrl) {
    Objects.requireNonNull(codeUrl, "codeUrl == null");
    return control(() -> sim.pay(sim.orders.findByCodeUrl(codeUrl)));
  }

  /**
   * Like {@link #pay(String)}, as the payer whose JSAPI / APP / mini-program front end got this
   * prepay id.
   */
  public SimulatorOrder payByPrepayId(String prepayId) {
    Objects.requireNonNull(prepayId, "prepayId == null");
    return control(() -> sim.pay(sim.orders.findByPrepayId(prepayId)));
  }

  /**
   * The payer's payment fails (e.g. the bank refuses): {@code NOTPAY} becomes {@code PAYERROR}; no
   * notification is sent.
   *
   * @throws java.util.NoSuchElementException if no order has this {@code out_trade_no}
   * @throws IllegalStateException if the order is not {@code NOTPAY} or is past its {@code
   *     time_expire}
   */
  public SimulatorOrder fail(String outTradeNo) {
    Objects.requireNonNull(outTradeNo, "outTradeNo == null");
    return control(() -> sim.fail(sim.orders.find(outTradeNo)));
  }

  /**
   * Like {@link #pay(String)} for an order placed with a contract (支付中签约): the payer pays but does
   * not sign. The payment is notified as usual; the contract ends {@code SIGN_FAILED} (queryable,
   * without a signing time) and no {@code ENTRUST.SIGN} notice is sent.
   *
   * @throws java.util.NoSuchElementException if no order has this {@code out_trade_no}
   * @throws IllegalStateException if the order has no contract to sign, is not {@code NOTPAY} or is
   *     past its {@code time_expire}
   */
  public SimulatorOrder payWithoutSigning(String outTradeNo) {
    Objects.requireNonNull(outTradeNo, "outTradeNo == null");
    return control(() -> sim.pay(sim.orders.find(outTradeNo), false));
  }

  /**
   * Every deduction contract signed (or refused) while paying, oldest first. An order placed with
   * {@code prepayAppWithContract} or {@code prepayJsapiWithContract} makes one when it is paid:
   * {@code SIGNED}, with an {@code ENTRUST.SIGN} notice to its {@code contract_notify_url}, or
   * {@code SIGN_FAILED} when the payer does not sign ({@link #payWithoutSigning}) or already has a
   * signed contract under the template (one per payer per plan).
   */
  public List<SimulatorContract> contracts() {
    List<SimulatorContract> result = new java.util.ArrayList<>();
    for (Contract contract : sim.contracts.all()) {
      result.add(contract.snapshot());
    }
    return result;
  }

  /** The contract of this template and merchant contract number, if any. */
  public Optional<SimulatorContract> contract(long planId, String outContractCode) {
    Objects.requireNonNull(outContractCode, "outContractCode == null");
    try {
      return Optional.of(sim.contracts.find(planId, outContractCode).snapshot());
    } catch (ApiError e) {
      return Optional.empty();
    }
  }

  /**
   * Adds a deduction template (委托代扣协议模板) or replaces the one with this {@code plan_id}, as a
   * merchant does in 商户平台: its terminate URL (解约回调地址) receives {@code ENTRUST.TERMINATE} (https, or
   * http to a loopback host; null: terminations are not notified). Template {@link
   * #DEFAULT_PLAN_ID} always exists.
   */
  public void configurePlan(long planId, String name, @Nullable String terminateNotifyUrl) {
    sim.contracts.configure(Builder.checkedPlan(planId, name, terminateNotifyUrl));
  }

  /**
   * The payer terminates a signed contract in WeChat (用户解约): it becomes {@code TERMINATED} ({@code
   * USER_TERMINATE}) and {@code ENTRUST.TERMINATE} goes to its template's terminate URL.
   *
   * @throws java.util.NoSuchElementException if there is no such contract
   * @throws IllegalStateException if the contract is not {@code SIGNED}
   */
  public SimulatorContract terminateContractAsPayer(long planId, String outContractCode) {
    Objects.requireNonNull(outContractCode, "outContractCode == null");
    try {
      return sim.contracts.terminateAsPayer(planId, outContractCode, sim.now()).snapshot();
    } catch (ApiError e) {
      if (e.status == 404) {
        throw new java.util.NoSuchElementException(e.getMessage());
      }
      throw new IllegalStateException(e.code + ": " + e.getMessage());
    }
  }

  /**
   * The payer pays a combine order (合单支付) of the merchant: every sub-order becomes {@code SUCCESS}
   * at one {@code success_time}, each with its own {@code transaction_id}, and one {@code
   * TRANSACTION.SUCCESS} notice with all sub-orders goes to its {@code notify_url}. Returns the
   * sub-orders, which {@link #order(String)} also finds by their {@code out_trade_no}.
   *
   * @throws java.util.NoSuchElementException if no combine order has this number
   * @throws IllegalStateException if it is not {@code NOTPAY} or is past its {@code time_expire}
   */
  public List<SimulatorOrder> payCombine(String combineOutTradeNo) {
    Objects.requireNonNull(combineOutTradeNo, "combineOutTradeNo == null");
    try {
      CombineOrder paid = sim.combine.pay(sim.combine.find(combineOutTradeNo), sim.now());
      List<SimulatorOrder> subOrders = new java.util.ArrayList<>();
      for (Order order : paid.subOrders) {
        subOrders.add(order.snapshot());
      }
      return List.copyOf(subOrders);
    } catch (ApiError e) {
      if (e.status == 404) {
        throw new java.util.NoSuchElementException(e.getMessage());
      }
      throw new IllegalStateException(e.code + ": " + e.getMessage());
    }
  }

  /**
   * The merchants whose sub-orders the merchant's combine orders may carry (bound to its apps): the
   * merchant itself first, then {@link Builder#combineMerchants} ({@code 1900000211} and {@code
   * 1900000212} by default). Only the merchant itself can refund its sub-orders here: the simulator
   * signs in as no other merchant.
   */
  public List<String> combineMerchantIds() {
    return sim.combine.participants();
  }

  /** Every order, oldest first. */
  public List<SimulatorOrder> orders() {
    return sim.orderSnapshots();
  }

  /** The order with this {@code out_trade_no}, if any. */
  public Optional<SimulatorOrder> order(String outTradeNo) {
    try {
      return Optional.of(sim.orders.find(outTradeNo).snapshot());
    } catch (ApiError e) {
      return Optional.empty();
    }
  }

  /**
   * Every refund, oldest first. A {@code PROCESSING} refund whose {@code refundDelay} has passed on
   * the simulator's clock is {@code SUCCESS} by the time it is listed.
   */
  public List<SimulatorRefund> refunds() {
    List<SimulatorRefund> result = new java.util.ArrayList<>();
    for (Refund refund : sim.refunds.all()) {
      result.add(refund.snapshot());
    }
    return result;
  }

  /** The refund with this {@code out_refund_no}, if any. */
  public Optional<SimulatorRefund> refund(String outRefundNo) {
    Objects.requireNonNull(outRefundNo, "outRefundNo == null");
    try {
      return Optional.of(sim.refunds.control(outRefundNo).snapshot());
    } catch (ApiError e) {
      return Optional.empty();
    }
  }

  /**
   * The refund succeeds now, before its {@code refundDelay}: {@code PROCESSING} becomes {@code
   * SUCCESS} and {@code REFUND.SUCCESS} goes to its {@code notify_url}.
   *
   * @throws java.util.NoSuchElementException if no refund has this {@code out_refund_no}
   * @throws IllegalStateException if the refund is not {@code PROCESSING}
   */
  public SimulatorRefund succeedRefund(String outRefundNo) {
    Objects.requireNonNull(outRefundNo, "outRefundNo == null");
    return refundControl(() -> sim.refunds.succeed(outRefundNo));
  }

  /**
   * The payer's account refuses the money (e.g. the card was cancelled): {@code PROCESSING} becomes
   * {@code ABNORMAL} and {@code REFUND.ABNORMAL} goes to its {@code notify_url}. The merchant can
   * then apply an abnormal refund ({@code applyAbnormalRefund}).
   *
   * @throws java.util.NoSuchElementException if no refund has this {@code out_refund_no}
   * @throws IllegalStateException if the refund is not {@code PROCESSING}
   */
  public SimulatorRefund markRefundAbnormal(String outRefundNo) {
    Objects.requireNonNull(outRefundNo, "outRefundNo == null");
    return refundControl(() -> sim.refunds.abnormal(outRefundNo));
  }

  /**
   * The refund is closed (failed): {@code PROCESSING} or {@code ABNORMAL} becomes {@code CLOSED},
   * its amount is refundable again (with a new {@code out_refund_no}), and {@code REFUND.CLOSED}
   * goes to its {@code notify_url}.
   *
   * @throws java.util.NoSuchElementException if no refund has this {@code out_refund_no}
   * @throws IllegalStateException if the refund is neither {@code PROCESSING} nor {@code ABNORMAL}
   */
  public SimulatorRefund closeRefund(String outRefundNo) {
    Objects.requireNonNull(outRefundNo, "outRefundNo == null");
    return refundControl(() -> sim.refunds.close(outRefundNo));
  }

  private interface RefundControlCall {
    Refund run() throws ApiError;
  }

  private static SimulatorRefund refundControl(RefundControlCall call) {
    try {
      return call.run().snapshot();
    } catch (ApiError e) {
      if (e.status == 404) {
        throw new java.util.NoSuchElementException(e.getMessage());
      }
      throw new IllegalStateException(e.code + ": " + e.getMessage());
    }
  }

  /**
   * The trade bill (交易账单) of {@code date} for the merchant, byte for byte as the download serves it
   * uncompressed: made from the orders paid and the refunds created that day (Beijing time), and
   * fixed once made. {@code billType} is {@code ALL}, {@code SUCCESS} or {@code REFUND}.
   *
   * @throws IllegalStateException with the code the API would answer: {@code STATEMENT_CREATING}
   *     before 10:00 the next day (see {@link #advanceClock(Duration)}), {@code NO_STATEMENT_EXIST}
   *     for a day without trades, {@code INVALID_REQUEST} for a future date
   */
  public byte[] tradeBill(LocalDate date, String billType) {
    Objects.requireNonNull(date, "date == null");
    Objects.requireNonNull(billType, "billType == null");
    return bill(() -> sim.bills.tradeBillFile(sim.credentials.merchantId, date, billType));
  }

  /**
   * The fund-flow bill (资金账单) of {@code date} for the merchant's basic account, as {@link
   * #tradeBill} serves trade bills.
   *
   * @throws IllegalStateException as {@link #tradeBill}
   */
  public byte[] fundFlowBill(LocalDate date) {
    Objects.requireNonNull(date, "date == null");
    return bill(() -> sim.bills.fundFlowBillFile(sim.credentials.merchantId, date));
  }

  /**
   * The next bill download serves a file with one byte changed (still valid gzip when gzipped), so
   * that its SHA-1 no longer matches the {@code hash_value} of the application. Control API: {@code
   * POST /simulator/bills/corrupt-next}.
   */
  public void corruptNextBillDownload() {
    sim.bills.corruptNext(BillBook.Corruption.FLIP);
  }

  /**
   * The next bill download serves only the first half of the file (plain or gzip) as a complete
   * answer. Control API: {@code POST /simulator/bills/corrupt-next {"mode":"truncate"}}.
   */
  public void truncateNextBillDownload() {
    sim.bills.corruptNext(BillBook.Corruption.TRUNCATE);
  }

  private interface BillCall {
    byte[] run() throws ApiError;
  }

  private static byte[] bill(BillCall call) {
    try {
      return call.run();
    } catch (ApiError e) {
      throw new IllegalStateException(e.code + ": " + e.getMessage());
    }
  }

  /** Every notification delivery attempt so far, in the order they were made. */
  public List<NotificationAttempt> notifications() {
    return sim.notifier.log();
  }

  /**
   * Waits until at least {@code count} notification attempts are recorded and returns them.
   *
   * @throws IllegalStateException if they do not arrive within {@code timeout}
   */
  public List<NotificationAttempt> awaitNotifications(int count, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    List<NotificationAttempt> log;
    try {
      log = sim.notifier.await(count, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for notifications", e);
    }
    if (log == null) {
      List<NotificationAttempt> seen = sim.notifier.log();
      throw new IllegalStateException(
          "expected "
              + count
              + " notification attempts within "
              + timeout
              + ", got "
              + seen.size()
              + ": "
              + seen);
    }
    return log;
  }

  /**
   * Makes the next {@code times} requests to {@code route} fail with {@code fault}.
   *
   * @param route an operationId of the spec ({@code prepayJsapi}, {@code prepayApp}, {@code
   *     prepayH5}, {@code prepayNative}, {@code queryOrderById}, {@code queryOrderByOutTradeNo},
   *     {@code closeOrder}, {@code downloadCertificates}, {@code createRefund}, {@code
   *     queryRefundByOutRefundNo}, {@code applyAbnormalRefund}, {@code prepayAppWithContract},
   *     {@code prepayJsapiWithContract}, {@code queryContract}, {@code terminateContract}, the
   *     {@code partner…} ones), {@code *} for all of them, or {@code notification} for notification
   *     deliveries (signature faults only)
   */
  public void injectFault(String route, Fault fault, int times) {
    checkRoute(route);
    Objects.requireNonNull(fault, "fault == null");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    sim.faults.add(new Faults.Rule(route, fault, times, 0, Duration.ofSeconds(2)));
  }

  /**
   * Makes each request to {@code route} fail with {@code fault} with this probability, until
   * cleared.
   */
  public void injectFaultWithProbability(String route, Fault fault, double probability) {
    checkRoute(route);
    Objects.requireNonNull(fault, "fault == null");
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1], was " + probability);
    }
    sim.faults.add(new Faults.Rule(route, fault, null, probability, Duration.ofSeconds(2)));
  }

  /** Delays the answers to the next {@code times} requests to {@code route} by {@code latency}. */
  public void injectLatency(String route, Duration latency, int times) {
    checkRoute(route);
    Objects.requireNonNull(latency, "latency == null");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    sim.faults.add(new Faults.Rule(route, Fault.LATENCY, times, 0, latency));
  }

  /** Removes every injected fault. */
  public void clearFaults() {
    sim.faults.clear();
  }

  /**
   * Forgets orders, refunds, faults and the notification log (pending retries and refund
   * completions are dropped); keeps the merchant.
   */
  public void reset() {
    sim.reset();
  }

  /** Stops the server and the notification threads. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      shutdownThreads();
    }
  }

  private void shutdownThreads() {
    executor.shutdownNow();
    notificationClient.dispatcher().executorService().shutdown();
    notificationClient.connectionPool().evictAll();
  }

  private static void checkRoute(String route) {
    Objects.requireNonNull(route, "route == null");
    if (route.isBlank()) {
      throw new IllegalArgumentException(
          "route is blank: use an operationId, \"*\" or \"notification\"");
    }
  }

  private interface ControlCall {
    Order run() throws ApiError;
  }

  private static SimulatorOrder control(ControlCall call) {
    try {
      return call.run().snapshot();
    } catch (ApiError e) {
      if (e.status == 404) {
        throw new java.util.NoSuchElementException(e.getMessage());
      }
      throw new IllegalStateException(e.code + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "WechatPaySimulator{" + baseUrl() + ", merchantId=" + sim.credentials.merchantId + "}";
  }

  /**
   * Runs the simulator standalone: {@code java -jar wxpay4j-simulator.jar [--port N] [--state-dir
   * DIR] [--public-key-only] [--notification-time-scale X] [--allow-notification-host HOST]
   * [--allow-any-notification-host] [--help]}.
   */
  public static void main(String[] args) throws Exception {
    Launch launch = launch(args, System.out, System.err);
    WechatPaySimulator simulator = launch.simulator;
    if (simulator == null) {
      if (launch.exit != 0) {
        System.exit(launch.exit);
      }
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  static final int DEFAULT_PORT = 8890;

  static final Duration DEFAULT_REFUND_DELAY = Duration.ofSeconds(1);

  /**
   * The deduction template (委托代扣协议模板, {@code plan_id}) every simulated merchant has, for 支付中签约; it
   * has no terminate URL until {@link #configurePlan} gives it one.
   */
  public static final long DEFAULT_PLAN_ID = ContractBook.DEFAULT_PLAN_ID;

  /** What the command line did: a started simulator, or an exit code (0 after --help). */
  static final class Launch {
    final int exit;
    final @Nullable WechatPaySimulator simulator;

    Launch(int exit, @Nullable WechatPaySimulator simulator) {
      this.exit = exit;
      this.simulator = simulator;
    }
  }

  /** Parses the command line, starts the simulator and prints where everything is. */
  static Launch launch(String[] args, PrintStream out, PrintStream err) {
    Builder builder =
        builder().port(DEFAULT_PORT).stateDirectory(Path.of("wxpay4j-simulator-state"));
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      try {
        switch (arg) {
          case "--help":
          case "-h":
            out.print(usage());
            return new Launch(0, null);
          case "--port":
            builder.port(Integer.parseInt(value(args, ++i, arg)));
            break;
          case "--state-dir":
            builder.stateDirectory(Path.of(value(args, ++i, arg)));
            break;
          case "--public-key-only":
            builder.publicKeyOnly(true);
            break;
          case "--notification-time-scale":
            builder.notificationTimeScale(Double.parseDouble(value(args, ++i, arg)));
            break;
          case "--allow-notification-host":
            builder.allowNotificationHosts(value(args, ++i, arg));
            break;
          case "--allow-any-notification-host":
            builder.allowAnyNotificationHost();
            break;
          default:
            err.println("unknown option " + arg + "\n");
            err.print(usage());
            return new Launch(2, null);
        }
      } catch (IllegalArgumentException e) {
        err.println(arg + ": " + e.getMessage() + "\n");
        err.print(usage());
        return new Launch(2, null);
      }
    }
    WechatPaySimulator simulator;
    try {
      simulator = builder.start();
    } catch (UncheckedIOException e) {
      err.println("cannot start: " + e.getCause().getMessage());
      return new Launch(1, null);
    }
    SimulatorMerchant merchant = simulator.merchant();
    Path dir = simulator.stateDirectory().orElseThrow().toAbsolutePath();
    try {
      Credentials.recordBaseUrl(dir, simulator.baseUrl());
    } catch (IOException | RuntimeException e) {
      err.println(
          "warning: cannot record the base URL in "
              + dir.resolve(Credentials.MERCHANT_JSON)
              + " ("
              + e.getMessage()
              + "); clients must be given "
              + simulator.baseUrl());
    }
    out.println("wxpay4j WeChat Pay simulator (TEST ONLY)");
    out.println("  base URL        " + simulator.baseUrl());
    out.println(
        "  state dir       " + dir + (simulator.createdState() ? "  (created)" : "  (reused)"));
    out.println("  merchant.json   " + dir.resolve(Credentials.MERCHANT_JSON));
    out.println("  mchid / appid   " + merchant.merchantId() + " / " + merchant.appId());
    out.println(
        "  sub-merchant    "
            + merchant.subMerchantId()
            + " / "
            + merchant.subAppId()
            + "  (sub_mchid / sub_appid of the partner endpoints)");
    out.println(
        "  merchant serial "
            + merchant.merchantSerialNumber()
            + "  ("
            + Credentials.MERCHANT_KEY_FILE
            + ", "
            + Credentials.MERCHANT_CERT_FILE
            + ")");
    out.println(
        "  public key id   "
            + merchant.wechatPayPublicKeyId()
            + "  ("
            + Credentials.PUBLIC_KEY_FILE
            + ")");
    out.println(
        "  platform cert   "
            + merchant.platformSerialNumber()
            + "  ("
            + Credentials.PLATFORM_CERT_FILE
            + ")"
            + (simulator.publicKeyOnly() ? "  [public-key-only mode: not served]" : ""));
    out.println("  control API     " + simulator.baseUrl() + "simulator/orders  (see README)");
    out.println(
        "                  POST/DELETE need Content-Type: application/json or "
            + ControlGuard.HEADER
            + ": 1");
    out.println(
        "  contract plan   "
            + DEFAULT_PLAN_ID
            + "  (支付中签约 template; more with POST /simulator/plans)");
    out.println("  notify_url      https, or plain http to a loopback host only");
    out.println(
        "  notifications   "
            + (builder.allowAnyNotificationHost
                ? "to any host (--allow-any-notification-host)"
                : "to loopback and private addresses only"
                    + (builder.allowedNotificationHosts.isEmpty()
                        ? " (--allow-notification-host HOST for others)"
                        : ", and " + String.join(", ", builder.allowedNotificationHosts))));
    out.println("Ctrl-C stops it.");
    out.flush();
    return new Launch(0, simulator);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException("needs a value");
    }
    return args[index];
  }

  static String usage() {
    return "Usage: java -jar wxpay4j-simulator.jar [options]\n"
        + "\n"
        + "A local WeChat Pay API v3 server with one TEST-ONLY merchant. Never point it at real money.\n"
        + "\n"
        + "Options:\n"
        + "  --port N                     listen on 127.0.0.1:N (default "
        + DEFAULT_PORT
        + "; 0 = any free port)\n"
        + "  --state-dir DIR              where the merchant's credentials live (default ./wxpay4j-simulator-state).\n"
        + "                               The first start creates merchant.json and the PEM files there;\n"
        + "                               later starts reuse them. Every start records its base URL\n"
        + "                               there (\"base_url\") for clients such as the examples.\n"
        + "  --public-key-only            the merchant has only the WeChat Pay public key: every answer is\n"
        + "                               signed with it and /v3/certificates answers 404 RESOURCE_NOT_EXISTS\n"
        + "  --notification-time-scale X  multiply the notification retry intervals (15s, 15s, 30s, 3m, ...)\n"
        + "                               by X, e.g. 0.001 for milliseconds (default 1)\n"
        + "  --allow-notification-host H  also send notifications to host H (repeatable); by default they go\n"
        + "                               only to loopback and private addresses, never to the internet\n"
        + "  --allow-any-notification-host  send notifications to any host, public ones included\n"
        + "  --help                       show this text\n";
  }

  /**
   * Configures a {@link WechatPaySimulator}. Defaults: a fresh in-memory merchant {@code
   * 1900000109} with app id {@code wxd678efh567hg6787}, a free loopback port, the system clock,
   * platform certificates and the public key both available, real-time notification retries with a
   * 5-second answer timeout.
   */
  public static final class Builder {
    private String merchantId = "1900000109";
    private String appId = "wxd678efh567hg6787";
    private final Set<String> extraAppIds = new LinkedHashSet<>();
    private String subMerchantId = "1900000110";
    private String subAppId = "wxd678efh567hg6999";
    private @Nullable Path stateDirectory;
    private int port;
    private Clock clock = Clock.systemUTC();
    private boolean publicKeyOnly;
    private double notificationTimeScale = 1.0;
    private Duration notificationTimeout = Duration.ofSeconds(5);
    private Duration refundDelay = DEFAULT_REFUND_DELAY;
    private final Set<String> allowedNotificationHosts = new LinkedHashSet<>();
    private boolean allowAnyNotificationHost;
    private NotificationHosts.Resolver notificationResolver = NotificationHosts.SYSTEM;
    private Duration billUrlLifetime = BillBook.DEFAULT_URL_LIFETIME;
    private final java.util.Map<Long, ContractPlan> plans = new java.util.LinkedHashMap<>();
    private @Nullable List<String> combineMerchantIds;

    private Builder() {}

    /**
     * Configures a deduction template (委托代扣协议模板) of the merchant, for 支付中签约: its {@code plan_id},
     * name, and terminate URL (解约回调地址, https or loopback http; null for none). {@link
     * #DEFAULT_PLAN_ID} exists unless configured otherwise here.
     */
    public Builder plan(long planId, String name, @Nullable String terminateNotifyUrl) {
      ContractPlan plan = checkedPlan(planId, name, terminateNotifyUrl);
      plans.put(plan.planId, plan);
      return this;
    }

    static ContractPlan checkedPlan(long planId, String name, @Nullable String terminateNotifyUrl) {
      if (planId < 1) {
        throw new IllegalArgumentException("planId must be positive, was " + planId);
      }
      requireText(name, "name");
      if (terminateNotifyUrl != null) {
        try {
          OrderBook.checkNotifyUrl(
              tools.jackson.databind.node.StringNode.valueOf(terminateNotifyUrl),
              "terminate_notify_url");
        } catch (ApiError e) {
          throw new IllegalArgumentException(e.getMessage());
        }
      }
      return new ContractPlan(planId, name, terminateNotifyUrl);
    }

    /** The merchant id of a newly created merchant (ignored when a state directory is reused). */
    public Builder merchantId(String merchantId) {
      Objects.requireNonNull(merchantId, "merchantId == null");
      if (!merchantId.matches("[0-9]{6,32}")) {
        throw new IllegalArgumentException("merchantId must be 6 to 32 digits, was " + merchantId);
      }
      this.merchantId = merchantId;
      return this;
    }

    /** The app id bound to a newly created merchant (ignored when a state directory is reused). */
    public Builder appId(String appId) {
      this.appId = requireText(appId, "appId");
      return this;
    }

    /** Binds one more app id to the merchant (e.g. a mini-program next to an Official Account). */
    public Builder addAppId(String appId) {
      extraAppIds.add(requireText(appId, "appId"));
      return this;
    }

    /**
     * The sub-merchant authorised to the merchant as a service provider, for the partner (服务商)
     * endpoints; default {@code 1900000110} with app id {@code wxd678efh567hg6999}.
     */
    public Builder subMerchant(String subMerchantId, String subAppId) {
      Objects.requireNonNull(subMerchantId, "subMerchantId == null");
      if (!subMerchantId.matches("[0-9]{6,32}")) {
        throw new IllegalArgumentException(
            "subMerchantId must be 6 to 32 digits, was " + subMerchantId);
      }
      this.subMerchantId = subMerchantId;
      this.subAppId = requireText(subAppId, "subAppId");
      return this;
    }

    /**
     * The merchants besides the merchant itself that take part in its combine orders (合单支付), bound
     * to its apps; {@code 1900000211} and {@code 1900000212} unless set. A sub-order of any other
     * merchant is refused with {@code 400 APPID_MCHID_NOT_MATCH}.
     */
    public Builder combineMerchants(String... merchantIds) {
      List<String> ids = new java.util.ArrayList<>();
      for (String id : merchantIds) {
        Objects.requireNonNull(id, "merchantIds contains null");
        if (!id.matches("[0-9]{6,32}")) {
          throw new IllegalArgumentException(
              "a combine merchant id must be 6 to 32 digits, was " + id);
        }
        ids.add(id);
      }
      this.combineMerchantIds = List.copyOf(ids);
      return this;
    }

    /** Reuse the merchant stored in this directory, or create one there on first start. */
    public Builder stateDirectory(Path directory) {
      this.stateDirectory = Objects.requireNonNull(directory, "directory == null");
      return this;
    }

    /** The loopback port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The simulator's clock: timestamp window, order times, {@code time_expire}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** A merchant with only the WeChat Pay public key: no platform certificates are served. */
    public Builder publicKeyOnly(boolean publicKeyOnly) {
      this.publicKeyOnly = publicKeyOnly;
      return this;
    }

    /** Multiplies the notification retry intervals, e.g. {@code 0.001} turns 15 s into 15 ms. */
    public Builder notificationTimeScale(double scale) {
      if (!(scale >= 0 && scale <= 1000)) {
        throw new IllegalArgumentException("scale must be in 0..1000, was " + scale);
      }
      this.notificationTimeScale = scale;
      return this;
    }

    /**
     * How long a notify_url may take to answer before the attempt counts as failed (WeChat: 5 s).
     */
    public Builder notificationTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.notificationTimeout = timeout;
      return this;
    }

    /**
     * How long a refund stays {@code PROCESSING} before it succeeds (default 1 s; WeChat Pay takes
     * from moments to days). It is simulator time: the refund succeeds once {@link
     * WechatPaySimulator#advanceClock(Duration)} has moved past it, or after {@code delay ×
     * notificationTimeScale} of real time, whichever comes first. Script {@code ABNORMAL} or {@code
     * CLOSED} before then ({@link WechatPaySimulator#markRefundAbnormal(String)}, {@link
     * WechatPaySimulator#closeRefund(String)}), or choose a long delay to script at leisure.
     */
    public Builder refundDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay == null");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative, was " + delay);
      }
      this.refundDelay = delay;
      return this;
    }

    /**
     * Also sends notifications to these hosts (names or IP addresses, no port), wherever they
     * resolve. By default notifications go only to loopback and private addresses ({@code
     * 127.0.0.0/8}, {@code ::1}, {@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, link-local,
     * IPv6 {@code fc00::/7}): a placeholder {@code notify_url} such as {@code
     * https://example.com/notify} in a test never leaves the machine. A refused notification is
     * recorded as not sent ({@link NotificationAttempt#sent()}), with the reason. A name matches
     * exactly: allowing {@code example.com} does not allow {@code www.example.com}.
     *
     * @throws IllegalArgumentException if one is not a host name or IP address
     */
    public Builder allowNotificationHosts(String... hosts) {
      Objects.requireNonNull(hosts, "hosts == null");
      List<String> canonical = new java.util.ArrayList<>();
      for (String host : hosts) {
        Objects.requireNonNull(host, "host == null");
        canonical.add(NotificationHosts.canonicalHost(host));
      }
      allowedNotificationHosts.addAll(canonical);
      return this;
    }

    /**
     * Sends notifications to any host, public ones included (see {@link
     * #allowNotificationHosts(String...)}). For a simulator whose merchant receives notifications
     * on a public address; tests should not need it.
     */
    public Builder allowAnyNotificationHost() {
      this.allowAnyNotificationHost = true;
      return this;
    }

    /** Test hook: how notification hosts are resolved (the system resolver by default). */
    Builder notificationResolver(NotificationHosts.Resolver resolver) {
      this.notificationResolver = Objects.requireNonNull(resolver, "resolver == null");
      return this;
    }

    /**
     * How long a bill's {@code download_url} works after the application answered it, on the
     * simulator's clock: 30 s by default (the strictest page; some partner pages say 5 minutes).
     * Later downloads answer {@code 400 INVALID_REQUEST}.
     */
    public Builder billUrlLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime == null");
      if (lifetime.isZero() || lifetime.isNegative()) {
        throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
      }
      this.billUrlLifetime = lifetime;
      return this;
    }

    /**
     * Creates or loads the merchant and starts listening.
     *
     * @throws UncheckedIOException if the port is taken or the state directory cannot be read or
     *     written
     */
    public WechatPaySimulator start() {
      try {
        return new WechatPaySimulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String requireText(String value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " is blank");
      }
      return value;
    }
  }
}
