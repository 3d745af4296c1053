package io.wxpay4j;

import org.jspecify.annotations.Nullable;

/**
 * A downloaded bill is not the bill WeChat Pay described: its SHA-1 differs from the {@code
 * hash_value} of the application, or its gzip stream is broken or cut short. A file target has been
 * deleted; an {@code OutputStream} target holds bytes that must not be used. Download the bill
 * again (the next application answers a fresh URL).
 */
public final class WechatPayBillIntegrityException extends WechatPayException {
  private final String expectedHash;
  private final @Nullable String actualHash;

  WechatPayBillIntegrityException(
      String operation,
      String expectedHash,
      @Nullable String actualHash,
      String why,
      @Nullable Throwable cause,
      @Nullable String requestId) {
    super(
        operation
            + " failed: "
            + why
            + " (expected SHA-1 "
            + expectedHash
            + ", got "
            + (actualHash == null ? "none: the bill is incomplete" : actualHash)
            + "); download it again",
        cause,
        requestId,
        200,
        false);
    this.expectedHash = expectedHash;
    this.actualHash = actualHash;
  }

  /** The {@code hash_value} WeChat Pay answered (hex SHA-1 of the uncompressed bill). */
  public String expectedHash() {
    return expectedHash;
  }

  /** The SHA-1 of what arrived, or null if the gzip stream was broken before its end. */
  public @Nullable String actualHash() {
    return actualHash;
  }
}
