package io.wxpay4j.bill;

import io.wxpay4j.model.BillType;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which trade bill (交易账单) to download: a day, and optionally the bill type, gzip and (service
 * providers) one sub-merchant. Immutable; the withers return changed copies.
 *
 * <pre>{@code
 * TradeBillRequest request = TradeBillRequest.of(LocalDate.of(2025, 1, 10))
 *     .billType(BillType.SUCCESS)
 *     .gzip(true);
 * }</pre>
 */
public final class TradeBillRequest {
  private final LocalDate billDate;
  private final BillType billType;
  private final boolean gzip;
  private final @Nullable String subMchid;

  private TradeBillRequest(
      LocalDate billDate, BillType billType, boolean gzip, @Nullable String subMchid) {
    this.billDate = billDate;
    this.billType = billType;
    this.gzip = gzip;
    this.subMchid = subMchid;
  }

  /** The {@code ALL} bill of {@code billDate} (Beijing time), uncompressed. */
  public static TradeBillRequest of(LocalDate billDate) {
    return new TradeBillRequest(
        Objects.requireNonNull(billDate, "billDate == null"), BillType.ALL, false, null);
  }

  /**
   * {@code ALL} (payments and refunds, the default), {@code SUCCESS} (payments) or {@code REFUND}
   * (refunds).
   *
   * @throws IllegalArgumentException for {@code UNKNOWN_DEFAULT_OPEN_API}
   */
  public TradeBillRequest billType(BillType billType) {
    Objects.requireNonNull(billType, "billType == null");
    if (billType == BillType.UNKNOWN_DEFAULT_OPEN_API) {
      throw new IllegalArgumentException("billType must be a bill type, e.g. ALL");
    }
    return new TradeBillRequest(billDate, billType, gzip, subMchid);
  }

  /**
   * Whether WeChat Pay sends the file gzip-compressed ({@code tar_type=GZIP}): less to transfer;
   * the client decompresses it while downloading. Off by default.
   */
  public TradeBillRequest gzip(boolean gzip) {
    return new TradeBillRequest(billDate, billType, gzip, subMchid);
  }

  /**
   * A service provider's bill of one sub-merchant (子商户号); without it a service provider gets the
   * bill of all its sub-merchants. Direct merchants never set it.
   *
   * @throws IllegalArgumentException unless 1 to 32 digits
   */
  public TradeBillRequest subMchid(String subMchid) {
    Objects.requireNonNull(subMchid, "subMchid == null");
    if (!subMchid.matches("[0-9]{1,32}")) {
      throw new IllegalArgumentException(
          "subMchid must be a sub-merchant ID (子商户号): 1 to 32 digits");
    }
    return new TradeBillRequest(billDate, billType, gzip, subMchid);
  }

  /** The day of the bill. */
  public LocalDate billDate() {
    return billDate;
  }

  /** The bill type, {@code ALL} unless set. */
  public BillType billType() {
    return billType;
  }

  /** True if the file is asked for gzip-compressed. */
  public boolean gzip() {
    return gzip;
  }

  /** The sub-merchant, or null. */
  public @Nullable String subMchid() {
    return subMchid;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TradeBillRequest
        && ((TradeBillRequest) other).billDate.equals(billDate)
        && ((TradeBillRequest) other).billType == billType
        && ((TradeBillRequest) other).gzip == gzip
        && Objects.equals(((TradeBillRequest) other).subMchid, subMchid);
  }

  @Override
  public int hashCode() {
    return Objects.hash(billDate, billType, gzip, subMchid);
  }

  @Override
  public String toString() {
    return "TradeBillRequest{"
        + billDate
        + " "
        + billType
        + (gzip ? " GZIP" : "")
        + (subMchid != null ? " sub_mchid=" + subMchid : "")
        + "}";
  }
}
