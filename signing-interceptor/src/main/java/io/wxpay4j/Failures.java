package io.wxpay4j;

import io.wxpay4j.auth.WechatPayCertificateException;
import io.wxpay4j.internal.AnswerTooLargeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.UnknownServiceException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/** What an {@link IOException} on a call says about the connection and about the request's fate. */
final class Failures {
  private Failures() {}

  /**
   * True for failures of the transport (refused, reset, timed out, cut off): retried, and they move
   * calls to the backup host. False for answers that arrived but could not be trusted (signature,
   * certificates), for cancelled calls, and for configuration errors (TLS peer not verified,
   * cleartext not permitted), which another attempt or host cannot cure.
   */
  static boolean isConnectionLevel(IOException e) {
    return !(WechatPaySignatureException.from(e) != null
        || e instanceof WechatPayCertificateException
        || e instanceof AnswerTooLargeException
        || e instanceof SSLPeerUnverifiedException
        || e instanceof UnknownServiceException
        || "Canceled".equals(e.getMessage()));
  }

  /**
   * False only when the request certainly never left this machine (no connection could be made), on
   * this last attempt and, as {@code record} says, on every earlier one. A timeout is ambiguous (it
   * may be the read timeout after the request was written), so it counts as possibly sent.
   */
  static boolean mayHaveBeenSent(IOException e, @Nullable CallRecord record) {
    return (record != null && record.earlierMayHaveTakenEffect()) || thisAttemptMayHaveBeenSent(e);
  }

  /** Whether this one attempt may have reached WeChat Pay. */
  static boolean thisAttemptMayHaveBeenSent(IOException e) {
    if (e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException) {
      return false;
    }
    return !(e instanceof InterruptedIOException
        && e.getMessage() != null
        && e.getMessage().startsWith("connect timed out"));
  }
}
