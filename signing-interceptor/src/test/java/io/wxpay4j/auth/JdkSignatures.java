package io.wxpay4j.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import mockwebserver3.MockResponse;

/**
 * The "server side" of tests: signs responses and checks request signatures with the JDK's {@link
 * Signature} directly, never with wxpay4j code, so a symmetric bug cannot cancel out.
 */
final class JdkSignatures {
  private JdkSignatures() {}

  static String sign(PrivateKey key, String message) {
    return sign(key, message.getBytes(StandardCharsets.UTF_8));
  }

  static String sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(message);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static boolean verify(PublicKey key, byte[] message, String base64Signature) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(message);
      return s.verify(Base64.getDecoder().decode(base64Signature));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** A response signed with {@code key} over {@code timestamp\nnonce\nbody\n}. */
  static MockResponse.Builder signedResponse(
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
