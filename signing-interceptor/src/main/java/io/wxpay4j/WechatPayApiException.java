package io.wxpay4j;

import io.wxpay4j.internal.ServerText;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * WeChat Pay answered with an error: a non-2xx status and, usually, a body {@code {"code",
 * "message", "detail"}}.
 *
 * <pre>{@code
 * try {
 *   wechatPay.orders().queryByOutTradeNo(outTradeNo);
 * } catch (WechatPayApiException e) {
 *   if (e.hasCode("ORDER_NOT_EXIST")) { ... } // also matches the old spelling ORDERNOTEXIST
 * }
 * }</pre>
 *
 * <p>Branch on {@link #httpStatus()} first and on {@link #code()} second: codes are strings, new
 * ones appear, and old and new spellings coexist ({@code SYSTEMERROR} / {@code SYSTEM_ERROR}).
 * Unless {@link #isVerified()}, treat {@link #errorMessage()} and {@link #detail()} as diagnostics.
 * The message quotes the server's text cleaned (one line, control characters escaped, bounded); the
 * accessors return it as sent. A 5xx (and 429) may be retried with the same parameters; a 5xx
 * {@linkplain #mayHaveTakenEffect() may have taken effect}.
 */
public final class WechatPayApiException extends WechatPayException {
  private final WechatPayErrorResponse error;
  private final boolean verified;

  WechatPayApiException(WechatPayErrorResponse error, String operation, boolean verified) {
    this(error, operation, 1, false, verified);
  }

  /**
   * After {@code attempts} attempts (retries); an earlier attempt that may have taken effect (a
   * 5xx, a connection lost after sending) makes this one "may have taken effect" too, whatever its
   * status. An answer whose signature was not verified ({@code verified} false: WeChat Pay's error
   * answers may come unsigned, or from a proxy) may have taken effect too: nothing it says is
   * trusted.
   */
  WechatPayApiException(
      WechatPayErrorResponse error,
      String operation,
      int attempts,
      boolean earlierAttemptMayHaveTakenEffect,
      boolean verified) {
    super(
        describe(error, operation) + (attempts > 1 ? " after " + attempts + " attempts" : ""),
        null,
        error.requestId(),
        error.httpStatus(),
        error.httpStatus() >= 500 || earlierAttemptMayHaveTakenEffect || !verified);
    this.error = error;
    this.verified = verified;
  }

  /**
   * True if the answer carried WeChat Pay's signature and it verified. Only a verified answer may
   * drive a decision about money ("no such order", "not carried out"): an unsigned one is
   * diagnostics, possibly from a proxy.
   */
  public boolean isVerified() {
    return verified;
  }

  /**
   * The message: the operation, the status, and the server's {@code code}, {@code message}, {@code
   * detail.field} and {@code detail.issue}, each {@linkplain ServerText cleaned} (one line, no
   * control characters, bounded), since an answer, signed or not, must not be able to forge log
   * lines.
   */
  private static String describe(WechatPayErrorResponse error, String operation) {
    StringBuilder result =
        new StringBuilder(operation).append(" failed: HTTP ").append(error.httpStatus());
    if (error.code() != null) {
      result.append(' ').append(ServerText.clean(error.code(), ServerText.VALUE_LIMIT));
    }
    if (error.message() != null) {
      result
          .append(": ")
          .append(
              error.messageIsOurs()
                  ? error.message()
                  : ServerText.clean(error.message(), ServerText.MESSAGE_LIMIT));
    }
    WechatPayErrorResponse.Detail detail = error.detail();
    if (detail != null && detail.field() != null) {
      // The field name and the issue, never the value: it may be payer data.
      result.append(" (field ").append(ServerText.clean(detail.field(), ServerText.VALUE_LIMIT));
      if (detail.issue() != null) {
        result.append(": ").append(ServerText.clean(detail.issue(), ServerText.MESSAGE_LIMIT));
      }
      result.append(')');
    }
    result
        .append(" [Request-ID ")
        .append(ServerText.cleanOrNull(error.requestId(), ServerText.VALUE_LIMIT))
        .append(']');
    return result.toString();
  }

  /** The error code, e.g. {@code PARAM_ERROR}, exactly as sent; null if the body had none. */
  public @Nullable String code() {
    return error.code();
  }

  /**
   * True if {@link #code()} is {@code code} in either spelling: underscores and case are ignored,
   * so {@code hasCode("ORDER_NOT_EXIST")} matches {@code ORDERNOTEXIST}.
   */
  public boolean hasCode(String code) {
    return error.code() != null && normalize(error.code()).equals(normalize(code));
  }

  private static String normalize(String code) {
    return code.replace("_", "").toUpperCase(Locale.ROOT);
  }

  /** WeChat Pay's {@code message}: human-readable, may change; null if absent. */
  public @Nullable String errorMessage() {
    return error.message();
  }

  /**
   * Which input the error is about ({@code field} as a JSON pointer, {@code issue}, …); null if
   * absent.
   */
  public WechatPayErrorResponse.@Nullable Detail detail() {
    return error.detail();
  }

  /** The raw error body. May echo request data: keep it out of logs. */
  public String body() {
    return error.body();
  }

  /**
   * True for 429 and 5xx answers, which WeChat Pay asks callers to retry with the same parameters.
   */
  public boolean isRetryable() {
    return httpStatus() == 429 || httpStatus() >= 500;
  }
}
