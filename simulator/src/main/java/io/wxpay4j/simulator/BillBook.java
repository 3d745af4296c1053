package io.wxpay4j.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trade and fund-flow bills (账单) made from the simulator's orders and refunds (bills.md): apply
 * ({@code getTradeBill}, {@code getFundFlowBill}) answers {@code {hash_type, hash_value,
 * download_url}}; the download at {@value #DOWNLOAD_PATH} serves the file unsigned, plain or gzip,
 * for {@link #urlLifetime} (30 s by default, the strictest page).
 *
 * <p>A day's bills exist from 10:00 Beijing time the next day (earlier: {@code 400
 * STATEMENT_CREATING}); a day without lines answers {@code 400 NO_STATEMENT_EXIST}; a future day or
 * one older than 3 months {@code 400 INVALID_REQUEST}. A bill is made once, when first applied for,
 * and never changes afterwards (refund statuses in it are those of that moment, as upstream).
 */
final class BillBook {
  static final String DOWNLOAD_PATH = "/v3/billdownload/file";
  static final LocalTime READY_AT = LocalTime.of(10, 0);
  static final Duration DEFAULT_URL_LIFETIME = Duration.ofSeconds(30);

  /** How the next download is spoiled, for the client's integrity checks. */
  enum Corruption {
    /** One byte of the bill changed (the gzip stream stays valid): the hash no longer matches. */
    FLIP,
    /** Only the first half of the file (plain or gzip) is served, as a complete HTTP answer. */
    TRUNCATE
  }

  private final Crypto crypto;
  private final OrderBook orders;
  private final RefundBook refunds;
  private final Supplier<Instant> clock;
  private final Map<String, byte[]> made = new HashMap<>(); // guarded by this
  private final Map<String, Download> downloads = new ConcurrentHashMap<>();
  private volatile Duration urlLifetime = DEFAULT_URL_LIFETIME;
  private volatile @Nullable Corruption corruptNext;

  BillBook(Crypto crypto, OrderBook orders, RefundBook refunds, Supplier<Instant> clock) {
    this.crypto = crypto;
    this.orders = orders;
    this.refunds = refunds;
    this.clock = clock;
  }

  private static final class Download {
    final String mchid;
    final String rawQuery;
    final byte[] plain;
    final boolean gzip;
    final Instant expires;

    Download(String mchid, String rawQuery, byte[] plain, boolean gzip, Instant expires) {
      this.mchid = mchid;
      this.rawQuery = rawQuery;
      this.plain = plain;
      this.gzip = gzip;
      this.expires = expires;
    }
  }

  void urlLifetime(Duration lifetime) {
    this.urlLifetime = lifetime;
  }

  void corruptNext(Corruption corruption) {
    this.corruptNext = corruption;
  }

  /** {@code GET /v3/bill/tradebill}; {@code origin} is the base URL the client called. */
  ObjectNode tradeBill(String mchid, Map<String, String> query, String origin) throws ApiError {
    LocalDate date = billDate(query);
    String subMchid = query.get("sub_mchid");
    if (subMchid != null) {
      try {
        orders.checkSubMerchant(subMchid);
      } catch (ApiError e) {
        throw new ApiError(
            400, "INVALID_REQUEST", "子商户号不存在或未授权 (sub_mchid " + subMchid + " is not yours)");
      }
    }
    String type = query.getOrDefault("bill_type", "ALL");
    byte[] bill =
        made("trade", mchid, date, type, subMchid, () -> trade(mchid, date, type, subMchid));
    return answer(mchid, bill, query, origin);
  }

  /** {@code GET /v3/bill/fundflowbill}. */
  ObjectNode fundFlowBill(String mchid, Map<String, String> query, String origin) throws ApiError {
    LocalDate date = billDate(query);
    String account = query.getOrDefault("account_type", "BASIC");
    byte[] bill = made("fundflow", mchid, date, account, null, () -> fundFlow(date, account));
    return answer(mchid, bill, query, origin);
  }

  /** The trade bill as the simulator would serve it now (for tests and the Java API). */
  byte[] tradeBillFile(String mchid, LocalDate date, String type) throws ApiError {
    billDate(Map.of("bill_date", date.toString()));
    return made("trade", mchid, date, type, null, () -> trade(mchid, date, type, null));
  }

  /** The fund-flow bill of the basic account as the simulator would serve it now. */
  byte[] fundFlowBillFile(String mchid, LocalDate date) throws ApiError {
    billDate(Map.of("bill_date", date.toString()));
    return made("fundflow", mchid, date, "BASIC", null, () -> fundFlow(date, "BASIC"));
  }

  /** {@code GET /v3/billdownload/file?token=…}, already authenticated as {@code mchid}. */
  MockResponse download(String mchid, String rawQuery) throws ApiError {
    String token = SimulatorDispatcher.query(rawQuery).get("token");
    Download download = token == null ? null : downloads.get(token);
    if (download == null || !download.rawQuery.equals(rawQuery)) {
      throw new ApiError(400, "INVALID_REQUEST", "下载链接不合法 (unknown or modified download_url)");
    }
    if (!download.mchid.equals(mchid)) {
      throw new ApiError(403, "NO_AUTH", "无权下载 (the bill belongs to another merchant)");
    }
    if (!clock.get().isBefore(download.expires)) {
      throw new ApiError(
          400,
          "INVALID_REQUEST",
          "下载链接已过期 (download_url expired after "
              + urlLifetime.toSeconds()
              + " s: apply for the bill again)");
    }
    Corruption corruption = corruptNext;
    corruptNext = null;
    byte[] plain = corruption == Corruption.FLIP ? flip(download.plain) : download.plain;
    byte[] body = download.gzip ? gzip(plain) : plain;
    if (corruption == Corruption.TRUNCATE) {
      body = java.util.Arrays.copyOf(body, body.length / 2);
    }
    return new MockResponse.Builder()
        .status(SimulatorDispatcher.statusLine(200))
        .setHeader("Content-Type", download.gzip ? "application/x-gzip" : "text/plain")
        .setHeader("Request-ID", crypto.randomHex(40).toUpperCase(Locale.ROOT))
        .body(new Buffer().write(body))
        .build();
  }

  synchronized void clear() {
    made.clear();
    downloads.clear();
    corruptNext = null;
  }

  private byte[] made(
      String kind,
      String mchid,
      LocalDate date,
      String type,
      @Nullable String subMchid,
      Supplier<byte[]> make)
      throws ApiError {
    String key = kind + "|" + mchid + "|" + date + "|" + type + "|" + subMchid;
    byte[] bill;
    synchronized (this) {
      bill = made.get(key);
      if (bill == null) {
        bill = make.get();
        if (bill == null) {
          throw new ApiError(
              400,
              "NO_STATEMENT_EXIST",
              "请求的账单文件不存在 (no "
                  + (kind.equals("trade") ? "trade" : "fund flow on account " + type)
                  + " on "
                  + date
                  + ")");
        }
        made.put(key, bill);
      }
    }
    return bill;
  }

  /** Checks {@code bill_date} against the simulator's clock (Beijing time). */
  private LocalDate billDate(Map<String, String> query) throws ApiError {
    LocalDate date;
    try {
      date = LocalDate.parse(query.get("bill_date"));
    } catch (DateTimeParseException | NullPointerException e) {
      throw ApiError.paramError("bill_date", null, "must be yyyy-MM-dd", "query");
    }
    var now = clock.get().atOffset(BillFiles.BEIJING);
    LocalDate today = now.toLocalDate();
    if (date.isAfter(today)) {
      throw new ApiError(
          400, "INVALID_REQUEST", "账单日期不能是未来的日期 (bill_date " + date + " is after " + today + ")");
    }
    if (date.isBefore(today.minusMonths(3))) {
      throw new ApiError(
          400,
          "INVALID_REQUEST",
          "只能下载三个月以内的账单 (bill_date " + date + " is more than 3 months ago)");
    }
    if (!now.toLocalDateTime().isAfter(date.plusDays(1).atTime(READY_AT))) {
      throw new ApiError(
          400,
          "STATEMENT_CREATING",
          "账单生成中 (the bill of "
              + date
              + " exists from "
              + date.plusDays(1)
              + " "
              + READY_AT
              + " Beijing time; retry then, and every 30 minutes after)");
    }
    return date;
  }

  private ObjectNode answer(String mchid, byte[] bill, Map<String, String> query, String origin) {
    boolean gzip = "GZIP".equals(query.get("tar_type"));
    String token = crypto.randomAlphanumeric(48);
    String rawQuery = "token=" + token + (gzip ? "&tartype=gzip" : "");
    downloads.put(token, new Download(mchid, rawQuery, bill, gzip, clock.get().plus(urlLifetime)));
    ObjectNode json = Json.object();
    json.put("hash_type", "SHA1");
    json.put("hash_value", sha1(bill));
    json.put("download_url", origin + DOWNLOAD_PATH.substring(1) + "?" + rawQuery);
    return json;
  }

  private @Nullable byte[] trade(
      String mchid, LocalDate date, String type, @Nullable String subMchid) {
    if (!type.equals("ALL") && !type.equals("SUCCESS") && !type.equals("REFUND")) {
      return null; // no recharge coupons (充值券) in the simulator: nothing to list
    }
    List<BillFiles.TradeLine> lines = new ArrayList<>();
    if (!type.equals("REFUND")) {
      for (Order order : orders.all()) {
        Instant paid = order.successTime();
        if (order.mchid.equals(mchid)
            && paid != null
            && onDay(paid, date)
            && (subMchid == null || subMchid.equals(order.subMchid))) {
          lines.add(new BillFiles.TradeLine(paid, order, null, order.payerOpenid()));
        }
      }
    }
    if (!type.equals("SUCCESS")) {
      for (Refund refund : refunds.all()) {
        Order order = refund.order;
        if (order.mchid.equals(mchid)
            && onDay(refund.createTime, date)
            && (subMchid == null || subMchid.equals(order.subMchid))) {
          lines.add(
              new BillFiles.TradeLine(
                  refund.createTime, order, refund.snapshot(), order.payerOpenid()));
        }
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    lines.sort(Comparator.comparing((BillFiles.TradeLine l) -> l.time));
    return BillFiles.trade(type, lines);
  }

  private @Nullable byte[] fundFlow(LocalDate date, String account) {
    if (!account.equals("BASIC")) {
      return null; // the simulator's money moves through the basic account only
    }
    List<BillFiles.FundLine> all = new ArrayList<>();
    List<Object[]> events = new ArrayList<>();
    for (Order order : orders.all()) {
      if (order.successTime() != null) {
        events.add(new Object[] {order.successTime(), order});
      }
    }
    for (Refund refund : refunds.all()) {
      events.add(new Object[] {refund.createTime, refund});
    }
    events.sort(Comparator.comparing((Object[] e) -> (Instant) e[0]));
    long balance = 0;
    for (Object[] event : events) {
      Instant time = (Instant) event[0];
      if (event[1] instanceof Order) {
        Order order = (Order) event[1];
        balance += order.total;
        all.add(
            new BillFiles.FundLine(
                time,
                order.transactionId(),
                flowId(time),
                "交易",
                "交易",
                true,
                order.total,
                balance,
                "system",
                "",
                order.outTradeNo));
        long fee = (order.total * 6L + 500) / 1000; // 0.60 %, rounded to the fen
        if (fee > 0) {
          balance -= fee;
          all.add(
              new BillFiles.FundLine(
                  time,
                  order.transactionId(),
                  flowId(time),
                  "交易",
                  "扣除交易手续费",
                  false,
                  fee,
                  balance,
                  "system",
                  "",
                  order.outTradeNo));
        }
      } else {
        Refund refund = (Refund) event[1];
        balance -= refund.amount;
        all.add(
            new BillFiles.FundLine(
                time,
                refund.refundId,
                flowId(time),
                "退款",
                "退款",
                false,
                refund.amount,
                balance,
                "API",
                "退款总金额" + BillFiles.yuan(refund.amount) + "元;含手续费0.00元",
                refund.outRefundNo));
      }
    }
    List<BillFiles.FundLine> day = new ArrayList<>();
    for (BillFiles.FundLine line : all) {
      if (onDay(line.time, date)) {
        day.add(line);
      }
    }
    return day.isEmpty() ? null : BillFiles.fundFlow(day);
  }

  private String flowId(Instant time) {
    return "4200"
        + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd")
            .format(time.atOffset(BillFiles.BEIJING))
        + crypto.randomDigits(18);
  }

  private static boolean onDay(Instant time, LocalDate date) {
    return time.atOffset(BillFiles.BEIJING).toLocalDate().equals(date);
  }

  /** Changes one digit of the first detail line, so the file still reads but hashes differently. */
  static byte[] flip(byte[] plain) {
    byte[] copy = plain.clone();
    int firstLine = new String(plain, StandardCharsets.UTF_8).indexOf('\n');
    for (int i = Math.max(firstLine, 0); i < copy.length; i++) {
      if (copy[i] >= '0' && copy[i] <= '9') {
        copy[i] = (byte) (copy[i] == '9' ? '0' : copy[i] + 1);
        return copy;
      }
    }
    copy[copy.length - 1] ^= 1;
    return copy;
  }

  static String sha1(byte[] bytes) {
    try {
      return Crypto.hex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
