package io.wxpay4j.bill;

import io.wxpay4j.model.BillAccountType;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which fund-flow bill (资金账单) to download: a day, and optionally the account and gzip. A service
 * provider gets its own account's bill. Immutable; the withers return changed copies.
 *
 * <pre>{@code
 * FundFlowBillRequest request = FundFlowBillRequest.of(day).accountType(BillAccountType.OPERATION);
 * }</pre>
 */
public final class FundFlowBillRequest {
  private final LocalDate billDate;
  private final BillAccountType accountType;
  private final boolean gzip;

  private FundFlowBillRequest(LocalDate billDate, BillAccountType accountType, boolean gzip) {
    this.billDate = billDate;
    this.accountType = accountType;
    this.gzip = gzip;
  }

  /** The basic account's bill of {@code billDate} (Beijing time), uncompressed. */
  public static FundFlowBillRequest of(LocalDate billDate) {
    return new FundFlowBillRequest(
        Objects.requireNonNull(billDate, "billDate == null"), BillAccountType.BASIC, false);
  }

  /**
   * {@code BASIC} (基本账户, the default), {@code OPERATION} (运营账户) or {@code FEES} (手续费账户).
   *
   * @throws IllegalArgumentException for {@code ALL} (platforms only) and unknown values
   */
  public FundFlowBillRequest accountType(BillAccountType accountType) {
    Objects.requireNonNull(accountType, "accountType == null");
    if (accountType == BillAccountType.ALL
        || accountType == BillAccountType.UNKNOWN_DEFAULT_OPEN_API) {
      throw new IllegalArgumentException("accountType must be BASIC, OPERATION or FEES");
    }
    return new FundFlowBillRequest(billDate, accountType, gzip);
  }

  /** Whether the file comes gzip-compressed ({@code tar_type=GZIP}); off by default. */
  public FundFlowBillRequest gzip(boolean gzip) {
    return new FundFlowBillRequest(billDate, accountType, gzip);
  }

  /** The day of the bill. */
  public LocalDate billDate() {
    return billDate;
  }

  /** The account, {@code BASIC} unless set. */
  public BillAccountType accountType() {
    return accountType;
  }

  /** True if the file is asked for gzip-compressed. */
  public boolean gzip() {
    return gzip;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof FundFlowBillRequest
        && ((FundFlowBillRequest) other).billDate.equals(billDate)
        && ((FundFlowBillRequest) other).accountType == accountType
        && ((FundFlowBillRequest) other).gzip == gzip;
  }

  @Override
  public int hashCode() {
    return Objects.hash(billDate, accountType, gzip);
  }

  @Override
  public String toString() {
    return "FundFlowBillRequest{" + billDate + " " + accountType + (gzip ? " GZIP" : "") + "}";
  }
}
