package io.wxpay4j.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Signs answers and notifications: {@code timestamp\nnonce\nbody\n} with SHA256withRSA, sent as the
 * {@code Wechatpay-*} headers with WeChat Pay's exact header-name case. Signature faults are
 * applied here.
 */
final class ResponseSigner {
  static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";
  private static final Duration STALE = Duration.ofMinutes(10);

  private final Crypto crypto;

  ResponseSigner(Crypto crypto) {
    this.crypto = crypto;
  }

  static byte[] message(String timestamp, String nonce, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    out.writeBytes((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    out.write('\n');
    return out.toByteArray();
  }

  Map<String, String> sign(
      KeyRing.SigningKey key, byte[] body, Instant now, @Nullable Fault fault) {
    Instant signedAt = fault == Fault.STALE_TIMESTAMP ? now.minus(STALE) : now;
    String timestamp = Long.toString(signedAt.getEpochSecond());
    String nonce = crypto.randomHex(32).toUpperCase(Locale.ROOT);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Nonce", nonce);
    if (fault == Fault.PROBE_SIGNATURE) {
      headers.put(
          "Wechatpay-Signature",
          PROBE_PREFIX + Base64.getEncoder().encodeToString(crypto.randomBytes(240)));
    } else if (fault != Fault.MISSING_SIGNATURE) {
      headers.put(
          "Wechatpay-Signature", Crypto.sign(key.privateKey, message(timestamp, nonce, body)));
    }
    headers.put("Wechatpay-Timestamp", timestamp);
    String serial = key.serial;
    if (fault == Fault.UNKNOWN_SERIAL) {
      serial =
          serial.startsWith("PUB_KEY_ID_")
              ? "PUB_KEY_ID_" + crypto.randomDigits(serial.length() - "PUB_KEY_ID_".length())
              : crypto.randomHex(40).toUpperCase(Locale.ROOT);
    }
    headers.put("Wechatpay-Serial", serial);
    headers.put("Wechatpay-Signature-Type", Crypto.SIGNATURE_TYPE);
    return headers;
  }
}
