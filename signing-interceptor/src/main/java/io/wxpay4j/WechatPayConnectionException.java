package io.wxpay4j;

import java.io.IOException;
import java.util.List;

/**
 * No answer from WeChat Pay: the connection was refused, reset or timed out, or the answer was cut
 * off.
 *
 * <p>{@link #mayHaveTakenEffect()} is false only when the request certainly never reached WeChat
 * Pay (no connection could be made); otherwise it may have been carried out. All order operations
 * are safe to repeat with the same parameters — a prepay re-entered with the same {@code
 * out_trade_no} and parameters returns the same order, a close of a closed order changes nothing —
 * but the safest follow-up is to query the order.
 */
public final class WechatPayConnectionException extends WechatPayException {
  WechatPayConnectionException(
      IOException cause,
      String operation,
      int attempts,
      List<String> hosts,
      boolean mayHaveTakenEffect) {
    super(
        operation
            + " failed: no answer from WeChat Pay ("
            + cause.getClass().getSimpleName()
            + (cause.getMessage() != null ? ": " + cause.getMessage() : "")
            + ")"
            + (attempts > 1 ? " after " + attempts + " attempts" : "")
            + (hosts.size() > 1 ? " on " + String.join(" and ", hosts) : "")
            + (mayHaveTakenEffect
                ? "; the request may have been carried out: query the order before retrying"
                : "; the request was not sent"),
        cause,
        null,
        0,
        mayHaveTakenEffect);
  }
}
