package io.wxpay4j;

import io.wxpay4j.api.BillsApi;
import io.wxpay4j.bill.FundFlowBillRequest;
import io.wxpay4j.bill.TradeBillRequest;
import io.wxpay4j.model.QueryBillEntity;
import io.wxpay4j.model.TarType;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * Trade and fund-flow bills (账单): each call applies for a day's bill and downloads it at once,
 * streaming it into a file or a stream, decompressing gzip on the way and checking the SHA-1 that
 * WeChat Pay gave for it. Get it from {@link WechatPayClient#bills()}.
 *
 * <pre>{@code
 * BillOutcome outcome = wechatPay.bills().downloadTradeBill(
 *     TradeBillRequest.of(LocalDate.now(BEIJING).minusDays(1)).gzip(true), Path.of("trade.csv"));
 * if (outcome.status() == BillOutcome.Status.DOWNLOADED) {
 *   try (BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(outcome.file())) {
 *     BillReconciliation result = BillReconciliation.reconcile(bill, myRecords);
 *   }
 * }
 * }</pre>
 *
 * <p>A day without trades is a {@link BillOutcome.Status#NO_STATEMENT} outcome and a bill not made
 * yet (before 10:00 Beijing time the next day) {@link BillOutcome.Status#NOT_READY} with {@link
 * BillOutcome#retryAfter()}, not exceptions. The download is signed like every request, but the
 * file is not signed by WeChat Pay: its integrity comes from the hash, over the uncompressed bill.
 * The signed download goes only to a WeChat Pay API host or to the configured base URL's host,
 * whatever the answer says. A download URL lives 30 seconds to 5 minutes; when it has expired
 * ({@code 400 INVALID_REQUEST}) the call applies once more and downloads the fresh URL.
 *
 * <p>A {@link Path} target is written beside it and moved into place only once verified: after a
 * failure no partial file remains. An {@link OutputStream} target is written as the bill arrives
 * and left open; after a failure its bytes must be discarded. The bill is never held in memory.
 * Every call has an {@code …Async} form whose future fails with the same exceptions. Thread-safe.
 */
public final class Bills {
  private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

  /** A request and where its bill goes. */
  private static final class Download<Q> {
    final Q request;
    final BillDownloader.Target target;

    Download(Q request, BillDownloader.Target target) {
      this.request = request;
      this.target = target;
    }
  }

  private static final Operation.Send<BillsApi, Download<TradeBillRequest>, QueryBillEntity>
      APPLY_TRADE =
          (api, context, d) ->
              api.getTradeBill(
                  d.request.billDate(),
                  d.request.subMchid(),
                  d.request.billType(),
                  d.request.gzip() ? TarType.GZIP : null);
  private static final Operation.Send<BillsApi, Download<FundFlowBillRequest>, QueryBillEntity>
      APPLY_FUND_FLOW =
          (api, context, d) ->
              api.getFundFlowBill(
                  d.request.billDate(),
                  d.request.accountType(),
                  d.request.gzip() ? TarType.GZIP : null);

  private final Pipeline pipeline;
  private final BillDownloader downloader;
  private final Clock clock;
  private final Operation<Download<TradeBillRequest>, BillOutcome> trade;
  private final Operation<Download<FundFlowBillRequest>, BillOutcome> fundFlow;

  Bills(Pipeline pipeline, OkHttpClient client, HttpUrl baseUrl, Clock clock) {
    this.pipeline = pipeline;
    this.downloader = new BillDownloader(client, baseUrl);
    this.clock = clock;
    // The two operations, each declared once: apply, then download the answered URL.
    this.trade =
        Operation.of(
            "downloadTradeBill",
            BillsApi.class,
            (context, d) -> d,
            APPLY_TRADE,
            (context, d, answer) ->
                download(
                    "downloadTradeBill",
                    APPLY_TRADE,
                    d,
                    answer,
                    d.request.gzip(),
                    d.request.billDate()),
            (context, d, error) -> outcome(d.request.billDate(), error));
    this.fundFlow =
        Operation.of(
            "downloadFundFlowBill",
            BillsApi.class,
            (context, d) -> d,
            APPLY_FUND_FLOW,
            (context, d, answer) ->
                download(
                    "downloadFundFlowBill",
                    APPLY_FUND_FLOW,
                    d,
                    answer,
                    d.request.gzip(),
                    d.request.billDate()),
            (context, d, error) -> outcome(d.request.billDate(), error));
  }

  /**
   * Downloads a trade bill (交易账单) into {@code file}, replacing it once the bill is complete and
   * verified.
   *
   * @throws WechatPayBillIntegrityException if the bill does not match its hash (no file is left)
   * @throws WechatPayApiException if WeChat Pay refuses the application or the download (e.g.
   *     {@code 400 INVALID_REQUEST} for a future date, {@code 403 NO_AUTH})
   * @throws WechatPayConnectionException if no answer arrives
   * @throws WechatPaySignatureException if the application's answer is not signed by WeChat Pay
   * @throws WechatPayException if the download URL's host is not a WeChat Pay API host or the
   *     configured one
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public BillOutcome downloadTradeBill(TradeBillRequest request, Path file) {
    return outcome(pipeline.execute(trade, new Download<>(request, target(request, file))));
  }

  /**
   * Downloads a trade bill into {@code out}, which is left open.
   *
   * @throws WechatPayBillIntegrityException if the bill does not match its hash: discard what was
   *     written
   * @throws WechatPayApiException as {@link #downloadTradeBill(TradeBillRequest, Path)}
   * @throws WechatPayConnectionException if no answer arrives
   * @throws WechatPaySignatureException if the application's answer is not signed by WeChat Pay
   * @throws WechatPayException if the download URL's host is not an allowed one
   * @throws java.io.UncheckedIOException if {@code out} cannot be written
   */
  public BillOutcome downloadTradeBill(TradeBillRequest request, OutputStream out) {
    return outcome(pipeline.execute(trade, new Download<>(request, target(request, out))));
  }

  /** Asynchronous {@link #downloadTradeBill(TradeBillRequest, Path)}. */
  public CompletableFuture<BillOutcome> downloadTradeBillAsync(
      TradeBillRequest request, Path file) {
    return pipeline
        .enqueue(trade, new Download<>(request, target(request, file)))
        .thenApply(Bills::outcome);
  }

  /** Asynchronous {@link #downloadTradeBill(TradeBillRequest, OutputStream)}. */
  public CompletableFuture<BillOutcome> downloadTradeBillAsync(
      TradeBillRequest request, OutputStream out) {
    return pipeline
        .enqueue(trade, new Download<>(request, target(request, out)))
        .thenApply(Bills::outcome);
  }

  /**
   * Downloads a fund-flow bill (资金账单) into {@code file}, replacing it once the bill is complete and
   * verified.
   *
   * @throws WechatPayBillIntegrityException if the bill does not match its hash (no file is left)
   * @throws WechatPayApiException if WeChat Pay refuses the application or the download
   * @throws WechatPayConnectionException if no answer arrives
   * @throws WechatPaySignatureException if the application's answer is not signed by WeChat Pay
   * @throws WechatPayException if the download URL's host is not an allowed one
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public BillOutcome downloadFundFlowBill(FundFlowBillRequest request, Path file) {
    return outcome(pipeline.execute(fundFlow, new Download<>(request, target(request, file))));
  }

  /**
   * Downloads a fund-flow bill into {@code out}, which is left open.
   *
   * @throws WechatPayBillIntegrityException if the bill does not match its hash: discard what was
   *     written
   * @throws WechatPayApiException if WeChat Pay refuses the application or the download
   * @throws WechatPayConnectionException if no answer arrives
   * @throws WechatPaySignatureException if the application's answer is not signed by WeChat Pay
   * @throws WechatPayException if the download URL's host is not an allowed one
   * @throws java.io.UncheckedIOException if {@code out} cannot be written
   */
  public BillOutcome downloadFundFlowBill(FundFlowBillRequest request, OutputStream out) {
    return outcome(pipeline.execute(fundFlow, new Download<>(request, target(request, out))));
  }

  /** Asynchronous {@link #downloadFundFlowBill(FundFlowBillRequest, Path)}. */
  public CompletableFuture<BillOutcome> downloadFundFlowBillAsync(
      FundFlowBillRequest request, Path file) {
    return pipeline
        .enqueue(fundFlow, new Download<>(request, target(request, file)))
        .thenApply(Bills::outcome);
  }

  /** Asynchronous {@link #downloadFundFlowBill(FundFlowBillRequest, OutputStream)}. */
  public CompletableFuture<BillOutcome> downloadFundFlowBillAsync(
      FundFlowBillRequest request, OutputStream out) {
    return pipeline
        .enqueue(fundFlow, new Download<>(request, target(request, out)))
        .thenApply(Bills::outcome);
  }

  private static BillDownloader.Target target(Object request, Path file) {
    Objects.requireNonNull(request, "request == null");
    return BillDownloader.Target.of(Objects.requireNonNull(file, "file == null"));
  }

  private static BillDownloader.Target target(Object request, OutputStream out) {
    Objects.requireNonNull(request, "request == null");
    return BillDownloader.Target.of(Objects.requireNonNull(out, "out == null"));
  }

  /** The outcome, with the application's Request-ID. */
  private static BillOutcome outcome(WechatPayResponse<BillOutcome> response) {
    return response.body().withRequestId(response.requestId());
  }

  /**
   * Downloads the answered URL; if it has expired or is refused as modified ({@code 400
   * INVALID_REQUEST}), applies once more and downloads the fresh one.
   */
  private <Q> BillOutcome download(
      String operation,
      Operation.Send<BillsApi, Download<Q>, QueryBillEntity> apply,
      Download<Q> d,
      QueryBillEntity answer,
      boolean gzip,
      LocalDate billDate) {
    BillDownloader.Downloaded done;
    try {
      done = downloader.download(operation, answer, gzip, d.target);
    } catch (WechatPayApiException e) {
      if (e.httpStatus() != 400 || !e.hasCode("INVALID_REQUEST")) {
        throw e;
      }
      Call<QueryBillEntity> again = apply.send(pipeline.api(BillsApi.class), pipeline.context, d);
      QueryBillEntity fresh =
          Calls.execute(again, operation, CallRecord.of(again.request()), a -> a).body();
      done = downloader.download(operation, fresh, gzip, d.target);
    }
    return BillOutcome.downloaded(billDate, done.sha1, done.size, d.target.file(), null);
  }

  /** NO_STATEMENT_EXIST and STATEMENT_CREATING (and their v2 spellings) are outcomes. */
  private @Nullable BillOutcome outcome(LocalDate billDate, WechatPayApiException error) {
    if (error.hasCode("NO_STATEMENT_EXIST") || error.hasCode("NO_BILL_EXIST")) {
      return BillOutcome.noStatement(billDate, error.requestId());
    }
    if (error.hasCode("STATEMENT_CREATING") || error.hasCode("BILL_CREATING")) {
      return BillOutcome.notReady(billDate, retryAfter(billDate), error.requestId());
    }
    return null;
  }

  /** 10:00 Beijing time the next day, or 30 minutes from now once that has passed. */
  private Instant retryAfter(LocalDate billDate) {
    Instant ready = billDate.plusDays(1).atTime(LocalTime.of(10, 0)).atOffset(BEIJING).toInstant();
    Instant now = clock.instant();
    return now.isBefore(ready) ? ready : now.plus(Duration.ofMinutes(30));
  }
}
