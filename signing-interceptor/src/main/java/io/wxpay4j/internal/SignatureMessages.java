package io.wxpay4j.internal;

import java.nio.charset.StandardCharsets;

/**
 * The exact byte strings WeChat Pay signs: every line ends in a single {@code \n}, including the
 * last one, and a value that itself ends in {@code \n} still gets its own terminator.
 */
public final class SignatureMessages {
  private SignatureMessages() {}

  /**
   * {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n} for the request {@code Authorization} signature.
   */
  public static byte[] request(
      String method, String canonicalUrl, long timestamp, String nonce, byte[] body) {
    return lines(
        utf8(method), utf8(canonicalUrl), utf8(Long.toString(timestamp)), utf8(nonce), body);
  }

  /** {@code TIMESTAMP\nNONCE\nBODY\n} for response and notification signatures. */
  public static byte[] response(String timestamp, String nonce, byte[] body) {
    return lines(utf8(timestamp), utf8(nonce), body);
  }

  /** Any number of lines, each terminated by {@code \n}: used by the front-end pay signatures. */
  public static byte[] lines(String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = utf8(values[i]);
    }
    return lines(bytes);
  }

  /** The {@code values}, each followed by {@code \n}, in one array of exactly the right size. */
  public static byte[] lines(byte[]... values) {
    int size = values.length;
    for (byte[] value : values) {
      size += value.length;
    }
    byte[] out =
        new byte[size]; // one exact allocation: messages carry whole request and response bodies
    int at = 0;
    for (byte[] value : values) {
      System.arraycopy(value, 0, out, at, value.length);
      at += value.length;
      out[at++] = '\n';
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
