package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.api.RefundsApi;
import io.wxpay4j.bill.BillReader;
import io.wxpay4j.bill.BillReconciliation;
import io.wxpay4j.bill.FundFlowBillRequest;
import io.wxpay4j.bill.FundFlowBillRow;
import io.wxpay4j.bill.FundFlowBillSummary;
import io.wxpay4j.bill.MerchantTrade;
import io.wxpay4j.bill.TradeBillRequest;
import io.wxpay4j.bill.TradeBillRow;
import io.wxpay4j.bill.TradeBillSummary;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.BillType;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.Payer;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Bills} against the simulator over loopback: real signing, gzip, SHA-1 and files. The only
 * fake is the clock: the simulator's, which the client reads too.
 */
final class BillsFunctionalTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final LocalDate DAY = LocalDate.of(2025, 1, 10);
  private static final OffsetDateTime NOON =
      OffsetDateTime.of(2025, 1, 10, 12, 0, 0, 0, ZoneOffset.ofHours(8));

  @TempDir Path dir;
  private WechatPaySimulator simulator;
  private WechatPayClient wechatPay;
  private final AtomicInteger applications = new AtomicInteger();
  private final AtomicInteger downloads = new AtomicInteger();

  /** The simulator's time, for the client's signatures and retryAfter. */
  private final class SimulatorClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return simulator.now();
    }
  }

  @BeforeEach
  void start() {
    simulator =
        WechatPaySimulator.builder()
            .clock(Clock.fixed(NOON.toInstant(), ZoneOffset.UTC))
            .refundDelay(Duration.ofMinutes(1))
            .start();
    wechatPay = client(new OkHttpClient());
  }

  private WechatPayClient client(OkHttpClient base) {
    SimulatorMerchant merchant = simulator.merchant();
    OkHttpClient counting =
        base.newBuilder()
            .addInterceptor(
                chain -> {
                  String path = chain.request().url().encodedPath();
                  if (path.startsWith("/v3/billdownload/")) {
                    downloads.incrementAndGet();
                  } else if (path.startsWith("/v3/bill/")) {
                    applications.incrementAndGet();
                  }
                  return chain.proceed(chain.request());
                })
            .build();
    return WechatPayClient.builder()
        .merchantId(merchant.merchantId())
        .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
        .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
        .appId(merchant.appId())
        .notifyUrl("https://127.0.0.1:9/notify")
        .baseUrl(simulator.baseUrl())
        .okHttpClient(counting)
        .clock(new SimulatorClock())
        .build();
  }

  @AfterEach
  void stop() {
    wechatPay.close();
    simulator.close();
  }

  private String pay(long total) {
    String outTradeNo = "BILL_" + System.nanoTime() % 1_000_000 + "_" + IDS.incrementAndGet();
    wechatPay
        .orders()
        .prepayJsapi(
            order ->
                order
                    .description("Image形象店-深圳腾大-QQ公仔")
                    .outTradeNo(outTradeNo)
                    .amount(Amount.builder().total((int) total).build())
                    .payer(Payer.builder().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").build()));
    simulator.pay(outTradeNo);
    return outTradeNo;
  }

  private void refund(String outTradeNo, String outRefundNo, long amount, long total)
      throws Exception {
    var answer =
        wechatPay
            .api(RefundsApi.class)
            .createRefund(
                CreateRefundRequest.builder()
                    .outTradeNo(outTradeNo)
                    .outRefundNo(outRefundNo)
                    .amount(
                        RefundRequestAmount.builder()
                            .refund(amount)
                            .total(total)
                            .currency("CNY")
                            .build())
                    .build())
            .execute();
    assertThat(answer.code()).isEqualTo(200);
  }

  /** Two payments and a refund on DAY; the clock then at 10:00:01 the next day. */
  private List<MerchantTrade> tradesThenNextMorning() throws Exception {
    String first = pay(100);
    simulator.advanceClock(Duration.ofMinutes(1));
    String second = pay(250);
    simulator.advanceClock(Duration.ofMinutes(2));
    refund(first, "R_" + first, 40, 100);
    simulator.advanceClock(Duration.between(simulator.now(), nextMorning()).plusSeconds(1));
    return List.of(
        MerchantTrade.payment(first, 100, "REFUND"),
        MerchantTrade.payment(second, 250, "SUCCESS"),
        MerchantTrade.refund("R_" + first, 40, "SUCCESS"));
  }

  private static Instant nextMorning() {
    return DAY.plusDays(1).atTime(10, 0).atOffset(ZoneOffset.ofHours(8)).toInstant();
  }

  private static String sha1(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
  }

  private List<Path> leftovers() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".part")).toList();
    }
  }

  @Test
  void plainTradeBillIsWrittenToTheFileAndVerified() throws Exception {
    tradesThenNextMorning();
    Path file = dir.resolve("trade.csv");

    BillOutcome outcome = wechatPay.bills().downloadTradeBill(TradeBillRequest.of(DAY), file);

    byte[] expected = simulator.tradeBill(DAY, "ALL");
    assertThat(outcome.status()).isEqualTo(BillOutcome.Status.DOWNLOADED);
    assertThat(outcome.file()).isEqualTo(file);
    assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    assertThat(outcome.hashValue()).isEqualTo(sha1(expected));
    assertThat(outcome.size()).isEqualTo(expected.length);
    assertThat(outcome.requestId()).isNotBlank();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void gzipTradeBillIsDecompressedWhileStreamingIntoTheOutputStream() throws Exception {
    tradesThenNextMorning();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    BillOutcome outcome =
        wechatPay
            .bills()
            .downloadTradeBill(TradeBillRequest.of(DAY).billType(BillType.SUCCESS).gzip(true), out);

    assertThat(outcome.status()).isEqualTo(BillOutcome.Status.DOWNLOADED);
    assertThat(out.toByteArray()).isEqualTo(simulator.tradeBill(DAY, "SUCCESS"));
    assertThat(outcome.file()).isNull();
  }

  @Test
  void fundFlowBillGzipAndPlainAreTheSameBill() throws Exception {
    tradesThenNextMorning();
    Path plain = dir.resolve("fund.csv");
    Path gzipped = dir.resolve("fund-gzip.csv");

    wechatPay.bills().downloadFundFlowBill(FundFlowBillRequest.of(DAY), plain);
    wechatPay.bills().downloadFundFlowBill(FundFlowBillRequest.of(DAY).gzip(true), gzipped);

    assertThat(Files.readAllBytes(plain))
        .isEqualTo(Files.readAllBytes(gzipped))
        .isEqualTo(simulator.fundFlowBill(DAY));
  }

  @Test
  void corruptedDownloadIsATypedFailureWithBothHashesAndNoFileRemains() throws Exception {
    tradesThenNextMorning();
    Path file = dir.resolve("trade.csv");
    String good = sha1(simulator.tradeBill(DAY, "ALL"));
    simulator.corruptNextBillDownload();

    assertThatThrownBy(
            () -> wechatPay.bills().downloadTradeBill(TradeBillRequest.of(DAY).gzip(true), file))
        .isInstanceOfSatisfying(
            WechatPayBillIntegrityException.class,
            e -> {
              assertThat(e.expectedHash()).isEqualTo(good);
              assertThat(e.actualHash()).hasSize(40).isNotEqualTo(e.expectedHash());
              assertThat(e.getMessage())
                  .startsWith(
                      "downloadTradeBill failed: the bill's SHA-1 does not match hash_value (")
                  .contains("expected SHA-1 " + e.expectedHash() + ", got " + e.actualHash())
                  .endsWith("; download it again");
              assertThat(e.mayHaveTakenEffect()).isFalse();
            });
    assertThat(file).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void truncatedPlainBillFailsItsHashAndKeepsTheOldFile() throws Exception {
    tradesThenNextMorning();
    Path file = dir.resolve("trade.csv");
    Files.writeString(file, "yesterday's bill");
    simulator.truncateNextBillDownload();

    assertThatThrownBy(() -> wechatPay.bills().downloadTradeBill(TradeBillRequest.of(DAY), file))
        .isInstanceOfSatisfying(
            WechatPayBillIntegrityException.class,
            e -> assertThat(e.actualHash()).isNotEqualTo(e.expectedHash()));
    assertThat(Files.readString(file)).isEqualTo("yesterday's bill");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void truncatedGzipBillIsABrokenStreamWithNoHash() throws Exception {
    tradesThenNextMorning();
    simulator.truncateNextBillDownload();

    assertThatThrownBy(
            () ->
                wechatPay
                    .bills()
                    .downloadTradeBill(
                        TradeBillRequest.of(DAY).gzip(true), new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            WechatPayBillIntegrityException.class,
            e -> {
              assertThat(e.actualHash()).isNull();
              assertThat(e.getMessage())
                  .contains("the gzip stream of the bill is broken or cut short")
                  .contains("got none: the bill is incomplete");
            });
  }

  @Test
  void dayWithoutTradesIsANoStatementOutcome() throws Exception {
    tradesThenNextMorning();

    BillOutcome outcome =
        wechatPay
            .bills()
            .downloadTradeBill(TradeBillRequest.of(DAY.minusDays(1)), dir.resolve("empty.csv"));

    assertThat(outcome.status()).isEqualTo(BillOutcome.Status.NO_STATEMENT);
    assertThat(outcome.retryAfter()).isNull();
    assertThat(outcome.requestId()).isNotBlank();
    assertThat(dir.resolve("empty.csv")).doesNotExist();
  }

  @Test
  void billOfTodayIsNotReadyUntilTenOClockTomorrow() {
    BillOutcome outcome =
        wechatPay.bills().downloadFundFlowBill(FundFlowBillRequest.of(DAY), dir.resolve("f.csv"));

    assertThat(outcome.status()).isEqualTo(BillOutcome.Status.NOT_READY);
    assertThat(outcome.retryAfter()).isEqualTo(nextMorning());
    assertThat(outcome.toString())
        .isEqualTo("BillOutcome{NOT_READY 2025-01-10 retryAfter=2025-01-11T02:00:00Z}");
  }

  @Test
  void futureDateIsAnApiErrorInBothForms() {
    TradeBillRequest tomorrow = TradeBillRequest.of(DAY.plusDays(1));

    assertThatThrownBy(
            () -> wechatPay.bills().downloadTradeBill(tomorrow, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("INVALID_REQUEST");
            });
    assertThatThrownBy(
            () ->
                wechatPay
                    .bills()
                    .downloadTradeBillAsync(tomorrow, new ByteArrayOutputStream())
                    .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(WechatPayApiException.class);
  }

  @Test
  void asyncFormsDownloadAndRecoverOutcomes() throws Exception {
    tradesThenNextMorning();

    BillOutcome downloaded =
        wechatPay
            .bills()
            .downloadTradeBillAsync(TradeBillRequest.of(DAY).gzip(true), dir.resolve("a.csv"))
            .get(10, TimeUnit.SECONDS);
    BillOutcome none =
        wechatPay
            .bills()
            .downloadFundFlowBillAsync(
                FundFlowBillRequest.of(DAY.minusDays(3)), new ByteArrayOutputStream())
            .get(10, TimeUnit.SECONDS);

    assertThat(downloaded.status()).isEqualTo(BillOutcome.Status.DOWNLOADED);
    assertThat(Files.readAllBytes(dir.resolve("a.csv"))).isEqualTo(simulator.tradeBill(DAY, "ALL"));
    assertThat(none.status()).isEqualTo(BillOutcome.Status.NO_STATEMENT);
  }

  @Test
  void expiredDownloadUrlIsAppliedForOnceMore() throws Exception {
    tradesThenNextMorning();
    AtomicInteger expire = new AtomicInteger(1);
    wechatPay = client(expiringDownloads(expire));

    BillOutcome outcome =
        wechatPay.bills().downloadTradeBill(TradeBillRequest.of(DAY), dir.resolve("t.csv"));

    assertThat(outcome.status()).isEqualTo(BillOutcome.Status.DOWNLOADED);
    assertThat(applications.get()).isEqualTo(2);
    assertThat(downloads.get()).isEqualTo(2);
  }

  @Test
  void downloadUrlExpiringTwiceIsTheApiError() throws Exception {
    tradesThenNextMorning();
    wechatPay = client(expiringDownloads(new AtomicInteger(2)));

    assertThatThrownBy(
            () -> wechatPay.bills().downloadTradeBill(TradeBillRequest.of(DAY), dir.resolve("t")))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_REQUEST");
              assertThat(e.getMessage()).startsWith("downloadTradeBill failed: HTTP 400");
            });
    assertThat(dir.resolve("t")).doesNotExist();
  }

  /** Lets 31 s of simulator time pass before each of the next {@code times} downloads. */
  private OkHttpClient expiringDownloads(AtomicInteger times) {
    return new OkHttpClient.Builder()
        .addInterceptor(
            chain -> {
              if (chain.request().url().encodedPath().startsWith("/v3/billdownload/")
                  && times.getAndDecrement() > 0) {
                simulator.advanceClock(Duration.ofSeconds(31));
              }
              return chain.proceed(chain.request());
            })
        .build();
  }

  @Test
  void downloadUrlOnAnotherHostIsRefusedBeforeAnythingIsSent() throws Exception {
    tradesThenNextMorning();
    // The Host header is not signed: the simulator answers a download_url on the host it was
    // called by, here one the client is not configured for.
    wechatPay =
        client(
            new OkHttpClient.Builder()
                .addNetworkInterceptor(
                    chain ->
                        chain.proceed(
                            chain.request().url().encodedPath().startsWith("/v3/bill/")
                                ? chain
                                    .request()
                                    .newBuilder()
                                    .header("Host", "evil.example")
                                    .build()
                                : chain.request()))
                .build());

    assertThatThrownBy(
            () -> wechatPay.bills().downloadTradeBill(TradeBillRequest.of(DAY), dir.resolve("t")))
        .isInstanceOf(WechatPayException.class)
        .hasMessage(
            "downloadTradeBill refused to send the signed download request: download_url's host"
                + " evil.example (http) is neither a WeChat Pay API host [api.mch.weixin.qq.com,"
                + " api.wechatpay.cn, api2.mch.weixin.qq.com, api2.wechatpay.cn,"
                + " apihk.mch.weixin.qq.com] nor the configured base URL's host 127.0.0.1");
    assertThat(downloads.get()).isZero();
  }

  @Test
  void downloadedBillsParseAndReconcileWithTheMerchantsRecords() throws Exception {
    List<MerchantTrade> records = new ArrayList<>(tradesThenNextMorning());
    Path trade = dir.resolve("trade.csv");
    Path fund = dir.resolve("fund.csv");
    wechatPay.bills().downloadTradeBill(TradeBillRequest.of(DAY).gzip(true), trade);
    wechatPay.bills().downloadFundFlowBill(FundFlowBillRequest.of(DAY), fund);

    BillReconciliation result;
    TradeBillSummary summary;
    try (BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(trade)) {
      result = BillReconciliation.reconcile(bill, records);
      summary = bill.summary();
    }
    long net = 0;
    FundFlowBillSummary fundSummary;
    try (BillReader<FundFlowBillRow, FundFlowBillSummary> bill = BillReader.fundFlow(fund)) {
      while (bill.hasNext()) {
        net += bill.next().signedAmount();
      }
      fundSummary = bill.summary();
    }

    assertThat(result.matches()).as(result.differences().toString()).isTrue();
    assertThat(result.rows()).isEqualTo(3);
    assertThat(summary.count()).isEqualTo(3);
    assertThat(summary.orderTotal()).isEqualTo(350);
    assertThat(summary.appliedRefundTotal()).isEqualTo(40);
    assertThat(net).isEqualTo(fundSummary.incomeAmount() - fundSummary.expenseAmount());
    assertThat(fundSummary.incomeAmount()).isEqualTo(350);
  }
}
