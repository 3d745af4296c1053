package io.wxpay4j.internal;

import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.WechatPaySignatureException.Reason;
import io.wxpay4j.auth.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
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
 *
 * <p>The cheap checks run first, in this order, and a message failing one never reaches a key
 * lookup (which may start a certificate download) or the RSA engine: the four headers present, the
 * signature type, the timestamp's form and its window, the serial's shape, the {@code
 * WECHATPAY/SIGNTEST/} probe prefix, the signature's Base64 and its length (at least an RSA-2048
 * signature, at most an RSA-4096 one). After the lookup the signature must be exactly as long as
 * the key's modulus, and only then is it verified.
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

  /** The smallest RSA key whose signatures are accepted (WECHATPAY2-SHA256-RSA2048). */
  public static final int MIN_RSA_BITS = 2048;

  /** The largest RSA key whose signatures are decoded (a bound on the work an answer can cause). */
  public static final int MAX_RSA_BITS = 4096;

  /**
   * The longest {@code Wechatpay-Serial} looked up: a certificate serial is at most 40 hex digits,
   * a public-key ID ({@code PUB_KEY_ID_} and 34 digits) 45 characters.
   */
  public static final int MAX_SERIAL_LENGTH = 64;

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

    // Cheap checks first, in this order, so that nothing an attacker sends reaches a key lookup
    // (which may start a certificate download) or the RSA engine unless it could be genuine.
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

    if (!isEpochSeconds(timestampText)) {
      throw f.fail(
          Reason.MALFORMED_TIMESTAMP,
          "Wechatpay-Timestamp " + printable(timestampText) + " is not epoch seconds",
          null);
    }
    long timestamp = Long.parseLong(timestampText);
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

    if (!isSerialShaped(serial)) {
      throw f.fail(
          Reason.MALFORMED_SERIAL,
          "Wechatpay-Serial "
              + printable(serial)
              + " is not a serial: WeChat Pay sends a platform-certificate serial (hex) or a"
              + " public-key ID (PUB_KEY_ID_…), 1 to "
              + MAX_SERIAL_LENGTH
              + " printable characters without spaces",
          null);
    }

    if (probe) {
      throw f.fail(
          Reason.BAD_SIGNATURE,
          "the signature is a WECHATPAY/SIGNTEST/ probe: WeChat Pay sent a wrong signature on"
              + " purpose to check that signatures are verified; this failure is expected and rare",
          null);
    }

    byte[] signatureBytes = signatureBytes(signature, f);

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
    if (key instanceof RSAPublicKey) {
      int modulusBytes = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8;
      if (signatureBytes.length != modulusBytes) {
        throw f.fail(
            Reason.MALFORMED_SIGNATURE,
            "Wechatpay-Signature has "
                + signatureBytes.length
                + " bytes, but a signature by the "
                + modulusBytes * 8
                + "-bit key of Wechatpay-Serial "
                + serial
                + " has "
                + modulusBytes,
            null);
      }
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

  /**
   * The signature, Base64-decoded, if it can be an RSA signature by a key of {@value #MIN_RSA_BITS}
   * to {@value #MAX_RSA_BITS} bits: the length is checked on the text before decoding and on the
   * bytes after.
   */
  private static byte[] signatureBytes(String signature, Failure f) {
    int minBytes = MIN_RSA_BITS / 8;
    int maxBytes = MAX_RSA_BITS / 8;
    if (signature.length() > (maxBytes + 2) / 3 * 4) {
      throw f.fail(
          Reason.MALFORMED_SIGNATURE,
          "Wechatpay-Signature has "
              + signature.length()
              + " characters, more than the Base64 of a "
              + MAX_RSA_BITS
              + "-bit RSA signature",
          null);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw f.fail(Reason.MALFORMED_SIGNATURE, "Wechatpay-Signature is not Base64", null);
    }
    if (bytes.length < minBytes) {
      throw f.fail(
          Reason.MALFORMED_SIGNATURE,
          "Wechatpay-Signature has "
              + bytes.length
              + " bytes, fewer than the "
              + minBytes
              + " of an RSA signature by a key of "
              + MIN_RSA_BITS
              + " bits or more (WECHATPAY2-SHA256-RSA2048)",
          null);
    }
    return bytes;
  }

  /** 1 to {@value #MAX_SERIAL_LENGTH} printable ASCII characters other than space. */
  private static boolean isSerialShaped(String serial) {
    if (serial.length() > MAX_SERIAL_LENGTH) {
      return false;
    }
    for (int i = 0; i < serial.length(); i++) {
      char c = serial.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    return true;
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

  /** Header values are untrusted input: quoted, one printable line, at most 64 characters. */
  public static String printable(String value) {
    return ServerText.quote(value, MAX_SERIAL_LENGTH);
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
