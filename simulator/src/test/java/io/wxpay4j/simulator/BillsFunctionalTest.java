package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.simulator.TestClient.Answer;
import io.wxpay4j.simulator.TestClient.BytesAnswer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bills (账单) end to end over loopback: application, the timing and error rules of bills.md §9–§10,
 * the unsigned download (plain and gzip, expiring, single-merchant), the CSV formats of §7–§8 and
 * the corruption knobs. The simulator's clock starts at 2025-01-10 12:00 Beijing time and moves
 * only by {@code advanceClock}; the test client signs with it.
 */
class BillsFunctionalTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final LocalDate DAY = LocalDate.of(2025, 1, 10);
  private static final OffsetDateTime NOON =
      OffsetDateTime.of(2025, 1, 10, 12, 0, 0, 0, ZoneOffset.ofHours(8));

  private WechatPaySimulator simulator;
  private TestClient client;
  private SimulatorMerchant merchant;

  @BeforeEach
  void start() {
    simulator =
        WechatPaySimulator.builder()
            .clock(Clock.fixed(NOON.toInstant(), ZoneOffset.UTC))
            .refundDelay(Duration.ofMinutes(5))
            .start();
    client = new TestClient(simulator);
    merchant = simulator.merchant();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private static String id(String prefix) {
    return prefix + "_" + System.nanoTime() % 1_000_000 + "_" + IDS.incrementAndGet();
  }

  /** A paid JSAPI order of 100 fen; returns its transaction_id. */
  private String paidOrder(String outTradeNo, String extra) {
    Answer prepay =
        client.post(
            "/v3/pay/transactions/jsapi",
            TestClient.prepayBody(
                merchant,
                outTradeNo,
                TestClient.NOTIFY_URL,
                TestClient.PAYER + (extra.isEmpty() ? "" : "," + extra)));
    assertThat(prepay.status()).as(prepay.body()).isEqualTo(200);
    return simulator.pay(outTradeNo).transactionId();
  }

  private Answer refund(String transactionId, String outRefundNo, long amount) {
    Answer answer =
        client.post(
            "/v3/refund/domestic/refunds",
            "{\"transaction_id\":\""
                + transactionId
                + "\",\"out_refund_no\":\""
                + outRefundNo
                + "\",\"amount\":{\"refund\":"
                + amount
                + ",\"total\":100,\"currency\":\"CNY\"}}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer;
  }

  /** Two payments and one 30-fen refund on DAY, then the clock at 10:00:01 the next day. */
  private List<String> tradesThenNextMorning() {
    String first = id("BILL");
    String second = id("BILL");
    String transaction = paidOrder(first, "\"attach\":\"cart 7\"");
    simulator.advanceClock(Duration.ofMinutes(1));
    paidOrder(second, "");
    simulator.advanceClock(Duration.ofMinutes(2));
    refund(transaction, "R_" + first, 30);
    simulator.advanceClock(Duration.ofHours(22).plusSeconds(1 - 180));
    return List.of(first, second, "R_" + first);
  }

  private static String sha1(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
  }

  private BytesAnswer download(Answer applied) {
    return client.getBytes(HttpUrl.get(applied.json().path("download_url").asString()));
  }

  private static void assertError(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.code()).isEqualTo(code);
  }

  @Test
  void tradeBillAnswersHashAndUrlAndServesTheDocumentedFileUnsigned() throws Exception {
    List<String> ids = tradesThenNextMorning();

    Answer applied = client.get("/v3/bill/tradebill?bill_date=2025-01-10&bill_type=ALL");

    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    assertThat(applied.signedBy(merchant.platformCertificate().getPublicKey())).isTrue();
    assertThat(applied.json().path("hash_type").asString()).isEqualTo("SHA1");
    String url = applied.json().path("download_url").asString();
    assertThat(url).startsWith(simulator.baseUrl() + "v3/billdownload/file?token=");
    assertThat(url).doesNotContain("tartype");

    BytesAnswer file = download(applied);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.headers().get("Content-Type")).isEqualTo("text/plain");
    assertThat(file.headers().names()).noneMatch(name -> name.startsWith("Wechatpay-"));
    assertThat(sha1(file.body())).isEqualTo(applied.json().path("hash_value").asString());
    assertThat(file.body()).isEqualTo(simulator.tradeBill(DAY, "ALL"));

    String[] lines = file.text().split("\r\n");
    assertThat(lines).hasSize(6);
    assertThat(lines[0]).isEqualTo(BillFiles.TRADE_ALL_HEADER);
    assertThat(lines[0].split(",")).hasSize(27);
    String[] payment = lines[1].split(",", -1);
    assertThat(payment).hasSize(27).allMatch(value -> value.startsWith("`"));
    assertThat(payment[0]).isEqualTo("`2025-01-10 12:00:00");
    assertThat(payment[1]).isEqualTo("`" + merchant.appId());
    assertThat(payment[2]).isEqualTo("`" + merchant.merchantId());
    assertThat(payment[3]).isEqualTo("`0");
    assertThat(payment[6]).isEqualTo("`" + ids.get(0));
    assertThat(payment[7]).isEqualTo("`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assertThat(payment[8]).isEqualTo("`JSAPI");
    assertThat(payment[9]).isEqualTo("`SUCCESS");
    assertThat(payment[12]).isEqualTo("`1.00");
    assertThat(payment[14]).isEqualTo("`0");
    assertThat(payment[16]).isEqualTo("`0.00");
    assertThat(payment[18]).isEqualTo("`");
    assertThat(payment[21]).isEqualTo("`cart 7");
    assertThat(payment[22]).isEqualTo("`0.00600");
    assertThat(payment[23]).isEqualTo("`0.60%");
    String[] refund = lines[3].split(",", -1);
    assertThat(refund[0]).isEqualTo("`2025-01-10 12:03:00");
    assertThat(refund[9]).isEqualTo("`REFUND");
    assertThat(refund[12]).isEqualTo("`0.00");
    assertThat(refund[15]).isEqualTo("`" + ids.get(2));
    assertThat(refund[16]).isEqualTo("`0.30");
    assertThat(refund[18]).isEqualTo("`ORIGINAL");
    assertThat(refund[19]).isEqualTo("`SUCCESS");
    assertThat(refund[22]).isEqualTo("`-0.00180");
    assertThat(refund[25]).isEqualTo("`0.30");
    assertThat(lines[4]).isEqualTo(BillFiles.TRADE_SUMMARY_HEADER);
    assertThat(lines[5]).isEqualTo("`3,`2.00,`0.30,`0.00,`0.01020,`2.00,`0.30");
  }

  @Test
  void gzipBillIsCompressedButHashedUncompressed() throws Exception {
    tradesThenNextMorning();

    Answer applied = client.get("/v3/bill/tradebill?bill_date=2025-01-10&tar_type=GZIP");
    BytesAnswer file = download(applied);

    assertThat(applied.json().path("download_url").asString()).endsWith("&tartype=gzip");
    assertThat(file.headers().get("Content-Type")).isEqualTo("application/x-gzip");
    byte[] plain = gunzip(file.body());
    assertThat(plain).isEqualTo(simulator.tradeBill(DAY, "ALL"));
    assertThat(sha1(plain)).isEqualTo(applied.json().path("hash_value").asString());
    assertThat(sha1(file.body())).isNotEqualTo(applied.json().path("hash_value").asString());
  }

  @Test
  void successAndRefundBillsHaveTheirOwnColumnsAndSummaries() {
    tradesThenNextMorning();

    String[] success =
        new String(simulator.tradeBill(DAY, "SUCCESS"), StandardCharsets.UTF_8).split("\r\n");
    String[] refunds =
        new String(simulator.tradeBill(DAY, "REFUND"), StandardCharsets.UTF_8).split("\r\n");

    assertThat(success).hasSize(5);
    assertThat(success[0].split(",")).hasSize(20);
    assertThat(success[1].split(",", -1)).hasSize(20);
    assertThat(success[3]).isEqualTo(BillFiles.TRADE_SUCCESS_SUMMARY_HEADER);
    assertThat(success[4]).isEqualTo("`2,`2.00,`0.01200,`2.00");
    assertThat(refunds).hasSize(4);
    assertThat(refunds[0].split(",")).hasSize(29);
    String[] refund = refunds[1].split(",", -1);
    assertThat(refund).hasSize(29);
    assertThat(refund[14]).isEqualTo("`2025-01-10 12:03:00");
    assertThat(refund[15]).isEqualTo("`2025-01-10 12:08:00"); // after the 5-minute refund delay
    assertThat(refunds[3]).isEqualTo("`1,`0.00,`0.30,`0.00,`-0.00180,`0.00,`0.30");
  }

  @Test
  void fundFlowBillListsCreditsDebitsAndBalancesWithDecimalCounts() throws Exception {
    tradesThenNextMorning();

    Answer applied = client.get("/v3/bill/fundflowbill?bill_date=2025-01-10&account_type=BASIC");
    BytesAnswer file = download(applied);

    assertThat(sha1(file.body())).isEqualTo(applied.json().path("hash_value").asString());
    String[] lines = file.text().split("\r\n");
    assertThat(lines[0]).isEqualTo(BillFiles.FUND_FLOW_HEADER);
    // Two payments, each with its fee (0.60 % of 1.00 rounds to 0.01), and one refund.
    assertThat(lines).hasSize(8);
    String[] credit = lines[1].split(",", -1);
    assertThat(credit).hasSize(11).allMatch(value -> value.startsWith("`"));
    assertThat(credit[3]).isEqualTo("`交易");
    assertThat(credit[5]).isEqualTo("`收入");
    assertThat(credit[6]).isEqualTo("`1.00");
    assertThat(credit[7]).isEqualTo("`1.00");
    String[] fee = lines[2].split(",", -1);
    assertThat(fee[4]).isEqualTo("`扣除交易手续费");
    assertThat(fee[6]).isEqualTo("`0.01");
    assertThat(fee[7]).isEqualTo("`0.99");
    String[] debit = lines[5].split(",", -1);
    assertThat(debit[4]).isEqualTo("`退款");
    assertThat(debit[5]).isEqualTo("`支出");
    assertThat(debit[6]).isEqualTo("`0.30");
    assertThat(debit[7]).isEqualTo("`1.68");
    assertThat(debit[10]).startsWith("`R_BILL_");
    assertThat(lines[6]).isEqualTo(BillFiles.FUND_FLOW_SUMMARY_HEADER);
    assertThat(lines[7]).isEqualTo("`5.0,`2.0,`2.00,`3.0,`0.32");
  }

  @Test
  void billsAreBeingCreatedUntilTenOClockTheNextDay() {
    tradesThenNextMorning();
    simulator.advanceClock(Duration.ofSeconds(-2)); // 09:59:59 the next day

    assertError(client.get("/v3/bill/tradebill?bill_date=2025-01-10"), 400, "STATEMENT_CREATING");
    assertError(
        client.get("/v3/bill/fundflowbill?bill_date=2025-01-10"), 400, "STATEMENT_CREATING");
    simulator.advanceClock(Duration.ofSeconds(2));
    assertThat(client.get("/v3/bill/tradebill?bill_date=2025-01-10").status()).isEqualTo(200);
  }

  @Test
  void todayIsStillBeingCreatedAndTheFutureIsInvalid() {
    assertError(client.get("/v3/bill/tradebill?bill_date=2025-01-10"), 400, "STATEMENT_CREATING");
    assertError(client.get("/v3/bill/tradebill?bill_date=2025-01-11"), 400, "INVALID_REQUEST");
    assertError(client.get("/v3/bill/tradebill?bill_date=2024-10-09"), 400, "INVALID_REQUEST");
    assertThatThrownBy(() -> simulator.tradeBill(DAY, "ALL"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("STATEMENT_CREATING: ");
  }

  @Test
  void dayWithoutTradesOrAnotherAccountHasNoStatement() {
    tradesThenNextMorning();

    assertError(client.get("/v3/bill/tradebill?bill_date=2025-01-09"), 400, "NO_STATEMENT_EXIST");
    assertError(
        client.get("/v3/bill/fundflowbill?bill_date=2025-01-10&account_type=OPERATION"),
        400,
        "NO_STATEMENT_EXIST");
    assertError(
        client.get("/v3/bill/tradebill?bill_date=2025-01-10&bill_type=RECHARGE_REFUND"),
        400,
        "NO_STATEMENT_EXIST");
  }

  @Test
  void parametersAreValidatedAgainstTheSpec() {
    TestClient.assertParamError(
        client.get("/v3/bill/tradebill?bill_date=2025-01-10&tar_type="), "tar_type", "query");
    TestClient.assertParamError(
        client.get("/v3/bill/tradebill?bill_date=20250110"), "bill_date", "query");
    TestClient.assertParamError(client.get("/v3/bill/tradebill"), "bill_date", "query");
    TestClient.assertParamError(
        client.get("/v3/bill/fundflowbill?bill_date=2025-01-10&account_type=SAVINGS"),
        "account_type",
        "query");
  }

  @Test
  void downloadUrlExpiresAfterThirtySecondsOfSimulatorTime() {
    tradesThenNextMorning();
    Answer applied = client.get("/v3/bill/tradebill?bill_date=2025-01-10");

    simulator.advanceClock(Duration.ofSeconds(29));
    assertThat(download(applied).status()).isEqualTo(200);
    simulator.advanceClock(Duration.ofSeconds(1));
    BytesAnswer expired = download(applied);

    assertThat(expired.status()).isEqualTo(400);
    assertThat(expired.text()).contains("\"code\":\"INVALID_REQUEST\"").contains("expired");
  }

  @Test
  void modifiedOrUnsignedDownloadIsRefused() {
    tradesThenNextMorning();
    Answer applied = client.get("/v3/bill/tradebill?bill_date=2025-01-10&tar_type=GZIP");
    HttpUrl url = HttpUrl.get(applied.json().path("download_url").asString());

    BytesAnswer modified =
        client.getBytes(url.newBuilder().removeAllQueryParameters("tartype").build());
    Answer unsigned = client.raw("GET", url, null, null);

    assertThat(modified.status()).isEqualTo(400);
    assertThat(modified.text()).contains("INVALID_REQUEST").contains("下载链接不合法");
    assertError(unsigned, 401, "SIGN_ERROR");
  }

  @Test
  void corruptNextSpoilsOneDownloadOnlyAndKeepsGzipReadable() throws Exception {
    tradesThenNextMorning();
    Answer applied = client.get("/v3/bill/tradebill?bill_date=2025-01-10&tar_type=GZIP");
    String hash = applied.json().path("hash_value").asString();

    simulator.corruptNextBillDownload();
    byte[] corrupted = gunzip(download(applied).body());
    byte[] good = gunzip(download(applied).body());

    assertThat(sha1(corrupted)).isNotEqualTo(hash);
    assertThat(corrupted).hasSameSizeAs(good);
    assertThat(sha1(good)).isEqualTo(hash);
  }

  @Test
  void controlApiTruncatesTheNextDownload() throws Exception {
    tradesThenNextMorning();
    Answer applied = client.get("/v3/bill/tradebill?bill_date=2025-01-10");
    byte[] whole = download(applied).body();

    Answer control =
        client.raw(
            "POST", client.url("/simulator/bills/corrupt-next"), "{\"mode\":\"truncate\"}", null);
    byte[] truncated = download(applied).body();

    assertThat(control.status()).as(control.body()).isEqualTo(200);
    assertThat(control.json().path("corrupt_next").asString()).isEqualTo("truncate");
    assertThat(truncated).hasSize(whole.length / 2);
    assertError(
        client.raw(
            "POST", client.url("/simulator/bills/corrupt-next"), "{\"mode\":\"melt\"}", null),
        400,
        "PARAM_ERROR");
  }

  @Test
  void partnerBillOfOneSubMerchantAndTheRefusals() {
    tradesThenNextMorning();

    assertError(
        client.get("/v3/bill/tradebill?bill_date=2025-01-10&sub_mchid=1900000999"),
        400,
        "INVALID_REQUEST");
    // The simulator's direct orders belong to no sub-merchant.
    assertError(
        client.get("/v3/bill/tradebill?bill_date=2025-01-10&sub_mchid=" + merchant.subMerchantId()),
        400,
        "NO_STATEMENT_EXIST");
    assertError(
        client.get(
            "/v3/bill/sub-merchant-fundflowbill?sub_mchid="
                + merchant.subMerchantId()
                + "&bill_date=2025-01-10&account_type=BASIC&algorithm=AEAD_AES_256_GCM"),
        403,
        "NO_AUTH");
  }

  @Test
  void valuesWithCommasAreQuotedAndLineBreaksEscaped() {
    String outTradeNo = id("COMMA");
    paidOrder(outTradeNo, "\"attach\":\"a,b \\\"c\\\"\\nd\"");
    simulator.advanceClock(Duration.ofDays(1));

    String bill = new String(simulator.tradeBill(DAY, "SUCCESS"), StandardCharsets.UTF_8);

    assertThat(bill).contains(",\"`a,b \"\"c\"\"\\nd\",");
  }

  @Test
  void billIsMadeOnceAndDoesNotChangeAfterwards() {
    List<String> ids = tradesThenNextMorning();
    byte[] first = simulator.tradeBill(DAY, "REFUND");

    simulator.advanceClock(Duration.ofHours(1));
    byte[] later = simulator.tradeBill(DAY, "REFUND");

    assertThat(later).isEqualTo(first);
    assertThat(new String(first, StandardCharsets.UTF_8)).contains("`" + ids.get(2));
  }

  private static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }
}
