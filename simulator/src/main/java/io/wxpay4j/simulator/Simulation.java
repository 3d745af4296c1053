package io.wxpay4j.simulator;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * All the simulator's state and rules, independent of HTTP: used by the dispatcher and the Java
 * API.
 */
final class Simulation {
  final Crypto crypto;
  final Credentials credentials;
  final KeyRing keyRing;
  final OrderBook orders;
  final RefundBook refunds;
  final BillBook bills;
  final ContractBook contracts;
  final CombineBook combine;
  final Faults faults;
  final Notifier notifier;
  final SpecValidator spec;
  final Authenticator authenticator;
  final ResponseSigner signer;
  final boolean publicKeyOnly;
  final String subMerchantId;
  final String subAppId;
  private final Clock baseClock;
  private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);

  Simulation(
      Crypto crypto,
      Credentials credentials,
      Set<String> boundAppIds,
      String subMerchantId,
      String subAppId,
      boolean publicKeyOnly,
      Clock clock,
      SpecValidator spec,
      OkHttpClient notificationClient,
      ScheduledExecutorService executor,
      double notificationTimeScale,
      Duration refundDelay,
      NotificationHosts notificationHosts,
      List<ContractPlan> plans) {
    this.crypto = crypto;
    this.credentials = credentials;
    this.keyRing = new KeyRing(crypto, credentials);
    this.subMerchantId = subMerchantId;
    this.subAppId = subAppId;
    this.orders = new OrderBook(crypto, boundAppIds, subMerchantId, subAppId);
    this.faults = new Faults(crypto);
    this.publicKeyOnly = publicKeyOnly;
    this.baseClock = clock;
    this.spec = spec;
    this.signer = new ResponseSigner(crypto);
    this.authenticator =
        new Authenticator(
            credentials.merchantId,
            Crypto.serialHex(credentials.merchantCertificate),
            credentials.merchantCertificate.getPublicKey());
    this.notifier =
        new Notifier(
            crypto,
            notificationClient,
            executor,
            this::now,
            notificationTimeScale,
            faults,
            publicKeyRequested ->
                publicKeyRequested || publicKeyOnly
                    ? keyRing.publicKey()
                    : keyRing.platformSigningKey(now()),
            credentials.apiV3Key,
            notificationHosts);
    this.refunds =
        new RefundBook(
            crypto,
            orders,
            this::now,
            executor,
            notificationTimeScale,
            refundDelay,
            notifier::notifyRefund);
    this.bills = new BillBook(crypto, orders, refunds, this::now);
    this.contracts = new ContractBook(crypto, orders, plans, notifier::notifyContract);
    this.combine =
        new CombineBook(
            crypto, orders, boundAppIds, credentials.merchantId, notifier::notifyCombinePaid);
  }

  SimulatorMerchant merchant() {
    return credentials.merchant(subMerchantId, subAppId);
  }

  Instant now() {
    return baseClock.instant().plus(clockOffset.get());
  }

  void advanceClock(Duration duration) {
    clockOffset.accumulateAndGet(duration, Duration::plus);
    refunds.settleDue(now()); // refunds whose delay has now passed succeed (and are notified)
  }

  /**
   * The private key that decrypts sensitive fields sent with this {@code Wechatpay-Serial}: the
   * WeChat Pay public key's, or a listed platform certificate's (not for a public-key-only
   * merchant); null for any other serial.
   */
  @Nullable PrivateKey decryptionKey(String serial) {
    if (serial.equals(credentials.publicKeyId)) {
      return keyRing.publicKey().privateKey;
    }
    if (!publicKeyOnly) {
      for (KeyRing.PlatformEntry entry : keyRing.platformEntries()) {
        if (entry.serial.equalsIgnoreCase(serial)) {
          return entry.privateKey;
        }
      }
    }
    return null;
  }

  /**
   * The key that signs an answer to a request that sent this {@code Wechatpay-Serial} (may be
   * null).
   */
  KeyRing.SigningKey answerKey(@Nullable String requestSerial) {
    if (publicKeyOnly || (requestSerial != null && requestSerial.startsWith("PUB_KEY_ID_"))) {
      return keyRing.publicKey();
    }
    return keyRing.platformSigningKey(now());
  }

  Order pay(Order order) throws ApiError {
    return pay(order, true);
  }

  /**
   * The payer pays; for a with-contract order also signs its contract ({@code sign}) or declines
   * ({@code SIGN_FAILED}, no signing notice). The payment is notified first.
   */
  Order pay(Order order, boolean sign) throws ApiError {
    if (!sign && !contracts.awaitsSigning(order)) {
      throw new ApiError(
          409,
          "NOT_A_CONTRACT_ORDER",
          "order "
              + order.outTradeNo
              + " has no contract to sign: paying without signing applies to with-contract orders");
    }
    Order paid = orders.pay(order, now());
    notifier.notifyPaid(paid);
    contracts.paid(paid, sign, now());
    return paid;
  }

  Order fail(Order order) throws ApiError {
    return orders.fail(order, now());
  }

  /** Lists a new platform certificate that starts signing 24 h later (or when activated). */
  X509Certificate addPlatformCertificate() {
    return keyRing.add(now());
  }

  /** The newest listed platform certificate starts signing now. */
  X509Certificate activatePlatformCertificate() {
    return keyRing.activate(now());
  }

  /** Adds and activates a platform certificate at once. */
  X509Certificate rotate() {
    return keyRing.rotate(now());
  }

  /**
   * The platform certificate that signs answers and notifications now (unless the public key does).
   */
  KeyRing.PlatformEntry signingPlatformEntry() {
    return keyRing.signingEntry(now());
  }

  List<SimulatorOrder> orderSnapshots() {
    List<SimulatorOrder> result = new ArrayList<>();
    for (Order order : orders.all()) {
      result.add(order.snapshot());
    }
    return result;
  }

  void reset() {
    bills.clear();
    contracts.clear();
    combine.clear();
    refunds.clear();
    orders.clear();
    faults.clear();
    notifier.clear();
  }
}
