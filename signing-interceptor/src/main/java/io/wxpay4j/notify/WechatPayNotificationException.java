package io.wxpay4j.notify;

import io.wxpay4j.WechatPaySignatureException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A notification that was rejected: not verified, not decryptable, or not well-formed. Answer
 * WeChat Pay with {@link #answer()} (a 4xx or 5xx) so that it sends the notification again, and do
 * not act on it.
 *
 * <p>{@link #kind()} says which check failed. Signature failures carry the underlying {@link
 * WechatPaySignatureException} as {@link #signatureFailure()} (and as the cause).
 */
public final class WechatPayNotificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which check rejected the notification. */
  public enum Kind {
    /** A {@code Wechatpay-*} header was missing. */
    MISSING_HEADER,
    /** The timestamp is 300 s or more from the local clock (or not a timestamp). */
    STALE_TIMESTAMP,
    /** No trusted key has the notification's serial. */
    UNKNOWN_SERIAL,
    /** The signature is malformed or does not match. */
    BAD_SIGNATURE,
    /**
     * A {@code WECHATPAY/SIGNTEST/} probe: expected and rare; WeChat Pay re-sends with a real
     * signature.
     */
    PROBE,
    /** AES-256-GCM decryption failed: most often the APIv3 key is wrong. */
    DECRYPTION_FAILED,
    /** The body, or the decrypted resource, is not the expected JSON. */
    MALFORMED_BODY,
    /**
     * A genuine notification of another kind than the one asked for (e.g. a refund, not a payment).
     */
    UNEXPECTED_EVENT,
    /** A genuine notification about another merchant, sub-merchant or app than this client's. */
    FOREIGN_MERCHANT,
    /** The body is larger than the parser accepts. */
    TOO_LARGE,
    /** An API v2 XML notice (e.g. of a refund started in 商户平台): not verifiable with v3 keys. */
    V2_XML_NOTICE
  }

  private final Kind kind;

  WechatPayNotificationException(Kind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind);
  }

  static WechatPayNotificationException of(WechatPaySignatureException e) {
    Kind kind;
    if (e.isProbe()) {
      kind = Kind.PROBE;
    } else {
      switch (e.reason()) {
        case MISSING_HEADER:
          kind = Kind.MISSING_HEADER;
          break;
        case MALFORMED_TIMESTAMP:
        case STALE_TIMESTAMP:
          kind = Kind.STALE_TIMESTAMP;
          break;
        case UNKNOWN_SERIAL:
          kind = Kind.UNKNOWN_SERIAL;
          break;
        default:
          kind = Kind.BAD_SIGNATURE;
      }
    }
    return new WechatPayNotificationException(kind, e.getMessage(), e);
  }

  /** Which check failed. */
  public Kind kind() {
    return kind;
  }

  /** The signature failure, or null if the signature was fine. */
  public @Nullable WechatPaySignatureException signatureFailure() {
    Throwable cause = getCause();
    return cause instanceof WechatPaySignatureException
        ? (WechatPaySignatureException) cause
        : null;
  }

  /**
   * The HTTP answer for WeChat Pay: 401 for signature failures, 400 for malformed bodies,
   * unexpected events and v2 notices, 403 for another merchant's, 413 for oversized ones, 500 when
   * decryption failed.
   */
  public NotificationAnswer answer() {
    switch (kind) {
      case MALFORMED_BODY:
        return NotificationAnswer.failure(400, "malformed notification");
      case UNEXPECTED_EVENT:
        return NotificationAnswer.failure(400, "unexpected notification type");
      case FOREIGN_MERCHANT:
        return NotificationAnswer.failure(403, "notification of another merchant");
      case TOO_LARGE:
        return NotificationAnswer.failure(413, "notification too large");
      case V2_XML_NOTICE:
        return NotificationAnswer.failure(400, "API v2 notices are not accepted here");
      case DECRYPTION_FAILED:
        return NotificationAnswer.failure(500, "notification could not be decrypted");
      default:
        return NotificationAnswer.failure(401, "signature verification failed");
    }
  }
}
