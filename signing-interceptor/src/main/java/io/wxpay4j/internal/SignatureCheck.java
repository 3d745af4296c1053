package io.wxpay4j.internal;

import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.WechatPaySignatureException.Reason;
import io.wxpay4j.auth.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one implementation of WeChat Pay signature verification, shared by responses, notifications
 * and the certificate download: required headers, the 300-second window, the key chosen by serial,
 * SHA256withRSA over {@code timestamp\nnonce\nbody\n} with the raw body bytes.
 */
public final class SignatureCheck {
  public static final String TIMESTAMP = "Wechatpay-Timestamp";
  public static final String NONCE = "Wechatpay-Nonce";
  public static final String SIGNATURE = "Wechatpay-Signature";
  public static final String SERIAL = "Wechatpay-Serial";
  public static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";
  public static final String RSA_TYPE = "WECHATPAY2-SHA256-RSA2048";
  public static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

  /** A timestamp this many seconds or more away from the local clock is rejected. */
  public static final long MAX_SKEW_SECONDS = 300;

  private SignatureCheck() {}

  /**
   * Throws unless the message is signed by a key {@code verifier} trusts.
   *
   * @param subject "Response" or "Notification", the first word of messages
   * @param headers case-insensitive header lookup
   * @throws WechatPaySignatureException naming the check that failed; inside an OkHttp interceptor
   *     it must travel as the cause of an {@code IOException}
   */
  public static void verify(
      String subject,
      Function<String, @Nullable String> headers,
      byte[] body,
      Verifier verifier,
      Clock clock,
      @Nullable String requestId) {
    String serial = headers.apply(SERIAL);
    String signature = headers.apply(SIGNATURE);
    boolean probe = signature != null && signature.contains(PROBE_PREFIX);
    Failure f = new Failure(subject, serial, verifier, requestId, probe);

    for (String name : new String[] {TIMESTAMP, NONCE, SIGNATURE, SERIAL}) {
      String value = headers.apply(name);
      if (value == null || value.isEmpty()) {
        throw f.fail(
            Reason.MISSING_HEADER,
            "header "
                + name
                + " is missing; WeChat Pay signs every 2xx answer, so a proxy or CDN may have"
                + " stripped the Wechatpay-* headers, or the answer did not come from WeChat Pay",
            null);
      }
    }
    String timestampText = headers.apply(TIMESTAMP);
    String nonce = headers.apply(NONCE);
    assert timestampText != null && nonce != null && signature != null && serial != null;

    String type = headers.apply(SIGNATURE_TYPE);
    if (type != null && !type.isEmpty() && !RSA_TYPE.equalsIgnoreCase(type)) {
      throw f.fail(
          Reason.UNSUPPORTED_SIGNATURE_TYPE,
          "Wechatpay-Signature-Type "
              + printable(type)
              + " is not supported (expected "
              + RSA_TYPE
              + "; 国密 SM2 is not supported)",
          null);
    }

    long timestamp;
    if (!isEpochSeconds(timestampText)) {
      throw f.fail(
          Reason.MALFORMED_TIMESTAMP,
          "Wechatpay-Timestamp " + printable(timestampText) + " is not epoch seconds",
          null);
    }
    timestamp = Long.parseLong(timestampText);
    long now = clock.instant().getEpochSecond();
    long skew = timestamp - now;
    if (Math.abs(skew) >= MAX_SKEW_SECONDS) {
      throw f.fail(
          Reason.STALE_TIMESTAMP,
          "Wechatpay-Timestamp "
              + timestamp
              + " is "
              + Math.abs(skew)
              + " s "
              + (skew < 0 ? "behind" : "ahead of")
              + " the local clock "
              + now
              + " (the limit is under "
              + MAX_SKEW_SECONDS
              + " s); check this machine's clock, or the message was replayed",
          null);
    }

    PublicKey key = verifier.publicKey(serial);
    if (key == null) {
      throw f.fail(
          Reason.UNKNOWN_SERIAL,
          "no trusted key for Wechatpay-Serial "
              + printable(serial)
              + "; configure the WeChat Pay public key with this ID (PUB_KEY_ID_…), or the platform"
              + " certificate with this serial",
          null);
    }

    if (probe) {
      throw f.fail(
          Reason.BAD_SIGNATURE,
          "the signature is a WECHATPAY/SIGNTEST/ probe: WeChat Pay sent a wrong signature on"
              + " purpose to check that signatures are verified; this failure is expected and rare",
          null);
    }

    byte[] signatureBytes;
    try {
      signatureBytes = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw f.fail(Reason.MALFORMED_SIGNATURE, "Wechatpay-Signature is not Base64", null);
    }

    boolean valid;
    GeneralSecurityException error = null;
    try {
      // The message is SignatureMessages.response(timestamp, nonce, body), streamed into the
      // engine.
      valid =
          verifier.verify(
              serial,
              signatureBytes,
              timestampText.getBytes(StandardCharsets.UTF_8),
              nonce.getBytes(StandardCharsets.UTF_8),
              body);
    } catch (GeneralSecurityException e) {
      valid = false;
      error = e;
    }
    if (!valid) {
      throw f.fail(
          Reason.BAD_SIGNATURE,
          "the signature does not match the key of Wechatpay-Serial "
              + serial
              + " over the timestamp, nonce and "
              + body.length
              + "-byte body; the message was altered in transit or was not signed by WeChat Pay",
          error);
    }
  }

  /** 1 to 12 ASCII digits (no regex: this runs on every answer). */
  private static boolean isEpochSeconds(String text) {
    if (text.isEmpty() || text.length() > 12) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Header values are untrusted input: keep them short and printable in messages. */
  public static String printable(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length() && i < 64; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.append(value.length() > 64 ? "…\"" : "\"").toString();
  }

  private static final class Failure {
    final String subject;
    final @Nullable String serial;
    final Verifier verifier;
    final @Nullable String requestId;
    final boolean probe;

    Failure(
        String subject,
        @Nullable String serial,
        Verifier verifier,
        @Nullable String requestId,
        boolean probe) {
      this.subject = subject;
      this.serial = serial;
      this.verifier = verifier;
      this.requestId = requestId;
      this.probe = probe;
    }

    WechatPaySignatureException fail(Reason reason, String detail, @Nullable Throwable cause) {
      List<String> trusted = new ArrayList<>(new TreeSet<>(verifier.serials()));
      String message =
          subject
              + " signature not verified: "
              + detail
              + "\n  Wechatpay-Serial: "
              + (serial == null || serial.isEmpty() ? "(missing)" : printable(serial))
              + "\n  trusted serials: "
              + trusted
              + "\n  Request-ID: "
              + (requestId == null ? "(none)" : printable(requestId));
      return new WechatPaySignatureException(
          message, reason, serial, trusted, requestId, probe, cause);
    }
  }
}
