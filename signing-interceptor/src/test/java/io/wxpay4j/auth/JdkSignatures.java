package io.wxpay4j.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The "server side" of tests: signs responses and checks request signatures with the JDK's {@link
 * Signature} directly, never with wxpay4j code, so a symmetric bug cannot cancel out.
 */
public final class JdkSignatures {
  private JdkSignatures() {}

  public static String sign(PrivateKey key, String message) {
    return sign(key, message.getBytes(StandardCharsets.UTF_8));
  }

  public static String sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(message);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  public static boolean verify(PublicKey key, byte[] message, String base64Signature) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(message);
      return s.verify(Base64.getDecoder().decode(base64Signature));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** The value of {@code name="…"} in an {@code Authorization} header. */
  public static String authorizationField(String authorization, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[ ,]" + name + "=\"([^\"]*)\"").matcher(authorization);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in the Authorization header");
    }
    return m.group(1);
  }

  /**
   * True if the request the server received carries a signature by {@code merchantKey} over the
   * method, target, timestamp, nonce and body exactly as received: what WeChat Pay checks.
   */
  public static boolean requestSignedBy(PublicKey merchantKey, RecordedRequest recorded) {
    String authorization = recorded.getHeaders().get("Authorization");
    if (authorization == null) {
      return false;
    }
    byte[] head =
        (recorded.getMethod()
                + "\n"
                + recorded.getTarget()
                + "\n"
                + authorizationField(authorization, "timestamp")
                + "\n"
                + authorizationField(authorization, "nonce_str")
                + "\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] body = recorded.getBody() == null ? new byte[0] : recorded.getBody().toByteArray();
    byte[] message = new byte[head.length + body.length + 1];
    System.arraycopy(head, 0, message, 0, head.length);
    System.arraycopy(body, 0, message, head.length, body.length);
    message[message.length - 1] = '\n';
    return verify(merchantKey, message, authorizationField(authorization, "signature"));
  }

  /** A response signed with {@code key} over {@code timestamp\nnonce\nbody\n}. */
  public static MockResponse.Builder signedResponse(
      int code, String body, PrivateKey key, String serial, long timestamp) {
    String nonce = "n" + Long.toHexString(timestamp) + Integer.toHexString(body.hashCode());
    String signature = sign(key, timestamp + "\n" + nonce + "\n" + body + "\n");
    return new MockResponse.Builder()
        .code(code)
        .body(body)
        .addHeader("Content-Type", "application/json")
        .addHeader("Request-ID", "08F0A2B3C4D5E6-" + timestamp)
        .addHeader("Wechatpay-Timestamp", Long.toString(timestamp))
        .addHeader("Wechatpay-Nonce", nonce)
        .addHeader("Wechatpay-Signature", signature)
        .addHeader("Wechatpay-Serial", serial)
        .addHeader("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
  }
}
