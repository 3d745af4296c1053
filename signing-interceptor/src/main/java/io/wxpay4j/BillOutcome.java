package io.wxpay4j;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a bill download ({@link Bills}) came to: {@linkplain Status#DOWNLOADED downloaded} and
 * verified, {@linkplain Status#NO_STATEMENT no bill} for that day (no trade or fund flow: nothing
 * to reconcile), or {@linkplain Status#NOT_READY not ready} yet ({@link #retryAfter()} says when to
 * try again).
 *
 * <pre>{@code
 * BillOutcome outcome = wechatPay.bills().downloadTradeBill(TradeBillRequest.of(day), file);
 * switch (outcome.status()) {
 *   case DOWNLOADED -> reconcile(file);
 *   case NO_STATEMENT -> recordEmptyDay(day);
 *   case NOT_READY -> scheduleAt(outcome.retryAfter());
 * }
 * }</pre>
 */
public final class BillOutcome {
  /** The three ways a bill download ends without an exception. */
  public enum Status {
    /** The bill was written to the target and its SHA-1 checked. */
    DOWNLOADED,
    /**
     * WeChat Pay has no bill for that day ({@code NO_STATEMENT_EXIST}): no trade (or no fund flow
     * on that account). Do not retry.
     */
    NO_STATEMENT,
    /**
     * The bill is still being made ({@code STATEMENT_CREATING}): bills exist from 10:00 Beijing
     * time the next day. Retry at {@link #retryAfter()}.
     */
    NOT_READY
  }

  private final Status status;
  private final LocalDate billDate;
  private final @Nullable String hashValue;
  private final long size;
  private final @Nullable Path file;
  private final @Nullable Instant retryAfter;
  private final @Nullable String requestId;

  private BillOutcome(
      Status status,
      LocalDate billDate,
      @Nullable String hashValue,
      long size,
      @Nullable Path file,
      @Nullable Instant retryAfter,
      @Nullable String requestId) {
    this.status = status;
    this.billDate = billDate;
    this.hashValue = hashValue;
    this.size = size;
    this.file = file;
    this.retryAfter = retryAfter;
    this.requestId = requestId;
  }

  static BillOutcome downloaded(
      LocalDate billDate, String hashValue, long size, @Nullable Path file, @Nullable String id) {
    return new BillOutcome(Status.DOWNLOADED, billDate, hashValue, size, file, null, id);
  }

  static BillOutcome noStatement(LocalDate billDate, @Nullable String requestId) {
    return new BillOutcome(Status.NO_STATEMENT, billDate, null, 0, null, null, requestId);
  }

  static BillOutcome notReady(LocalDate billDate, Instant retryAfter, @Nullable String id) {
    return new BillOutcome(Status.NOT_READY, billDate, null, 0, null, retryAfter, id);
  }

  /** This outcome with {@code requestId} if it has none. */
  BillOutcome withRequestId(@Nullable String requestId) {
    return this.requestId != null || requestId == null
        ? this
        : new BillOutcome(status, billDate, hashValue, size, file, retryAfter, requestId);
  }

  /** How it ended. */
  public Status status() {
    return status;
  }

  /** The day of the bill. */
  public LocalDate billDate() {
    return billDate;
  }

  /** The verified hex SHA-1 of the uncompressed bill; null unless downloaded. */
  public @Nullable String hashValue() {
    return hashValue;
  }

  /** The size in bytes of the uncompressed bill written; 0 unless downloaded. */
  public long size() {
    return size;
  }

  /** The file written, when the target was a {@link Path}; null otherwise. */
  public @Nullable Path file() {
    return file;
  }

  /**
   * When to apply again for a bill {@linkplain Status#NOT_READY not ready}: 10:00 Beijing time the
   * day after the bill's day, or 30 minutes from now once that has passed (WeChat Pay's advice);
   * null otherwise.
   */
  public @Nullable Instant retryAfter() {
    return retryAfter;
  }

  /** The {@code Request-ID} of the application's answer. */
  public @Nullable String requestId() {
    return requestId;
  }

  @Override
  public String toString() {
    return "BillOutcome{"
        + status
        + " "
        + billDate
        + (hashValue != null ? " sha1=" + hashValue + " size=" + size : "")
        + (retryAfter != null ? " retryAfter=" + retryAfter : "")
        + "}";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof BillOutcome)) {
      return false;
    }
    BillOutcome that = (BillOutcome) other;
    return status == that.status
        && billDate.equals(that.billDate)
        && Objects.equals(hashValue, that.hashValue)
        && size == that.size
        && Objects.equals(file, that.file)
        && Objects.equals(retryAfter, that.retryAfter)
        && Objects.equals(requestId, that.requestId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, billDate, hashValue, size, file, retryAfter, requestId);
  }
}
