package io.wxpay4j.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code Authorization: WECHATPAY2-SHA256-RSA2048 …} header of a request, strictly: the
 * five items, the merchant, the certificate serial, the timestamp window (under 300 s either way)
 * and the SHA256withRSA signature over {@code METHOD\nURL\ntimestamp\nnonce\nbody\n}, where URL is
 * the request target exactly as received (encoded path plus raw query) and body the exact bytes
 * received.
 */
final class Authenticator {
  static final long MAX_SKEW_SECONDS = 300;
  private static final String SCHEME = Crypto.SIGNATURE_TYPE + " ";
  private static final Pattern ITEM = Pattern.compile("\\s*([a-z_]+)=\"([^\"]*)\"\\s*");
  private static final Set<String> ITEMS =
      Set.of("mchid", "nonce_str", "timestamp", "serial_no", "signature");

  private final String merchantId;
  private final String merchantSerial;
  private final PublicKey merchantPublicKey;

  Authenticator(String merchantId, String merchantSerial, PublicKey merchantPublicKey) {
    this.merchantId = merchantId;
    this.merchantSerial = merchantSerial;
    this.merchantPublicKey = merchantPublicKey;
  }

  /** Returns the authenticated {@code mchid}. */
  String authenticate(
      @Nullable String authorization, String method, String target, byte[] body, Instant now)
      throws ApiError {
    if (authorization == null || authorization.isEmpty()) {
      throw ApiError.signError("missing Authorization header");
    }
    if (!authorization.startsWith(SCHEME)) {
      throw ApiError.signError(
          "Authorization must start with \"" + Crypto.SIGNATURE_TYPE + "\" and one space");
    }
    Map<String, String> items = new LinkedHashMap<>();
    for (String part : authorization.substring(SCHEME.length()).split(",", -1)) {
      Matcher matcher = ITEM.matcher(part);
      if (!matcher.matches()) {
        throw ApiError.signError(
            "unparseable Authorization item; expected key=\"value\" items separated by commas");
      }
      String key = matcher.group(1);
      if (!ITEMS.contains(key)) {
        throw ApiError.signError("unknown Authorization item " + key);
      }
      if (items.put(key, matcher.group(2)) != null) {
        throw ApiError.signError("Authorization item " + key + " appears twice");
      }
    }
    for (String key : ITEMS) {
      if (items.getOrDefault(key, "").isEmpty()) {
        throw ApiError.signError("Authorization lacks " + key + "=\"…\"");
      }
    }
    String mchid = items.get("mchid");
    if (!mchid.equals(merchantId)) {
      throw new ApiError(400, "MCH_NOT_EXISTS", "商户号不存在 (unknown mchid " + mchid + ")");
    }
    String serial = items.get("serial_no");
    if (!serial.equalsIgnoreCase(merchantSerial)) {
      throw ApiError.signError(
          "serial_no "
              + serial
              + " is not a merchant API certificate of "
              + mchid
              + " (known: "
              + merchantSerial
              + ")");
    }
    String timestamp = items.get("timestamp");
    if (!timestamp.matches("[0-9]{1,12}")) {
      throw ApiError.signError("timestamp must be Unix epoch seconds, got " + timestamp);
    }
    long skew = Long.parseLong(timestamp) - now.getEpochSecond();
    if (Math.abs(skew) >= MAX_SKEW_SECONDS) {
      throw ApiError.signError(
          "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟 (timestamp "
              + timestamp
              + " is "
              + skew
              + " s from the server clock "
              + now.getEpochSecond()
              + ")");
    }
    String nonce = items.get("nonce_str");
    byte[] message = message(method, target, timestamp, nonce, body);
    if (!Crypto.verify(merchantPublicKey, message, items.get("signature"))) {
      throw ApiError.signError(
          "signature does not verify with certificate "
              + merchantSerial
              + " over the message \""
              + method
              + "\\n"
              + target
              + "\\n"
              + timestamp
              + "\\n"
              + nonce
              + "\\n<"
              + body.length
              + " body bytes>\\n\"");
    }
    return mchid;
  }

  static byte[] message(String method, String target, String timestamp, String nonce, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 128);
    out.writeBytes(
        (method + "\n" + target + "\n" + timestamp + "\n" + nonce + "\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    out.write('\n');
    return out.toByteArray();
  }
}
